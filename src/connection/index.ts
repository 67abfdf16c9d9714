// Connections to hosts.
export type { Connection, ExecResult, ExecOptions, FileStat } from './types.js';
export { LocalConnection } from './local.js';
export { HostUnreachable } from './errors.js';
