// community.postgresql's connection options (module_utils/postgres.py postgres_common_argument_spec)
// and a `pg` client whose socket is a stream forwarded through the host's own connection (SSH
// direct-tcpip, or streamlocal to the server's Unix socket): the database is reached as the host
// reaches it, no port is opened here, no password is put in any argv. Results come back as
// psycopg2 gives them (int8 as int, numeric as float, timestamps in ISO form).
import { createRequire } from 'node:module';
import type pg from 'pg';
import type { Duplex } from 'node:stream';
import type { ArgSpec } from '../args.js';
import type { ModuleContext, ModuleResult } from '../define.js';
import { PyFloat } from '../../util/index.js';

/** The `pg` library, loaded by the first connection (a run without PostgreSQL tasks never needs it). */
let pgLib: typeof pg | undefined;

export const PG_LOGIN_ARGS: ArgSpec = {
  login_user: { type: 'str', default: 'postgres', aliases: ['login'], description: 'The role to connect as.' },
  login_password: { type: 'str', default: '', noLog: true, description: 'Its password.' },
  login_host: {
    type: 'str',
    default: '',
    aliases: ['host'],
    description: 'Host as the managed host sees it; empty means the Unix socket.',
  },
  login_unix_socket: { type: 'str', default: '', aliases: ['unix_socket'], description: 'The socket directory.' },
  port: { type: 'int', default: 5432, aliases: ['login_port'], description: 'The port.' },
  ssl_mode: {
    type: 'str',
    default: 'prefer',
    choices: ['allow', 'disable', 'prefer', 'require', 'verify-ca', 'verify-full'],
    description: 'SSL (the forwarded stream is the SSH connection: prefer and allow connect without).',
  },
  ca_cert: { type: 'str', aliases: ['ssl_rootcert'], description: 'Accepted; SSL is not negotiated here.' },
  connect_params: { type: 'dict', default: new Map(), description: 'More libpq connection parameters.' },
};

const SOCKET_DIRS = ['/var/run/postgresql', '/run/postgresql', '/tmp'];

export class PgUnreachable extends Error {}

/** The forwarded stream, looking like the net.Socket pg's Connection drives. */
function asSocket(stream: Duplex): Duplex {
  const s = stream as Duplex & Record<string, unknown>;
  s.setNoDelay = () => s;
  s.setKeepAlive = () => s;
  s.connect = () => {
    process.nextTick(() => s.emit('connect'));
    return s;
  };
  s.ref = () => s;
  s.unref = () => s;
  return s;
}

// psycopg2's conversions: int8 -> int, numeric -> Decimal (the modules turn it into float),
// dates and times -> datetime objects, which AnsibleJSONEncoder writes in ISO form
const TYPES = {
  getTypeParser(oid: number, format?: string): (v: string) => unknown {
    if (oid === 20) return (v) => Number(v);
    // Decimal -> float: 2 is 2.0 (convert_to_supported)
    if (oid === 1700)
      return (v) => {
        const n = Number(v);
        return Number.isInteger(n) ? new PyFloat(n) : n;
      };
    if (oid === 1114 || oid === 1184) return (v) => v.replace(' ', 'T').replace(/\+00$/, '+00:00');
    if (oid === 1082) return (v) => v;
    return pgLib!.types.getTypeParser(oid, format as 'text') as (v: string) => unknown;
  },
};

export interface PgTarget {
  socket?: string;
  host?: string;
  port: number;
}

/** Where the server is, as libpq looks for it: a TCP host, or the socket in a directory. */
export async function pgTarget(ctx: ModuleContext, a: Record<string, unknown>): Promise<PgTarget> {
  const port = Number(a.port ?? 5432);
  if (a.login_host && !String(a.login_host).startsWith('/')) return { host: String(a.login_host), port };
  const dirs = a.login_host
    ? [String(a.login_host)]
    : a.login_unix_socket
      ? [String(a.login_unix_socket)]
      : SOCKET_DIRS;
  for (const d of dirs) {
    const socket = `${d.replace(/\/$/, '')}/.s.PGSQL.${port}`;
    if ((await ctx.conn.stat(socket, true)).exists) return { socket, port };
  }
  return { socket: `${dirs[0]!.replace(/\/$/, '')}/.s.PGSQL.${port}`, port };
}

/** A client connected through the host to `database`; the caller ends it. */
export async function connectPg(ctx: ModuleContext, a: Record<string, unknown>, database?: string): Promise<pg.Client> {
  if (!ctx.conn.forward) throw new PgUnreachable('this connection cannot forward a database stream');
  const where = await pgTarget(ctx, a);
  let stream: Duplex;
  try {
    stream = await ctx.conn.forward(where.socket ? { socket: where.socket } : { host: where.host!, port: where.port });
  } catch (e) {
    const place = where.socket ? `socket "${where.socket}"` : `"${where.host}", port ${where.port}`;
    throw new PgUnreachable(`connection to server on ${place} failed: ${(e as Error).message}`);
  }
  // required, not import()ed: dist/cli.js compiles the bundle through a V8 code cache, and on
  // Node 20 a script taken from cached data loses its import() callback (cli/code-cache.ts)
  pgLib ??= createRequire(import.meta.url)('pg') as typeof pg;
  const client = new pgLib.Client({
    user: String(a.login_user),
    ...(a.login_password ? { password: String(a.login_password) } : {}),
    database: database ?? String(a.login_user),
    stream: () => asSocket(stream),
    types: TYPES,
  });
  try {
    await client.connect();
  } catch (e) {
    stream.destroy();
    throw new PgUnreachable((e as Error).message);
  }
  // a server gone between queries (PostgreSQL stopped mid-restore) must not end the run
  client.on('error', () => undefined);
  // the forwarded channel holds one of the host's channel slots until it closes
  const end = client.end.bind(client);
  client.end = async (): Promise<void> => {
    try {
      await end();
    } finally {
      stream.destroy();
    }
  };
  return client;
}

/**
 * A module's work on a connected client, ended after it; a server that cannot be reached is the
 * module's failure, its message after `prefix` (each module words it its own way).
 */
export async function withPg(
  ctx: ModuleContext,
  a: Record<string, unknown>,
  database: string | undefined,
  prefix: string,
  work: (c: pg.Client) => Promise<ModuleResult>,
): Promise<ModuleResult> {
  let client: pg.Client;
  try {
    client = await connectPg(ctx, a, database);
  } catch (e) {
    if (e instanceof PgUnreachable) return { changed: false, failed: true, msg: `${prefix}: ${e.message}` };
    throw e;
  }
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A string literal as psycopg2's mogrify writes it (standard_conforming_strings on). */
export function pgLiteral(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return `ARRAY[${v.map(pgLiteral).join(',')}]`;
  return `'${String(v).replace(/'/g, "''")}'`;
}

/**
 * psycopg2's placeholders (%s, %(name)s, %% for a percent sign) as pg's $1.. with their values,
 * and the query as mogrify shows it.
 */
export function bindArgs(
  query: string,
  args: unknown[] | Map<string, unknown> | undefined,
): { text: string; values: unknown[]; shown: string } {
  if (args === undefined) return { text: query, values: [], shown: query };
  const values: unknown[] = [];
  const named = new Map<string, number>();
  let i = 0;
  const text = query.replace(/%(%|s|\(([^)]+)\)s)/g, (m, what: string, name: string | undefined) => {
    if (what === '%') return '%';
    if (name !== undefined && args instanceof Map) {
      if (!named.has(name)) {
        values.push(args.get(name));
        named.set(name, values.length);
      }
      return `$${named.get(name)}`;
    }
    values.push(Array.isArray(args) ? args[i++] : undefined);
    return `$${values.length}`;
  });
  const shown = text.replace(/\$(\d+)/g, (_m, n: string) => pgLiteral(values[Number(n) - 1]));
  return { text, values, shown };
}
