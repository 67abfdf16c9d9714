// The local connection with become (ansible_connection=local, become: true): Ansible's local
// plugin runs every command through the become plugin as the SSH plugin does (ActionBase
// _low_level_execute_command wraps it in `sudo … /bin/sh -c '…'`), so files and commands are the
// become user's. Here this is SshConnection over an SshSession whose "client" starts local
// processes: each channel is `/bin/sh -c COMMAND` in the play's directory (the local plugin's
// cwd), with the same become wrapping, password prompt handshake and pooled shells as over SSH.
import { spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { connect } from 'node:net';
import type { Duplex, Readable } from 'node:stream';
import type { Client } from './ssh-client.js';
import { SshConnection } from './ssh.js';
import { SshSession } from './ssh-session.js';
import type { Become } from './become.js';
import { exitCodeOf, killGroup } from './local.js';

/** One local process seen as an ssh2 channel: stdout's data, stderr, stdin, 'close' with the exit code. */
export class LocalChannel extends EventEmitter {
  readonly stderr: Readable;
  private readonly child: ChildProcess;

  constructor(command: string, cwd?: string) {
    super();
    // its own process group: close() reaches what the command started, as sshd's hangup does
    this.child = spawn('/bin/sh', ['-c', command], { cwd, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    const { stdout, stderr, stdin } = this.child;
    if (!stdout || !stderr || !stdin) throw new Error('a local process without its pipes');
    this.stderr = stderr;
    stdout.on('data', (d: Buffer | string) => this.emit('data', d));
    // a command that exits without reading its stdin (EPIPE) has still run: its exit code says how
    stdin.on('error', () => undefined);
    let closed = false;
    const close = (code: number): void => {
      if (!closed) this.emit('close', code);
      closed = true;
    };
    // a process that cannot start (the play's directory gone): the shell's 127, its reason on stderr
    this.child.on('error', (e) => {
      stderr.emit('data', Buffer.from(`${e.message}\n`));
      close(127);
    });
    // a signal reads as the local connection without become reports it
    this.child.on('close', (code, signal) => close(exitCodeOf(code, signal)));
  }

  setEncoding(encoding: BufferEncoding): this {
    this.child.stdout?.setEncoding(encoding);
    return this;
  }

  write(data: Buffer | string): boolean {
    return this.child.stdin?.write(data) ?? false;
  }

  end(data?: Buffer | string): this {
    if (data === undefined) this.child.stdin?.end();
    else this.child.stdin?.end(data);
    return this;
  }

  close(): void {
    killGroup(this.child);
  }
}

/** The part of ssh2's Client an SshSession uses, for processes on this machine. */
class LocalClient extends EventEmitter {
  constructor(private readonly cwd?: string) {
    super();
  }

  exec(command: string, done: (err: Error | undefined, channel: LocalChannel) => void): void {
    done(undefined, new LocalChannel(command, this.cwd));
  }

  forwardOut(_srcIp: string, _srcPort: number, host: string, port: number, done: (err?: Error, s?: Duplex) => void) {
    const sock = connect(port, host);
    sock.once('connect', () => done(undefined, sock));
    sock.once('error', (e) => done(e));
  }

  openssh_forwardOutStreamLocal(path: string, done: (err?: Error, s?: Duplex) => void) {
    const sock = connect(path);
    sock.once('connect', () => done(undefined, sock));
    sock.once('error', (e) => done(e));
  }

  end(): void {
    // nothing stays open but the pooled shells, which the session ends
  }
}

/** The processes of one local host and play directory, shared by its tasks that become. */
export function localSession(host: string, cwd?: string): SshSession {
  return new SshSession(new LocalClient(cwd) as unknown as Client, host);
}

/** The local connection of a task with become: SshConnection's commands over `session`. */
export class LocalBecomeConnection extends SshConnection {
  readonly local = true;

  constructor(host: string, session: SshSession, become: Become) {
    super(host, () => Promise.resolve(session), become);
  }
}
