// archive (community.general 6.6): files and trees packed into a tar (plain, gz, bz2, xz) or zip
// archive, or one file compressed — a port of plugins/modules/archive.py with the host's tar,
// gzip, bzip2, xz and zip instead of Python's libraries. What the module decides is kept: the
// paths (globs on * and ?, exclude_path, sorted), the archive root (common_path), members in
// os.walk's order (a directory's subdirectories, then its files, then each subdirectory),
// exclusion_patterns matched against the member name (tar) or the full path (zip), "changed" when
// the members' checksums differ from the old archive's (tar: each header — name, mode, owner,
// size, time; zip: name and CRC; a compressed file: its content), dest_state, remove.
// Unlike the module, the new archive is written beside dest and renamed over it, and only when
// it differs: an unchanged archive is left as it was.
import { remoteGlob, type GlobHost } from './support/remote-glob.js';
import { fnmatch, shellQuote } from '../util/index.js';
import { moduleFail, defineModule, type ModuleContext, type ModuleResult } from './define.js';
import { FILE_COMMON_ARGS } from './support/file-args.js';
import { applyMode, fileFacts } from './support/files.js';
import { run, C_LOCALE } from './support/host-run.js';

type A = Record<string, unknown>;
type Format = 'bz2' | 'gz' | 'tar' | 'xz' | 'zip';
const TAR_FLAG: Record<Format, string> = { gz: 'z', bz2: 'j', xz: 'J', tar: '', zip: '' };
const COMPRESSOR: Record<string, string> = { gz: 'gzip', bz2: 'bzip2', xz: 'xz' };

const fail = moduleFail;

/** os.path.dirname. */
function dirname(p: string): string {
  const head = p.slice(0, p.lastIndexOf('/') + 1);
  return head && !/^\/+$/.test(head) ? head.replace(/\/+$/, '') : head;
}
/** os.path.join(p, ''). */
const withSlash = (p: string): string => (p === '' || p.endsWith('/') ? p : `${p}/`);

/** common_path: the directory (ending in '/') of the paths' common prefix, character-wise. */
export function commonPath(paths: string[]): string {
  const dirs = paths.map((p) => withSlash(dirname(p)));
  let prefix = dirs[0] ?? '';
  for (const d of dirs) while (!d.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return withSlash(dirname(prefix));
}

const stripPrefix = (prefix: string, s: string): string => (s.startsWith(prefix) ? s.slice(prefix.length) : s);
const isArchiveName = (p: string): boolean => /\.(tar|tar\.(gz|bz2|xz)|tgz|tbz2|zip)$/i.test(p.split('/').pop() ?? '');
const q = shellQuote;

class Host {
  constructor(readonly ctx: ModuleContext) {}
  sh(cmd: string, stdin?: string): Promise<{ rc: number; out: string; err: string }> {
    return run(this.ctx, cmd, { env: C_LOCALE, ...(stdin !== undefined ? { stdin } : {}) });
  }
  async lines(cmd: string): Promise<string[]> {
    return (await this.sh(cmd)).out.split('\0').filter(Boolean);
  }
}

/** glob.glob on the host (remote-glob.ts): one find per directory a wildcard lists. */
function globHost(h: Host): GlobHost {
  const test = async (t: string): Promise<boolean> => (await h.sh(t)).rc === 0;
  return {
    entries: async (dir) =>
      (
        await h.lines(`find ${q(dir.startsWith('-') ? `./${dir}` : dir)} -mindepth 1 -maxdepth 1 -printf '%Y%f\\0'`)
      ).map((r) => ({ name: r.slice(1), isDir: r[0] === 'd' })),
    lexists: (p) => test(`[ -e ${q(p)} ] || [ -L ${q(p)} ]`),
    isDir: (p) => test(`[ -d ${q(p)} ]`),
  };
}

/** expand_paths: globs (a path with * or ?) expanded as glob.glob does, other paths as given. */
async function expand(h: Host, paths: string[]): Promise<{ paths: string[]; globby: boolean }> {
  const out: string[] = [];
  let globby = false;
  for (const p of paths) {
    if (!p.includes('*') && !p.includes('?')) {
      out.push(p);
      continue;
    }
    globby = true;
    out.push(...(await remoteGlob(globHost(h), p)));
  }
  return { paths: out, globby };
}

interface Entry {
  path: string;
  dir: boolean; // is a directory, following a symlink (os.walk's dirnames)
  walk: boolean; // a real directory, walked into
}

/** The members under a directory target in os.walk(topdown)'s order. */
async function walk(h: Host, top: string): Promise<string[]> {
  const rows = await h.lines(`find -H ${q(top)} -mindepth 1 -printf '%Y%y%p\\0'`);
  const kids = new Map<string, Entry[]>();
  for (const r of rows) {
    const e = { path: r.slice(2), dir: r[0] === 'd', walk: r[1] === 'd' };
    const parent = e.path.slice(0, e.path.lastIndexOf('/'));
    kids.set(parent, [...(kids.get(parent) ?? []), e]);
  }
  const out: string[] = [];
  const visit = (dir: string): void => {
    const k = kids.get(dir) ?? [];
    out.push(...k.filter((e) => e.dir).map((e) => e.path), ...k.filter((e) => !e.dir).map((e) => e.path));
    for (const e of k) if (e.dir && e.walk) visit(e.path);
  };
  visit(top.replace(/\/+$/, '') || '/');
  return out;
}

/** The checksums _get_checksums compares, as sorted text; undefined when dest is not there. */
async function checksums(h: Host, file: string, format: Format): Promise<string[] | undefined> {
  const f = q(file);
  if ((await h.sh(`[ -e ${f} ] && [ -r ${f} ]`)).rc !== 0) return undefined;
  if (format === 'zip') {
    const r = await h.sh(`unzip -v ${f}`);
    if (r.rc !== 0) return [];
    const rows = r.out.split('\n').filter((l) => /^\s*\d+\s+\S+\s+\d+\s+\S+\s+\S+\s+\S+\s+[0-9a-f]{8}\s/.test(l));
    return rows.map((l) => l.trim().split(/\s+/).slice(6).join(' ')).sort();
  }
  const r = await h.sh(`tar -tv --full-time -${TAR_FLAG[format]}f ${f}`);
  if (r.rc === 0) return r.out.split('\n').filter(Boolean).sort();
  if (format === 'tar') fail('tar is not a valid format');
  const c = await h.sh(`${COMPRESSOR[format]} -t ${f} && ${COMPRESSOR[format]} -dc ${f} | cksum`);
  return c.rc === 0 ? [`content ${c.out.trim()}`] : [];
}

const same = (a: string[] | undefined, b: string[] | undefined): boolean =>
  a !== undefined && b !== undefined && a.length === b.length && a.every((x, i) => x === b[i]);

/** The new archive in a directory beside dest; its members are names relative to `root`. */
async function pack(h: Host, format: Format, root: string, names: string[], out: string): Promise<void> {
  if (format === 'zip') {
    const cmd = names.length
      ? `cd ${q(root)} && zip -q -X ${q(out)} -@`
      : `printf 'PK\\005\\006\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0' > ${q(out)}`;
    const r = await h.sh(cmd, names.map((n) => `${n}\n`).join(''));
    if (r.rc !== 0) fail(`Error when writing zip archive at ${out}: ${r.err.trim()}`);
    return;
  }
  const flag = TAR_FLAG[format];
  const r = await h.sh(
    `tar --null --no-recursion -C ${q(root)} -c${flag}f ${q(out)} -T -`,
    names.map((n) => `${n}\0`).join(''),
  );
  if (r.rc !== 0)
    fail(`Error when writing ${format === 'tar' ? 'tar' : `tar.${format}`} archive at ${out}: ${r.err.trim()}`);
}

interface Plan {
  format: Format;
  paths: string[];
  root: string;
  dest: string;
  exclusion: string[];
}

/** add_targets: every target (a tree walked) added unless excluded; the paths archived. */
async function members(h: Host, p: Plan, targets: string[]): Promise<{ names: string[]; archived: string[] }> {
  const names: string[] = [];
  const archived: string[] = [];
  const isDir = new Set(
    await h.lines(targets.map((t) => `[ -d ${q(t)} ] && printf '%s\\0' ${q(t)};`).join(' ') + ' true'),
  );
  for (const t of targets) {
    const all = isDir.has(t) ? await walk(h, t) : [t];
    const dirs = isDir.has(t)
      ? new Set(await h.lines(`find -H ${q(t)} -mindepth 1 -xtype d -printf '%p\\0'`))
      : new Set();
    for (const path of all) {
      const name = stripPrefix(p.root, path);
      const probe = p.format === 'zip' ? path : name.replace(/^\/+/, '');
      if (p.exclusion.some((pat) => fnmatch(probe, pat))) continue;
      names.push(name);
      // zipfile.getinfo(name) misses a directory (stored as name/), so zip does not count it
      if (p.format !== 'zip' || !dirs.has(path)) archived.push(path);
    }
  }
  return { names, archived };
}

async function replaceIfDifferent(h: Host, p: Plan, tmp: string, original: string[] | undefined): Promise<boolean> {
  const fresh = await checksums(h, tmp, p.format);
  const sizeOf = async (f: string): Promise<number> =>
    Number((await h.sh(`stat -c %s ${q(f)} 2>/dev/null || echo 0`)).out.trim());
  const changed = original === undefined ? (await sizeOf(tmp)) !== 0 : !same(original, fresh);
  const exists = (await h.sh(`[ -e ${q(p.dest)} ]`)).rc === 0;
  if (changed || !exists) {
    const r = await h.sh(`chmod 0644 ${q(tmp)} && mv -f ${q(tmp)} ${q(p.dest)}`);
    if (r.rc !== 0) fail(`Unable to write to compressed file: ${r.err.trim()}`, { dest: p.dest });
  }
  return changed;
}

async function withTemp<T>(h: Host, dest: string, f: (dir: string) => Promise<T>): Promise<T> {
  const parent = dest.slice(0, dest.lastIndexOf('/')) || '/';
  const r = await h.sh(`mktemp -d ${q(`${parent}/.archive.XXXXXXXX`)}`);
  if (r.rc !== 0) fail(`Unable to write to compressed file: ${r.err.trim()}`, { dest });
  const dir = r.out.trim();
  try {
    return await f(dir);
  } finally {
    await h.sh(`rm -rf ${q(dir)}`);
  }
}

async function removeSources(h: Host, p: Plan, archived: string[]): Promise<void> {
  const errors: string[] = [];
  for (const path of [...archived, ...p.paths]) {
    const r = await h.sh(`[ ! -e ${q(path)} ] || rm -rf -- ${q(path)}`);
    if (r.rc !== 0) errors.push(path);
  }
  if (errors.length) fail('Error deleting some source files: ', { dest: p.dest, files: errors });
}

async function main(a: A, ctx: ModuleContext): Promise<ModuleResult> {
  const h = new Host(ctx);
  const format = String(a.format) as Format;
  const given = (a.path as unknown[]).map(String);
  const expanded = await expand(h, given);
  const excluded = (await expand(h, ((a.exclude_path as unknown[] | undefined) ?? []).map(String))).paths;
  const paths = [...new Set(expanded.paths.filter((x) => !excluded.includes(x)))].sort();
  const report = { expanded_paths: expanded.paths, expanded_exclude_paths: excluded };
  if (!paths.length)
    fail('Error, no source paths were found', {
      path: given.join(', '),
      expanded_paths: expanded.paths.join(', '),
      expanded_exclude_paths: excluded.join(', '),
    });
  const root = commonPath(paths);
  const firstIsDir = (await h.sh(`[ -d ${q(paths[0]!)} ]`)).rc === 0;
  const must = Boolean(a.force_archive) || expanded.globby || firstIsDir || paths.length > 1;
  const dest = a.dest !== undefined && a.dest !== null ? String(a.dest) : !must ? `${paths[0]}.${format}` : undefined;
  if (dest === undefined)
    fail('Error, must specify "dest" when archiving multiple files or trees', { dest: null, path: given.join(', ') });
  const p: Plan = {
    format,
    paths,
    root,
    dest: dest!,
    exclusion: ((a.exclusion_patterns as unknown[] | null) ?? []).map(String),
  };
  if (a.remove)
    for (const x of paths)
      if ((await h.sh(`[ -d ${q(x)} ]`)).rc === 0 && p.dest.startsWith(`${x.replace(/\/$/, '')}/`))
        fail('Error, created archive can not be contained in source paths when remove=true', {
          path: paths.join(', '),
        });
  const original = await checksums(h, p.dest, format);
  const present = await h.lines(
    paths.map((x) => `{ [ -e ${q(x)} ] || [ -L ${q(x)} ]; } && printf '%s\\0' ${q(x)};`).join(' ') + ' true',
  );
  const targets = paths.filter((x) => present.includes(x));
  const missing = paths.filter((x) => !present.includes(x));
  let changed = false;
  let state = 'absent';
  let archived: string[] = [];
  const destExists = async (): Promise<boolean> => (await h.sh(`[ -e ${q(p.dest)} ]`)).rc === 0;
  if (!targets.length) {
    if (await destExists()) state = isArchiveName(p.dest) ? 'archive' : 'compress';
  } else if (ctx.checkMode) {
    changed = must || !(await destExists());
  } else {
    const single = !must;
    const compress = single && format !== 'zip' && format !== 'tar';
    await withTemp(h, p.dest, async (dir) => {
      const tmp = `${dir}/new`;
      if (compress) {
        const r = await h.sh(`${COMPRESSOR[format]} -c < ${q(paths[0]!)} > ${q(tmp)}`);
        if (r.rc !== 0) fail(`Unable to write to compressed file: ${r.err.trim()}`, { path: paths[0], dest: p.dest });
        archived = [paths[0]!];
      } else {
        const m = single
          ? { names: [stripPrefix(root, paths[0]!)], archived: [paths[0]!] }
          : await members(h, p, targets);
        await pack(h, format, root, m.names, format === 'zip' ? `${tmp}.zip` : tmp);
        if (format === 'zip') await h.sh(`mv ${q(`${tmp}.zip`)} ${q(tmp)}`);
        archived = m.archived;
      }
      changed = await replaceIfDifferent(h, p, tmp, original);
    });
    state = compress ? 'compress' : missing.length ? 'incomplete' : 'archive';
    if (a.remove) await removeSources(h, p, archived);
  }
  let facts: Record<string, unknown> = {};
  if (await destExists()) {
    changed = (await applyMode(ctx.conn, p.dest, a.mode, ctx.checkMode)) || changed;
    const { path: _path, ...rest } = await fileFacts(ctx.conn, p.dest);
    facts = rest;
  }
  return {
    changed,
    data: { archived, dest: p.dest, dest_state: state, arcroot: root, missing, ...report, ...facts },
  };
}

export default defineModule({
  name: 'archive',
  collection: 'community.general',
  description: 'Creates a compressed archive of one or more files or trees',
  checkMode: 'supported',
  args: {
    path: { type: 'list', elements: 'path', required: true, description: 'Files, directories or globs to archive.' },
    format: {
      type: 'str',
      default: 'gz',
      choices: ['bz2', 'gz', 'tar', 'xz', 'zip'],
      description: 'The archive type (gz, bz2, xz: a tar compressed, or one file compressed).',
    },
    dest: { type: 'path', description: 'The archive (required for several files or a tree).' },
    exclude_path: { type: 'list', elements: 'path', default: [], description: 'Paths or globs left out.' },
    exclusion_patterns: { type: 'list', elements: 'path', description: 'Glob patterns of members left out.' },
    force_archive: { type: 'bool', default: false, description: 'An archive even for one file.' },
    remove: { type: 'bool', default: false, description: 'Remove the sources once archived.' },
    ...FILE_COMMON_ARGS,
  },
  // a failure deep inside (moduleFail) ends the run as the executor's ActionFail
  run: (a: A, ctx) => main(a, ctx),
});
