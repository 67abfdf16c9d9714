// known_hosts (ansible.builtin): a host's key in a known_hosts file — after
// ansible/modules/known_hosts.py at stable-2.14: ssh-keygen -F finds the host (hashed entries
// too), a key of the same type is replaced, the same key left alone, hash_host writes a hashed
// name (|1|salt|hmac), absent without a key removes every entry of the host (ssh-keygen -R).
import { createHmac, randomBytes } from 'node:crypto';
import { dirname } from 'node:path';
import { shellQuote } from '../util/index.js';
import { defineModule, type ModuleContext, type ModuleResult } from './define.js';
import { run as sh } from './support/host-run.js';

type A = Record<string, unknown>;

/** normalize_known_hosts_key: options, host, type, key of a line. */
function normalize(line: string): { options?: string; host: string; type: string; key: string } {
  const k = line.trim().split(/\s+/);
  return k[0]!.startsWith('@')
    ? { options: k[0]!, host: k[1]!, type: k[2]!, key: k[3]! }
    : { host: k[0]!, type: k[1]!, key: k[2]! };
}

function hashHostKey(host: string, key: string): string {
  const salt = randomBytes(20);
  const hashed = createHmac('sha1', salt).update(host).digest();
  const parts = key.trim().split(/\s+/);
  parts[parts[0]!.startsWith('@') ? 1 : 0] = `|1|${salt.toString('base64')}|${hashed.toString('base64')}`;
  return parts.join(' ');
}

/** search_for_host_key: found, replace_or_add, the line of a key of the same type. */
async function search(
  ctx: ModuleContext,
  host: string,
  key: string | undefined,
  path: string,
): Promise<{ found: boolean; replace: boolean; line?: number } | string> {
  if (!(await ctx.conn.stat(path, true)).exists) return { found: false, replace: false };
  const r = await sh(ctx, `ssh-keygen -F ${shellQuote(host)} -f ${shellQuote(path)}`);
  if (r.out === '' && r.err === '' && (r.rc === 0 || r.rc === 1)) return { found: false, replace: false };
  if (r.rc !== 0) return `ssh-keygen failed (rc=${r.rc}, stdout='${r.out}',stderr='${r.err}')`;
  if (!key) return { found: true, replace: false };
  const wanted = normalize(key);
  let line: number | undefined;
  for (const l of r.out.split('\n')) {
    if (!l) continue;
    if (l.startsWith('#')) {
      line = Number(/found: line (\d+)/.exec(l)?.[1]);
      continue;
    }
    const have = normalize(l);
    if (wanted.host.startsWith('|1|') && have.host.startsWith('|1|')) wanted.host = have.host;
    if (JSON.stringify(wanted) === JSON.stringify(have))
      return { found: true, replace: false, ...(line ? { line } : {}) };
    if (wanted.type === have.type) return { found: true, replace: true, ...(line ? { line } : {}) };
  }
  return { found: true, replace: true };
}

export default defineModule({
  name: 'known_hosts',
  collection: 'ansible.builtin',
  description: 'Adds or removes a host key in a known_hosts file',
  checkMode: 'supported',
  args: {
    name: { type: 'str', required: true, aliases: ['host'], description: 'The host (a name or [name]:port).' },
    key: { type: 'str', description: 'The key line (host type key), as ssh-keyscan prints it.' },
    path: { type: 'path', default: '~/.ssh/known_hosts', description: 'The known_hosts file.' },
    hash_host: { type: 'bool', default: false, description: 'Write the host name hashed.' },
    state: {
      type: 'str',
      default: 'present',
      choices: ['absent', 'present'],
      description: 'Whether the key is there.',
    },
  },
  async run(a: A, ctx): Promise<ModuleResult> {
    const host = String(a.name).toLowerCase();
    const state = String(a.state);
    const home = (await sh(ctx, 'printf %s "$HOME"')).out;
    const path = String(a.path).replace(/^~(?=\/|$)/, home);
    if ((await sh(ctx, 'command -v ssh-keygen')).rc !== 0)
      return { changed: false, failed: true, msg: 'Failed to find required executable "ssh-keygen"' };
    let key = a.key === undefined || a.key === null ? undefined : String(a.key);
    if (!key && state !== 'absent') return { changed: false, failed: true, msg: 'No key specified when adding a host' };
    if (key && a.hash_host) key = hashHostKey(host, key);
    if (key && !key.endsWith('\n')) key += '\n';
    if (key) {
      // sanity_check: a comma list is refused; the key's host field must match the host
      if (/\S+(\s+)?,(\s+)?/.test(host))
        return {
          changed: false,
          failed: true,
          msg: 'Comma separated list of names is not supported. Please pass a single name to lookup in the known_hosts file.',
        };
      const probe = await sh(
        ctx,
        `t=$(mktemp) && cat > "$t" && ssh-keygen -F ${shellQuote(host)} -f "$t"; rm -f "$t"`,
        { stdin: key },
      );
      if (probe.out === '')
        return { changed: false, failed: true, msg: 'Host parameter does not match hashed host field in supplied key' };
    }
    const s = await search(ctx, host, key, path);
    if (typeof s === 'string') return { changed: false, failed: true, msg: s };
    const st = await ctx.conn.stat(path, true);
    const before = st.exists ? (await ctx.conn.readFile(path)).toString('utf8') : '';
    const lines = before.split(/(?<=\n)/).filter(Boolean);
    if ((s.replace || state === 'absent') && s.line !== undefined && s.line >= 1 && s.line <= lines.length)
      lines.splice(s.line - 1, 1);
    if (state === 'present' && (s.replace || s.line === undefined)) lines.push(key!);
    const diff = { before_header: st.exists ? path : '/dev/null', after_header: path, before, after: lines.join('') };
    // enforce_state returns the module's parameters (path expanded) with changed and diff
    const result = { data: { name: String(a.name), key: a.key ?? null, path, hash_host: a.hash_host === true, state } };
    if (state === 'absent' && s.line === undefined && key) return { changed: false, diff, ...result };
    const changed = s.replace || (state === 'present') !== s.found;
    if (ctx.checkMode) return { changed, diff, ...result };
    let done = false;
    if (s.found && !key && state === 'absent') {
      const r = await sh(ctx, `ssh-keygen -R ${shellQuote(host)} -f ${shellQuote(path)}`);
      if (r.rc !== 0) return { changed: false, failed: true, msg: r.err };
      done = true;
    }
    // after ssh-keygen -R the file already is what it should be (Ansible re-reads it, no line to skip)
    if ((s.replace || s.found !== (state === 'present')) && !done) {
      // a temporary file beside it, as NamedTemporaryFile(dir=…): the directory must exist
      if (!(await ctx.conn.stat(dirname(path), true)).exists)
        return {
          changed: false,
          failed: true,
          msg: `Failed to write to file ${path}: [Errno 2] No such file or directory`,
        };
      await ctx.conn.writeFileAtomic(path, lines.join(''), st.exists ? st.mode & 0o7777 : 0o644);
      done = true;
    }
    return { changed: done, diff, ...result };
  },
});
