// postgresql_query (community.postgresql 2.4): SQL run in one transaction (committed, or rolled
// back in check mode; autocommit on request) — a port of plugins/modules/postgresql_query.py with
// the `pg` client: positional_args/named_args bound as psycopg2 binds %s and %(name)s, the result
// rows of the last query, every query's rows, the server's status message, rowcount, and
// "changed" as the module reads the status message.
import { pyRepr } from '../template/index.js';
import type pg from 'pg';
import { defineModule, type ModuleResult } from './define.js';
import { bindArgs, PG_LOGIN_ARGS, withPg } from './support/postgres.js';

type A = Record<string, unknown>;

/** Whether a status message means a change: any DDL, DML with rows (UPDATE 0 is none), no SELECT. */
export function changesOf(status: string): boolean {
  if (status.includes('SELECT')) return false;
  if (!/(UPDATE|INSERT|DELETE)/.test(status)) return true;
  const s = status.split(/\s+/);
  if (s.length === 3) return s[2] !== '0';
  if (s.length === 2) return s[1] !== '0';
  return true;
}

const plain = (v: unknown): unknown =>
  v instanceof Map ? Object.fromEntries([...v].map(([k, x]) => [String(k), plain(x)])) : v;

export default defineModule({
  name: 'postgresql_query',
  argRules: { mutuallyExclusive: [['positional_args', 'named_args']] },
  collection: 'community.postgresql',
  description: 'Run PostgreSQL queries',
  checkMode: 'supported',
  args: {
    ...PG_LOGIN_ARGS,
    query: { type: 'raw', description: 'The SQL, or a list of statements.' },
    db: { type: 'str', aliases: ['login_db'], description: 'The database to connect to.' },
    positional_args: { type: 'list', elements: 'raw', description: 'Values for %s placeholders.' },
    named_args: { type: 'dict', description: 'Values for %(name)s placeholders.' },
    session_role: { type: 'str', description: 'SET ROLE after connecting.' },
    autocommit: { type: 'bool', default: false, description: 'Each statement commits by itself.' },
    encoding: { type: 'str', description: 'The client encoding.' },
    trust_input: { type: 'bool', default: true, description: 'Accepted.' },
    search_path: { type: 'list', elements: 'str', description: 'The schemas searched.' },
    as_single_query: { type: 'bool', default: true, description: 'Accepted (path_to_script is not ported).' },
  },
  async run(a: A, ctx): Promise<ModuleResult> {
    if (a.positional_args != null && a.named_args != null)
      return { changed: false, failed: true, msg: 'parameters are mutually exclusive: positional_args|named_args' };
    const query = a.query;
    if (query != null && typeof query !== 'string' && !Array.isArray(query))
      return { changed: false, failed: true, msg: 'query argument must be of type string or list' };
    if (a.autocommit && ctx.checkMode)
      return { changed: false, failed: true, msg: 'Using autocommit is mutually exclusive with check_mode' };
    const list = (Array.isArray(query) ? query : query == null ? [] : [query]).map(String);
    const warnings = a.db ? [] : ['Database name has not been passed, used default database to connect to.'];
    const args =
      a.positional_args != null
        ? (a.positional_args as unknown[]).map(plain)
        : a.named_args instanceof Map
          ? new Map([...(a.named_args as Map<string, unknown>)].map(([k, v]) => [k, plain(v)]))
          : undefined;
    return withPg(ctx, a, a.db ? String(a.db) : undefined, 'unable to connect to database', async (client) => {
      // the status message as the server sent it (CommandComplete: "CREATE TABLE", "INSERT 0 1")
      let tag = '';
      (client as unknown as { connection: NodeJS.EventEmitter }).connection.on(
        'commandComplete',
        (m: { text: string }) => {
          tag = m.text;
        },
      );
      if (!a.autocommit) await client.query('BEGIN');
      if (a.encoding) await client.query(`SET client_encoding TO ${String(a.encoding)}`);
      if (a.session_role) await client.query(`SET ROLE "${String(a.session_role)}"`);
      if (a.search_path)
        await client.query(`SET search_path TO ${(a.search_path as string[]).map((s) => s.trim()).join(',')}`);
      let changed = false;
      let rowcount = 0;
      let statusmessage = '';
      let shown = '';
      let queryResult: unknown = [];
      const all: unknown[] = [];
      for (const q of list) {
        const b = bindArgs(q, args);
        shown = b.shown;
        let r: pg.QueryResult | pg.QueryResult[];
        try {
          r = (await client.query(b.text, b.values)) as pg.QueryResult | pg.QueryResult[];
        } catch (e) {
          if (!a.autocommit) await client.query('ROLLBACK').catch(() => undefined);
          const argText = args === undefined ? 'None' : pyRepr(args);
          return {
            changed: false,
            failed: true,
            msg: `Cannot execute SQL '${q}' ${argText}: ${(e as Error).message}, query list: ${pyRepr(list)}`,
          };
        }
        const last: pg.QueryResult | undefined = Array.isArray(r) ? r[r.length - 1] : r;
        statusmessage = tag;
        if ((last?.rowCount ?? 0) > 0) rowcount += last?.rowCount ?? 0;
        // psycopg2's fetchall: rows of a statement that returns some, {} for one that returns none
        queryResult =
          last && last.fields.length
            ? (last.rows as Record<string, unknown>[]).map((row) => new Map(Object.entries(row)))
            : new Map();
        all.push(queryResult);
        if (changesOf(statusmessage)) changed = true;
      }
      if (!a.autocommit) await client.query(ctx.checkMode ? 'ROLLBACK' : 'COMMIT');
      return {
        changed,
        data: {
          query: shown,
          query_list: list,
          statusmessage,
          query_result: queryResult,
          query_all_results: all,
          rowcount,
          ...(warnings.length ? { warnings } : {}),
        },
      };
    });
  },
});
