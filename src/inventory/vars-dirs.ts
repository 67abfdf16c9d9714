// group_vars/ and host_vars/ (the host_group_vars plugin): `<dir>/<name>`, `<name>.yml`,
// `.yaml` or `.json`, or a directory of such files read in sorted order, recursively; other
// extensions are ignored.
import { join, extname } from 'node:path';
import { loadVarsFile, type Loader } from '../loader/index.js';
import { RunbookError } from '../util/index.js';
import { pyJsonDumps } from '../template/index.js';

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

// the host_group_vars plugin combines each file into a dict (utils/vars.py combine_vars): a file
// whose top level is not a mapping fails there, in its words (exit 4 under ansible-playbook)
function notCombinable(loader: Loader, file: string): RunbookError | undefined {
  const value = loader.readYaml(file).documents[0] ?? null;
  if (value === null || value instanceof Map) return undefined;
  const type = Array.isArray(value)
    ? 'AnsibleSequence'
    : typeof value === 'string'
      ? 'AnsibleUnicode'
      : Number.isInteger(value)
        ? 'int'
        : typeof value === 'number'
          ? 'float'
          : typeof value === 'boolean'
            ? 'bool'
            : 'object';
  return new RunbookError(
    `failed to combine variables, expected dicts but got a 'dict' and a '${type}': \n{}\n${pyJsonDumps(value)}`,
    undefined,
    { exitCode: 4, culprit: { file, line: 1 } },
  );
}

function readVars(loader: Loader, file: string, sealed: boolean): Map<unknown, unknown> {
  try {
    const refused = notCombinable(loader, file);
    if (refused) throw refused;
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
