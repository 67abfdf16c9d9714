// include_vars: variables from a YAML/JSON file, or every file of a directory, on the controller
// (plugins/action/include_vars.py at stable-2.14): file or dir (depth, files_matching,
// ignore_files, extensions, ignore_unknown_extensions), `name` to keep them under one variable,
// include_vars precedence. A failure says why under `message`, as the action does.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { defineModule, type ModuleContext, type ModuleResult } from './define.js';
import { compilePythonRegex } from './support/py-regex.js';
import { RunbookError, mergeHash } from '../util/index.js';
import { pyJsonDumps, typeName } from '../template/index.js';

const DIR_ARGS = ['dir', 'depth', 'files_matching', 'ignore_files', 'extensions', 'ignore_unknown_extensions'];
const FILE_ARGS = ['file', '_raw_params'];
const ALL_ARGS = ['name', 'hash_behaviour'];

interface DirOptions {
  depth: number;
  matcher: RegExp | undefined;
  ignore: string[];
  extensions: string[];
  ignoreUnknown: boolean;
}

export default defineModule({
  name: 'include_vars',
  collection: 'ansible.builtin',
  description: 'Loads variables from a file or a directory',
  checkMode: 'supported',
  freeForm: true,
  args: {
    _raw_params: { type: 'str', description: 'The file (free form).' },
    file: { type: 'str', description: 'The file to load.' },
    dir: { type: 'str', description: 'A directory whose files are loaded in order.' },
    depth: { type: 'int', default: 0, description: 'How deep to go into dir (0: all the way).' },
    files_matching: { type: 'str', description: 'Only files whose name matches this regex.' },
    ignore_files: { type: 'raw', description: 'File names (regexes) to leave out.' },
    extensions: { type: 'raw', description: 'The extensions of files to load (default yaml, yml, json).' },
    ignore_unknown_extensions: { type: 'bool', default: false, description: 'Skip files of other extensions.' },
    name: { type: 'str', description: 'Put the variables under this one name.' },
    hash_behaviour: {
      type: 'str',
      choices: ['replace', 'merge'],
      description: 'Combine with the variables current values this way when it differs from the run setting.',
    },
  },
  // ActionModule.run's own validation, before anything is read: an option it does not know (the
  // first, in the task's order), then file and dir options together — each an AnsibleError
  actionChecks: (raw) => {
    const keys = [...raw.keys()].filter((k) => !k.startsWith('_ansible_'));
    const unknown = keys.find((k) => !DIR_ARGS.includes(k) && !FILE_ARGS.includes(k) && !ALL_ARGS.includes(k));
    if (unknown !== undefined) return { error: `${unknown} is not a valid option in include_vars` };
    if (keys.some((k) => DIR_ARGS.includes(k)) && keys.some((k) => FILE_ARGS.includes(k)))
      return { error: 'You are mixing file only and dir only arguments, these are incompatible' };
    return undefined;
  },
  run: async (a, ctx) => {
    const results = new Map<string, unknown>();
    const included: string[] = [];
    const error = a.dir ? loadDir(a, ctx, results, included) : loadFile(a, ctx, results, included);
    // the results are scoped under `name` whether or not loading failed
    const facts = a.name ? new Map<string, unknown>([[String(a.name), results]]) : results;
    if (error !== undefined) return failedWith(error, included, facts);
    const combined = a.hash_behaviour && a.hash_behaviour !== (ctx.hashBehaviour ?? 'replace');
    if (combined) {
      const error = combineWithCurrent(facts, a.hash_behaviour === 'merge', ctx);
      if (error) return { changed: false, failed: true, msg: error, raisedError: true };
    }
    return {
      changed: false,
      facts,
      factKind: 'include_vars',
      data: { ansible_facts: facts, ansible_included_var_files: included },
    };
  },
});

/**
 * A hash_behaviour other than the run's (action/include_vars.py at stable-2.14): each value
 * (the one under `name` when given) combined with the variable's current value by combine_vars
 * — merge_hash, or a shallow update — which refuses anything but two dicts (a variable not
 * defined is None): its AnsibleError is the task's failure.
 */
function combineWithCurrent(results: Map<string, unknown>, merge: boolean, ctx: ModuleContext): string | undefined {
  for (const [key, value] of results) {
    let old: unknown;
    try {
      old = ctx.evaluate(key);
    } catch {
      old = null;
    }
    if (!(old instanceof Map && value instanceof Map)) return notDicts(old, value);
    results.set(key, merge ? mergeHash(old, value) : new Map([...old, ...value]));
  }
  return undefined;
}

/** utils/vars.py's _validate_mutable_mappings: the classes and json.dumps of both values. */
function notDicts(a: unknown, b: unknown): string {
  return `failed to combine variables, expected dicts but got a '${typeName(a)}' and a '${typeName(b)}': \n${pyJsonDumps(a)}\n${pyJsonDumps(b)}`;
}

function failedWith(message: string, included: string[] = [], facts = new Map<string, unknown>()): ModuleResult {
  return {
    changed: false,
    failed: true,
    data: { ansible_facts: facts, ansible_included_var_files: included, message },
  };
}

function loadFile(a: Record<string, unknown>, ctx: ModuleContext, out: Map<string, unknown>, included: string[]) {
  // an empty file and no free form is _find_needle(None): AnsibleFileNotFound without a name
  const name = String(a.file || a._raw_params || '').replace(/\n+$/, '');
  const path = name ? ctx.findFile(name, 'vars') : undefined;
  if (!path) return ctx.notFound(name, 'vars').msg ?? '';
  if (statSync(path).isDirectory()) {
    const why = `[Errno 21] Is a directory: b'${path}'`;
    return `an error occurred while trying to read the file '${path}': ${why}. ${why}`;
  }
  return loadInto(path, ctx, out, included);
}

/** _load_files: a dictionary (or nothing) merged into `out`; otherwise why not. */
function loadInto(path: string, ctx: ModuleContext, out: Map<string, unknown>, included: string[]): string | undefined {
  let data: Map<unknown, unknown>;
  try {
    data = ctx.loadVars(path);
  } catch (err) {
    if (err instanceof RunbookError && /must contain a dictionary/.test(err.message))
      return `${path} must be stored as a dictionary/hash`;
    throw err;
  }
  included.push(path);
  for (const [k, v] of data) out.set(String(k), v);
  return undefined;
}

/** _set_root_dir: a role's vars/ (or the role path for a dir starting with vars/), else the task file's directory. */
function rootDir(dir: string, ctx: ModuleContext): string {
  if (ctx.rolePath) {
    if (dir.split('/')[0] === 'vars') {
      const inRole = join(ctx.rolePath, dir);
      return existsSync(inRole) ? inRole : dir;
    }
    return join(ctx.rolePath, 'vars', dir);
  }
  return ctx.taskDir ? join(ctx.taskDir, dir) : dir;
}

function dirOptions(a: Record<string, unknown>): DirOptions | string {
  const ignoreRaw = a.ignore_files;
  if (ignoreRaw instanceof Map) return `${String(ignoreRaw)} must be a list`;
  const ignore =
    typeof ignoreRaw === 'string' ? ignoreRaw.split(/\s+/).filter(Boolean) : ((ignoreRaw as string[]) ?? []);
  const ext = a.extensions ?? ['yaml', 'yml', 'json'];
  const extensions = typeof ext === 'string' ? [...ext] : ext;
  if (!Array.isArray(extensions)) return 'Invalid type for "extensions" option, it must be a list';
  return {
    depth: Number(a.depth ?? 0),
    matcher: a.files_matching ? compilePythonRegex(String(a.files_matching)) : undefined,
    ignore,
    extensions: extensions.map(String),
    ignoreUnknown: Boolean(a.ignore_unknown_extensions),
  };
}

function loadDir(a: Record<string, unknown>, ctx: ModuleContext, out: Map<string, unknown>, included: string[]) {
  const options = dirOptions(a);
  if (typeof options === 'string') return options;
  const dir = rootDir(String(a.dir), ctx);
  if (!existsSync(dir)) return `${dir} directory does not exist`;
  if (!statSync(dir).isDirectory()) return `${dir} is not a directory`;
  // each directory's variables join the results once all its files loaded (a failure keeps the
  // directories before it: results.update per _load_files_in_dir)
  for (const [root, files] of sortedWalk(dir, options.depth)) {
    const fromDir = new Map<string, unknown>();
    for (const file of files) {
      // a role's own vars/main.yml is loaded already
      if (ctx.rolePath && join(ctx.rolePath, file) === join(root, 'vars', 'main.yml')) continue;
      if (options.matcher && !options.matcher.test(file)) continue;
      const path = join(root, file);
      if (!existsSync(path) || ignored(file, options.ignore)) continue;
      if (options.ignoreUnknown && !validExtension(file, options.extensions)) continue;
      if (!validExtension(file, options.extensions))
        return `${path} does not have a valid extension: ${options.extensions.join(', ')}`;
      const error = loadInto(path, ctx, fromDir, included);
      if (error) return error;
    }
    for (const [k, v] of fromDir) out.set(k, v);
  }
  return undefined;
}

/** os.walk sorted by directory path, files sorted, at most `depth` directories (0: all). */
function sortedWalk(top: string, depth: number): [string, string[]][] {
  const all: [string, string[]][] = [];
  const visit = (dir: string): void => {
    const entries = readdirSync(dir, { withFileTypes: true });
    all.push([dir, entries.filter((e) => !e.isDirectory()).map((e) => e.name)]);
    for (const e of entries) if (e.isDirectory()) visit(join(dir, e.name));
  };
  visit(top);
  all.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
  const kept = depth === 0 ? all : all.slice(0, depth);
  return kept.map(([d, files]) => [d, [...files].sort()]);
}

function ignored(file: string, patterns: string[]): boolean {
  return patterns.some((p) => compilePythonRegex(`${p}$`).test(file));
}

/** _is_valid_file_ext: the extension without its dot is one of `extensions` ('' for none). */
function validExtension(file: string, extensions: string[]): boolean {
  return extensions.includes(extname(file).slice(1));
}
