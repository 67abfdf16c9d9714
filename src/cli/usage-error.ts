// A mistake in the command line itself: Ansible exits 5 for option errors.
export class UsageError extends Error {
  readonly exitCode = 5;
}
