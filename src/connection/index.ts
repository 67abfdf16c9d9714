// Connections to hosts.
export type { Connection, ExecResult, ExecOptions, FileStat } from './types.js';
export { KEPT_FDS } from './types.js';
export { LocalConnection } from './local.js';
export { establishLine, verboseConnection, type ExecShown } from './verbose.js';
export { HostUnreachable, BecomeError, RemoteError } from './errors.js';
export { SshPool } from './ssh-pool.js';
export { parseStat, SshConnection } from './ssh.js';
export { SshSession } from './ssh-session.js';
export { localSession, LocalBecomeConnection } from './local-client.js';
export { sshSpec, type SshSpec, type SpecDefaults } from './spec.js';
export type { Become } from './become.js';
