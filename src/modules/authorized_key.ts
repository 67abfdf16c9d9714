// authorized_key (ansible.posix): adds or removes SSH public keys in a user's authorized_keys —
// a port of ansible_collections/ansible/posix/plugins/modules/authorized_key.py's core: keys
// matched by their base64 blob, options kept with each line, `exclusive`, `manage_dir` (a 0700
// ~/.ssh owned by the user), the file written 0600 and owned by the user.
import { defineModule, type ModuleContext, type ModuleResult } from './define.js';
import { getent } from './support/getent.js';
import { shellQuote } from '../util/index.js';

interface Key {
  options?: string;
  type: string;
  blob: string;
  comment?: string;
}

const TYPES = /^(ssh-(rsa|dss|ed25519)|ecdsa-sha2-nistp\d+|sk-(ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com)$/;

/** One authorized_keys line: [options] type blob [comment]; undefined for comments and blanks. */
export function parseKey(line: string): Key | undefined {
  const t = line.trim();
  if (!t || t.startsWith('#')) return undefined;
  const words = t.match(/(?:[^\s"]+|"[^"]*")+/g) ?? [];
  const at = words.findIndex((w) => TYPES.test(w));
  if (at < 0 || !words[at + 1]) return undefined;
  return {
    ...(at > 0 ? { options: words.slice(0, at).join(' ') } : {}),
    type: words[at]!,
    blob: words[at + 1]!,
    ...(words.length > at + 2 ? { comment: words.slice(at + 2).join(' ') } : {}),
  };
}

const render = (k: Key): string =>
  [k.options, k.type, k.blob, k.comment].filter((x) => x !== undefined && x !== '').join(' ');

async function keyfile(
  a: Record<string, unknown>,
  ctx: ModuleContext,
  user: string,
): Promise<{ path: string; home: string; uid: number; gid: number } | string> {
  const pw = await getent(ctx, 'passwd', user);
  if (!pw) return `Failed to lookup user ${user}: user not found`;
  const home = pw[5] ?? '';
  return {
    path: a.path ? String(a.path) : `${home}/.ssh/authorized_keys`,
    home,
    uid: Number(pw[2]),
    gid: Number(pw[3]),
  };
}

export default defineModule({
  name: 'authorized_key',
  collection: 'ansible.posix',
  description: "Adds or removes SSH public keys in a user's authorized_keys",
  checkMode: 'supported',
  args: {
    user: { type: 'str', required: true, description: 'Whose authorized_keys.' },
    key: { type: 'str', required: true, description: 'One or more public key lines.' },
    path: { type: 'path', description: 'Another file than ~/.ssh/authorized_keys.' },
    manage_dir: { type: 'bool', default: true, description: 'Create ~/.ssh (0700, owned by the user).' },
    state: {
      type: 'str',
      default: 'present',
      choices: ['absent', 'present'],
      description: 'Whether the keys should be there.',
    },
    key_options: { type: 'str', description: 'Options put before each key.' },
    exclusive: { type: 'bool', default: false, description: 'Remove every other key.' },
    comment: { type: 'str', description: "Replace the keys' comment." },
    follow: { type: 'bool', default: false, description: 'Follow a symlinked file.' },
    validate_certs: { type: 'bool', default: true, description: 'Accepted for compatibility (no URLs).' },
  },
  async run(a, ctx): Promise<ModuleResult> {
    const user = String(a.user);
    const where = await keyfile(a, ctx, user);
    if (typeof where === 'string') return { changed: false, failed: true, msg: where };
    const wanted = String(a.key)
      .split('\n')
      .map(parseKey)
      .filter((k): k is Key => k !== undefined)
      .map((k) => ({
        ...k,
        ...(a.key_options ? { options: String(a.key_options) } : {}),
        ...(a.comment != null ? { comment: String(a.comment) } : {}),
      }));
    if (!wanted.length) return { changed: false, failed: true, msg: `invalid key specified: ${String(a.key)}` };
    const st = await ctx.conn.stat(where.path, true);
    const lines = st.exists
      ? (await ctx.conn.readFile(where.path))
          .toString('utf8')
          .split('\n')
          .filter((l, i, all) => i < all.length - 1 || l !== '')
      : [];
    let out = [...lines];
    if (a.state === 'absent') out = out.filter((l) => !wanted.some((w) => parseKey(l)?.blob === w.blob));
    else {
      if (a.exclusive)
        out = out.filter((l) => {
          const k = parseKey(l);
          return !k || wanted.some((w) => w.blob === k.blob);
        });
      for (const w of wanted) {
        const i = out.findIndex((l) => parseKey(l)?.blob === w.blob);
        if (i < 0) out.push(render(w));
        else if (out[i] !== render(w)) out[i] = render(w);
      }
    }
    const changed = out.join('\n') !== lines.join('\n');
    if (changed && !ctx.checkMode) {
      const dir = where.path.replace(/\/[^/]*$/, '');
      if (a.manage_dir !== false && !a.path && !(await ctx.conn.stat(dir, true)).exists) {
        await ctx.conn.mkdir(dir, 0o700);
        await ctx.conn.exec(`chown ${where.uid}:${where.gid} ${shellQuote(dir)}`);
      }
      await ctx.conn.writeFileAtomic(where.path, out.length ? `${out.join('\n')}\n` : '', 0o600);
      if (!st.exists) await ctx.conn.exec(`chown ${where.uid}:${where.gid} ${shellQuote(where.path)}`);
    }
    return {
      changed,
      data: {
        user,
        key: String(a.key),
        key_options: a.key_options ?? null,
        keyfile: where.path,
        exclusive: a.exclusive,
        manage_dir: a.manage_dir,
        path: a.path ?? null,
        state: a.state,
        follow: a.follow,
        comment: a.comment ?? null,
        validate_certs: a.validate_certs,
      },
    };
  },
});
