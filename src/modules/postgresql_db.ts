// postgresql_db (community.postgresql 2.4): a database created, changed, dropped, renamed, dumped
// or restored — a port of plugins/modules/postgresql_db.py. Create/drop/rename go through the
// `pg` client to maintenance_db; dump and restore run pg_dump/psql/pg_restore on the host as the
// module does, with one difference kept on purpose: the password travels in a 0600 PGPASSFILE
// written from stdin and removed in the same shell, never in an argv or a process environment.
import { shellQuote } from '../util/index.js';
import { ActionFail, moduleFail, defineModule, type ModuleContext, type ModuleResult } from './define.js';
import { binPath, run } from './support/host-run.js';
import { PG_LOGIN_ARGS, withPg } from './support/postgres.js';
import type pg from 'pg';

type A = Record<string, unknown>;

const fail = moduleFail;

interface DbInfo {
  owner: string;
  encoding: string;
  encoding_id: number;
  lc_collate: string;
  lc_ctype: string;
  conn_limit: number;
  tablespace: string;
}

async function info(c: pg.Client, db: string): Promise<DbInfo | undefined> {
  const r = await c.query(
    `SELECT rolname AS owner, pg_encoding_to_char(encoding) AS encoding, encoding AS encoding_id,
       datcollate AS lc_collate, datctype AS lc_ctype, pg_database.datconnlimit AS conn_limit,
       spcname AS tablespace
     FROM pg_database JOIN pg_roles ON pg_roles.oid = pg_database.datdba
     JOIN pg_tablespace ON pg_tablespace.oid = pg_database.dattablespace WHERE datname = $1`,
    [db],
  );
  return r.rows[0] as DbInfo | undefined;
}

/** db_matches / the differences db_create would apply, with NotSupportedError's messages. */
async function differences(c: pg.Client, a: A, have: DbInfo): Promise<string[]> {
  if (a.encoding) {
    const id = (await c.query('SELECT pg_char_to_encoding($1) AS id', [a.encoding])).rows[0] as { id: number };
    if (id.id !== have.encoding_id)
      fail(`Changing database encoding is not supported. Current encoding: ${have.encoding}`);
  }
  if (a.lc_collate && a.lc_collate !== have.lc_collate)
    fail(`Changing LC_COLLATE is not supported. Current LC_COLLATE: ${have.lc_collate}`);
  if (a.lc_ctype && a.lc_ctype !== have.lc_ctype)
    fail(`Changing LC_CTYPE is not supported.Current LC_CTYPE: ${have.lc_ctype}`);
  const out: string[] = [];
  const db = String(a.db);
  if (a.owner && a.owner !== have.owner) out.push(`ALTER DATABASE "${db}" OWNER TO "${String(a.owner)}"`);
  if (a.conn_limit && String(a.conn_limit) !== String(have.conn_limit))
    out.push(`ALTER DATABASE "${db}" CONNECTION LIMIT ${String(a.conn_limit)}`);
  if (a.tablespace && a.tablespace !== have.tablespace)
    out.push(`ALTER DATABASE "${db}" SET TABLESPACE "${String(a.tablespace)}"`);
  return out;
}

function createStatement(a: A): string {
  const lit = (v: unknown): string => `'${String(v).replace(/'/g, "''")}'`;
  const parts = [`CREATE DATABASE "${String(a.db)}"`];
  if (a.owner) parts.push(`OWNER "${String(a.owner)}"`);
  if (a.template) parts.push(`TEMPLATE "${String(a.template)}"`);
  if (a.encoding) parts.push(`ENCODING ${lit(a.encoding)}`);
  if (a.lc_collate) parts.push(`LC_COLLATE ${lit(a.lc_collate)}`);
  if (a.lc_ctype) parts.push(`LC_CTYPE ${lit(a.lc_ctype)}`);
  if (a.tablespace) parts.push(`TABLESPACE "${String(a.tablespace)}"`);
  if (a.conn_limit) parts.push(`CONNECTION LIMIT ${String(a.conn_limit)}`);
  return parts.join(' ');
}

async function manage(c: pg.Client, a: A, ctx: ModuleContext): Promise<ModuleResult> {
  const db = String(a.db);
  const state = String(a.state);
  const executed: string[] = [];
  const exec = async (sql: string): Promise<void> => {
    executed.push(sql);
    if (!ctx.checkMode) await c.query(sql);
  };
  if (a.session_role) await c.query(`SET ROLE "${String(a.session_role)}"`);
  const have = await info(c, db);
  let changed = false;
  if (state === 'absent' && have) {
    await exec(a.force ? `DROP DATABASE "${db}" WITH (FORCE)` : `DROP DATABASE "${db}"`);
    changed = true;
  } else if (state === 'present') {
    if (!have) {
      await exec(createStatement(a));
      changed = true;
    } else {
      const alters = await differences(c, a, have);
      for (const s of alters) await exec(s);
      changed = alters.length > 0;
    }
  } else if (state === 'rename') {
    const target = String(a.target);
    const exists = await info(c, target);
    if (have && exists) fail(`Both the source and the target databases exist.`);
    if (!have && !exists) fail(`The source and the target databases do not exist.`);
    if (have) {
      await exec(`ALTER DATABASE "${db}" RENAME TO "${target}"`);
      changed = true;
    }
  }
  // check mode reports what would run: executed_commands stays as the module leaves it there
  return { changed, data: { db, executed_commands: ctx.checkMode ? [] : executed } };
}

/** login_flags: --dbname (or the bare name for pg_dump), --host, --port, --username. */
function loginFlags(a: A, db: string, dbPrefix: boolean): string {
  const f: string[] = [];
  f.push(dbPrefix ? ` --dbname=${shellQuote(db)}` : ` ${shellQuote(db)}`);
  if (a.login_host) f.push(` --host=${String(a.login_host)}`);
  else if (a.login_unix_socket) f.push(` --host=${String(a.login_unix_socket)}`);
  if (a.port) f.push(` --port=${String(a.port)}`);
  if (a.login_user) f.push(` --username=${String(a.login_user)}`);
  return f.join('');
}

const ext = (target: string): string => /(\.[^./]+)$/.exec(target)?.[1] ?? '';

async function tool(ctx: ModuleContext, name: string): Promise<string> {
  const b = await binPath(ctx, name);
  if ('missing' in b) fail(b.missing);
  return (b as { path: string }).path;
}

/** db_dump's and db_restore's command line (without the password). */
async function dumpOrRestore(ctx: ModuleContext, a: A, state: string, target: string): Promise<string> {
  const db = String(a.db);
  const e = ext(target);
  const opts = a.target_opts ? ` ${String(a.target_opts)} ` : '';
  if (state === 'dump') {
    const format = { '.tar': ' --format=t', '.pgc': ' --format=c', '.dir': ' --format=d' }[e] ?? '';
    const comp = { '.gz': 'gzip', '.bz2': 'bzip2', '.xz': 'xz' }[e];
    const extra = a.dump_extra_args ? ` ${String(a.dump_extra_args)} ` : '';
    const cmd = `${await tool(ctx, 'pg_dump')}${loginFlags(a, db, false)}${format}${extra}${opts}`;
    if (comp) return `${cmd} | ${await tool(ctx, comp)} > ${shellQuote(target)}`;
    return format === ' --format=d' ? `${cmd} -f ${shellQuote(target)}` : `${cmd} > ${shellQuote(target)}`;
  }
  const restore = { '.tar': ' --format=Tar', '.pgc': ' --format=Custom', '.dir': ' --format=Directory' }[e];
  const cat = { '.gz': 'zcat', '.bz2': 'bzcat', '.xz': 'xzcat' }[e];
  const base = restore ? await tool(ctx, 'pg_restore') : await tool(ctx, 'psql');
  const cmd = `${base}${loginFlags(a, db, true)}${e === '.sql' ? ` --file=${target}` : ''}${restore ?? ''}${opts}`;
  if (cat) return `${await tool(ctx, cat)} ${shellQuote(target)} | ${cmd}`;
  return restore === ' --format=Directory' ? `${cmd} ${shellQuote(target)}` : `${cmd} < ${shellQuote(target)}`;
}

/** The command with its password in a PGPASSFILE of its own (0600, from stdin, removed after). */
async function withPassfile(ctx: ModuleContext, a: A, cmd: string): Promise<{ rc: number; out: string; err: string }> {
  const esc = (s: string): string => s.replace(/\\/g, '\\\\').replace(/:/g, '\\:');
  const password = String(a.login_password ?? '');
  const script = password
    ? `umask 077; f=$(mktemp) || exit 1; trap 'rm -f "$f"' EXIT; cat > "$f"; PGPASSFILE="$f"; export PGPASSFILE; set -o pipefail 2>/dev/null; ${cmd}`
    : `set -o pipefail 2>/dev/null; ${cmd}`;
  return run(ctx, `bash -c ${shellQuote(script)}`, password ? { stdin: `*:*:*:*:${esc(password)}\n` } : {});
}

async function main(a: A, ctx: ModuleContext): Promise<ModuleResult> {
  const state = String(a.state);
  const db = String(a.db);
  if (state === 'rename') {
    if (!a.target) fail('The "target" option must be defined when the "rename" option is used.');
    if (db === a.target) fail('The "name/db" option and the "target" option cannot be the same.');
    if (a.maintenance_db === db) fail('The "maintenance_db" option and the "name/db" option cannot be the same.');
  }
  if (state === 'dump' || state === 'restore') {
    const cwd = (await run(ctx, 'pwd')).out.trim();
    const target = a.target ? String(a.target) : `${cwd}/${db}.sql`;
    const cmd = await dumpOrRestore(ctx, a, state, target);
    if (ctx.checkMode) return { changed: true, data: { db, executed_commands: [] } };
    const r = await withPassfile(ctx, a, cmd);
    if (r.rc !== 0) return fail(r.err, { stdout: r.out, rc: r.rc, cmd });
    return { changed: true, msg: r.out, data: { stderr: r.err, rc: r.rc, cmd, executed_commands: [cmd] } };
  }
  return withPg(ctx, a, String(a.maintenance_db), 'unable to connect to database', async (client) => {
    try {
      return await manage(client, a, ctx);
    } catch (e) {
      if (e instanceof ActionFail) throw e;
      return fail(`Database query failed: ${(e as Error).message}`);
    }
  });
}

export default defineModule({
  name: 'postgresql_db',
  collection: 'community.postgresql',
  description: 'Add or remove PostgreSQL databases from a remote host',
  checkMode: 'supported',
  args: {
    ...PG_LOGIN_ARGS,
    db: { type: 'str', required: true, aliases: ['name'], description: 'The database.' },
    owner: { type: 'str', default: '', description: 'Its owner.' },
    template: { type: 'str', default: '', description: 'The template it is created from.' },
    encoding: { type: 'str', default: '', description: 'Its encoding (at creation).' },
    lc_collate: { type: 'str', default: '', description: 'LC_COLLATE (at creation).' },
    lc_ctype: { type: 'str', default: '', description: 'LC_CTYPE (at creation).' },
    state: {
      type: 'str',
      default: 'present',
      choices: ['absent', 'dump', 'present', 'rename', 'restore'],
      description: 'present, absent, rename, or dump/restore (pg_dump, psql, pg_restore on the host).',
    },
    target: { type: 'path', default: '', description: 'The dump file, or the new name for rename.' },
    target_opts: { type: 'str', default: '', description: 'More options for pg_dump/pg_restore.' },
    maintenance_db: { type: 'str', default: 'postgres', description: 'The database connected to.' },
    session_role: { type: 'str', description: 'SET ROLE after connecting.' },
    conn_limit: { type: 'str', default: '', description: 'Its connection limit.' },
    tablespace: { type: 'path', default: '', description: 'Its tablespace.' },
    dump_extra_args: { type: 'str', description: 'More pg_dump arguments.' },
    trust_input: { type: 'bool', default: true, description: 'Accepted.' },
    force: { type: 'bool', default: false, description: 'absent: DROP ... WITH (FORCE).' },
  },
  // a failure deep inside (moduleFail) ends the run as the executor's ActionFail
  run: (a: A, ctx) => main(a, ctx),
});
