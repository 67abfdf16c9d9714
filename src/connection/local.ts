// The local connection (ansible_connection=local): commands through /bin/sh on this
// machine, files through node:fs; writes are atomic (temp file + rename).
import type { Duplex } from 'node:stream';
import { connect } from 'node:net';
import { spawn } from 'node:child_process';
import { promises as fs, constants } from 'node:fs';
import { dirname, basename, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Connection, ExecOptions, ExecResult, FileStat } from './types.js';

/** Kills a child started `detached` and what it started (its process group). */
export function killGroup(child: ReturnType<typeof spawn>): void {
  try {
    if (child.pid) process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}

/** A local process's exit code; one ended by a signal reads as killed (128 + 9). */
export function exitCodeOf(code: number | null, signal: NodeJS.Signals | null): number {
  return code ?? (signal ? 128 + 9 : 1);
}

function run(file: string, args: string[], options: ExecOptions = {}): Promise<ExecResult> {
  return new Promise((resolve) => {
    const child = spawn(file, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: [options.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      // a command with a deadline gets its own process group, so the kill reaches what it started
      detached: options.timeoutMs !== undefined,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on('data', (d: Buffer) => out.push(d));
    child.stderr?.on('data', (d: Buffer) => err.push(d));
    const timer = options.timeoutMs ? setTimeout(() => killGroup(child), options.timeoutMs) : undefined;
    // A command that exits without reading its stdin (EPIPE) has still run: its exit code says how.
    child.stdin?.on('error', () => undefined);
    if (options.stdin !== undefined) child.stdin?.end(options.stdin);
    child.on('error', (e) => {
      if (timer) clearTimeout(timer);
      resolve({ exitCode: 127, stdout: '', stderr: e.message });
    });
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({
        exitCode: exitCodeOf(code, signal),
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
  });
}

export class LocalConnection implements Connection {
  readonly local = true;

  forward(target: { host: string; port: number } | { socket: string }): Promise<Duplex> {
    return new Promise((res, rej) => {
      const sock = 'socket' in target ? connect(target.socket) : connect(target.port, target.host);
      sock.once('connect', () => res(sock));
      sock.once('error', rej);
    });
  }

  /**
   * `workdir`: where commands run and relative paths point — the playbook's directory, as
   * ActionBase._low_level_execute_command sets the local connection's cwd to the loader's basedir
   * (a module's `dest: out.txt` lands beside the playbook, not in the directory runbook started in).
   */
  constructor(
    readonly host: string,
    private readonly workdir?: string,
  ) {}

  private at(path: string): string {
    return this.workdir ? resolve(this.workdir, path) : path;
  }

  private options(options: ExecOptions = {}): ExecOptions {
    const cwd = options.cwd === undefined ? this.workdir : this.at(options.cwd);
    return cwd === undefined ? options : { ...options, cwd };
  }

  exec(command: string, options?: ExecOptions): Promise<ExecResult> {
    return run('/bin/sh', ['-c', command], this.options(options));
  }

  execArgv(argv: string[], options?: ExecOptions): Promise<ExecResult> {
    const [file = '', ...args] = argv;
    return run(file, args, this.options(options));
  }

  async stat(given: string, follow = false): Promise<FileStat> {
    const path = this.at(given);
    try {
      const st = follow ? await fs.stat(path) : await fs.lstat(path);
      const linkTarget = st.isSymbolicLink() ? await fs.readlink(path) : undefined;
      return {
        exists: true,
        isDir: st.isDirectory(),
        isFile: st.isFile(),
        isLink: st.isSymbolicLink(),
        mode: st.mode & 0o7777,
        size: st.size,
        uid: st.uid,
        gid: st.gid,
        mtime: st.mtimeMs / 1000,
        ...(linkTarget !== undefined ? { linkTarget } : {}),
      };
    } catch {
      return { exists: false, isDir: false, isFile: false, isLink: false, mode: 0, size: 0, uid: 0, gid: 0, mtime: 0 };
    }
  }

  readFile(path: string): Promise<Buffer> {
    return fs.readFile(this.at(path));
  }

  async writeFileAtomic(given: string, data: Buffer | string, mode?: number): Promise<void> {
    const path = this.at(given);
    const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      await fs.writeFile(tmp, data, { mode: mode ?? 0o644 });
      if (mode !== undefined) await fs.chmod(tmp, mode);
      await fs.rename(tmp, path);
    } catch (err) {
      await fs.rm(tmp, { force: true });
      throw err;
    }
  }

  async mkdir(path: string, mode = 0o755): Promise<void> {
    await fs.mkdir(this.at(path), { recursive: true, mode });
  }

  chmod(path: string, mode: number): Promise<void> {
    return fs.chmod(this.at(path), mode);
  }

  remove(path: string, recursive: boolean): Promise<void> {
    return fs.rm(this.at(path), { recursive, force: true });
  }

  symlink(target: string, path: string): Promise<void> {
    return fs.symlink(target, this.at(path));
  }

  link(target: string, path: string): Promise<void> {
    return fs.link(this.at(target), this.at(path));
  }

  readdir(path: string): Promise<string[]> {
    return fs.readdir(this.at(path));
  }

  async touch(given: string): Promise<void> {
    const path = this.at(given);
    const now = new Date();
    try {
      await fs.utimes(path, now, now);
    } catch {
      await (await fs.open(path, constants.O_CREAT | constants.O_WRONLY, 0o644)).close();
    }
  }

  async close(): Promise<void> {
    // Nothing stays open.
  }
}
