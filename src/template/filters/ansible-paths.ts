// Ansible's path filters that are not os.path on POSIX (plugins/filter/core.py at stable-2.14):
// fileglob (glob.glob on the controller, regular files only) and the ntpath trio
// win_basename, win_dirname, win_splitdrive.
import { statSync } from 'node:fs';
import type { FilterFn } from '../environment.js';
import { dirEntriesInOrder, escapeRegExp } from '../../util/index.js';
import { toText } from '../runtime.js';
import { tuple } from '../py/values.js';

/** fnmatch.translate for one path segment: * ? [seq] [!seq]. */
function segmentPattern(segment: string): RegExp {
  let re = '';
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i] ?? '';
    if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else if (c === '[') {
      const close = segment.indexOf(']', i + 2);
      if (close < 0) re += '\\[';
      else {
        let body = segment.slice(i + 1, close).replace(/\\/g, '\\\\');
        if (body.startsWith('!')) body = `^${body.slice(1)}`;
        re += `[${body}]`;
        i = close;
      }
    } else re += escapeRegExp(c);
  }
  return new RegExp(`^${re}$`, 's');
}

function hasMagic(s: string): boolean {
  return /[*?[]/.test(s);
}

/** os.listdir: the directory's names in the order the file system gives them (not sorted). */
function entries(dir: string): string[] {
  try {
    return dirEntriesInOrder(dir || '.');
  } catch {
    return [];
  }
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

/** glob.glob: each segment with magic matched against the directory's names (hidden ones only by a pattern starting with '.'). */
export function glob(pattern: string): string[] {
  const absolute = pattern.startsWith('/');
  const segments = pattern.split('/').filter((s, i) => s !== '' || i === 0);
  let paths = [absolute ? '/' : ''];
  for (const [i, seg] of segments.entries()) {
    if (i === 0 && absolute) continue;
    const join = (base: string, name: string): string =>
      base === '' ? name : base.endsWith('/') ? base + name : `${base}/${name}`;
    if (!hasMagic(seg)) {
      paths = paths.map((p) => join(p, seg)).filter((p) => i < segments.length - 1 || exists(p));
      continue;
    }
    const re = segmentPattern(seg);
    paths = paths.flatMap((p) =>
      entries(p)
        .filter((n) => (seg.startsWith('.') || !n.startsWith('.')) && re.test(n))
        .map((n) => join(p, n)),
    );
  }
  return paths.filter((p) => p !== '' && p !== '/');
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** ntpath.splitdrive: a drive letter or a UNC \\\\server\\share prefix. */
function splitDrive(p: string): [string, string] {
  const norm = p.replace(/\//g, '\\');
  if (norm.startsWith('\\\\') && norm[2] !== '\\') {
    const server = norm.indexOf('\\', 2);
    if (server < 0) return ['', p];
    const share = norm.indexOf('\\', server + 1);
    if (share === server + 1) return ['', p];
    const end = share < 0 ? p.length : share;
    return [p.slice(0, end), p.slice(end)];
  }
  return p[1] === ':' ? [p.slice(0, 2), p.slice(2)] : ['', p];
}

/** ntpath.split: head and tail at the last slash or backslash, the head's trailing slashes gone unless it is all slashes. */
function ntSplit(p: string): [string, string] {
  const [drive, rest] = splitDrive(p);
  let i = rest.length;
  while (i > 0 && rest[i - 1] !== '/' && rest[i - 1] !== '\\') i--;
  const head = rest.slice(0, i);
  const stripped = head.replace(/[/\\]+$/, '');
  return [drive + (stripped || head), rest.slice(i)];
}

export const ansiblePathFilters: Record<string, FilterFn> = {
  fileglob: (ctx, v) => glob(toText(v, ctx)).filter(isFile),
  win_basename: (ctx, v) => ntSplit(toText(v, ctx))[1],
  win_dirname: (ctx, v) => ntSplit(toText(v, ctx))[0],
  win_splitdrive: (ctx, v) => tuple(splitDrive(toText(v, ctx))),
};
