// Running commands on the host for modules that drive its own tools (service managers, account
// tools, tar): the task's environment applied, the result as rc/out/err.
import type { ModuleContext } from '../define.js';

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

/** Runs an argv, no shell. */
export async function runArgv(ctx: ModuleContext, argv: string[]): Promise<RunResult> {
  const r = await ctx.conn.execArgv(argv, { env: ctx.env });
  return { rc: r.exitCode, out: r.stdout, err: r.stderr };
}
