// Account lookups on the host through getent (NSS, as Python's pwd/grp modules see it).
import type { ModuleContext } from '../define.js';
import { shellQuote } from '../../util/index.js';

/** The colon-separated fields of `getent DB KEY`, or undefined when there is no such entry. */
export async function getent(
  ctx: ModuleContext,
  db: 'passwd' | 'group' | 'shadow',
  key: string,
): Promise<string[] | undefined> {
  const r = await ctx.conn.exec(`getent ${db} ${shellQuote(key)}`, { env: ctx.env });
  return r.exitCode === 0 && r.stdout.trim() ? r.stdout.trim().split('\n')[0]!.split(':') : undefined;
}
