// Account lookups on the host through getent (NSS, as Python's pwd/grp modules see it).
import type { ModuleContext } from '../define.js';
import { shellQuote } from '../../util/index.js';

/** The colon-separated fields of `getent DB KEY`, or undefined when there is no such entry. */
export async function getent(ctx: ModuleContext, db: 'passwd' | 'group' | 'shadow', key: string): Promise<string[] | undefined> {
  const r = await ctx.conn.exec(`getent ${db} ${shellQuote(key)}`, { env: ctx.env });
  return r.exitCode === 0 && r.stdout.trim() ? r.stdout.trim().split('\n')[0]!.split(':') : undefined;
}

/** Runs an argv on the host with the task's environment. */
export async function runArgv(ctx: ModuleContext, argv: string[]): Promise<{ rc: number; out: string; err: string }> {
  const r = await ctx.conn.execArgv(argv, { env: ctx.env });
  return { rc: r.exitCode, out: r.stdout, err: r.stderr };
}
