// The Connection interface: how runbook reaches a host. `local` runs on this machine; the
// SSH transport (next issue) implements the same interface.
import type { Duplex } from 'node:stream';

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface ExecOptions {
  /** Bytes for the command's stdin; none means /dev/null. */
  stdin?: string;
  cwd?: string;
  env?: Record<string, string>;
  timeoutMs?: number;
  /**
   * The command is a shell program written to run in the shell that reads it (`shellProgram`):
   * a function that returns, never exits, and leaves the shell as it found it. A connection
   * that keeps its shell (`keepsShell`) runs it there, without a subshell.
   */
  inShell?: boolean;
}

/**
 * The descriptors a program run `inShell` may leave open in a kept shell for the next one
 * (stat's file(1) helper: the shell writes to the first, reads from the second); the kept
 * shell closes them for every other command.
 */
export const KEPT_FDS = { to: 7, from: 8 } as const;

export interface FileStat {
  exists: boolean;
  isDir: boolean;
  isFile: boolean;
  isLink: boolean;
  mode: number;
  size: number;
  uid: number;
  gid: number;
  mtime: number;
  linkTarget?: string;
}

export interface Connection {
  readonly host: string;
  /** The local connection (this machine), with become or without. */
  readonly local?: boolean;
  /**
   * Programs run `inShell` share one long-lived shell between commands (SSH's pooled shells),
   * so a program may leave a helper there for the next one (stat's file(1) process).
   */
  readonly keepsShell?: boolean;
  /** Runs a shell command line with /bin/sh -c. */
  exec(command: string, options?: ExecOptions): Promise<ExecResult>;
  /** Runs a program with an argument vector, no shell. */
  execArgv(argv: string[], options?: ExecOptions): Promise<ExecResult>;
  stat(path: string, follow?: boolean): Promise<FileStat>;
  readFile(path: string): Promise<Buffer>;
  /** Writes through a temporary file in the same directory, then renames (atomic). */
  writeFileAtomic(path: string, data: Buffer | string, mode?: number): Promise<void>;
  mkdir(path: string, mode?: number): Promise<void>;
  chmod(path: string, mode: number): Promise<void>;
  remove(path: string, recursive: boolean): Promise<void>;
  symlink(target: string, path: string): Promise<void>;
  link(target: string, path: string): Promise<void>;
  readdir(path: string): Promise<string[]>;
  touch(path: string): Promise<void>;
  /**
   * A byte stream to a TCP port or a Unix socket as the host sees it (SSH: a direct-tcpip or
   * streamlocal channel of the host's connection), e.g. for a database client on the controller.
   */
  forward?(target: { host: string; port: number } | { socket: string }): Promise<Duplex>;
  /** Drops the transport so the next call connects afresh (reboot, wait_for_connection). */
  reset?(): Promise<void>;
  close(): Promise<void>;
}
