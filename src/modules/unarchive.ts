// unarchive: unpacks an archive into an existing directory on the host (ansible/modules/unarchive.py
// at 2.14.18 + the unarchive action plugin): a controller `src` is copied into the remote tmp
// first unless remote_src; pick_handler's order (zip when unzip lists it, then GNU tar with each
// compression: unarchive-tar.ts); "already unarchived" as each handler decides; owner, group and
// mode set on every member and top folder (set_fs_attributes_if_different); the result's path
// information is dest's.
import { actionFail, defineModule, moduleFail, raised, type ModuleContext, type ModuleResult } from './define.js';
import { fileFacts } from './support/files.js';
import { FILE_COMMON_ARGS } from './support/file-args.js';
import { setFsAttributes } from './support/fs-attributes.js';
import { run as sh, runArgv } from './support/host-run.js';
import { TAR_HANDLERS, tarExtract, tarMembers, tarUnarchived, type TarJob } from './support/unarchive-tar.js';
import { remoteTmpDir } from './support/write-content.js';
import { fnmatchRegExp, shellQuote as q } from '../util/index.js';
import { zipCheck } from './support/unarchive-zip.js';

type A = Record<string, unknown>;

/** What a handler answers: its class, the members, whether they are there, and how to unpack. */
interface Handler {
  name: string;
  files: string[];
  /** is_unarchived: whether the members are there as the archive has them, and the itemized diff. */
  check(): Promise<{ unarchived: boolean; diff?: string }>;
  extract(): Promise<{ cmd: string[]; rc: number; out: string; err: string }>;
}

/** ZipArchive where unzip and zipinfo are there and `unzip -l` reads the archive; else why not. */
async function zipHandler(ctx: ModuleContext, a: A, src: string, dest: string): Promise<Handler | string> {
  // get_bin_path of each binary, in one trip: its path, or `-NAME` where it is missing
  const tools = await sh(ctx, 'for t in unzip zipinfo; do command -v $t 2>/dev/null || echo "-$t"; done');
  const [unzip = '', zipinfo = ''] = tools.out.split('\n');
  const missing = [unzip, zipinfo].filter((t) => t.startsWith('-')).map((t) => t.slice(1));
  if (missing.length) return `Unable to find required '${missing.join("' or '")}' binary in the path.`;
  const listed = await sh(ctx, `unzip -l ${q(src)}`);
  if (listed.rc !== 0) return `Command "${unzip}" could not handle archive: ${listed.err}`;
  const include = a.include as string[];
  const exclude = a.exclude as string[];
  // files_in_archive: the members an include pattern matches, else those no exclude pattern does
  const names = (await sh(ctx, `unzip -Z1 ${q(src)}`)).out.split('\n').filter(Boolean);
  const matches = (pats: string[], m: string): boolean => pats.some((p) => fnmatchRegExp(p).test(m));
  const files = include.length
    ? names.flatMap((m) => include.filter((p) => fnmatchRegExp(p).test(m)).map(() => m))
    : names.filter((m) => !matches(exclude, m));
  // ZipArchive.unarchive's command: -o, the options, src, -x excludes, the includes, -d dest
  const cmd = [
    unzip,
    '-o',
    ...(a.extra_opts as string[]),
    src,
    ...(exclude.length ? ['-x', ...exclude] : []),
    ...include,
    '-d',
    dest,
  ];
  return {
    name: 'ZipArchive',
    files,
    check: () =>
      zipCheck(ctx, {
        zipinfo,
        src,
        dest,
        excludes: exclude,
        includes: include,
        ...(a.owner ? { owner: String(a.owner) } : {}),
        ...(a.group ? { group: String(a.group) } : {}),
        mode: a.mode,
        keepNewer: a.keep_newer === true,
      }),
    extract: async () => {
      const r = await runArgv(ctx, cmd);
      return { cmd, rc: r.rc, out: r.out, err: r.err };
    },
  };
}

/**
 * The TgzArchive classes in pick_handler's order: GNU tar (gtar first) whose --list of the archive
 * with the class's compression names members; else the reasons each could not.
 */
async function tarHandler(ctx: ModuleContext, a: A, src: string, dest: string): Promise<Handler | string[]> {
  const probe = await sh(
    ctx,
    't=$(command -v gtar || command -v tar) || exit 3; echo "$t"; id -u; "$t" --version | head -n 1',
  );
  if (probe.rc === 3) return ["Unable to find required 'gtar' or 'tar' binary in the path"];
  const [tar = 'tar', uid = '', version = ''] = probe.out.split('\n');
  const type = version.startsWith('bsdtar')
    ? 'bsd'
    : version.startsWith('tar') && version.includes('GNU')
      ? 'gnu'
      : 'None';
  if (type !== 'gnu') return [`Command "${tar}" detected as tar type ${type}. GNU tar required.`];
  const reasons: string[] = [];
  for (const [name, flag] of TAR_HANDLERS) {
    const j: TarJob = {
      tar,
      flag,
      src,
      dest,
      opts: a.extra_opts as string[],
      excludes: (a.exclude as string[]).map((p) => p.replace(/\/+$/, '')),
      includes: a.include as string[],
      ...(a.owner ? { owner: String(a.owner) } : {}),
      ...(a.group ? { group: String(a.group) } : {}),
      mode: a.mode,
      keepNewer: a.keep_newer === true,
    };
    const { files, err } = await tarMembers(ctx, j);
    if (files?.length)
      return {
        name,
        files,
        check: async () => ({ unarchived: await tarUnarchived(ctx, j, uid === '0') }),
        extract: () => tarExtract(ctx, j),
      };
    reasons.push(
      files
        ? `Command "${tar}" found no files in archive. Empty archive files are not supported.`
        : `Command "${tar}" could not handle archive: Unable to list files in the archive: ${err}`,
    );
  }
  return reasons;
}

/** pick_handler: the first class that can handle the archive, else the module's failure. */
async function pickHandler(ctx: ModuleContext, a: A, src: string, dest: string): Promise<Handler> {
  const zip = await zipHandler(ctx, a, src, dest);
  if (typeof zip !== 'string') return zip;
  // TgzArchive's constructor: check mode ends the module
  if (ctx.checkMode)
    throw new SkipModule('remote module (ansible.legacy.unarchive) does not support check mode when using gtar');
  const tar = await tarHandler(ctx, a, src, dest);
  if (!Array.isArray(tar)) return tar;
  const reasons = [...new Set([zip, ...tar])].join('\n');
  return moduleFail(
    `Failed to find handler for "${src}". Make sure the required command to extract the file is installed.\n${reasons}`,
  );
}

class SkipModule extends Error {}

/** main()'s checks of the source it is given on the host. */
async function checkSource(ctx: ModuleContext, src: string, remoteSrc: boolean): Promise<void> {
  const r = await sh(ctx, `p=${q(src)}; [ -e "$p" ] || exit 3; [ -r "$p" ] || exit 4; [ -s "$p" ] || exit 5`);
  if (r.rc === 3) moduleFail(remoteSrc ? `Source '${src}' does not exist` : `Source '${src}' failed to transfer`);
  if (r.rc === 4) moduleFail(`Source '${src}' not readable`);
  if (r.rc === 5) moduleFail(`Invalid archive '${src}', the file is 0 bytes`);
}

/** The members and top folders whose attributes are set, as main() walks them. */
function attributePaths(dest: string, files: string[]): string[] {
  const top = [...new Set(files.filter((f) => f.includes('/')).map((f) => f.split('/')[0] ?? ''))];
  // os.path.join's path, not normalised: dest/./ for a member ./
  const join = (f: string): string => (f.startsWith('/') ? f : dest.endsWith('/') ? dest + f : `${dest}/${f}`);
  return [...files.map(join), ...top.map((t) => `${dest}/${t}`)];
}

/** The module on the host: the handler, unpacking where needed, attributes, the files. */
async function unpack(ctx: ModuleContext, a: A, src: string, dest: string): Promise<ModuleResult> {
  const h = await pickHandler(ctx, a, src, dest);
  const res: A = { handler: h.name, dest, src };
  let changed = false;
  const checked = await h.check();
  if (ctx.checkMode) changed = !checked.unarchived;
  else if (!checked.unarchived) {
    const r = await h.extract();
    res.extract_results = r;
    if (r.rc !== 0) moduleFail(`failed to unpack ${src} to ${dest}`, res);
    changed = true;
  }
  if (!ctx.checkMode && (await setFsAttributes(ctx, attributePaths(dest, h.files), a))) changed = true;
  if (a.list_files) res.files = h.files;
  // exit_json's add_path_info: dest's attributes (the result has no path)
  const { path: _path, ...facts } = await fileFacts(ctx.conn, dest);
  return { changed, data: { ...res, ...facts }, ...(checked.diff ? { diff: { prepared: checked.diff } } : {}) };
}

async function run(a: A, ctx: ModuleContext): Promise<ModuleResult> {
  const dest = String(a.dest);
  // "copy" is the deprecated opposite of remote_src
  const remoteSrc = a.copy !== undefined ? !a.copy : a.remote_src === true;
  // the action plugin reports `creates` as a skipped task
  if (a.creates && (await ctx.conn.stat(String(a.creates), true)).exists)
    return { changed: false, skipped: true, msg: `skipped, since ${String(a.creates)} exists` };
  // the action finds a controller src before it looks at dest on the host
  const local = remoteSrc ? undefined : ctx.findFile(String(a.src), 'files');
  if (!remoteSrc && !local) return ctx.notFound(String(a.src), 'files');
  if (!(await ctx.conn.stat(dest, true)).isDir) actionFail(`dest '${dest}' must be an existing dir`);
  let tmp: string | undefined;
  let src = String(a.src);
  if (local) {
    // _transfer_file: the remote tmp's `source`
    tmp = await remoteTmpDir(ctx);
    src = `${tmp}/source`;
    await ctx.conn.writeFileAtomic(src, ctx.readLocal(local), 0o600);
  }
  try {
    await checkSource(ctx, src, remoteSrc);
    return await unpack(ctx, a, src, dest);
  } catch (e) {
    if (e instanceof SkipModule) return { changed: false, skipped: true, msg: e.message };
    throw e;
  } finally {
    if (tmp) await sh(ctx, `rm -rf ${q(tmp)}`);
  }
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
    ...FILE_COMMON_ARGS,
    mode: { type: 'raw', description: 'Mode of every member unpacked.' },
    owner: { type: 'str', description: 'Owner of every member unpacked (tar --owner).' },
    group: { type: 'str', description: 'Group of every member unpacked (tar --group).' },
    validate_certs: { type: 'bool', default: true, description: 'Verify TLS for a remote_src URL.' },
    io_buffer_size: { type: 'int', default: 65536, description: "Buffer size for the zip handler's checksums." },
    // the action plugin's options, which the module's spec lists too
    decrypt: { type: 'bool', default: true, description: 'Decrypt a vaulted controller src.' },
  },
  // ActionModule.run (action/unarchive.py at stable-2.14): its own checks, raised as AnsibleActionFail
  actionChecks: (raw) => {
    if (raw.has('copy') && raw.has('remote_src'))
      return raised("parameters are mutually exclusive: ('copy', 'remote_src')");
    const given = (k: string): boolean => raw.get(k) !== undefined && raw.get(k) !== null;
    return given('src') && given('dest') ? undefined : raised('src (or content) and dest are required');
  },
  run,
});
