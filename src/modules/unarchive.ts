// unarchive: unpacks a tar (gz, bz2, xz, zst — GNU tar detects which) or zip archive into an
// existing directory on the host (ansible/modules/unarchive.py + the unarchive action plugin):
// a controller `src` is copied over first unless remote_src; "already unarchived" is decided as
// TgzArchive.is_unarchived does, with `tar --diff`; zip members are compared by size and mode.
import { basename } from 'node:path';
import { actionFail, defineModule, raised, type ModuleContext, type ModuleResult } from './define.js';
import { fileFacts } from './support/files.js';
import { run } from './support/host-run.js';
import { shellQuote as q } from '../util/index.js';

type A = Record<string, unknown>;

interface Handler {
  name: string;
  list: string;
  diff?: string;
  extract: string;
}

/** Members to extract or leave out (unarchive.py's include/exclude): tar and unzip take them as arguments. */
interface Members {
  include: string[];
  exclude: string[];
}

function handlerFor(src: string, dest: string, extra: string, m: Members): Handler {
  if (/\.zip$/i.test(src)) {
    // ZipArchive: `unzip -o SRC [INCLUDE…] [-x EXCLUDE…] -d DEST`
    const members = [...m.include.map(q), ...(m.exclude.length ? ['-x', ...m.exclude.map(q)] : [])].join(' ');
    return {
      name: 'ZipArchive',
      list: `unzip -Z1 ${q(src)}`,
      extract: `unzip -o ${extra} ${q(src)} ${members} -d ${q(dest)}`,
    };
  }
  // TgzArchive: --exclude= before -f, the included members after it
  const excludes = m.exclude.map((f) => q(`--exclude=${f.replace(/\/+$/, '')}`)).join(' ');
  const includes = m.include.map(q).join(' ');
  const name = /\.(tgz|tar\.gz)$/i.test(src)
    ? 'TgzArchive'
    : /\.tar\.bz2$/i.test(src)
      ? 'TarBzipArchive'
      : /\.tar\.xz$/i.test(src)
        ? 'TarXzArchive'
        : /\.tar\.zst$/i.test(src)
          ? 'TarZstdArchive'
          : 'TarArchive';
  return {
    name,
    list: `tar -t ${excludes} -f ${q(src)} ${includes}`,
    diff: `tar --diff ${extra} ${excludes} -f ${q(src)} -C ${q(dest)} ${includes}`,
    extract: `tar -x --no-same-owner ${extra} ${excludes} -f ${q(src)} -C ${q(dest)} ${includes}`,
  };
}

/** Whether every zip member is already there with the same size (unzip -Zl lists sizes). */
async function zipUnarchived(ctx: ModuleContext, src: string, dest: string): Promise<boolean> {
  const r = await run(ctx, `unzip -Zl ${q(src)}`);
  if (r.rc !== 0) return false;
  let members = 0;
  for (const line of r.out.split('\n')) {
    const m = /^\S[rwxsStT-]{9}\s+\S+\s+\S+\s+(\d+)\s+\S+\s+\S+\s+\S+\s+\S+\s+\S+\s+(.+)$/.exec(line);
    if (!m || m[2]!.endsWith('/')) continue;
    members++;
    const st = await ctx.conn.stat(`${dest}/${m[2]}`, false);
    if (!st.exists || st.size !== Number(m[1])) return false;
  }
  return members > 0;
}

export default defineModule({
  name: 'unarchive',
  argRules: { mutuallyExclusive: [['include', 'exclude']] },
  runsAs: 'ansible.legacy.unarchive',
  collection: 'ansible.builtin',
  description: 'Unpacks a tar or zip archive on the host',
  checkMode: 'supported',
  args: {
    src: { type: 'path', required: true, description: 'The archive (on the controller unless remote_src).' },
    dest: { type: 'path', required: true, description: 'An existing directory.' },
    remote_src: { type: 'bool', default: false, description: 'src is already on the host.' },
    copy: { type: 'bool', description: 'Deprecated: the opposite of remote_src.' },
    creates: { type: 'path', description: 'Skip when this path exists.' },
    list_files: { type: 'bool', default: false, description: 'Return the members as files.' },
    extra_opts: { type: 'list', elements: 'str', default: [], description: 'More options for tar/unzip.' },
    include: { type: 'list', elements: 'str', default: [], description: 'Only these members are extracted.' },
    exclude: { type: 'list', elements: 'str', default: [], description: 'These members are not extracted.' },
    keep_newer: { type: 'bool', default: false, description: 'Do not replace newer files (tar --keep-newer-files).' },
    mode: { type: 'raw', description: 'Accepted; applied by the archive.' },
    owner: { type: 'str', description: 'Accepted for compatibility.' },
    group: { type: 'str', description: 'Accepted for compatibility.' },
  },
  // ActionModule.run (action/unarchive.py at stable-2.14): its own checks, raised as AnsibleActionFail
  actionChecks: (raw) => {
    if (raw.has('copy') && raw.has('remote_src'))
      return raised("parameters are mutually exclusive: ('copy', 'remote_src')");
    const given = (k: string): boolean => raw.get(k) !== undefined && raw.get(k) !== null;
    return given('src') && given('dest') ? undefined : raised('src (or content) and dest are required');
  },
  async run(a: A, ctx): Promise<ModuleResult> {
    const dest = String(a.dest);
    // "copy" is the deprecated opposite of remote_src
    const remoteSrc = a.copy !== undefined ? !a.copy : a.remote_src;
    // The action plugin reports `creates` as a skipped task.
    if (a.creates && (await ctx.conn.stat(String(a.creates), true)).exists)
      return { changed: false, skipped: true, msg: `skipped, since ${String(a.creates)} exists` };
    let src = String(a.src);
    // the action finds a controller src before it looks at dest on the host
    const local = remoteSrc ? undefined : ctx.findFile(src, 'files');
    if (!remoteSrc && !local) return ctx.notFound(src, 'files');
    if (!(await ctx.conn.stat(dest, true)).isDir) actionFail(`dest '${dest}' must be an existing dir`);
    let tmp: string | undefined;
    if (local) {
      tmp = (await run(ctx, 'mktemp -d')).out.trim();
      src = `${tmp}/${basename(local)}`;
      await ctx.conn.writeFileAtomic(src, ctx.readLocal(local), 0o600);
    } else if (!(await ctx.conn.stat(src, true)).exists)
      return { changed: false, failed: true, msg: `Source '${src}' does not exist` };
    try {
      const extra = [...(a.extra_opts as string[]), ...(a.keep_newer ? ['--keep-newer-files'] : [])].map(q).join(' ');
      const h = handlerFor(src, dest, extra, { include: a.include as string[], exclude: a.exclude as string[] });
      const listed = await run(ctx, h.list);
      if (listed.rc !== 0)
        return {
          changed: false,
          failed: true,
          msg: `Failed to find handler for "${src}". Make sure the required command to extract the file is installed.\n${listed.err.trim()}`,
        };
      const done = h.diff ? (await run(ctx, h.diff)).rc === 0 : await zipUnarchived(ctx, src, dest);
      const files = listed.out.split('\n').filter(Boolean);
      const base = { dest, src: String(a.src), handler: h.name, ...(a.list_files ? { files } : {}) };
      if (done) return { changed: false, data: { ...base, ...(await fileFacts(ctx.conn, dest)), dest } };
      if (ctx.checkMode) return { changed: true, data: base };
      const r = await run(ctx, h.extract);
      const extract_results = { cmd: h.extract, rc: r.rc, out: r.out, err: r.err };
      if (r.rc !== 0)
        return {
          changed: false,
          failed: true,
          msg: `failed to unpack ${src} to ${dest}`,
          data: { ...base, extract_results },
        };
      return { changed: true, data: { ...base, extract_results, ...(await fileFacts(ctx.conn, dest)), dest } };
    } finally {
      if (tmp) await run(ctx, `rm -rf ${q(tmp)}`);
    }
  },
});
