// mysql_db: databases present/absent, dumped or imported — community.mysql.mysql_db's contract.
// present/absent go through the forwarded client (support/mysql.ts); dump and import run
// mysqldump / mysql on the host itself, as community.mysql does, but the credentials travel in
// a 0600 --defaults-extra-file written from stdin and removed by the same shell (never in
// argv), and a dump lands under a temporary name that is renamed only when mysqldump succeeded.
import { defineModule, type ModuleContext, type ModuleResult } from './define.js';
import { LOGIN_ARGS, MysqlUnreachable, clientFileText, connectDb } from './support/mysql.js';
import { shellQuote as q } from '../util/index.js';

type A = Record<string, unknown>;

/**
 * Runs `command` (which names the client file as "$f") in one shell on the host: the file is
 * written from stdin first and removed by the shell itself when it ends — on success, on
 * failure, and when runbook dies mid-dump (a separate removal step would never run then).
 */
async function withClientFile(
  ctx: ModuleContext,
  a: A,
  command: string,
): Promise<{ exitCode: number; stderr: string }> {
  const script = `umask 077; f=$(mktemp /tmp/.rb-my.XXXXXX) || exit 1; trap 'rm -f "$f"' EXIT; trap 'exit 129' HUP; trap 'exit 143' TERM; cat > "$f" || exit 1; ${command}`;
  return ctx.conn.exec(script, { stdin: await clientFileText(ctx, a) });
}

function dumpCommand(a: A, names: string[], target: string): string {
  const opts = [
    '--defaults-extra-file="$f"',
    ...(a.single_transaction ? ['--single-transaction'] : []),
    ...(a.quick ? ['--quick'] : []),
    ...(a.hex_blob ? ['--hex-blob'] : []),
    ...(a.skip_lock_tables ? ['--skip-lock-tables'] : []),
  ];
  const extra = a.dump_extra_args ? String(a.dump_extra_args) : '';
  const what =
    names.length === 1 && names[0] === 'all'
      ? '--all-databases'
      : names.length > 1
        ? `--databases ${names.map(q).join(' ')}`
        : q(names[0]!);
  const zip = target.endsWith('.gz')
    ? '| gzip '
    : target.endsWith('.bz2')
      ? '| bzip2 '
      : target.endsWith('.xz')
        ? '| xz '
        : '';
  const tmp = q(`${target}.rb-part`);
  // sh has no pipefail: mysqldump's status travels through a file.
  return `rc=$(mktemp) && { mysqldump ${opts.join(' ')} ${extra} ${what}; echo $? > "$rc"; } ${zip}> ${tmp}; s=$(cat "$rc"); rm -f "$rc"; if [ "$s" = 0 ]; then mv ${tmp} ${q(target)}; else rm -f ${tmp}; exit "$s"; fi`;
}

function importCommand(name: string, target: string): string {
  const cat = target.endsWith('.gz')
    ? 'gunzip -c'
    : target.endsWith('.bz2')
      ? 'bunzip2 -c'
      : target.endsWith('.xz')
        ? 'xz -dc'
        : 'cat';
  return `${cat} ${q(target)} | mysql --defaults-extra-file="$f" ${name === 'all' ? '' : q(name)}`;
}

/** present/absent over one forwarded client: which databases exist, then what changes. */
async function presence(a: A, ctx: ModuleContext, names: string[]): Promise<ModuleResult> {
  const db = await connectDb(ctx, a);
  const executed: string[] = [];
  try {
    const [rows] = await db.query('SHOW DATABASES');
    const have = new Set((rows as Record<string, string>[]).map((r) => Object.values(r)[0]!));
    const todo = a.state === 'present' ? names.filter((n) => !have.has(n)) : names.filter((n) => have.has(n));
    if (ctx.checkMode)
      return { changed: todo.length > 0, data: { db: names.join(','), db_list: names, executed_commands: [] } };
    for (const n of todo) {
      const sql =
        a.state === 'present'
          ? `CREATE DATABASE \`${n}\`${a.encoding ? ` CHARACTER SET ${String(a.encoding)}` : ''}${a.collation ? ` COLLATE ${String(a.collation)}` : ''}`
          : `DROP DATABASE \`${n}\``;
      await db.query(sql);
      executed.push(sql);
    }
  } finally {
    await db.end().catch(() => undefined);
  }
  return { changed: executed.length > 0, data: { db: names.join(','), db_list: names, executed_commands: executed } };
}

export default defineModule({
  name: 'mysql_db',
  collection: 'community.mysql',
  description: 'Adds, removes, dumps or imports MySQL/MariaDB databases',
  checkMode: 'supported',
  args: {
    name: {
      type: 'list',
      required: true,
      aliases: ['db'],
      description: 'Databases ("all" for dump/import of everything).',
    },
    state: {
      type: 'str',
      default: 'present',
      choices: ['absent', 'dump', 'import', 'present'],
      description: 'What to do.',
    },
    target: { type: 'path', description: 'The dump file on the host (.gz, .bz2, .xz compress).' },
    encoding: { type: 'str', description: 'Character set of a new database.' },
    collation: { type: 'str', description: 'Collation of a new database.' },
    single_transaction: { type: 'bool', default: false, description: 'mysqldump --single-transaction.' },
    quick: { type: 'bool', default: true, description: 'mysqldump --quick.' },
    hex_blob: { type: 'bool', default: false, description: 'mysqldump --hex-blob.' },
    skip_lock_tables: { type: 'bool', default: false, description: 'mysqldump --skip-lock-tables.' },
    dump_extra_args: { type: 'str', description: 'More mysqldump arguments (e.g. --routines --triggers --events).' },
    ...LOGIN_ARGS,
  },
  async run(a, ctx): Promise<ModuleResult> {
    const names = (a.name as unknown[]).map(String);
    try {
      if (a.state === 'present' || a.state === 'absent') return await presence(a, ctx, names);
      if (!a.target) return { changed: false, failed: true, msg: `with state=${String(a.state)} target is required` };
      const target = String(a.target);
      if (a.state === 'import' && !(await ctx.conn.stat(target, true)).exists)
        return { changed: false, failed: true, msg: `target ${target} does not exist on the host` };
      if (ctx.checkMode) return { changed: true, data: { db: names.join(','), db_list: names, executed_commands: [] } };
      if (a.state === 'import' && names[0] !== 'all')
        await presence({ ...a, state: 'present' }, ctx, names.slice(0, 1));
      const r = await withClientFile(
        ctx,
        a,
        a.state === 'dump' ? dumpCommand(a, names, target) : importCommand(names[0]!, target),
      );
      if (r.exitCode !== 0)
        return {
          changed: false,
          failed: true,
          msg: `${a.state === 'dump' ? 'mysqldump' : 'mysql'} failed (exit ${r.exitCode}): ${r.stderr.trim()}`,
          data: { db: names.join(','), rc: r.exitCode },
        };
      return {
        changed: true,
        data: {
          db: names.join(','),
          db_list: names,
          msg: '',
          executed_commands: [a.state === 'dump' ? 'mysqldump' : 'mysql'],
        },
      };
    } catch (e) {
      if (e instanceof MysqlUnreachable) return { changed: false, failed: true, msg: e.message };
      throw e;
    }
  },
});
