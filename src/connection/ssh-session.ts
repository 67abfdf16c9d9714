// One SSH connection to a host, shared by every task (ECOSYSTEM.md §2.5): at most 8 channels
// at a time; commands go through long-lived /bin/sh channels (one pool per become-user), each
// command framed by unique markers on both streams — a round trip instead of an sshd session
// per task; `exec` channels for transfers and commands fed on stdin.
import { randomBytes } from 'node:crypto';
import type { Duplex } from 'node:stream';
import type { ClientChannel } from 'ssh2';
import { shellQuote } from '../util/index.js';
import { HostUnreachable, RemoteError, VIA_SSH } from './errors.js';
import { BecomeHandshake, becomeKey, wrapBecome, type Become } from './become.js';
import { Semaphore } from './semaphore.js';
import type { Client } from './ssh-client.js';
import { KEPT_FDS } from './types.js';

export interface RawResult {
  exitCode: number;
  stdout: Buffer;
  stderr: Buffer;
}
export interface ShellResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export const MAX_CHANNELS = 8;
// Shells stay open; keep channels free for transfers next to them.
const MAX_SHELLS = 4;

/** `export K='v'; … cd DIR && ` — a command's environment and working directory, as shell text. */
export function envAndCwd(opts: { cwd?: string; env?: Record<string, string> }): string {
  const env = Object.entries(opts.env ?? {})
    .map(([k, v]) => `export ${k}=${shellQuote(v)}; `)
    .join('');
  return `${env}${opts.cwd ? `cd ${shellQuote(opts.cwd)} && ` : ''}`;
}

/**
 * How a pooled shell runs one command: `inPlace` true is a simple command whose program is named
 * by a path; `program` is a shell program written to run in the shell itself (ExecOptions.inShell).
 */
export interface FrameOptions {
  cwd?: string;
  env?: Record<string, string>;
  inPlace?: boolean | 'program';
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Whether a command can run in the pooled shell itself, without a subshell (see `framed`). */
export function runsInPlace(argv: readonly string[], opts: { cwd?: string; env?: Record<string, string> }): boolean {
  return Boolean(argv[0]?.includes('/')) && !opts.cwd && Object.keys(opts.env ?? {}).every((k) => NAME.test(k));
}

/**
 * KEPT_FDS closed for every command but a shell program, so a daemon a task starts does not hold
 * them (nor keep stat's file(1) helper alive past the shell's end).
 */
const CLOSE_KEPT = `${KEPT_FDS.to}>&- ${KEPT_FDS.from}>&-`;

/**
 * The script a shell runs for one command: a subshell with its own cwd and environment, so
 * nothing it does (cd, exit, variables, umask, traps) reaches the next command. A program named
 * by a path with no cwd runs in place instead (`K='v' /bin/true`): POSIX runs such a command in
 * a separate utility environment (XCU 2.9.1: no function or builtin is looked up when the name
 * has a slash, the assignments reach only its environment), so the shell is left as it was and
 * the host forks once, not twice — a subshell is a whole fork of the shell, which costs the host
 * more than the program it runs (1.8 of 4.5 ms of host CPU per `/bin/true` task on the bench).
 * A shell program (`program`) defines its function and calls it, in place too.
 */
export function framed(command: string, tag: string, opts: FrameOptions): string {
  const run =
    opts.inPlace === 'program'
      ? `${command} </dev/null`
      : opts.inPlace
        ? `${Object.entries(opts.env ?? {})
            .map(([k, v]) => `${k}=${shellQuote(v)} `)
            .join('')}${command} </dev/null ${CLOSE_KEPT}`
        : `( ${envAndCwd(opts)}eval ${shellQuote(command)} ) </dev/null ${CLOSE_KEPT}`;
  return `${run}; __rb=$?; printf '\\n@@RB%s:%d@@\\n' '${tag}' "$__rb"; printf '\\n@@RB%s@@\\n' '${tag}' >&2\n`;
}

class Shell {
  private out = '';
  private err = '';
  private job: { tag: string; resolve: (r: ShellResult) => void; reject: (e: Error) => void } | undefined;
  private seq = 0;
  private readonly id = randomBytes(6).toString('hex');
  dead: Error | undefined;

  constructor(
    private readonly channel: ClientChannel,
    private readonly onClose: (s: Shell) => void,
  ) {
    channel.setEncoding('utf8');
    channel.stderr.setEncoding('utf8');
    channel.on('data', (d: string) => {
      this.out += d;
      this.check();
    });
    channel.stderr.on('data', (d: string) => {
      this.err += d;
      this.check();
    });
    channel.on('close', () => {
      this.dead ??= new Error('shell channel closed');
      this.job?.reject(this.dead);
      this.job = undefined;
      onClose(this);
    });
  }

  /** Settles the job once both end markers are in (string searches: this runs on every chunk). */
  private check(): void {
    const job = this.job;
    if (!job) return;
    const e = this.err.indexOf(`\n@@RB${job.tag}@@\n`);
    if (e < 0) return;
    const head = `\n@@RB${job.tag}:`;
    const at = this.out.indexOf(head);
    const end = at < 0 ? -1 : this.out.indexOf('@@\n', at + head.length);
    if (end < 0) return;
    const code = this.out.slice(at + head.length, end);
    const result = { exitCode: Number(code), stdout: this.out.slice(0, at), stderr: this.err.slice(0, e) };
    this.out = this.out.slice(end + 3);
    this.err = this.err.slice(e + job.tag.length + 8);
    this.job = undefined;
    job.resolve(result);
  }

  run(command: string, opts: FrameOptions): Promise<ShellResult> {
    if (this.dead) return Promise.reject(this.dead);
    const tag = `${this.id}${++this.seq}`;
    return new Promise((resolve, reject) => {
      this.job = { tag, resolve, reject };
      this.channel.write(framed(command, tag, opts));
    });
  }

  close(): void {
    this.channel.end('exit\n');
  }
}

export class SshSession {
  private readonly sem = new Semaphore(MAX_CHANNELS);
  private readonly idle = new Map<string, Shell[]>();
  private readonly shellCount = new Map<string, number>();
  private readonly waiters = new Map<string, ((s: Shell | undefined) => void)[]>();
  dead: HostUnreachable | undefined;

  constructor(
    readonly client: Client,
    readonly address: string,
    private readonly jumps: Client[] = [],
  ) {
    const lost = (): void => {
      this.dead ??= new HostUnreachable(VIA_SSH + `Shared connection to ${address} closed.`);
    };
    client.on('close', lost);
    client.on('error', (e: Error) => {
      this.dead ??= new HostUnreachable(
        VIA_SSH +
          (/keepalive/i.test(e.message)
            ? `Timeout, server ${address} not responding.`
            : `Shared connection to ${address} closed: ${e.message}`),
      );
    });
  }

  private openChannel(command: string): Promise<ClientChannel> {
    return new Promise((res, rej) => {
      if (this.dead) {
        rej(this.dead);
        return;
      }
      this.client.exec(command, (err, ch) =>
        err ? rej(this.dead ?? new HostUnreachable(VIA_SSH + `${this.address}: ${err.message}`)) : res(ch),
      );
    });
  }

  /**
   * A channel slot. Idle shells hold slots for good, so when none is free one idle shell (of any
   * become-user) is closed to make room — otherwise shells of other users could starve a
   * transfer or a new user's shell for ever.
   */
  private async slot(): Promise<void> {
    if (this.sem.tryAcquire()) return;
    for (const [key, list] of this.idle) {
      const victim = list.shift();
      if (!victim) continue;
      this.idle.set(key, list);
      victim.close();
      break;
    }
    await this.sem.acquire();
  }

  /** A forwarded channel to a port or socket on the host (its slot is freed when it closes). */
  async forward(target: { host: string; port: number } | { socket: string }): Promise<Duplex> {
    await this.slot();
    const ch = await new Promise<ClientChannel>((res, rej) => {
      const done = (err: Error | undefined, stream: ClientChannel): void =>
        err
          ? rej(
              new RemoteError(
                `${this.address}: cannot reach ${'socket' in target ? target.socket : `${target.host}:${target.port}`}: ${err.message}`,
              ),
            )
          : res(stream);
      if (this.dead) rej(this.dead);
      else if ('socket' in target) this.client.openssh_forwardOutStreamLocal(target.socket, done);
      else this.client.forwardOut('127.0.0.1', 0, target.host, target.port, done);
    }).catch((e: unknown) => {
      this.sem.release();
      throw e;
    });
    ch.once('close', () => this.sem.release());
    return ch;
  }

  /** An exec channel: stdin written after become's handshake; binary output. */
  async exec(command: string, opts: { stdin?: Buffer | string; become?: Become } = {}): Promise<RawResult> {
    await this.slot();
    try {
      const w = opts.become ? wrapBecome(opts.become, command) : undefined;
      const ch = await this.openChannel(w ? w.command : command);
      return await new Promise<RawResult>((resolve, reject) => {
        const out: Buffer[] = [];
        const err: Buffer[] = [];
        const hs = w && opts.become ? new BecomeHandshake(opts.become, w, (line) => ch.write(line)) : undefined;
        const start = (): void => {
          if (opts.stdin !== undefined) ch.end(opts.stdin);
          else ch.end();
        };
        const feed = (stream: 'out' | 'err', d: Buffer): void => {
          if (!hs || hs.done) {
            (stream === 'out' ? out : err).push(d);
            return;
          }
          try {
            const rest = hs.feed(stream, d.toString('utf8'));
            if (rest !== undefined) {
              out.push(Buffer.from(rest, 'utf8'));
              start();
            }
          } catch (e) {
            ch.close();
            reject(e instanceof Error ? e : new Error(String(e)));
          }
        };
        ch.on('data', (d: Buffer) => feed('out', d));
        ch.stderr.on('data', (d: Buffer) => feed('err', d));
        // ssh2 passes the exit status to 'close' (null with a signal, or when none came).
        ch.on('close', (exitCode: number | null | undefined) => {
          const code = exitCode ?? 255;
          if (hs && !hs.done) reject(this.dead ?? hs.failure(code));
          else if (this.dead && exitCode == null) reject(this.dead);
          else resolve({ exitCode: code, stdout: Buffer.concat(out), stderr: Buffer.concat(err) });
        });
        if (!hs) start();
      });
    } finally {
      this.sem.release();
    }
  }

  /** Runs a command line in a pooled shell for this become-user. */
  async run(command: string, opts: FrameOptions & { become?: Become } = {}): Promise<ShellResult> {
    const shell = await this.shell(opts.become);
    try {
      return await shell.run(command, opts);
    } catch (e) {
      throw this.dead ?? e;
    } finally {
      this.giveBack(becomeKey(opts.become), shell);
    }
  }

  private giveBack(key: string, shell: Shell): void {
    if (shell.dead) return;
    const next = this.waiters.get(key)?.shift();
    if (next) next(shell);
    else this.idle.set(key, [...(this.idle.get(key) ?? []), shell]);
  }

  private async shell(b: Become | undefined): Promise<Shell> {
    const key = becomeKey(b);
    const ready = this.idle.get(key)?.pop();
    if (ready) return ready;
    const count = this.shellCount.get(key) ?? 0;
    if (count < MAX_SHELLS) {
      this.shellCount.set(key, count + 1);
      await this.slot();
      try {
        return await this.openShell(b, key);
      } catch (e) {
        this.shellCount.set(key, (this.shellCount.get(key) ?? 1) - 1);
        this.sem.release();
        throw e;
      }
    }
    const shell = await new Promise<Shell | undefined>((res) =>
      this.waiters.set(key, [...(this.waiters.get(key) ?? []), res]),
    );
    return shell ?? this.shell(b);
  }

  private async openShell(b: Become | undefined, key: string): Promise<Shell> {
    const w = b ? wrapBecome(b, 'exec /bin/sh') : undefined;
    const ch = await this.openChannel(w ? w.command : '/bin/sh');
    if (w && b) await this.handshake(ch, b, w);
    return new Shell(ch, () => {
      this.shellCount.set(key, (this.shellCount.get(key) ?? 1) - 1);
      this.idle.set(
        key,
        (this.idle.get(key) ?? []).filter((s) => !s.dead),
      );
      this.sem.release();
      this.waiters.get(key)?.shift()?.(undefined);
    });
  }

  private handshake(ch: ClientChannel, b: Become, w: ReturnType<typeof wrapBecome>): Promise<void> {
    return new Promise((resolve, reject) => {
      const hs = new BecomeHandshake(b, w, (line) => ch.write(line));
      const done = (): void => {
        ch.removeListener('data', onOut);
        ch.stderr.removeListener('data', onErr);
        ch.removeListener('close', onClose);
      };
      const on =
        (stream: 'out' | 'err') =>
        (d: Buffer): void => {
          try {
            if (hs.feed(stream, d.toString('utf8')) !== undefined) {
              done();
              resolve();
            }
          } catch (e) {
            done();
            ch.close();
            reject(e instanceof Error ? e : new Error(String(e)));
          }
        };
      const onOut = on('out');
      const onErr = on('err');
      const onClose = (): void => {
        done();
        reject(this.dead ?? hs.failure(1));
      };
      ch.on('data', onOut);
      ch.stderr.on('data', onErr);
      ch.on('close', onClose);
    });
  }

  close(): void {
    for (const list of this.idle.values()) for (const s of list) s.close();
    this.client.end();
    for (const j of this.jumps) j.end();
  }
}
