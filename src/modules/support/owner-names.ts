// The owner and group names of a file module's result, as add_path_info gives them
// (module_utils/basic.py at stable-2.14): pwd.getpwuid(uid)[0] and grp.getgrgid(gid)[0], or
// str() of the number where the host has no such user or group. factsOfStat (files.ts) knows the names
// only for 0; the others are asked of the host once per connection — one `getent` round trip for
// the ids a result names that are not known yet — so a run on root's files asks nothing.
import type { Connection } from '../../connection/index.js';
import type { ModuleResult } from '../define.js';

/** Names by 'u<uid>' / 'g<gid>' for each connection; null: the host has none (the number's text stays). */
const NAMES = new WeakMap<Connection, Map<string, string | null>>();

/** The ids factsOfStat left as numbers (it writes String(id) where it has no name). */
function placeholders(d: Record<string, unknown>): string[] {
  const keys: string[] = [];
  if (typeof d.uid === 'number' && d.uid !== 0 && d.owner === String(d.uid)) keys.push(`u${d.uid}`);
  if (typeof d.gid === 'number' && d.gid !== 0 && d.group === String(d.gid)) keys.push(`g${d.gid}`);
  return keys;
}

/** One program for every id not known yet: `u1000 deploy` / `g1000 ` (empty: no such entry). */
async function lookUp(conn: Connection, keys: string[], known: Map<string, string | null>): Promise<void> {
  const program = keys
    .map((k) => {
      const db = k.startsWith('u') ? 'passwd' : 'group';
      return `e=$(getent ${db} ${k.slice(1)} 2>/dev/null); printf '%s %s\\n' ${k} "\${e%%:*}"`;
    })
    .join('; ');
  const r = await conn.exec(program);
  for (const line of r.stdout.split('\n')) {
    const [key = '', name = ''] = line.split(' ');
    if (keys.includes(key)) known.set(key, name || null);
  }
  for (const k of keys) if (!known.has(k)) known.set(k, null);
}

/** The result with owner and group named as the host names them (unchanged where nothing to name). */
export async function withOwnerNames(conn: Connection, result: ModuleResult): Promise<ModuleResult> {
  const d = result.data;
  if (!d || result.failed) return result;
  const keys = placeholders(d);
  if (!keys.length) return result;
  const known = NAMES.get(conn) ?? new Map<string, string | null>();
  NAMES.set(conn, known);
  const missing = keys.filter((k) => !known.has(k));
  if (missing.length) await lookUp(conn, missing, known);
  const name = (key: string, id: number): string => known.get(key) ?? String(id);
  const data = { ...d };
  if (keys.includes(`u${String(d.uid)}`)) data.owner = name(`u${String(d.uid)}`, d.uid as number);
  if (keys.includes(`g${String(d.gid)}`)) data.group = name(`g${String(d.gid)}`, d.gid as number);
  return { ...result, data };
}
