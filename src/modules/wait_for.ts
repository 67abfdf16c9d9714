// wait_for (ansible/modules/wait_for.py at 2.14.18): a path that appears (with a Python regex in
// it) or goes, a TCP port that opens (with a regex in what it sends), closes or drains, or just a
// time. Everything is looked at from the host, as the module sees it there: a port through the
// connection's forward (an SSH direct-tcpip channel: sshd connects from the host), connections
// from the host's /proc/net/tcp*.
import type { Duplex } from 'node:stream';
import { fileFacts } from './support/files.js';
import { compilePythonRegex } from './support/py-regex.js';
import { activeConnections, CONNECTION_STATES, hostKeys } from './support/tcp-drain.js';
import { defineModule, moduleFail, type ModuleContext, type ModuleResult } from './define.js';

type A = Record<string, unknown>;

/** The search's groups (match_groups, match_groupdict): empty without a search. */
interface Match {
  groups: (string | null)[];
  named: Record<string, string | null>;
}
const NO_MATCH: Match = { groups: [], named: {} };

/** A clock for one run: seconds elapsed as timedelta.seconds gives them, and the end. */
class Clock {
  private readonly start = Date.now();
  constructor(private readonly timeout: number) {}
  elapsed(): number {
    return Math.floor((Date.now() - this.start) / 1000);
  }
  left(): number {
    return this.start + this.timeout * 1000 - Date.now();
  }
}

function matchOf(re: RegExp, text: string): Match | false {
  const m = re.exec(text);
  if (!m) return false;
  const named = Object.fromEntries(Object.entries(m.groups ?? {}).map(([k, v]) => [k, v ?? null]));
  return { groups: m.slice(1).map((g) => g ?? null), named };
}

/** The path as os.stat sees it, and the regex searched in it. */
async function pathMatch(ctx: ModuleContext, path: string, re: RegExp | undefined): Promise<Match | false> {
  if (!(await ctx.conn.stat(path, true)).exists) return false;
  if (!re) return NO_MATCH;
  try {
    return matchOf(re, (await ctx.conn.readFile(path)).toString('utf8'));
  } catch {
    return false;
  }
}

/** socket.create_connection((host, port), timeout) from the host: the stream, or undefined. */
async function connectFromHost(
  ctx: ModuleContext,
  host: string,
  port: number,
  ms: number,
): Promise<Duplex | undefined> {
  if (!ctx.conn.forward) return undefined;
  let timer: NodeJS.Timeout | undefined;
  const opening = ctx.conn.forward({ host, port });
  const timedOut = new Promise<undefined>((res) => (timer = setTimeout(() => res(undefined), ms)));
  try {
    const s = await Promise.race([opening, timedOut]);
    // one that opens after the timeout is closed at once
    if (!s) void opening.then((late) => late.destroy()).catch(() => undefined);
    return s;
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}

/** What the port sends until the regex matches it, the peer closes, or the time is up. */
function readUntil(s: Duplex, re: RegExp, ms: number): Promise<Match | false> {
  return new Promise((resolve) => {
    let data = '';
    const done = (r: Match | false): void => {
      clearTimeout(timer);
      s.removeAllListeners('data');
      s.destroy();
      resolve(r);
    };
    const timer = setTimeout(() => done(false), Math.max(ms, 0));
    s.on('data', (d: Buffer) => {
      data += d.toString('latin1');
      const m = matchOf(re, data);
      if (m) done(m);
    });
    s.once('end', () => done(false));
    s.once('close', () => done(false));
    s.once('error', () => done(false));
  });
}

/** One look at the port: open (and, with a regex, sending it). */
async function portMatch(ctx: ModuleContext, a: A, clock: Clock, re: RegExp | undefined): Promise<Match | false> {
  const connectMs = Math.min(Number(a.connect_timeout) * 1000, Math.ceil(clock.left() / 1000) * 1000);
  const s = await connectFromHost(ctx, String(a.host), Number(a.port), connectMs);
  if (!s) return false;
  if (!re) {
    s.destroy();
    return NO_MATCH;
  }
  // the port's search keeps no groups (wait_for.py records them for a file only)
  return (await readUntil(s, re, clock.left())) && NO_MATCH;
}

/** LinuxTCPConnectionInfo's count, from the host's tables and its addresses for `host`. */
async function activeCount(ctx: ModuleContext, a: A): Promise<number> {
  const hosts = [String(a.host), ...((a.exclude_hosts as string[] | undefined) ?? [])];
  const script =
    'for f in /proc/net/tcp /proc/net/tcp6; do echo "=$f"; cat "$f" 2>/dev/null; done; ' +
    'for h; do echo "@$h"; getent ahosts "$h" | while read -r ip rest; do echo "$ip"; done; done';
  const r = await ctx.conn.execArgv(['sh', '-c', script, 'sh', ...hosts], { env: ctx.env });
  const tables: { family: '4' | '6'; text: string }[] = [];
  const addrs = new Map<string, string[]>();
  let host: string | undefined;
  for (const line of r.stdout.split('\n')) {
    if (line.startsWith('=')) tables.push({ family: line.endsWith('6') ? '6' : '4', text: '' });
    else if (line.startsWith('@')) addrs.set((host = line.slice(1)), []);
    else if (host !== undefined) addrs.get(host)?.push(line);
    else if (tables.length) (tables[tables.length - 1] as { text: string }).text += `${line}\n`;
  }
  const exclude = new Set(hosts.slice(1).flatMap((h) => [...hostKeys([...new Set(addrs.get(h) ?? [])])]));
  return activeConnections(tables, {
    ips: hostKeys([...new Set(addrs.get(String(a.host)) ?? [])]),
    port: Number(a.port),
    states: a.active_connection_states as string[],
    exclude,
  });
}

/** main()'s refusals before it waits (each with elapsed=0). */
function refusal(a: A): string | undefined {
  if (a.port != null && a.path != null) return 'port and path parameter can not both be passed to wait_for';
  if (a.path != null && a.state === 'stopped')
    return 'state=stopped should only be used for checking a port in the wait_for module';
  if (a.path != null && a.state === 'drained')
    return 'state=drained should only be used for checking a port in the wait_for module';
  if (a.exclude_hosts != null && a.state !== 'drained') return 'exclude_hosts should only be with state=drained';
  const bad = (a.active_connection_states as string[]).find((s) => !(s in CONNECTION_STATES));
  return bad === undefined ? undefined : `unknown active_connection_state (${bad}) defined`;
}

/** The regex (re.MULTILINE), or the module's failure. */
function searchOf(a: A): RegExp | undefined {
  if (a.search_regex == null) return undefined;
  try {
    return compilePythonRegex(String(a.search_regex), 'm');
  } catch (e) {
    return moduleFail(`Invalid regular expression: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** The failure when the time is up, in wait_for.py's words for each condition. */
function timeoutMessage(a: A): string {
  const where = `${String(a.host)}:${String(a.port)}`;
  const re = a.search_regex != null ? String(a.search_regex) : undefined;
  if (a.state === 'drained') return `Timeout when waiting for ${where} to drain`;
  if (a.state === 'absent' || a.state === 'stopped')
    return a.port != null
      ? `Timeout when waiting for ${where} to stop.`
      : `Timeout when waiting for ${String(a.path)} to be absent.`;
  if (a.port != null)
    return re ? `Timeout when waiting for search string ${re} in ${where}` : `Timeout when waiting for ${where}`;
  return re
    ? `Timeout when waiting for search string ${re} in ${String(a.path)}`
    : `Timeout when waiting for file ${String(a.path)}`;
}

/** One look at the condition: met (with the search's groups), or not yet. */
async function met(ctx: ModuleContext, a: A, clock: Clock, re: RegExp | undefined): Promise<Match | false> {
  if (a.state === 'drained') return (await activeCount(ctx, a)) === 0 ? NO_MATCH : false;
  const gone = a.state === 'absent' || a.state === 'stopped';
  const seen =
    a.path != null
      ? await pathMatch(ctx, String(a.path), gone ? undefined : re)
      : await portMatch(ctx, a, clock, gone ? undefined : re);
  if (gone) return seen ? false : NO_MATCH;
  return seen;
}

async function run(a: A, ctx: ModuleContext): Promise<ModuleResult> {
  const refused = refusal(a);
  if (refused) moduleFail(refused, { elapsed: 0 });
  const re = searchOf(a);
  const clock = new Clock(Number(a.timeout));
  await ctx.sleep(Number(a.delay) * 1000);
  let match: Match = NO_MATCH;
  if (a.port == null && a.path == null && a.state !== 'drained') await ctx.sleep(Number(a.timeout) * 1000);
  else
    for (;;) {
      if (clock.left() <= 0)
        moduleFail((a.msg as string | undefined) ?? timeoutMessage(a), { elapsed: clock.elapsed() });
      const m = await met(ctx, a, clock, re);
      if (m) {
        match = m;
        break;
      }
      await ctx.sleep(Number(a.sleep) * 1000);
    }
  return {
    changed: false,
    data: {
      state: a.state,
      port: a.port ?? null,
      search_regex: a.search_regex ?? null,
      match_groups: match.groups,
      match_groupdict: match.named,
      path: a.path ?? null,
      elapsed: clock.elapsed(),
      // exit_json's add_path_info: the path's attributes when it is there
      ...(a.path != null ? await fileFacts(ctx.conn, String(a.path)) : {}),
    },
  };
}

export default defineModule({
  name: 'wait_for',
  collection: 'ansible.builtin',
  description: 'Waits for a condition (path, file content, port, drained connections) or a time',
  checkMode: 'skip',
  args: {
    host: { type: 'str', default: '127.0.0.1', description: 'The host of the port, as the target resolves it.' },
    timeout: { type: 'int', default: 300, description: 'Seconds before giving up.' },
    connect_timeout: { type: 'int', default: 5, description: 'Seconds to wait for one connection.' },
    delay: { type: 'int', default: 0, description: 'Seconds to wait first.' },
    port: { type: 'int', description: 'A TCP port to wait for.' },
    active_connection_states: {
      type: 'list',
      elements: 'str',
      default: ['ESTABLISHED', 'FIN_WAIT1', 'FIN_WAIT2', 'SYN_RECV', 'SYN_SENT', 'TIME_WAIT'],
      description: 'state=drained: the TCP states that count as active.',
    },
    path: { type: 'path', description: 'A file that must appear (or go).' },
    search_regex: { type: 'str', description: 'A Python regex the file or the port must send.' },
    state: {
      type: 'str',
      default: 'started',
      choices: ['absent', 'drained', 'present', 'started', 'stopped'],
      description: 'What to wait for.',
    },
    exclude_hosts: {
      type: 'list',
      elements: 'str',
      description: 'state=drained: peers whose connections do not count.',
    },
    sleep: { type: 'int', default: 1, description: 'Seconds between checks.' },
    msg: { type: 'str', description: 'The message on timeout.' },
  },
  run,
});
