// find: files under paths matching patterns (shell globs, or regexes with use_regex),
// file_type, contains, hidden, recurse, excludes, size and age (ansible/modules/find.py).
import { defineModule, type ModuleContext } from './define.js';
import { modeString } from './support/mode.js';
import { fnmatchRegExp } from '../util/index.js';
import { compilePython } from '../template/index.js';

function matcher(patterns: string[], useRegex: boolean): (name: string) => boolean {
  if (!patterns.length) return () => true;
  const res = patterns.map((p) => (useRegex ? compilePython(p).re : fnmatchRegExp(p)));
  return (name) => res.some((r) => (useRegex ? new RegExp(`^(?:${r.source})$`, r.flags).test(name) : r.test(name)));
}

function sizeLimit(spec: string): (size: number) => boolean {
  const m = /^(-?)(\d+)([bkmgt]?)$/i.exec(spec.trim());
  if (!m) return () => true;
  const unit = { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 }[(m[3] ?? '').toLowerCase()] ?? 1;
  const n = Number(m[2]) * unit;
  return m[1] ? (s) => s <= n : (s) => s >= n;
}

async function walk(
  ctx: ModuleContext,
  dir: string,
  a: Record<string, unknown>,
  depth: number,
  out: Map<string, unknown>[],
  counter: { examined: number },
): Promise<void> {
  let names: string[];
  try {
    names = (await ctx.conn.readdir(dir)).sort();
  } catch {
    return;
  }
  const want = matcher(
    (a.patterns as string[]).flatMap((p) => p.split(',')),
    Boolean(a.use_regex),
  );
  const exclude = a.excludes ? matcher(a.excludes as string[], Boolean(a.use_regex)) : () => false;
  const okSize = a.size !== undefined ? sizeLimit(String(a.size)) : () => true;
  for (const name of names) {
    const path = `${dir}/${name}`;
    const st = await ctx.conn.stat(path, Boolean(a.follow));
    counter.examined++;
    const hidden = name.startsWith('.');
    const kind = st.isLink ? 'link' : st.isDir ? 'directory' : 'file';
    const typeOk = a.file_type === 'any' || a.file_type === kind;
    if ((!hidden || a.hidden) && typeOk && want(name) && !exclude(name) && (kind !== 'file' || okSize(st.size))) {
      const contentOk =
        a.contains === undefined ||
        kind !== 'file' ||
        compilePython(String(a.contains)).re.test((await ctx.conn.readFile(path)).toString('utf8'));
      if (contentOk)
        out.push(
          new Map<string, unknown>([
            ['path', path],
            ['mode', modeString(st.mode)],
            ['isdir', st.isDir],
            ['isreg', st.isFile],
            ['islnk', st.isLink],
            ['size', st.size],
            ['uid', st.uid],
            ['gid', st.gid],
            ['mtime', st.mtime],
          ]),
        );
    }
    const maxDepth = a.depth === undefined ? Infinity : Number(a.depth);
    if (st.isDir && !st.isLink && a.recurse && depth + 1 < maxDepth && (!hidden || a.hidden))
      await walk(ctx, path, a, depth + 1, out, counter);
  }
}

export default defineModule({
  name: 'find',
  collection: 'ansible.builtin',
  description: 'Finds files by name, type, content or size',
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
    contains: { type: 'str', description: 'A regex the file content must match.' },
    file_type: {
      type: 'str',
      default: 'file',
      choices: ['any', 'directory', 'file', 'link'],
      description: 'The kind of entries.',
    },
    recurse: { type: 'bool', default: false, description: 'Descend into directories.' },
    hidden: { type: 'bool', default: false, description: 'Include names starting with a dot.' },
    follow: { type: 'bool', default: false, description: 'Follow links.' },
    use_regex: { type: 'bool', default: false, description: 'patterns are Python regexes.' },
    size: { type: 'str', description: 'Minimum size, or maximum with a leading -.' },
    depth: { type: 'int', description: 'Maximum depth when recursing.' },
    age: { type: 'str', description: 'Accepted; age filtering is not implemented.' },
    get_checksum: { type: 'bool', default: false, description: 'Accepted; checksums are not reported.' },
  },
  run: async (a, ctx) => {
    const files: Map<string, unknown>[] = [];
    const counter = { examined: 0 };
    const skipped = new Map<string, unknown>();
    for (const p of a.paths as string[]) {
      const st = await ctx.conn.stat(p, true);
      if (!st.isDir)
        skipped.set(p, `${p} was skipped as it does not seem to be a valid directory or it cannot be accessed`);
      else await walk(ctx, p.replace(/\/$/, ''), a, 0, files, counter);
    }
    return {
      changed: false,
      msg: skipped.size ? 'Not all paths examined, check warnings for details' : '',
      data: { files, matched: files.length, examined: counter.examined, skipped_paths: skipped },
    };
  },
});
