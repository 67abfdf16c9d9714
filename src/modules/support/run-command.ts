// What command and shell share: argument spec, creates/removes, check mode, the result
// fields (cmd, rc, stdout, stderr, *_lines, start, end, delta).
import type { ArgSpec } from '../args.js';
import type { ModuleContext, ModuleResult } from '../define.js';
import { pySplitLines, shellQuote, splitShellWords } from '../../util/index.js';

export function commandArgs(isShell: boolean): ArgSpec {
  return {
    _raw_params: { type: 'str', description: 'The command to run (free form).' },
    // ModuleArgsParser moves cmd into _raw_params: not the module's own option
    cmd: { type: 'str', action: true, description: 'The command to run.' },
    _uses_shell: { type: 'bool', default: false, description: 'Run through the shell (set by the shell action).' },
    argv: { type: 'list', elements: 'str', description: 'The command as a list of arguments.' },
    chdir: { type: 'path', description: 'Change into this directory first.' },
    creates: { type: 'path', description: 'Skip the command when this path exists.' },
    removes: { type: 'path', description: 'Run the command only when this path exists.' },
    stdin: { type: 'str', description: 'Text to send to the command on stdin.' },
    stdin_add_newline: { type: 'bool', default: true, description: 'Append a newline to stdin.' },
    strip_empty_ends: { type: 'bool', default: true, description: 'Strip empty lines from the end of stdout/stderr.' },
    executable: {
      type: 'path' as const,
      description: isShell ? 'The shell to run the command with.' : 'Not supported by command (a warning).',
    },
  };
}

/** The wall clock in milliseconds with their fraction (datetime.now() has microseconds). */
export function preciseNow(): number {
  return performance.timeOrigin + performance.now();
}

/** str(datetime.datetime.now()): local wall-clock time with microseconds. */
export function stamp(at: Date | number): string {
  const ms = typeof at === 'number' ? at : at.getTime();
  const d = new Date(Math.floor(ms));
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(micros(ms), 6)}`;
}

/** The microseconds of a second in `ms`. */
function micros(ms: number): number {
  return Math.floor(ms * 1000) % 1_000_000;
}

/** str(timedelta) of `end - start` as command.py prints it (hours:minutes:seconds.micros). */
function delta(start: number, end: number): string {
  const us = Math.max(0, Math.floor(end * 1000) - Math.floor(start * 1000));
  const s = Math.floor(us / 1_000_000);
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `${Math.floor(s / 3600)}:${p(Math.floor(s / 60) % 60)}:${p(s % 60)}.${p(us % 1_000_000, 6)}`;
}

async function exists(ctx: ModuleContext, pattern: string): Promise<boolean> {
  if (!/[*?[]/.test(pattern)) return (await ctx.conn.stat(pattern, true)).exists;
  const r = await ctx.conn.exec(`for f in ${pattern}; do [ -e "$f" ] && exit 0; done; exit 1`);
  return r.exitCode === 0;
}

/** run_command's expand_user_and_vars (always on in 2.14): $VAR and ${VAR} in each argument, as os.path.expandvars. */
function expandArgs(args: string[], a: Record<string, unknown>, env: Record<string, string>): string[] {
  if (a.expand_argument_vars === false || !args.some((arg) => arg.includes('$'))) return args;
  // looked up by name, not a copy of process.env per task (its every key is a getenv)
  const value = (name: string): string | undefined => (Object.hasOwn(env, name) ? env[name] : process.env[name]);
  return args.map((arg) =>
    arg.replace(
      /\$(\w+)|\$\{([^}]+)\}/g,
      (whole, x: string | undefined, y: string | undefined) => value(x ?? y ?? '') ?? whole,
    ),
  );
}

/** Runs command/shell with Ansible's semantics. */
export async function runCommand(
  a: Record<string, unknown>,
  ctx: ModuleContext,
  isShell: boolean,
): Promise<ModuleResult> {
  const text = (a._raw_params ?? a.cmd) as string | undefined;
  const argv = a.argv as string[] | undefined;
  // command.py's own checks, each failing with its whole result r (rc 256) and any warning
  const warnings =
    !isShell && a.executable
      ? [
          `As of Ansible 2.4, the parameter 'executable' is no longer supported with the 'command' module. Not using '${String(a.executable)}'.`,
        ]
      : [];
  const refuse = (msg: string): ModuleResult => ({
    changed: false,
    failed: true,
    msg,
    data: { stdout: '', stderr: '', rc: 256, cmd: null, start: null, end: null, delta: null, ...warned(warnings) },
  });
  if ((!text || !text.trim()) && !argv) return refuse('no command given');
  if (text && argv) return refuse('only command or argv can be given, not both');
  const display = text ?? (argv ?? []).map((w) => shellQuote(w)).join(' ');
  const cmd: unknown = isShell ? display : (argv ?? splitShellWords(text ?? ''));
  // command.py changes into chdir first (os.chdir), and fails with the OS's words when it cannot
  if (a.chdir) {
    const st = await ctx.conn.stat(String(a.chdir), true);
    if (!st.isDir) {
      const why = st.exists ? '[Errno 20] Not a directory' : '[Errno 2] No such file or directory';
      return {
        changed: false,
        failed: true,
        msg: `Unable to change directory before execution: ${why}: '${String(a.chdir)}'`,
        data: { stdout: '', stderr: '', rc: null, cmd, start: null, end: null, delta: null, ...warned(warnings) },
      };
    }
  }
  for (const [key, wantExists] of [
    ['creates', true],
    ['removes', false],
  ] as const) {
    const given = a[key] as string | undefined;
    // Ansible changes into chdir before it looks at creates/removes.
    const path = given && a.chdir && !given.startsWith('/') ? `${String(a.chdir)}/${given}` : given;
    if (path && given && (await exists(ctx, path)) === wantExists) {
      const why = wantExists ? `${given} exists` : `${given} does not exist`;
      return {
        changed: false,
        // command.py's shoulda: "Would" in check mode
        msg: `${ctx.checkMode ? 'Would' : 'Did'} not run command since '${given}' ${wantExists ? 'exists' : 'does not exist'}`,
        // command.py's r starts with start/end/delta None; a skip leaves them so
        data: {
          cmd,
          rc: 0,
          start: null,
          end: null,
          delta: null,
          stdout: `skipped, since ${why}`,
          stdout_lines: [`skipped, since ${why}`],
          stderr: '',
          stderr_lines: [],
        },
      };
    }
  }
  // command.py in check mode: the whole result without running (start/end/delta null, empty
  // output), skipped unless creates/removes was given (then "changed", as it would run).
  if (ctx.checkMode) {
    const guarded = (a.creates !== undefined && a.creates !== null) || (a.removes !== undefined && a.removes !== null);
    const data = {
      cmd,
      rc: 0,
      start: null,
      end: null,
      delta: null,
      stdout: '',
      stderr: '',
      stdout_lines: [],
      stderr_lines: [],
    };
    return {
      changed: guarded,
      ...(guarded ? {} : { skipped: true }),
      msg: 'Command would have run if not in check mode',
      data,
    };
  }
  const started = preciseNow();
  const stdin = a.stdin === undefined ? undefined : `${String(a.stdin)}${a.stdin_add_newline ? '\n' : ''}`;
  const options = {
    env: ctx.env,
    ...(a.chdir ? { cwd: String(a.chdir) } : {}),
    ...(stdin !== undefined ? { stdin } : {}),
  };
  const r = isShell
    ? await ctx.conn.execArgv([String(a.executable ?? '/bin/sh'), '-c', display], options)
    : await ctx.conn.execArgv(expandArgs(argv ?? splitShellWords(text ?? ''), a, ctx.env), options);
  const ended = preciseNow();
  const strip = (s: string): string => (a.strip_empty_ends ? s.replace(/[\r\n]+$/, '') : s);
  const stdout = strip(r.stdout);
  const stderr = strip(r.stderr);
  const data = {
    cmd,
    rc: r.exitCode,
    stdout,
    stderr,
    stdout_lines: pySplitLines(stdout),
    stderr_lines: pySplitLines(stderr),
    start: stamp(started),
    end: stamp(ended),
    delta: delta(started, ended),
  };
  const words = argv ?? splitShellWords(text ?? '');
  const oserror = isShell ? undefined : startFailure(r, words[0] ?? '');
  if (oserror) {
    // run_command's OSError: fail_json(rc=errno, stdout='', stderr='', msg, cmd=_clean_args(args)),
    // so no start/end/delta and the command as one masked, quoted line
    return {
      changed: false,
      failed: true,
      msg: `[Errno ${oserror.errno}] ${oserror.text}: b'${words[0] ?? ''}'`,
      data: { cmd: cleanArgs(words), rc: oserror.errno, stdout: '', stderr: '', stdout_lines: [], stderr_lines: [] },
    };
  }
  return {
    changed: true,
    ...(r.exitCode !== 0 ? { failed: true, msg: 'non-zero return code' } : { msg: '' }),
    data: { ...data, ...warned(warnings) },
  };
}

/**
 * The program could not be started (Python's Popen raises OSError; the shell says so on stderr
 * with 127 or 126, Node's spawn with its error code): ENOENT, or EACCES for a file that is not
 * executable or a directory.
 */
function startFailure(r: { exitCode: number; stdout: string; stderr: string }, program: string): OsError | undefined {
  if (r.stdout || (r.exitCode !== 127 && r.exitCode !== 126) || !program) return undefined;
  const said = r.stderr.trim().split('\n').pop() ?? '';
  if (
    /^spawn .* ENOENT$/.test(said) ||
    (r.exitCode === 127 && said.includes(`${program}: `) && /not found|No such file/.test(said))
  )
    return { errno: 2, text: 'No such file or directory' };
  if (/^spawn .* EACCES$/.test(said) || (r.exitCode === 126 && said.includes(`${program}: `)))
    return { errno: 13, text: 'Permission denied' };
  return undefined;
}

interface OsError {
  errno: number;
  text: string;
}

// basic.py PASSWD_ARG_RE: the argument after --password (or its =value) is masked in `cmd`
const PASSWD_ARG = /^-{0,2}pass-?(word|wd)?/;

/** AnsibleModule._clean_args: the argv as one shlex-quoted line, password arguments masked. */
export function cleanArgs(argv: readonly string[]): string {
  const out: string[] = [];
  let hide = false;
  for (const arg of argv) {
    if (hide) {
      hide = false;
      out.push('********');
    } else if (PASSWD_ARG.test(arg) && arg.includes('=')) out.push(`${arg.slice(0, arg.indexOf('='))}=********`);
    else {
      hide = PASSWD_ARG.test(arg);
      out.push(arg);
    }
  }
  return out.map((a) => shellQuote(a)).join(' ');
}

function warned(warnings: string[]): { warnings?: string[] } {
  return warnings.length ? { warnings } : {};
}
