// mysql_user: a database account present (password, privileges) or absent —
// community.mysql.mysql_user's contract (name, host, password, priv as "db.table:PRIV,PRIV/…" or a
// dict, append_privs, update_password, state), through the forwarded client.
import { defineModule, type ModuleResult } from './define.js';
import { LOGIN_ARGS, MysqlUnreachable, connectDb } from './support/mysql.js';

type Privs = Map<string, Set<string>>;

/** "nova.*:ALL,GRANT/nova_api.*:SELECT" or {"nova.*": "ALL"} → object → privileges. */
export function parsePriv(priv: unknown): Privs {
  const out: Privs = new Map();
  const entries =
    typeof priv === 'string'
      ? priv
          .split('/')
          .filter(Boolean)
          .map((p) => {
            const i = p.lastIndexOf(':');
            return [p.slice(0, i), p.slice(i + 1)] as [string, string];
          })
      : Object.entries((priv ?? {}) as Record<string, string>);
  for (const [obj, list] of entries) out.set(normObject(obj), new Set(String(list).split(',').map(normPriv)));
  return out;
}

const normPriv = (p: string): string => {
  const u = p.trim().toUpperCase();
  return u === 'ALL' ? 'ALL PRIVILEGES' : u;
};
function normObject(o: string): string {
  const [db = '', table = ''] = o.trim().split('.');
  const unq = (s: string): string => s.replace(/`/g, '');
  return `${unq(db)}.${unq(table)}`;
}

/** SHOW GRANTS lines → object → privileges (WITH GRANT OPTION as GRANT). */
export function currentPrivs(lines: string[]): Privs {
  const out: Privs = new Map();
  for (const l of lines) {
    const m = /^GRANT (.+?) ON (\S+) TO .*?( WITH GRANT OPTION)?$/.exec(l);
    if (!m || m[1] === 'USAGE') continue;
    const set = new Set(m[1]!.split(',').map(normPriv));
    if (m[3]) set.add('GRANT');
    out.set(normObject(m[2]!), set);
  }
  return out;
}

const same = (a?: Set<string>, b?: Set<string>): boolean =>
  !!a && !!b && a.size === b.size && [...a].every((x) => b.has(x));
const quoteObject = (o: string): string =>
  o
    .split('.')
    .map((p) => (p === '*' ? '*' : `\`${p}\``))
    .join('.');

export default defineModule({
  name: 'mysql_user',
  argRules: { mutuallyExclusive: [['append_privs', 'subtract_privs']] },
  collection: 'community.mysql',
  description: 'Adds or removes MySQL/MariaDB users and their privileges',
  checkMode: 'supported',
  args: {
    name: { type: 'str', required: true, aliases: ['user'], description: 'The user.' },
    host: { type: 'str', default: 'localhost', description: 'Its host part.' },
    password: { type: 'str', noLog: true, description: 'Its password.' },
    priv: { type: 'raw', description: 'Privileges: "db.table:PRIV,PRIV/db2.*:ALL" or a dict.' },
    append_privs: { type: 'bool', default: false, description: 'Add to the privileges instead of replacing them.' },
    update_password: {
      type: 'str',
      default: 'always',
      choices: ['always', 'on_create', 'on_new_username'],
      description: 'When to set the password.',
    },
    state: { type: 'str', default: 'present', choices: ['absent', 'present'], description: 'Whether it exists.' },
    ...LOGIN_ARGS,
  },
  async run(a, ctx): Promise<ModuleResult> {
    let db;
    try {
      db = await connectDb(ctx, a);
    } catch (e) {
      if (e instanceof MysqlUnreachable) return { changed: false, failed: true, msg: e.message };
      throw e;
    }
    const user = String(a.name);
    const host = String(a.host);
    const account = db.format('?@?', [user, host]);
    try {
      const [found] = await db.query('SELECT Password FROM mysql.user WHERE User = ? AND Host = ?', [user, host]);
      const row = (found as { Password: string }[])[0];
      if (a.state === 'absent') {
        if (row && !ctx.checkMode) await db.query(`DROP USER ${account}`);
        return { changed: !!row, data: { user, msg: row ? 'User deleted!' : "User doesn't exist" } };
      }
      let changed = false;
      const run = async (sql: string, values: unknown[] = []): Promise<void> => {
        changed = true;
        if (!ctx.checkMode) await db.query(sql, values);
      };
      if (!row)
        await run(
          `CREATE USER ${account}${a.password != null ? ' IDENTIFIED BY ?' : ''}`,
          a.password != null ? [String(a.password)] : [],
        );
      else if (a.password != null && a.update_password === 'always') {
        const [hash] = await db.query('SELECT PASSWORD(?) AS h', [String(a.password)]);
        if ((hash as { h: string }[])[0]?.h !== row.Password)
          await run(`ALTER USER ${account} IDENTIFIED BY ?`, [String(a.password)]);
      }
      if (a.priv != null) {
        const want = parsePriv(a.priv);
        const have = row
          ? currentPrivs(
              ((await db.query(`SHOW GRANTS FOR ${account}`))[0] as Record<string, string>[]).map(
                (r) => Object.values(r)[0]!,
              ),
            )
          : new Map<string, Set<string>>();
        for (const [obj, privs] of want) {
          if (same(privs, have.get(obj)) || (a.append_privs && [...privs].every((p) => have.get(obj)?.has(p))))
            continue;
          if (!a.append_privs && have.has(obj))
            await run(`REVOKE ALL PRIVILEGES ON ${quoteObject(obj)} FROM ${account}`);
          const list = [...privs].filter((p) => p !== 'GRANT');
          await run(
            `GRANT ${list.join(', ') || 'USAGE'} ON ${quoteObject(obj)} TO ${account}${privs.has('GRANT') ? ' WITH GRANT OPTION' : ''}`,
          );
        }
        if (!a.append_privs)
          for (const obj of have.keys())
            if (!want.has(obj)) await run(`REVOKE ALL PRIVILEGES ON ${quoteObject(obj)} FROM ${account}`);
      }
      return { changed, data: { user, msg: changed ? (row ? 'Privileges updated' : 'User added') : 'User unchanged' } };
    } finally {
      await db.end().catch(() => undefined);
    }
  },
});
