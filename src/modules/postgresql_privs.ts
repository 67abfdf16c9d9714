// postgresql_privs (community.postgresql 2.4): privileges granted or revoked on databases, schemas,
// tables and sequences (one at a time, a comma list, or ALL_IN_SCHEMA) — a port of the part of
// plugins/modules/postgresql_privs.py the upgrade's roles need, with the `pg` client: the
// statement as QueryBuilder writes it, run in a transaction, "changed" when the objects' ACLs
// differ after it (rolled back in check mode or when nothing changed). Other object types, groups
// and default privileges are refused by name.
import type pg from 'pg';
import { ActionFail, moduleFail, defineModule, type ModuleContext, type ModuleResult } from './define.js';
import { PG_LOGIN_ARGS, withPg } from './support/postgres.js';

type A = Record<string, unknown>;
const TYPES = ['table', 'sequence', 'database', 'schema'];
const VALID = new Set([
  'ALL',
  'SELECT',
  'INSERT',
  'UPDATE',
  'DELETE',
  'TRUNCATE',
  'REFERENCES',
  'TRIGGER',
  'CREATE',
  'CONNECT',
  'TEMPORARY',
  'TEMP',
  'EXECUTE',
  'USAGE',
]);
const ACL_QUERY: Record<string, string> = {
  table: `SELECT relacl FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
          WHERE nspname = $1 AND relkind in ('r','p','v','m') AND relname = ANY ($2) ORDER BY relname`,
  sequence: `SELECT relacl FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
             WHERE nspname = $1 AND relkind = 'S' AND relname = ANY ($2) ORDER BY relname`,
  schema: 'SELECT nspacl FROM pg_catalog.pg_namespace WHERE nspname = ANY ($1) ORDER BY nspname',
  database: 'SELECT datacl FROM pg_catalog.pg_database WHERE datname = ANY ($1) ORDER BY datname',
};

const fail = moduleFail;

async function acls(c: pg.Client, type: string, schema: string | undefined, objs: string[]): Promise<string[]> {
  const args = type === 'table' || type === 'sequence' ? [schema, objs] : [objs];
  const r = await c.query(ACL_QUERY[type]!, args);
  return r.rows.map((row: Record<string, unknown>) => JSON.stringify(Object.values(row)[0] ?? null)).sort();
}

async function roleExists(c: pg.Client, role: string): Promise<boolean> {
  return ((await c.query('SELECT rolname FROM pg_roles WHERE rolname = $1', [role])).rowCount ?? 0) > 0;
}

/** QueryBuilder.build for GRANT/REVOKE on objects (grant option added or revoked). */
function statement(state: string, what: string, whom: string, grantOption: boolean | undefined): string {
  if (state !== 'present') return `REVOKE ${what} FROM ${whom};`;
  const grant = `GRANT ${what} TO ${whom}`;
  if (grantOption === true) return `${grant} WITH GRANT OPTION;`;
  if (grantOption === false) return `${grant};\nREVOKE GRANT OPTION FOR ${what} FROM ${whom};`;
  return `${grant};`;
}

async function manage(c: pg.Client, a: A, ctx: ModuleContext): Promise<ModuleResult> {
  const type = String(a.type);
  const queries: string[] = [];
  const warnings: string[] = [];
  let schema: string | undefined;
  if (type === 'table' || type === 'sequence')
    schema = a.objs === 'schemas' || a.schema === 'not-specified' ? undefined : String(a.schema ?? 'public');
  else if (a.schema) fail(`Argument "schema" is not allowed for type "${type}".`);
  if (a.objs === 'ALL_IN_SCHEMA' && type !== 'table' && type !== 'sequence')
    fail(
      `Argument "objs": ALL_IN_SCHEMA can be used only for type: table, sequence, function or procedure, ${type} was passed.`,
    );
  const objsText =
    type === 'database'
      ? String(a.objs ?? a.database)
      : a.objs == null
        ? fail(`Argument "objs" is required for type "${type}".`)
        : String(a.objs);
  if (!a.privs) fail(`Argument "privs" is required for type "${type}".`);
  if (a.session_role) await c.query(`SET ROLE "${String(a.session_role)}"`);
  // a frozenset in the module: each privilege once (its order there is Python's hash order)
  const privs = [
    ...new Set(
      String(a.privs)
        .split(',')
        .map((p) => p.toUpperCase()),
    ),
  ];
  const bad = privs.filter((p) => !VALID.has(p));
  if (bad.length) fail(`Invalid privileges specified: frozenset({${bad.map((p) => `'${p}'`).join(', ')}})`);
  let objs: string[];
  let inSchema: string | undefined;
  if (objsText === 'ALL_IN_SCHEMA') {
    const kind = type === 'table' ? "('r','v','m','p')" : "('S')";
    objs = (
      await c.query(
        `SELECT relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE nspname = $1 AND relkind in ${kind}`,
        [schema],
      )
    ).rows.map((r: { relname: string }) => r.relname);
    inSchema = type === 'table' ? 'ALL TABLES IN SCHEMA' : 'ALL SEQUENCES IN SCHEMA';
  } else objs = objsText.split(',');
  const rolesText = String(a.roles);
  let whom: string;
  if (rolesText.toUpperCase() === 'PUBLIC') whom = 'PUBLIC';
  else {
    const roles = rolesText.split(',');
    if (roles.length === 1 && !(await roleExists(c, roles[0]!))) {
      if (a.fail_on_role !== false) fail(`Role '${roles[0]!.trim()}' does not exist`);
      return {
        changed: false,
        data: { queries, warnings: [`Role '${roles[0]!.trim()}' does not exist, nothing to do`] },
      };
    }
    const found: string[] = [];
    for (const r of roles) {
      if (await roleExists(c, r)) found.push(`"${r}"`);
      else if (a.fail_on_role !== false) fail(`Role '${r.trim()}' does not exist`);
      else warnings.push(`Role '${r.trim()}' does not exist, pass it`);
    }
    if (!found.length) return { changed: false, data: { queries } };
    whom = found.join(',');
  }
  if (!objs.length) return { changed: false, data: { queries } };
  const qs = schema ? `"${schema.replace(/"/g, '""')}"` : undefined;
  const ids = type === 'table' || type === 'sequence' ? objs.map((o) => `${qs}."${o}"`) : objs.map((o) => `"${o}"`);
  const what = inSchema ? `${privs.join(',')} ON ${inSchema} ${qs}` : `${privs.join(',')} ON ${type} ${ids.join(',')}`;
  const grantOption = a.grant_option === undefined || a.grant_option === null ? undefined : Boolean(a.grant_option);
  const before = await acls(c, type, schema, objs);
  const query = statement(String(a.state), what, whom, grantOption);
  queries.push(query);
  await c.query(query);
  const changed = whom === 'PUBLIC' || JSON.stringify(before) !== JSON.stringify(await acls(c, type, schema, objs));
  await c.query(ctx.checkMode || !changed ? 'ROLLBACK' : 'COMMIT');
  return { changed, data: { queries, ...(warnings.length ? { warnings } : {}) } };
}

export default defineModule({
  name: 'postgresql_privs',
  collection: 'community.postgresql',
  description: 'Grant or revoke privileges on PostgreSQL database objects',
  checkMode: 'supported',
  args: {
    ...PG_LOGIN_ARGS,
    database: { type: 'str', required: true, aliases: ['db', 'login_db'], description: 'The database connected to.' },
    state: { type: 'str', default: 'present', choices: ['present', 'absent'], description: 'Grant or revoke.' },
    privs: { type: 'str', aliases: ['priv'], description: 'Comma-separated privileges (SELECT,INSERT or ALL).' },
    type: { type: 'str', default: 'table', choices: TYPES, description: 'The kind of object.' },
    objs: { type: 'str', aliases: ['obj'], description: 'Comma-separated objects, or ALL_IN_SCHEMA.' },
    schema: { type: 'str', description: 'The schema of tables and sequences (public).' },
    roles: { type: 'str', required: true, aliases: ['role'], description: 'Comma-separated roles, or PUBLIC.' },
    session_role: { type: 'str', description: 'SET ROLE after connecting.' },
    grant_option: { type: 'bool', aliases: ['admin_option'], description: 'WITH GRANT OPTION (false revokes it).' },
    fail_on_role: { type: 'bool', default: true, description: 'Fail when a role does not exist.' },
    trust_input: { type: 'bool', default: true, description: 'Accepted.' },
  },
  run: (a: A, ctx) =>
    withPg(ctx, a, String(a.database), 'Could not connect to database', async (client) => {
      try {
        await client.query('BEGIN');
        return await manage(client, a, ctx);
      } catch (e) {
        if (e instanceof ActionFail) return e.result;
        return { changed: false, failed: true, msg: (e as Error).message };
      }
    }),
});
