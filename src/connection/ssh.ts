// The SSH connection (ansible_connection=ssh): the Connection interface over a pooled
// SshSession, as one host and become-user see it. Files are read and written with plain POSIX
// tools (no Python on the target): writes stream over an exec channel's stdin into a temporary
// file in the destination directory, then `mv` renames it (atomic), keeping the old owner.
import type { Duplex } from 'node:stream';
import { posix } from 'node:path';
import { shellQuote as q } from '../util/index.js';
import type { Connection, ExecOptions, ExecResult, FileStat } from './types.js';
import { envAndCwd, runsInPlace, type FrameOptions, type SshSession } from './ssh-session.js';
import type { Become } from './become.js';
import { RemoteError } from './errors.js';

const MISSING: FileStat = {
  exists: false,
  isDir: false,
  isFile: false,
  isLink: false,
  mode: 0,
  size: 0,
  uid: 0,
  gid: 0,
  mtime: 0,
};

/** Parses `stat -c '%f|%s|%u|%g|%Y'` (raw mode in hex) plus a readlink line. */
export function parseStat(text: string): FileStat {
  const [line = '', link] = text.split('\n');
  if (line === 'MISSING') return MISSING;
  const [raw = '0', size = '0', uid = '0', gid = '0', mtime = '0'] = line.split('|');
  const mode = parseInt(raw, 16);
  const type = mode & 0o170000;
  return {
    exists: true,
    isDir: type === 0o040000,
    isFile: type === 0o100000,
    isLink: type === 0o120000,
    mode: mode & 0o7777,
    size: Number(size),
    uid: Number(uid),
    gid: Number(gid),
    mtime: Number(mtime),
    ...(type === 0o120000 && link !== undefined ? { linkTarget: link } : {}),
  };
}

export class SshConnection implements Connection {
  readonly keepsShell = true;

  constructor(
    readonly host: string,
    private readonly session: () => Promise<SshSession>,
    private readonly become?: Become,
    private readonly drop?: () => Promise<void>,
  ) {}

  async reset(): Promise<void> {
    await this.drop?.();
  }

  private with(command: string, timeoutMs?: number): string {
    return timeoutMs ? `timeout -k 1 ${Math.ceil(timeoutMs / 1000)} /bin/sh -c ${q(command)}` : command;
  }

  exec(command: string, options: ExecOptions = {}): Promise<ExecResult> {
    // an empty environment (a task without `environment:`) still lets a program run in place
    const env = Object.keys(options.env ?? {}).length > 0;
    const program = options.inShell && !options.timeoutMs && !options.cwd && !env;
    return this.run(this.with(command, options.timeoutMs), options, program ? 'program' : false);
  }

  /** A command line through a pooled shell (in place or in a subshell), or an exec channel for stdin. */
  private async run(cmd: string, options: ExecOptions, inPlace: FrameOptions['inPlace']): Promise<ExecResult> {
    const s = await this.session();
    if (options.stdin === undefined)
      return s.run(cmd, {
        inPlace,
        ...(this.become ? { become: this.become } : {}),
        ...(options.cwd ? { cwd: options.cwd } : {}),
        ...(options.env ? { env: options.env } : {}),
      });
    const r = await s.exec(`${envAndCwd(options)}${cmd}`, {
      stdin: options.stdin,
      ...(this.become ? { become: this.become } : {}),
    });
    return { exitCode: r.exitCode, stdout: r.stdout.toString('utf8'), stderr: r.stderr.toString('utf8') };
  }

  async forward(target: { host: string; port: number } | { socket: string }): Promise<Duplex> {
    return (await this.session()).forward(target);
  }

  // command.py runs argv with subprocess, no shell: `echo` is /bin/echo, `type` is "No such file
  // or directory", never the shell's builtin. `exec` makes the shell look the program up on PATH
  // and run it as the subshell itself; a program named by its path runs in place (framed).
  execArgv(argv: string[], options: ExecOptions = {}): Promise<ExecResult> {
    const line = argv.map(q).join(' ');
    return options.stdin === undefined && !options.timeoutMs && runsInPlace(argv, options)
      ? this.run(line, options, true)
      : this.exec(`exec ${line}`, options);
  }

  /** A command that must succeed; its stderr is the error. */
  private async must(command: string): Promise<string> {
    const r = await this.exec(command);
    if (r.exitCode !== 0)
      throw new RemoteError(
        r.stderr.trim() || `${command.split(' ')[0] ?? command} failed on ${this.host} (exit ${r.exitCode})`,
      );
    return r.stdout;
  }

  async stat(path: string, follow = false): Promise<FileStat> {
    const p = q(path);
    const r = await this.exec(
      `if [ -e ${p} ] || [ -L ${p} ]; then stat ${follow ? '-L ' : ''}-c '%f|%s|%u|%g|%Y' -- ${p} && readlink -- ${p}; true; else echo MISSING; fi`,
    );
    return parseStat(r.stdout);
  }

  // Files up to this size travel base64-encoded through the persistent shell: an exec channel
  // costs the host an sshd session each time (the `files` benchmark spent most of its target
  // CPU there); larger ones stream over their own channel.
  private static readonly SMALL = 64 * 1024;

  async readFile(path: string): Promise<Buffer> {
    const p = q(path);
    const small = await this.exec(
      `if [ "$(wc -c < ${p})" -le ${SshConnection.SMALL} ]; then base64 < ${p}; else echo @@RB-LARGE@@; fi`,
    );
    if (small.exitCode === 0 && !small.stdout.startsWith('@@RB-LARGE@@'))
      return Buffer.from(small.stdout.replace(/\s+/g, ''), 'base64');
    if (small.exitCode !== 0)
      throw new RemoteError(
        small.stderr.trim().replace(/^.*?: /, '') || `cannot read ${path} on ${this.host} (exit ${small.exitCode})`,
      );
    const s = await this.session();
    const r = await s.exec(`cat -- ${p}`, this.become ? { become: this.become } : {});
    if (r.exitCode !== 0)
      throw new RemoteError(
        r.stderr.toString('utf8').trim() || `cannot read ${path} on ${this.host} (exit ${r.exitCode})`,
      );
    return r.stdout;
  }

  async writeFileAtomic(path: string, data: Buffer | string, mode = 0o644): Promise<void> {
    const p = q(path);
    const tmp = q(`${posix.dirname(path)}/.${posix.basename(path)}.rb-XXXXXX`);
    // On any failure the temporary file goes; the destination is only ever replaced whole.
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    // A streamed file is renamed into place only at its full size: when runbook dies mid-transfer
    // (SIGINT, SIGKILL, a dropped connection) `cat` sees an early EOF and exits 0 — without the
    // size check the shell would move a truncated file over the destination.
    const fill =
      bytes.length <= SshConnection.SMALL
        ? `printf %s ${bytes.toString('base64') || "''"} | base64 -d > "$t"`
        : `cat > "$t" && [ "$(wc -c < "$t")" -eq ${bytes.length} ]`;
    const script = `umask 077; t=$(mktemp ${tmp}) || exit 1; trap 'rm -f "$t"' EXIT; ${fill} && chmod ${mode.toString(8)} "$t" && { [ ! -e ${p} ] || chown --reference=${p} "$t" 2>/dev/null || true; } && mv -f "$t" ${p} && trap - EXIT`;
    if (bytes.length <= SshConnection.SMALL) {
      const r = await this.exec(script);
      if (r.exitCode !== 0)
        throw new RemoteError(r.stderr.trim() || `could not write ${path} on ${this.host} (exit ${r.exitCode})`);
      return;
    }
    const r = await (
      await this.session()
    ).exec(script, { stdin: bytes, ...(this.become ? { become: this.become } : {}) });
    if (r.exitCode !== 0)
      throw new RemoteError(
        r.stderr.toString('utf8').trim() || `could not write ${path} on ${this.host} (exit ${r.exitCode})`,
      );
  }

  async mkdir(path: string, mode = 0o755): Promise<void> {
    await this.must(`mkdir -p -m ${mode.toString(8)} -- ${q(path)}`);
  }

  async chmod(path: string, mode: number): Promise<void> {
    // five digits: exactly the mode, as fs.chmod (local.ts) and os.chmod set it — GNU chmod keeps a
    // directory's set-user-ID and set-group-ID bits when given fewer
    await this.must(`chmod 0${(mode & 0o7777).toString(8).padStart(4, '0')} -- ${q(path)}`);
  }

  async remove(path: string, recursive: boolean): Promise<void> {
    await this.must(`rm -f${recursive ? 'r' : ''} -- ${q(path)}`);
  }

  async symlink(target: string, path: string): Promise<void> {
    await this.must(`ln -s -- ${q(target)} ${q(path)}`);
  }

  async link(target: string, path: string): Promise<void> {
    await this.must(`ln -- ${q(target)} ${q(path)}`);
  }

  async readdir(path: string): Promise<string[]> {
    const out = await this.must(
      `cd -- ${q(path)} && for f in * .*; do case "$f" in .|..) ;; *) [ -e "$f" ] || [ -L "$f" ] && printf '%s\\0' "$f";; esac; done`,
    );
    return out.split('\0').filter(Boolean);
  }

  async touch(path: string): Promise<void> {
    await this.must(`touch -- ${q(path)}`);
  }

  async close(): Promise<void> {
    // The pool owns the session and closes it at the end of the run.
  }
}
