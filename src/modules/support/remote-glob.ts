// Python's glob.glob (Lib/glob.py of 3.11, recursive=False) on the target, for the modules whose
// source calls it (archive's expand_paths): each wildcard level lists its directory in readdir
// order (os.scandir, not sorted — a shell's own glob sorts), names starting with a dot only for a
// pattern that starts with one, fnmatch for the rest.
import { fnmatchRegExp } from '../../util/index.js';

/** What glob needs of the host: a directory's entries in readdir order, and two tests. */
export interface GlobHost {
  /** os.scandir(dir): names, and whether each is a directory (following a symlink); [] on error. */
  entries(dir: string): Promise<{ name: string; isDir: boolean }[]>;
  lexists(path: string): Promise<boolean>;
  isDir(path: string): Promise<boolean>;
}

const hasMagic = (s: string): boolean => /[*?[]/.test(s);
const isHidden = (name: string): boolean => name.startsWith('.');

/** os.path.split: the head without its trailing slashes (unless it is all slashes), the tail. */
function split(p: string): [string, string] {
  const i = p.lastIndexOf('/') + 1;
  const head = p.slice(0, i);
  const trimmed = head.replace(/\/+$/, '');
  return [trimmed || head, p.slice(i)];
}

/** os.path.join of two parts. */
function join(a: string, b: string): string {
  if (!a) return b;
  return a.endsWith('/') ? a + b : `${a}/${b}`;
}

async function glob1(host: GlobHost, dir: string, pattern: string, dirOnly: boolean): Promise<string[]> {
  const entries = await host.entries(dir || '.');
  const re = fnmatchRegExp(pattern);
  return entries
    .filter((e) => !dirOnly || e.isDir)
    .map((e) => e.name)
    .filter((n) => (isHidden(pattern) || !isHidden(n)) && re.test(n));
}

async function glob0(host: GlobHost, dir: string, base: string): Promise<string[]> {
  if (base) return (await host.lexists(join(dir, base))) ? [base] : [];
  // a pattern ending in '/' matches directories only
  return (await host.isDir(dir)) ? [base] : [];
}

/** glob.glob(pattern): the matching paths, in the order Python's glob yields them. */
export async function remoteGlob(host: GlobHost, pattern: string, dirOnly = false): Promise<string[]> {
  const [dir, base] = split(pattern);
  if (!hasMagic(pattern)) {
    if (base) return (await host.lexists(pattern)) ? [pattern] : [];
    return (await host.isDir(dir)) ? [pattern] : [];
  }
  if (!dir) return glob1(host, dir, base, dirOnly);
  const dirs = dir !== pattern && hasMagic(dir) ? await remoteGlob(host, dir, true) : [dir];
  const out: string[] = [];
  for (const d of dirs) {
    const names = hasMagic(base) ? await glob1(host, d, base, dirOnly) : await glob0(host, d, base);
    out.push(...names.map((n) => join(d, n)));
  }
  return out;
}
