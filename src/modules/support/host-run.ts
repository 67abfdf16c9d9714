// Running commands on the host for modules that drive its own tools (service managers, account
// tools, tar): the task's environment applied, the result as rc/out/err.
import { moduleFail, type ModuleContext } from '../define.js';
import { cleanArgs } from './run-command.js';

/**
 * The environment modules force for tools whose output they parse (get_best_parsable_locale's
 * answer when no UTF-8 C locale is asked for: C).
 */
export const C_LOCALE = { LANG: 'C', LC_ALL: 'C', LC_MESSAGES: 'C' };

export interface RunResult {
  rc: number;
  out: string;
  err: string;
}

/** Runs a shell command line; `extra` adds variables to the task's environment, stdin, a directory. */
export async function run(
  ctx: ModuleContext,
  cmd: string,
  extra: { env?: Record<string, string>; stdin?: string; cwd?: string } = {},
): Promise<RunResult> {
  const r = await ctx.conn.exec(cmd, {
    env: { ...ctx.env, ...extra.env },
    ...(extra.stdin !== undefined ? { stdin: extra.stdin } : {}),
    ...(extra.cwd !== undefined ? { cwd: extra.cwd } : {}),
  });
  return { rc: r.exitCode, out: r.stdout, err: r.stderr };
}

/** Runs an argv, no shell; `stdin` written to it. */
export async function runArgv(ctx: ModuleContext, argv: string[], stdin?: string): Promise<RunResult> {
  const r = await ctx.conn.execArgv(argv, { env: ctx.env, ...(stdin !== undefined ? { stdin } : {}) });
  return { rc: r.exitCode, out: r.stdout, err: r.stderr };
}

/**
 * run_command(argv, check_rc=True): a non-zero exit ends the module with fail_json's result —
 * stderr (rstripped) as the message, the command as _clean_args gives it, rc, stdout, stderr.
 */
export async function runChecked(ctx: ModuleContext, argv: string[], stdin?: string): Promise<RunResult> {
  const r = await runArgv(ctx, argv, stdin);
  if (r.rc !== 0) moduleFail(r.err.trimEnd(), { cmd: cleanArgs(argv), rc: r.rc, stdout: r.out, stderr: r.err });
  return r;
}

/**
 * get_bin_path (module_utils/common/process.py): an executable in `optDirs`, the host's PATH or
 * the sbin directories; when missing, the module's failure message naming every path searched.
 */
export async function binPath(
  ctx: ModuleContext,
  name: string,
  optDirs: string[] = [],
): Promise<{ path: string } | { missing: string }> {
  const opt = optDirs
    .map((d) => `[ -d '${d.replace(/'/g, "'\\''")}' ] && P="$P'${d.replace(/'/g, "'\\''")}':";`)
    .join(' ');
  const script =
    `P=; ${opt} P="$P$PATH"; for d in /sbin /usr/sbin /usr/local/sbin; do case ":$P:" in *":$d:"*) ;; *) [ -d "$d" ] && P="$P:$d";; esac; done; ` +
    `IFS=:; for d in $P; do [ -n "$d" ] && [ -f "$d/$1" ] && [ -x "$d/$1" ] && { printf 'F%s\\n' "$d/$1"; exit 0; }; done; printf 'M%s\\n' "$P"`;
  const r = await ctx.conn.exec(`sh -c '${script.replace(/'/g, "'\\''")}' sh '${name.replace(/'/g, "'\\''")}'`, {
    env: ctx.env,
  });
  const line = r.stdout.trim();
  if (line.startsWith('F')) return { path: line.slice(1) };
  return { missing: `Failed to find required executable "${name}" in paths: ${line.slice(1)}` };
}

/** get_bin_path(name, required=True): the executable's path, or the module ends with its failure. */
export async function requiredPath(ctx: ModuleContext, name: string, optDirs: string[] = []): Promise<string> {
  const found = await binPath(ctx, name, optDirs);
  if ('missing' in found) moduleFail(found.missing);
  return found.path;
}
