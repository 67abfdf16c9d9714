// find: files under paths matching patterns (shell globs, or regexes with use_regex),
// file_type, contains, hidden, recurse, depth, excludes, size and age, as ansible/modules/find.py
// at stable-2.14 decides them. One `find -printf` per path lists every entry with what os.lstat
// tells (the host does the walking, one round trip); the order, filters and fields are find.py's:
// os.walk top-down, each directory's files and then its subdirectories in readdir order.
import { defineModule, type ModuleContext } from './define.js';
import { shellQuote as q, fnmatchRegExp } from '../util/index.js';
import { compilePython } from '../template/index.js';
import { modeString } from './support/mode.js';

/** One entry as find -printf gives it (see FIELDS). */
interface Entry {
  type: string;
  /** The type of what a link points to (os.walk's is_dir follows links). */
  target: string;
  mode: number;
  uid: number;
  gid: number;
  user: string;
  group: string;
  size: number;
  inode: number;
  dev: number;
  nlink: number;
  atime: number;
  mtime: number;
  ctime: number;
  path: string;
}

// type, link target type, mode, uid, gid, names, size, inode, device, links, times, path; NUL ends one
const FIELDS = '%y\\t%Y\\t%m\\t%U\\t%G\\t%u\\t%g\\t%s\\t%i\\t%D\\t%n\\t%A@\\t%T@\\t%C@\\t%p\\0';

/** st_atime as Python computes it from the timespec (sec + nsec * 1e-9). */
function pyTime(text: string): number {
  const [sec = '0', frac = '0'] = text.split('.');
  return Number(sec) + Number(frac.padEnd(9, '0').slice(0, 9)) * 1e-9;
}

function parseEntry(record: string): Entry | undefined {
  const f = record.split('\t');
  if (f.length < 15) return undefined;
  const [type = '', target = '', mode = '0', uid = '0', gid = '0', user = '', group = ''] = f;
  const [size = '0', inode = '0', dev = '0', nlink = '0', atime = '0', mtime = '0', ctime = '0'] = f.slice(7, 14);
  return {
    type,
    target,
    mode: parseInt(mode, 8),
    uid: Number(uid),
    gid: Number(gid),
    // pwd/grp lookups that fail leave "" (find prints the number instead)
    user: user === uid ? '' : user,
    group: group === gid ? '' : group,
    size: Number(size),
    inode: Number(inode),
    dev: Number(dev),
    nlink: Number(nlink),
    atime: pyTime(atime),
    mtime: pyTime(mtime),
    ctime: pyTime(ctime),
    path: f.slice(14).join('\t'),
  };
}

/** find.py's statinfo(): the fields of one matched entry. */
function statinfo(e: Entry): Record<string, unknown> {
  const m = e.mode;
  return {
    path: e.path,
    mode: modeString(m),
    isdir: e.type === 'd',
    ischr: e.type === 'c',
    isblk: e.type === 'b',
    isreg: e.type === 'f',
    isfifo: e.type === 'p',
    islnk: e.type === 'l',
    issock: e.type === 's',
    uid: e.uid,
    gid: e.gid,
    size: e.size,
    inode: e.inode,
    dev: e.dev,
    nlink: e.nlink,
    atime: e.atime,
    mtime: e.mtime,
    ctime: e.ctime,
    gr_name: e.group,
    pw_name: e.user,
    wusr: Boolean(m & 0o200),
    rusr: Boolean(m & 0o400),
    xusr: Boolean(m & 0o100),
    wgrp: Boolean(m & 0o20),
    rgrp: Boolean(m & 0o40),
    xgrp: Boolean(m & 0o10),
    woth: Boolean(m & 0o2),
    roth: Boolean(m & 0o4),
    xoth: Boolean(m & 0o1),
    isuid: Boolean(m & 0o4000),
    isgid: Boolean(m & 0o2000),
  };
}

/** pfilter(): the first pattern that matches (re.match: anchored at the start only), then no exclude. */
function pfilter(name: string, patterns: string[], excludes: string[] | undefined, useRegex: boolean): boolean {
  const matches = (p: string): boolean => {
    if (!useRegex) return fnmatchRegExp(p).test(name);
    const { re } = compilePython(p);
    const sticky = new RegExp(re.source, `${re.flags.replace(/[gy]/g, '')}y`);
    return sticky.test(name);
  };
  if (!patterns.some(matches)) return false;
  return !(excludes ?? []).some(matches);
}

/** A size or age with its unit, as find.py's regexes read them; undefined: not given; null: unreadable. */
function withUnit(spec: unknown, units: Record<string, number>, re: RegExp): number | undefined | null {
  if (spec === undefined || spec === null) return undefined;
  const m = re.exec(String(spec).toLowerCase());
  return m ? Number(m[1]) * (units[m[2] ?? ''] ?? 1) : null;
}

const AGE_UNITS = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };
const SIZE_UNITS = { b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };

/** os.walk's order over one path's entries: per directory, its files then its directories. */
function walkOrder(root: string, entries: Entry[], follow: boolean): Entry[][] {
  const children = new Map<string, Entry[]>();
  for (const e of entries) {
    const parent = e.path.slice(0, e.path.lastIndexOf('/'));
    children.set(parent, [...(children.get(parent) ?? []), e]);
  }
  const out: Entry[][] = [];
  const isDir = (e: Entry): boolean => e.type === 'd' || (e.type === 'l' && e.target === 'd');
  const walk = (dir: string): void => {
    const here = children.get(dir);
    if (!here) return;
    const dirs = here.filter(isDir);
    out.push([...here.filter((e) => !isDir(e)), ...dirs]);
    for (const d of dirs) if (d.type === 'd' || follow) walk(d.path);
  };
  walk(root);
  return out;
}

interface Params {
  patterns: string[];
  excludes?: string[];
  useRegex: boolean;
  fileType: string;
  hidden: boolean;
  depth?: number;
  size?: number;
  age?: number;
  ageStamp: 'atime' | 'mtime' | 'ctime';
  now: number;
}

/** The checks of find.py's loop that need no file content; contains is the caller's. */
function selected(e: Entry, p: Params): boolean {
  const name = e.path.slice(e.path.lastIndexOf('/') + 1);
  if (name.startsWith('.') && !p.hidden) return false;
  if (!pfilter(name, p.patterns, p.excludes, p.useRegex)) return false;
  if (p.age !== undefined) {
    const elapsed = p.now - e[p.ageStamp];
    if (!(p.age >= 0 ? elapsed >= Math.abs(p.age) : elapsed <= Math.abs(p.age))) return false;
  }
  const sizeOk = p.size === undefined || (p.size >= 0 ? e.size >= Math.abs(p.size) : e.size <= Math.abs(p.size));
  if (p.fileType === 'any') return e.type !== 'f' || sizeOk;
  if (p.fileType === 'directory') return e.type === 'd';
  if (p.fileType === 'link') return e.type === 'l';
  return e.type === 'f' && sizeOk;
}

/** contentfilter(): a line that re.match()es, or the whole file re.search()ed. */
async function contains(ctx: ModuleContext, path: string, pattern: string, whole: boolean): Promise<boolean> {
  let text: string;
  try {
    text = (await ctx.conn.readFile(path)).toString('utf8');
  } catch {
    return false;
  }
  const { re } = compilePython(pattern);
  if (whole) return new RegExp(re.source, re.flags.replace(/[gy]/g, '')).test(text);
  const sticky = new RegExp(re.source, `${re.flags.replace(/[gy]/g, '')}y`);
  return (text.match(/[^\n]*\n|[^\n]+$/g) ?? []).some((line) => {
    sticky.lastIndex = 0;
    return sticky.test(line);
  });
}

/** One program for all paths: each path's entries, or that it is not a directory; the host's time. */
function listing(paths: string[], recurse: boolean, depth: number | undefined, follow: boolean): string {
  // with depth, one level more is listed: os.walk visits it (it counts as examined) before
  // find.py prunes it
  const max = !recurse ? '-maxdepth 1' : depth ? `-maxdepth ${depth + 1}` : '';
  return [
    'printf "N:%s\\n" "$(date +%s.%N)"',
    ...paths.map((p) =>
      [
        `p=${q(p)}; case $p in '~') p=$HOME;; '~/'*) p=$HOME/\${p#??};; esac`,
        `printf 'P:%s\\n' "$p"`,
        `if [ -d "$p" ]; then find ${follow ? '-L ' : ''}"$p" -mindepth 1 ${max} -printf '${FIELDS}'; echo; else echo X; fi`,
      ].join('\n'),
    ),
  ].join('\n');
}

export default defineModule({
  name: 'find',
  collection: 'ansible.builtin',
  description: 'Finds files by name, type, content, size or age',
  checkMode: 'supported',
  args: {
    paths: {
      type: 'list',
      elements: 'str',
      required: true,
      aliases: ['name', 'path'],
      description: 'Directories to search.',
    },
    patterns: {
      type: 'list',
      elements: 'str',
      default: [],
      aliases: ['pattern'],
      description: 'Shell globs (or regexes with use_regex) the base name must match.',
    },
    excludes: { type: 'list', elements: 'str', aliases: ['exclude'], description: 'Names to leave out.' },
    contains: { type: 'str', description: 'A regex a line of the file must match (re.match).' },
    read_whole_file: { type: 'bool', default: false, description: 'contains searches the whole file.' },
    file_type: {
      type: 'str',
      default: 'file',
      choices: ['any', 'directory', 'file', 'link'],
      description: 'The kind of entries.',
    },
    age: { type: 'str', description: 'Older than this (s, m, h, d, w), or younger with a leading -.' },
    age_stamp: {
      type: 'str',
      default: 'mtime',
      choices: ['atime', 'ctime', 'mtime'],
      description: 'The time age uses.',
    },
    size: { type: 'str', description: 'Minimum size (b, k, m, g, t), or maximum with a leading -.' },
    recurse: { type: 'bool', default: false, description: 'Descend into directories.' },
    hidden: { type: 'bool', default: false, description: 'Include names starting with a dot.' },
    follow: { type: 'bool', default: false, description: 'Descend into linked directories.' },
    get_checksum: { type: 'bool', default: false, description: 'The SHA-1 of each regular file found.' },
    use_regex: { type: 'bool', default: false, description: 'patterns are Python regexes.' },
    depth: { type: 'int', description: 'Maximum depth when recursing.' },
  },
  run: async (a, ctx) => {
    const useRegex = Boolean(a.use_regex);
    const given = a.patterns as string[];
    const age = withUnit(a.age, AGE_UNITS, /^(-?\d+)(s|m|h|d|w)?$/);
    if (age === null) return { changed: false, failed: true, msg: 'failed to process age', data: { age: a.age } };
    const size = withUnit(a.size, SIZE_UNITS, /^(-?\d+)(b|k|m|g|t)?$/);
    if (size === null) return { changed: false, failed: true, msg: 'failed to process size', data: { size: a.size } };
    const paths = a.paths as string[];
    const depth = a.depth ? Number(a.depth) : undefined;
    const res = await ctx.conn.exec(listing(paths, Boolean(a.recurse), depth, Boolean(a.follow)), { inShell: true });
    const now = Number(/^N:(\S+)/m.exec(res.stdout)?.[1] ?? Date.now() / 1000);
    const p: Params = {
      patterns: given.length ? given : [useRegex ? '.*' : '*'],
      ...(a.excludes ? { excludes: a.excludes as string[] } : {}),
      useRegex,
      fileType: String(a.file_type),
      hidden: Boolean(a.hidden),
      ...(depth !== undefined ? { depth } : {}),
      ...(size !== undefined ? { size } : {}),
      ...(age !== undefined ? { age } : {}),
      ageStamp: a.age_stamp as Params['ageStamp'],
      now,
    };
    const files: Record<string, unknown>[] = [];
    const skipped: Record<string, string> = {};
    const warnings: string[] = [];
    let examined = 0;
    // the answer: N:<time>, then per path P:<path> and its NUL-ended records or X
    const sections = res.stdout.split(/^P:/m).slice(1);
    for (const section of sections) {
      const nl = section.indexOf('\n');
      const root = section.slice(0, nl);
      const body = section.slice(nl + 1);
      if (body.startsWith('X\n') || body === 'X') {
        skipped[root] = `'${root}' is not a directory`;
        warnings.push(`Skipped '${root}' path due to this access issue: '${root}' is not a directory\n`);
        continue;
      }
      const entries = body
        .split('\0')
        .map(parseEntry)
        .filter((e): e is Entry => e !== undefined);
      const base = root.replace(/\/+$/, '') || '/';
      for (const level of walkOrder(base, entries, Boolean(a.follow))) {
        examined += level.length;
        for (const e of level) {
          // find.py's depth: a path's separators beyond the root's, plus one
          if (depth && e.path.split('/').length - `${base}/`.split('/').length + 1 > depth) continue;
          if (!selected(e, p)) continue;
          if (p.fileType === 'file' && a.contains !== undefined && a.contains !== null) {
            if (!(await contains(ctx, e.path, String(a.contains), Boolean(a.read_whole_file)))) continue;
          }
          files.push(statinfo(e));
        }
      }
    }
    if (a.get_checksum) await addChecksums(ctx, files);
    return {
      changed: false,
      msg: warnings.length ? 'Not all paths examined, check warnings for details' : 'All paths examined',
      data: {
        files,
        matched: files.length,
        examined,
        skipped_paths: skipped,
        ...(warnings.length ? { warnings } : {}),
      },
    };
  },
});

/** get_checksum: module.sha1 of each regular file, one sha1sum for all of them. */
async function addChecksums(ctx: ModuleContext, files: Record<string, unknown>[]): Promise<void> {
  const regular = files.filter((f) => f.isreg === true);
  if (!regular.length) return;
  const r = await ctx.conn.exec(`sha1sum -- ${regular.map((f) => q(String(f.path))).join(' ')}`);
  const sums = r.stdout.split('\n').map((l) => l.slice(0, 40));
  regular.forEach((f, i) => {
    if (sums[i]) f.checksum = sums[i];
  });
}
