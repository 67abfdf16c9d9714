// group_vars/ and host_vars/ (the host_group_vars plugin): `<dir>/<name>`, `<name>.yml`,
// `.yaml` or `.json`, or a directory of such files read in sorted order, recursively; other
// extensions are ignored.
import { join, extname } from 'node:path';
import { loadVarsFile, type Loader } from '../loader/index.js';
import { RunbookError } from '../util/index.js';

const EXTENSIONS = new Set(['', '.yml', '.yaml', '.json']);

/**
 * The merged variables for one group or host under `dir` (group_vars or host_vars). `sealed`
 * skips a vaulted file the run's passwords do not open: --syntax-check and the --list modes
 * never read host variables, so ansible-playbook never decrypts them there.
 */
export function loadEntityVars(
  loader: Loader,
  dir: string,
  name: string,
  sealed = false,
): Map<string, unknown> | undefined {
  const files = [...EXTENSIONS]
    .map((ext) => join(dir, name + ext))
    .flatMap((path) => {
      if (!loader.exists(path)) return [];
      return loader.isDirectory(path) ? filesIn(loader, path) : [path];
    });
  if (!files.length) return undefined;
  const out = new Map<string, unknown>();
  for (const f of files) for (const [k, v] of readVars(loader, f, sealed)) out.set(String(k), v);
  return out;
}

function readVars(loader: Loader, file: string, sealed: boolean): Map<unknown, unknown> {
  try {
    return loadVarsFile(loader, file);
  } catch (err) {
    if (sealed && err instanceof RunbookError && /^(Attempting to decrypt|Decryption failed)/.test(err.message))
      return new Map();
    throw err;
  }
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
