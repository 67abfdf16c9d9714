// Connection failures. A host that cannot be reached: the task's result is UNREACHABLE, not
// failed. A become failure (wrong or missing password) fails the task with Ansible's message.
import { RunbookError } from '../util/index.js';

export class HostUnreachable extends Error {}

export class BecomeError extends RunbookError {}

/** A file operation on the host failed (its command's stderr, or its exit code): the task fails. */
export class RemoteError extends RunbookError {}

/** Ansible's UNREACHABLE message is this prefix and what ssh printed. */
export const VIA_SSH = 'Failed to connect to the host via ssh: ';
