// Collections for `runbook galaxy collection install` and `runbook galaxy install -r`, as
// ansible-galaxy 2.14 installs them (galaxy/collection/__init__.py install_collections,
// install_src, install_artifact) from sources reachable here: a directory (type dir), a built
// tarball (type file), a git repository (git+URL[,version], type git). A source tree is built
// into the install directory as _build_collection_dir does — MANIFEST.json from galaxy.yml,
// FILES.json with each file's sha256, the default and build_ignore patterns left out — a
// tarball is unpacked as it is. Galaxy servers and URLs are not reached: said by name.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative, resolve } from 'node:path';
import { FsLoader } from '../loader/index.js';
import { warningText } from '../output/index.js';
import { RunbookError, dirEntriesInOrder, fnmatch } from '../util/index.js';
import type { Io } from './main.js';

export interface CollectionRequest {
  src: string;
  type: 'dir' | 'file' | 'git' | 'galaxy' | 'url' | 'subdirs';
  version: string;
}

/** What galaxy.yml (or an installed MANIFEST.json) says, normalized as the artifacts manager does. */
interface Meta {
  namespace: string;
  name: string;
  version: string;
  info: Record<string, unknown>;
  buildIgnore: string[];
}

/** A resolved source: a tree to build, or a tarball to unpack. */
interface Source {
  meta: Meta;
  tree?: string;
  tarball?: string;
}

const fqcn = (m: Meta): string => `${m.namespace}.${m.name}`;
const label = (m: Meta): string => `${fqcn(m)}:${m.version}`;

const isCollectionDir = (d: string): boolean =>
  ['galaxy.yml', 'galaxy.yaml', 'MANIFEST.json'].some((f) => existsSync(join(d, f)));
const isDir = (p: string): boolean => statSync(p, { throwIfNoEntry: false })?.isDirectory() ?? false;
/** _is_collection_namespace_dir: a directory holding at least one collection. */
const isNamespaceDir = (d: string): boolean =>
  readdirSync(d).some((c) => isDir(join(d, c)) && isCollectionDir(join(d, c)));

/** Requirement.from_requirement_dict without a type: a URL, a collection, a namespace dir, a file, an FQCN. */
function implicitType(src: string): CollectionRequest['type'] {
  if (/^https?:\/\//.test(src)) return 'url';
  if (isDir(src) && isCollectionDir(src)) return 'dir';
  if (isDir(src) && readdirSync(src).some((ns) => isDir(join(src, ns)) && isNamespaceDir(join(src, ns))))
    return 'subdirs';
  if (existsSync(src) && !isDir(src)) return 'file';
  if (/^\w+\.\w+$/.test(src)) return 'galaxy';
  const tip = isDir(src)
    ? `\n\nTip: Make sure you are pointing to the right subdirectory — \`${src}\` looks like a directory but it is neither a collection, nor a namespace dir.`
    : src
      ? `\n\nCould not find ${src}.`
      : '';
  throw new RunbookError(
    `Neither the collection requirement entry key 'name', nor 'source' point to a concrete resolvable collection artifact. Also 'name' is not an FQCN. A valid collection name must be in the format <namespace>.<collection>. Please make sure that the namespace and the collection name contain characters from [a-zA-Z0-9_] only.${tip}`,
    undefined,
    { exitCode: 1 },
  );
}

/** Requirement.from_requirement_dict / from_string: the type a request names or implies. */
export function parseCollectionEntry(entry: unknown): CollectionRequest {
  const m = entry instanceof Map ? (entry as Map<string, unknown>) : new Map<string, unknown>([['name', entry]]);
  let src = String(m.get('source') ?? m.get('name') ?? '');
  let version = m.get('version') === undefined || m.get('version') === null ? '*' : String(m.get('version'));
  let type = m.get('type') === undefined ? undefined : String(m.get('type'));
  if (src.startsWith('git+')) {
    type = 'git';
    src = src.slice(4);
    const comma = src.lastIndexOf(',');
    if (comma > 0) [src, version] = [src.slice(0, comma), src.slice(comma + 1)];
  }
  if (!type) type = implicitType(src);
  return { src, type: type as CollectionRequest['type'], version };
}

const MANDATORY = ['namespace', 'name', 'version', 'readme', 'authors'];
const OPTIONAL_NULL = ['description', 'license_file', 'repository', 'documentation', 'homepage', 'issues'];

/** _normalize_galaxy_yml_manifest: mandatory keys, lists, and the defaults of the other keys. */
function galaxyMeta(dir: string): Meta {
  const file = ['galaxy.yml', 'galaxy.yaml'].map((f) => join(dir, f)).find(existsSync);
  if (!file) {
    const manifest = join(dir, 'MANIFEST.json');
    if (!existsSync(manifest))
      throw new RunbookError(
        `Collection at '${dir}' does not have a MANIFEST.json file, nor has it galaxy.yml`,
        undefined,
        {
          exitCode: 1,
        },
      );
    return manifestMeta(readFileSync(manifest, 'utf8'));
  }
  const doc = new FsLoader([]).readYaml(file).documents[0];
  const raw = doc instanceof Map ? (doc as Map<string, unknown>) : new Map<string, unknown>();
  const missing = MANDATORY.filter((k) => raw.get(k) === undefined || raw.get(k) === null);
  if (missing.length)
    throw new RunbookError(
      `The collection galaxy.yml at '${file}' is missing the following mandatory keys: ${missing.sort().join(', ')}`,
      undefined,
      { exitCode: 1 },
    );
  const plain = (v: unknown): unknown =>
    v instanceof Map
      ? Object.fromEntries([...v].map(([k, x]) => [String(k), plain(x)]))
      : Array.isArray(v)
        ? v.map(plain)
        : v;
  const get = (k: string): unknown => plain(raw.get(k));
  const list = (k: string): unknown[] => {
    const v = get(k);
    return v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];
  };
  const info: Record<string, unknown> = {
    namespace: String(get('namespace')),
    name: String(get('name')),
    version: String(get('version')),
    authors: list('authors'),
    readme: get('readme'),
    tags: list('tags'),
    description: get('description') ?? null,
    license: list('license'),
    license_file: get('license_file') || null,
    dependencies: get('dependencies') ?? {},
    repository: get('repository') ?? null,
    documentation: get('documentation') ?? null,
    homepage: get('homepage') ?? null,
    issues: get('issues') ?? null,
  };
  for (const k of OPTIONAL_NULL) if (info[k] === undefined) info[k] = null;
  return {
    namespace: String(info.namespace),
    name: String(info.name),
    version: String(info.version),
    info,
    buildIgnore: list('build_ignore').map(String),
  };
}

/** os.listdir: the directory's own order (readdirSync sorts, as libuv's scandir does). */
const listdir = dirEntriesInOrder;

/** _build_files_manifest_walk: the files and directories a build takes, with their sha256. */
function filesManifest(root: string, meta: Meta, io: Io): Record<string, unknown>[] {
  const patterns = [
    'MANIFEST.json',
    'FILES.json',
    'galaxy.yml',
    'galaxy.yaml',
    '.git',
    '*.pyc',
    '*.retry',
    'tests/output',
    `${meta.namespace}-${meta.name}-*.tar.gz`,
    ...meta.buildIgnore,
  ];
  const ignoredDirs = new Set(['CVS', '.bzr', '.hg', '.git', '.svn', '__pycache__', '.tox']);
  const entry = (name: string, ftype: string, chksum: string | null = null): Record<string, unknown> => ({
    name,
    ftype,
    chksum_type: chksum ? 'sha256' : null,
    chksum_sha256: chksum,
    format: 1,
  });
  const files = [entry('.', 'dir')];
  const walk = (dir: string): void => {
    for (const item of listdir(dir)) {
      const abs = join(dir, item);
      const rel = relative(root, abs);
      if (statSync(abs, { throwIfNoEntry: false })?.isDirectory()) {
        if (ignoredDirs.has(item) || patterns.some((p) => fnmatch(rel, p))) continue;
        const link = lstatSync(abs).isSymbolicLink();
        if (link && relative(realpathSync(root), realpathSync(abs)).startsWith('..')) {
          io.err(warningText(`Skipping '${abs}' as it is a symbolic link to a directory outside the collection`));
          continue;
        }
        files.push(entry(rel, 'dir'));
        if (!link) walk(abs);
      } else {
        if (patterns.some((p) => fnmatch(rel, p))) continue;
        files.push(entry(rel, 'file', createHash('sha256').update(readFileSync(abs)).digest('hex')));
      }
    }
  };
  walk(root);
  return files;
}

/** json.dumps(obj, indent=True): one space per level, ", " never at line ends, ": " after keys. */
function pyJsonIndent(v: unknown, level = 0): string {
  const pad = ' '.repeat(level + 1);
  const end = ' '.repeat(level);
  if (Array.isArray(v))
    return v.length ? `[\n${v.map((x) => pad + pyJsonIndent(x, level + 1)).join(',\n')}\n${end}]` : '[]';
  if (v !== null && typeof v === 'object') {
    const e = Object.entries(v);
    return e.length
      ? `{\n${e.map(([k, x]) => `${pad}${JSON.stringify(k)}: ${pyJsonIndent(x, level + 1)}`).join(',\n')}\n${end}}`
      : '{}';
  }
  return JSON.stringify(v).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** _build_collection_dir: MANIFEST.json, FILES.json and the files, 0755/0644 as the module sets. */
function buildInto(tree: string, dest: string, meta: Meta, io: Io): void {
  const files = { files: filesManifest(tree, meta, io), format: 1 };
  const filesJson = pyJsonIndent(files);
  const manifest = {
    collection_info: meta.info,
    file_manifest_file: {
      name: 'FILES.json',
      ftype: 'file',
      chksum_type: 'sha256',
      chksum_sha256: createHash('sha256').update(filesJson).digest('hex'),
      format: 1,
    },
    format: 1,
  };
  mkdirSync(dest, { recursive: true, mode: 0o755 });
  for (const [name, text] of [
    ['MANIFEST.json', pyJsonIndent(manifest)],
    ['FILES.json', filesJson],
  ] as const) {
    writeFileSync(join(dest, name), text);
    chmodSync(join(dest, name), 0o644);
  }
  const sorted = files.files
    .map((f) => String(f.name))
    .filter((n) => n !== '.')
    .sort();
  for (const name of sorted) {
    const src = join(tree, name);
    const out = join(dest, name);
    if (statSync(src).isDirectory()) mkdirSync(out, { mode: 0o755 });
    else copyFileSync(src, out);
    chmodSync(out, statSync(src).isDirectory() || statSync(src).mode & 0o100 ? 0o755 : 0o644);
  }
}

/** install_artifact: MANIFEST.json, FILES.json, then each file and directory FILES.json lists. */
function unpackInto(tarball: string, dest: string): void {
  mkdirSync(dest, { recursive: true });
  const r = spawnSync('tar', ['-xzf', tarball, '-C', dest], { encoding: 'utf8' });
  if (r.status !== 0) {
    rmSync(dest, { recursive: true, force: true });
    throw new RunbookError(`Collection artifact at '${tarball}' is not a valid tar file.`, undefined, { exitCode: 1 });
  }
}

function metaOfTarball(tarball: string): Meta {
  const r = spawnSync('tar', ['-xzOf', tarball, 'MANIFEST.json'], { encoding: 'utf8' });
  if (r.status !== 0)
    throw new RunbookError(`Collection at '${tarball}' does not contain the required file MANIFEST.json.`, undefined, {
      exitCode: 1,
    });
  return manifestMeta(r.stdout);
}

/** A built collection's MANIFEST.json as the metadata of its collection_info. */
function manifestMeta(text: string): Meta {
  const info = (JSON.parse(text) as { collection_info: Record<string, unknown> }).collection_info;
  return {
    namespace: String(info.namespace),
    name: String(info.name),
    version: String(info.version),
    info,
    buildIgnore: [],
  };
}

/** The concrete artifact of a request (git: cloned at the version, its output shown as git prints it). */
function resolveSource(req: CollectionRequest, work: string, io: Io): Source[] {
  switch (req.type) {
    case 'dir':
      return [{ meta: galaxyMeta(resolve(req.src)), tree: resolve(req.src) }];
    case 'subdirs': {
      const root = resolve(req.src);
      const dirs = readdirSync(root).flatMap((ns) =>
        statSync(join(root, ns)).isDirectory() ? readdirSync(join(root, ns)).map((c) => join(root, ns, c)) : [],
      );
      return dirs.filter((d) => statSync(d).isDirectory()).map((d) => ({ meta: galaxyMeta(d), tree: d }));
    }
    case 'file':
      return [{ meta: metaOfTarball(resolve(req.src)), tarball: resolve(req.src) }];
    case 'git': {
      const repo = join(work, basename(req.src).replace(/\.git$/, '') || 'repo');
      const git = (args: string[], cwd?: string): void => {
        const r = spawnSync('git', args, { cwd, encoding: 'utf8' });
        for (const l of `${r.stdout}${r.stderr}`.split('\n').filter(Boolean)) io.err(l);
        if (r.status !== 0)
          throw new RunbookError(`Failed to clone a Git repository from \`${req.src}\`.`, undefined, { exitCode: 1 });
      };
      git(['clone', req.src, repo]);
      if (req.version !== '*' && req.version !== 'HEAD') git(['checkout', req.version], repo);
      if (existsSync(join(repo, 'galaxy.yml')) || existsSync(join(repo, 'galaxy.yaml')))
        return [{ meta: galaxyMeta(repo), tree: repo }];
      return resolveSource({ src: repo, type: 'subdirs', version: '*' }, work, io);
    }
    default:
      throw new RunbookError(
        `runbook installs collections from a directory, a tarball or a git repository, not from ${req.type === 'url' ? 'a URL' : 'a Galaxy server'} ('${req.src}')`,
        undefined,
        { exitCode: 1 },
      );
  }
}

/** find_existing_collections: the version installed under `output` for each fqcn. */
function installed(output: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!existsSync(output)) return out;
  for (const ns of readdirSync(output))
    if (statSync(join(output, ns)).isDirectory())
      for (const c of readdirSync(join(output, ns))) {
        const dir = join(output, ns, c);
        if (!statSync(dir).isDirectory()) continue;
        try {
          out.set(`${ns}.${c}`, galaxyMeta(dir).version);
        } catch {
          out.set(`${ns}.${c}`, '*');
        }
      }
  return out;
}

/** meets_requirements: an installed version against a requested one ('*', '1.2.0', '>=1.0,<2.0'). */
function meets(version: string, requested: string): boolean {
  const cmp = (a: string, b: string): number => {
    const x = a.split(/[.-]/);
    const y = b.split(/[.-]/);
    for (let i = 0; i < Math.max(x.length, y.length); i++) {
      const [p, q] = [x[i] ?? '', y[i] ?? ''];
      if (p === q) continue;
      return /^\d+$/.test(p) && /^\d+$/.test(q) ? Number(p) - Number(q) : p < q ? -1 : 1;
    }
    return 0;
  };
  return requested.split(',').every((spec) => {
    const m = /^\s*(==|!=|>=|<=|>|<|=)?\s*(.*?)\s*$/.exec(spec)!;
    const [op, want] = [m[1] ?? '==', m[2]!];
    if (want === '*') return true;
    const c = cmp(version, want);
    return { '==': c === 0, '=': c === 0, '!=': c !== 0, '>=': c >= 0, '<=': c <= 0, '>': c > 0, '<': c < 0 }[op]!;
  });
}

/** A request resolved to its artifact, with the version the request asks for (git: as written). */
export interface Resolved extends Source {
  requested: string;
}

/**
 * The requirements resolved before anything is installed, as ansible-galaxy parses them (a git
 * repository is cloned then, its output shown); `work` holds the clones until installed.
 */
export function resolveCollections(requests: CollectionRequest[], work: string, io: Io): Resolved[] {
  return requests.flatMap((r) =>
    resolveSource(r, work, io).map((s) => ({ ...s, requested: r.type === 'git' ? r.version : s.meta.version })),
  );
}

export interface CollectionOptions {
  path: string;
  force: boolean;
  ignoreErrors: boolean;
  configuredPaths: string[];
}

/** _execute_install_collection + install_collections. */
export function installCollections(sources: Resolved[], o: CollectionOptions, io: Io): number {
  if (!o.configuredPaths.some((p) => p.startsWith(o.path)))
    io.err(
      warningText(
        `The specified collections path '${o.path}' is not part of the configured Ansible collections paths '${o.configuredPaths.join(':')}'. The installed collection will not be picked up in an Ansible run, unless within a playbook-adjacent collections directory.`,
      ),
    );
  const output = basename(o.path) === 'ansible_collections' ? o.path : join(o.path, 'ansible_collections');
  mkdirSync(output, { recursive: true });
  const existing = installed(output);
  const satisfied = (s: Resolved): boolean => {
    const have = existing.get(fqcn(s.meta));
    return have !== undefined && meets(have, s.requested);
  };
  if (sources.every(satisfied) && !o.force) {
    io.out(
      'Nothing to do. All requested collections are already installed. If you want to reinstall them, consider using `--force`.',
    );
    return 0;
  }
  io.out('Process install dependency map');
  io.out('Starting collection install process');
  const seen = new Set<string>();
  for (const s of sources) {
    if (seen.has(fqcn(s.meta))) continue;
    seen.add(fqcn(s.meta));
    if (satisfied(s) && !o.force) {
      io.out(`'${label(s.meta)}' is already installed, skipping.`);
      continue;
    }
    const dest = join(output, s.meta.namespace, s.meta.name);
    io.out(`Installing '${label(s.meta)}' to '${dest}'`);
    rmSync(dest, { recursive: true, force: true });
    try {
      if (s.tree) {
        buildInto(s.tree, dest, s.meta, io);
        io.out(`Created collection for ${label(s.meta)} at ${dest}`);
      } else unpackInto(s.tarball!, dest);
    } catch (e) {
      if (!o.ignoreErrors) throw e;
      io.err(
        warningText(
          `Failed to install collection ${label(s.meta)} but skipping due to --ignore-errors being set. Error: ${(e as Error).message}`,
        ),
      );
      continue;
    }
    io.out(`${label(s.meta)} was installed successfully`);
  }
  return 0;
}

/** A scratch directory for clones, removed after `f`. */
export function withWorkDir<T>(f: (work: string) => T): T {
  const work = mkdtempSync(join(tmpdir(), 'rb-galaxy-coll-'));
  try {
    return f(work);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
