// The community.mysql connection options and a mysql2 client whose socket is a stream forwarded
// through the host's own connection (SSH direct-tcpip or streamlocal): the database is reached
// as the host reaches it, no port is opened on this machine, no password is put in any argv.
import { createRequire } from 'node:module';
import type { ArgSpec } from '../args.js';
import type { ModuleContext } from '../define.js';
import type { Connection as Db } from 'mysql2/promise';

export const LOGIN_ARGS: ArgSpec = {
  login_user: {
    type: 'str',
    aliases: ['login_username'],
    description: 'Database user (else [client] user of config_file).',
  },
  login_password: { type: 'str', noLog: true, description: 'Its password (else [client] password of config_file).' },
  login_host: {
    type: 'str',
    default: 'localhost',
    description: 'Host as the managed host sees it; localhost means the Unix socket.',
  },
  login_port: { type: 'int', default: 3306, description: 'TCP port.' },
  login_unix_socket: { type: 'str', description: 'Socket path on the host.' },
  config_file: { type: 'path', default: '~/.my.cnf', description: 'A my.cnf on the host with [client] credentials.' },
  connect_timeout: { type: 'int', default: 30, description: 'Seconds.' },
};

const SOCKETS = [
  '/run/mysqld/mysqld.sock',
  '/var/run/mysqld/mysqld.sock',
  '/var/lib/mysql/mysql.sock',
  '/tmp/mysql.sock',
];

/** [client] user/password of the host's my.cnf, as community.mysql reads config_file. */
async function clientConfig(ctx: ModuleContext, file: string): Promise<Record<string, string>> {
  const path = file.startsWith('~/')
    ? `"$HOME"/${file.slice(2).replace(/'/g, '')}`
    : `'${file.replace(/'/g, `'\\''`)}'`;
  const r = await ctx.conn.exec(`cat ${path} 2>/dev/null`);
  const out: Record<string, string> = {};
  let section = '';
  for (const raw of r.stdout.split('\n')) {
    const line = raw.trim();
    const sec = /^\[(.+)\]$/.exec(line);
    if (sec) section = sec[1]!;
    else if (section === 'client' && line.includes('=')) {
      const [k, ...v] = line.split('=');
      out[k!.trim()] = v
        .join('=')
        .trim()
        .replace(/^(['"])(.*)\1$/, '$2');
    }
  }
  return out;
}

async function target(
  ctx: ModuleContext,
  a: Record<string, unknown>,
): Promise<{ host: string; port: number } | { socket: string }> {
  if (a.login_unix_socket) return { socket: String(a.login_unix_socket) };
  if (a.login_host !== 'localhost') return { host: String(a.login_host), port: Number(a.login_port) };
  for (const s of SOCKETS) if ((await ctx.conn.stat(s, true)).exists) return { socket: s };
  return { host: '127.0.0.1', port: Number(a.login_port) };
}

export class MysqlUnreachable extends Error {}

/** A client connected through the host; the caller ends it. */
export async function connectDb(ctx: ModuleContext, a: Record<string, unknown>, database?: string): Promise<Db> {
  if (!ctx.conn.forward) throw new MysqlUnreachable('this connection cannot forward a database stream');
  const cfg = a.login_user == null || a.login_password == null ? await clientConfig(ctx, String(a.config_file)) : {};
  const where = await target(ctx, a);
  let stream;
  try {
    stream = await ctx.conn.forward(where);
  } catch (e) {
    throw new MysqlUnreachable(
      `unable to connect to database, check login_user and login_password are correct or ${String(a.config_file)} has the credentials. Exception message: ${(e as Error).message}`,
    );
  }
  try {
    // mysql2 is loaded by the first connection, not at every run's start; required, not
    // import()ed: a script from V8's code cache has no import() callback on Node 20 (cli/code-cache.ts)
    const { createConnection } = createRequire(import.meta.url)('mysql2/promise') as typeof import('mysql2/promise');
    const db = await createConnection({
      stream,
      user: String(a.login_user ?? cfg.user ?? 'root'),
      password: String(a.login_password ?? cfg.password ?? ''),
      ...(database ? { database } : {}),
      connectTimeout: Number(a.connect_timeout) * 1000,
      multipleStatements: false,
      dateStrings: true,
      supportBigNumbers: true,
      bigNumberStrings: false,
    });
    // mysql2 emits 'error' on the connection when the server goes away between queries (MariaDB
    // stopped mid-restore): with no listener Node would end the run (exit 250). A query under
    // way still rejects with it, and the next one fails as unreachable.
    db.on('error', () => undefined);
    // The forwarded channel holds one of the host's channel slots until it closes: end() closes it.
    const end = db.end.bind(db);
    db.end = async (): Promise<void> => {
      try {
        await end();
      } finally {
        stream.destroy();
      }
    };
    return db;
  } catch (e) {
    stream.destroy();
    throw new MysqlUnreachable(
      `unable to connect to database, check login_user and login_password are correct or ${String(a.config_file)} has the credentials. Exception message: ${(e as Error).message}`,
    );
  }
}

/** The [client] lines of a --defaults-extra-file for mysqldump/mysql on the host (0600, removed after). */
export async function clientFileText(ctx: ModuleContext, a: Record<string, unknown>): Promise<string> {
  const cfg = a.login_user == null || a.login_password == null ? await clientConfig(ctx, String(a.config_file)) : {};
  const lines = ['[client]', `user=${String(a.login_user ?? cfg.user ?? 'root')}`];
  const pw = a.login_password ?? cfg.password;
  if (pw != null) lines.push(`password="${String(pw).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`);
  if (a.login_unix_socket) lines.push(`socket=${String(a.login_unix_socket)}`);
  else if (a.login_host !== 'localhost') lines.push(`host=${String(a.login_host)}`, `port=${String(a.login_port)}`);
  return `${lines.join('\n')}\n`;
}
