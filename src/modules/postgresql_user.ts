// postgresql_user (community.postgresql 2.4): a role created, changed or dropped — a port of
// plugins/modules/postgresql_user.py with the `pg` client: the password compared with the stored
// one as the module does (a SCRAM-SHA-256 verifier checked with PBKDF2, an md5 hash recomputed),
// role_attr_flags read against pg_authid, expires and conn_limit; the statements in `queries` as
// the module lists them (the password as its placeholder). priv and groups (deprecated there)
// are not ported.
import { createHash, createHmac, pbkdf2Sync } from 'node:crypto';
import type pg from 'pg';
import { ActionFail, defineModule, type ModuleContext, type ModuleResult } from './define.js';
import { bindArgs, PG_LOGIN_ARGS, withPg } from './support/postgres.js';

type A = Record<string, unknown>;

const FLAGS = ['SUPERUSER', 'CREATEROLE', 'CREATEDB', 'INHERIT', 'LOGIN', 'REPLICATION', 'BYPASSRLS'];
const AUTHID: Record<string, string> = {
  SUPERUSER: 'rolsuper',
  CREATEROLE: 'rolcreaterole',
  CREATEDB: 'rolcreatedb',
  INHERIT: 'rolinherit',
  LOGIN: 'rolcanlogin',
  REPLICATION: 'rolreplication',
  BYPASSRLS: 'rolbypassrls',
};
const SCRAM = /^SCRAM-SHA-256\$(\d+):([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+):([A-Za-z0-9+/=]+)$/;

/**
 * parse_role_attrs: comma-separated [NO]FLAG words, upper-cased, each once, space-joined (the
 * module joins a frozenset: its order is Python's hash order, which varies between runs).
 */
export function parseRoleAttrs(text: string): string {
  const flags = [
    ...new Set(
      text
        .split(',')
        .filter(Boolean)
        .map((f) => f.toUpperCase()),
    ),
  ];
  const bad = flags.filter((f) => !FLAGS.includes(f.replace(/^NO/, '')));
  if (bad.length) throw new Error(`Invalid role_attr_flags specified: ${bad.join(' ')}`);
  return flags.join(' ');
}

/** user_should_we_change_password. */
export function passwordChanges(
  stored: string | null | undefined,
  user: string,
  password: string,
  encrypted: boolean,
): boolean {
  if (password === '') return stored !== null && stored !== undefined;
  if (SCRAM.test(password)) return password !== stored;
  const scram = stored ? SCRAM.exec(stored) : null;
  if (scram) {
    const salted = pbkdf2Sync(
      password.normalize('NFKC'),
      Buffer.from(scram[2]!, 'base64'),
      Number(scram[1]),
      32,
      'sha256',
    );
    const serverKey = createHmac('sha256', salted).update('Server Key').digest();
    return !serverKey.equals(Buffer.from(scram[4]!, 'base64'));
  }
  if ((password.startsWith('md5') && password.length === 35) || !encrypted) return password !== stored;
  return (
    `md5${createHash('md5')
      .update(password + user)
      .digest('hex')}` !== stored
  );
}

/** The statement with %(password)s and %(expires)s filled in, as psycopg2 interpolates them. */
function withSecrets(statement: string, password: string | undefined, expires: string | undefined): string {
  return bindArgs(
    statement,
    new Map<string, unknown>([
      ['password', password],
      ['expires', expires],
    ]),
  ).shown;
}

async function alter(c: pg.Client, a: A, user: string, flags: string, queries: string[]): Promise<boolean> {
  const password = a.password === undefined || a.password === null ? undefined : String(a.password);
  const expires = a.expires === undefined || a.expires === null ? undefined : String(a.expires);
  const connLimit = a.conn_limit === undefined || a.conn_limit === null ? undefined : Number(a.conn_limit);
  const encrypted = a.encrypted !== false;
  if (user === 'PUBLIC') {
    if (password !== undefined)
      throw new ActionFail({ changed: false, failed: true, msg: 'cannot change the password for PUBLIC user' });
    if (flags)
      throw new ActionFail({ changed: false, failed: true, msg: 'cannot change the role_attr_flags for PUBLIC user' });
    return false;
  }
  const flagChanges = (row: Record<string, unknown>): boolean =>
    flags
      .split(' ')
      .filter(Boolean)
      .some((f) => row[AUTHID[f.replace(/^NO/, '')]!] !== !f.startsWith('NO'));
  if (!a.no_password_changes && (password !== undefined || flags || expires !== undefined || connLimit !== undefined)) {
    const row = (await c.query('SELECT * FROM pg_authid WHERE rolname = $1', [user])).rows[0] as Record<
      string,
      unknown
    >;
    const pw = password !== undefined && passwordChanges(row.rolpassword as string | null, user, password, encrypted);
    let expiresChanges = false;
    if (expires !== undefined) {
      const want = (await c.query('SELECT $1::timestamptz AS t', [expires])).rows[0] as { t: string };
      const have = (await c.query('SELECT rolvaliduntil AS t FROM pg_authid WHERE rolname = $1', [user])).rows[0] as {
        t: string | null;
      };
      expiresChanges = want.t !== have.t;
    }
    const limitChanges = connLimit !== undefined && connLimit !== row.rolconnlimit;
    if (!pw && !(flags && flagChanges(row)) && !expiresChanges && !limitChanges) return false;
    const parts = [`ALTER USER "${user}"`];
    if (pw) {
      if (password !== '') parts.push(`WITH ${encrypted ? 'ENCRYPTED' : 'UNENCRYPTED'}`, 'PASSWORD %(password)s');
      else parts.push('WITH PASSWORD NULL');
      parts.push(flags);
    } else if (flags) parts.push(`WITH ${flags}`);
    if (expires !== undefined) parts.push('VALID UNTIL %(expires)s');
    if (connLimit !== undefined) parts.push(`CONNECTION LIMIT ${connLimit}`);
    const statement = parts.join(' ');
    await c.query(withSecrets(statement, password, expires));
    queries.push(statement);
    return true;
  }
  if (a.no_password_changes && flags) {
    const row = (await c.query('SELECT * FROM pg_roles WHERE rolname = $1', [user])).rows[0] as Record<string, unknown>;
    if (!flagChanges(row)) return false;
    const statement = `ALTER USER "${user}" WITH ${flags}`;
    await c.query(statement);
    queries.push(statement);
    return true;
  }
  return false;
}

async function add(c: pg.Client, a: A, user: string, flags: string, queries: string[]): Promise<boolean> {
  const password = a.password === undefined || a.password === null ? undefined : String(a.password);
  const expires = a.expires === undefined || a.expires === null ? undefined : String(a.expires);
  const parts = [`CREATE USER "${user}"`];
  if (password) parts.push(`WITH ${a.encrypted !== false ? 'ENCRYPTED' : 'UNENCRYPTED'}`, 'PASSWORD %(password)s');
  if (expires !== undefined) parts.push('VALID UNTIL %(expires)s');
  if (a.conn_limit !== undefined && a.conn_limit !== null) parts.push(`CONNECTION LIMIT ${Number(a.conn_limit)}`);
  parts.push(flags);
  const statement = parts.join(' ');
  queries.push(statement);
  await c.query(withSecrets(statement, password, expires));
  return true;
}

async function manage(c: pg.Client, a: A, ctx: ModuleContext): Promise<ModuleResult> {
  const user = String(a.user);
  let flags: string;
  try {
    flags = parseRoleAttrs(String(a.role_attr_flags ?? ''));
  } catch (e) {
    return { changed: false, failed: true, msg: (e as Error).message };
  }
  const queries: string[] = [];
  await c.query('BEGIN');
  if (a.session_role) await c.query(`SET ROLE "${String(a.session_role)}"`);
  const exists =
    user === 'PUBLIC' || (await c.query('SELECT rolname FROM pg_roles WHERE rolname = $1', [user])).rowCount! > 0;
  const data: Record<string, unknown> = { user };
  let changed = false;
  if (a.state !== 'absent') {
    changed = exists ? await alter(c, a, user, flags, queries) : await add(c, a, user, flags, queries);
    if (a.comment !== undefined && a.comment !== null) {
      const have = (
        await c.query(
          'SELECT pg_catalog.shobj_description(r.oid, $2) AS c FROM pg_catalog.pg_roles r WHERE r.rolname = $1',
          [user, 'pg_authid'],
        )
      ).rows[0] as { c: string | null } | undefined;
      if (have?.c !== a.comment) {
        const statement = `COMMENT ON ROLE "${user}" IS ${bindArgs('%s', [String(a.comment)]).shown}`;
        await c.query(statement);
        queries.push(statement);
        changed = true;
      }
    }
  } else if (exists) {
    if (ctx.checkMode) {
      changed = true;
      data.user_removed = true;
    } else {
      await c.query('SAVEPOINT ansible_pgsql_user_delete');
      let removed = true;
      queries.push(`DROP USER "${user}"`);
      try {
        await c.query(`DROP USER "${user}"`);
      } catch {
        await c.query('ROLLBACK TO SAVEPOINT ansible_pgsql_user_delete');
        removed = false;
      }
      await c.query('RELEASE SAVEPOINT ansible_pgsql_user_delete');
      changed = removed;
      if (a.fail_on_user !== false && !removed) {
        await c.query('ROLLBACK');
        return { changed: false, failed: true, msg: 'Unable to remove user' };
      }
      data.user_removed = removed;
    }
  }
  await c.query(ctx.checkMode ? 'ROLLBACK' : 'COMMIT');
  return { changed, data: { ...data, queries } };
}

export default defineModule({
  name: 'postgresql_user',
  collection: 'community.postgresql',
  description: 'Create, alter, or remove a user (role) from a PostgreSQL server instance',
  checkMode: 'supported',
  args: {
    ...PG_LOGIN_ARGS,
    user: { type: 'str', required: true, aliases: ['name'], description: 'The role.' },
    password: { type: 'str', noLog: true, description: 'Its password (a SCRAM or md5 hash, or plain).' },
    state: { type: 'str', default: 'present', choices: ['absent', 'present'], description: 'Whether it is there.' },
    db: { type: 'str', default: '', aliases: ['login_db'], description: 'The database connected to.' },
    fail_on_user: {
      type: 'bool',
      default: true,
      aliases: ['fail_on_role'],
      description: 'Fail when it cannot be dropped.',
    },
    role_attr_flags: { type: 'str', default: '', description: 'SUPERUSER, CREATEDB, LOGIN, … (NO… to remove).' },
    encrypted: { type: 'bool', default: true, description: 'Store the password hashed.' },
    no_password_changes: { type: 'bool', default: false, description: 'Leave an existing password alone.' },
    expires: { type: 'str', description: 'When the password expires (VALID UNTIL).' },
    conn_limit: { type: 'int', description: 'Its connection limit.' },
    session_role: { type: 'str', description: 'SET ROLE after connecting.' },
    comment: { type: 'str', description: 'A comment on the role.' },
    trust_input: { type: 'bool', default: true, description: 'Accepted.' },
  },
  run: (a: A, ctx) =>
    withPg(ctx, a, a.db ? String(a.db) : undefined, 'unable to connect to database', async (client) => {
      try {
        return await manage(client, a, ctx);
      } catch (e) {
        if (e instanceof ActionFail) return e.result;
        return { changed: false, failed: true, msg: (e as Error).message };
      }
    }),
});
