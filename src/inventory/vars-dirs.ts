// group_vars/ and host_vars/ (the host_group_vars plugin): `<dir>/<name>`, `<name>.yml`,
// `.yaml` or `.json`, or a directory of such files read in sorted order, recursively; other
// extensions are ignored.
import { join, extname } from 'node:path';
import { loadVarsFile, type Loader } from '../loader/index.js';

const EXTENSIONS = new Set(['', '.yml', '.yaml', '.json']);

/** The merged variables for one group or host under `dir` (group_vars or host_vars). */
export function loadEntityVars(loader: Loader, dir: string, name: string): Map<string, unknown> | undefined {
  const files = [...EXTENSIONS]
    .map((ext) => join(dir, name + ext))
    .flatMap((path) => {
      if (!loader.exists(path)) return [];
      return loader.isDirectory(path) ? filesIn(loader, path) : [path];
    });
  if (!files.length) return undefined;
  const out = new Map<string, unknown>();
  for (const f of files) for (const [k, v] of loadVarsFile(loader, f)) out.set(String(k), v);
  return out;
}

function filesIn(loader: Loader, dir: string): string[] {
  return loader
    .list(dir)
    .filter((n) => !n.startsWith('.'))
    .flatMap((n) => {
      const path = join(dir, n);
      if (loader.isDirectory(path)) return filesIn(loader, path);
      return EXTENSIONS.has(extname(n)) ? [path] : [];
    });
}
