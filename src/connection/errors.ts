// A host that cannot be reached: the task's result is UNREACHABLE, not failed.
export class HostUnreachable extends Error {}
