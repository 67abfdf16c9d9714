// mysql_query: runs SQL on a MySQL/MariaDB server — community.mysql.mysql_query's contract
// (query as a string or list, positional_args/named_args, single_transaction; results
// query_result, rowcount, executed_queries). The client is mysql2 over a stream the host's own
// connection forwards (support/mysql.ts). Check mode runs only read-only statements (SELECT,
// SHOW, DESCRIBE, EXPLAIN, CHECKSUM) and reports the others as changes it would make.
import { defineModule, type ModuleResult } from './define.js';
import { LOGIN_ARGS, MysqlUnreachable, connectDb } from './support/mysql.js';

const READ_ONLY = /^\s*(select|show|describe|desc|explain|checksum|with)\b/i;
const DDL = /^\s*(create|drop|alter|rename|truncate|grant|revoke)\b/i;

export default defineModule({
  name: 'mysql_query',
  argRules: { mutuallyExclusive: [['positional_args', 'named_args']] },
  collection: 'community.mysql',
  description: 'Runs SQL queries against a MySQL/MariaDB database',
  checkMode: 'skip',
  args: {
    query: { type: 'raw', required: true, description: 'A query or a list of queries.' },
    login_db: { type: 'str', aliases: ['db'], description: 'Database to use.' },
    positional_args: { type: 'list', description: 'Values for %s placeholders.' },
    named_args: { type: 'dict', description: 'Values for %(name)s placeholders.' },
    single_transaction: { type: 'bool', default: false, description: 'All queries in one transaction.' },
    ...LOGIN_ARGS,
  },
  async run(a, ctx): Promise<ModuleResult> {
    const queries = (Array.isArray(a.query) ? a.query : [a.query]).map(String);
    if (ctx.checkMode && !queries.every((q) => READ_ONLY.test(q)))
      return { changed: true, data: { executed_queries: [], query_result: [], rowcount: [] } };
    let db;
    try {
      db = await connectDb(ctx, a, a.login_db ? String(a.login_db) : undefined);
    } catch (e) {
      if (e instanceof MysqlUnreachable) return { changed: false, failed: true, msg: e.message };
      throw e;
    }
    const results: unknown[] = [];
    const rowcount: number[] = [];
    const executed: string[] = [];
    let changed = false;
    try {
      if (a.single_transaction) await db.beginTransaction();
      for (const q of queries) {
        const { sql, values } = placeholders(
          q,
          a.positional_args as unknown[] | undefined,
          a.named_args as Record<string, unknown> | undefined,
        );
        const [rows] = await db.query({ sql, values });
        executed.push(db.format(sql, values));
        if (Array.isArray(rows)) {
          results.push(rows);
          rowcount.push(rows.length);
        } else {
          const affected = (rows as { affectedRows?: number }).affectedRows ?? 0;
          results.push([]);
          rowcount.push(affected);
          if (affected > 0 || DDL.test(q)) changed = true;
        }
      }
      if (a.single_transaction) await db.commit();
    } catch (e) {
      if (a.single_transaction) await db.rollback().catch(() => undefined);
      return {
        changed: false,
        failed: true,
        msg: `Cannot execute SQL '${executed.length < queries.length ? queries[executed.length] : ''}' args [${JSON.stringify(a.positional_args ?? a.named_args ?? null)}]: ${(e as Error).message}`,
        data: { executed_queries: executed },
      };
    } finally {
      await db.end().catch(() => undefined);
    }
    return { changed, data: { executed_queries: executed, query_result: results, rowcount } };
  },
});

/** community.mysql's %s / %(name)s placeholders → mysql2's ? with values. */
function placeholders(
  q: string,
  positional?: unknown[],
  named?: Record<string, unknown>,
): { sql: string; values: unknown[] } {
  const values: unknown[] = [];
  let i = 0;
  const sql = q.replace(/%\((\w+)\)s|%s/g, (_m, name: string | undefined) => {
    values.push(name !== undefined ? named?.[name] : positional?.[i++]);
    return '?';
  });
  return { sql, values };
}
