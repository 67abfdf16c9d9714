// wait_for: waits for a path to appear or go, a regex in a file, a TCP port, or just a time.
import { connect } from 'node:net';
import { fileFacts } from './support/files.js';
import { defineModule, type ModuleContext } from './define.js';

async function portOpen(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host, port, timeout: 1000 });
    s.on('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.on('error', () => resolve(false));
    s.on('timeout', () => {
      s.destroy();
      resolve(false);
    });
  });
}

/** The search's groups (wait_for.py's match_groups / match_groupdict), none without a search. */
interface Match {
  groups: (string | null)[];
  named: Record<string, string | null>;
}
const NO_MATCH: Match = { groups: [], named: {} };

async function satisfied(a: Record<string, unknown>, ctx: ModuleContext): Promise<Match | false> {
  const present = a.state === 'present' || a.state === 'started';
  if (a.path !== undefined) {
    const st = await ctx.conn.stat(String(a.path), true);
    if (!present) return st.exists ? false : NO_MATCH;
    if (!st.exists) return false;
    if (a.search_regex === undefined) return NO_MATCH;
    const text = (await ctx.conn.readFile(String(a.path))).toString('utf8');
    const m = new RegExp(String(a.search_regex), 'm').exec(text);
    if (!m) return false;
    const named = Object.fromEntries(Object.entries(m.groups ?? {}).map(([k, v]) => [k, v ?? null]));
    return { groups: m.slice(1).map((g) => g ?? null), named };
  }
  if (a.port !== undefined)
    return (await portOpen(String(a.host ?? '127.0.0.1'), Number(a.port))) === present ? NO_MATCH : false;
  return false;
}

export default defineModule({
  name: 'wait_for',
  collection: 'ansible.builtin',
  description: 'Waits for a condition (path, file content, port) or a time',
  checkMode: 'skip',
  args: {
    path: { type: 'path', description: 'A file that must appear (or go).' },
    port: { type: 'int', description: 'A TCP port to wait for.' },
    host: { type: 'str', default: '127.0.0.1', description: 'The host of the port.' },
    state: {
      type: 'str',
      default: 'started',
      choices: ['absent', 'drained', 'present', 'started', 'stopped'],
      description: 'What to wait for.',
    },
    search_regex: { type: 'str', description: 'Text the file must contain.' },
    timeout: { type: 'int', default: 300, description: 'Seconds before giving up.' },
    delay: { type: 'int', default: 0, description: 'Seconds to wait first.' },
    sleep: { type: 'int', default: 1, description: 'Seconds between checks.' },
    msg: { type: 'str', description: 'The message on timeout.' },
  },
  run: async (a, ctx) => {
    const start = Date.now();
    await ctx.sleep(Number(a.delay) * 1000);
    const waitsForSomething = a.path !== undefined || a.port !== undefined;
    if (!waitsForSomething) {
      await ctx.sleep(Number(a.timeout) * 1000);
      return { changed: false, data: { elapsed: Math.round((Date.now() - start) / 1000) } };
    }
    for (;;) {
      const match = await satisfied(a, ctx);
      // wait_for.py's exit_json; AnsibleModule.add_path_info then adds the path's attributes
      // (its state becomes file/directory/link when the path exists)
      if (match)
        return {
          changed: false,
          data: {
            elapsed: Math.round((Date.now() - start) / 1000),
            match_groupdict: match.named,
            match_groups: match.groups,
            path: a.path ?? null,
            port: a.port ?? null,
            search_regex: a.search_regex ?? null,
            state: a.state,
            ...(a.path !== undefined ? await fileFacts(ctx.conn, String(a.path)) : {}),
          },
        };
      if (Date.now() - start >= Number(a.timeout) * 1000) {
        const what =
          a.path !== undefined
            ? a.search_regex !== undefined
              ? `Timeout when waiting for search string ${String(a.search_regex)} in ${String(a.path)}`
              : `Timeout when waiting for file ${String(a.path)}`
            : `Timeout when waiting for ${String(a.host)}:${String(a.port)}`;
        return {
          changed: false,
          failed: true,
          msg: (a.msg as string | undefined) ?? what,
          data: { elapsed: Math.round((Date.now() - start) / 1000) },
        };
      }
      await ctx.sleep(Math.min(Number(a.sleep) * 1000, 1000));
    }
  },
});
