// A mistake in the command line itself: Ansible exits 5 for option errors (AnsibleOptionsError)
// and 2 for what argparse rejects (an unknown option, a value of the wrong type).
export class UsageError extends Error {
  constructor(
    message: string,
    readonly exitCode = 5,
  ) {
    super(message);
  }
}
