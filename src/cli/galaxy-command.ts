// `runbook galaxy install`: roles from a requirements file or the command line, as
// ansible-galaxy 2.14 installs them (galaxy/role.py, utils/galaxy.py scm_archive_resource) from
// a git repository (git+URL[,version], scm: git), a tarball (a path, file:// or http(s) URL) —
// into the first roles path (-p, roles_path), with meta/.galaxy_install_info, and the same lines.
// Collections (galaxy-collections.ts) from a directory, a tarball or git, into the collections
// path. Galaxy servers are not reached from here: said per entry, exit 1.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FsLoader } from '../loader/index.js';
import { strftime } from '../template/index.js';
import { warningText } from '../output/index.js';
import { RunbookError } from '../util/index.js';
import { loadSettings } from './config.js';
import { HELP, VERBOSE, formatHelp, parseFlags, type Command, type Flag } from './flags.js';
import type { Io } from './main.js';
import {
  installCollections,
  parseCollectionEntry,
  resolveCollections,
  withWorkDir,
  type CollectionRequest,
} from './galaxy-collections.js';

const FLAGS = [
  { name: 'force', short: 'f', type: 'boolean', help: 'Force overwriting an existing role or collection' },
  HELP,
  {
    name: 'ignore-errors',
    short: 'i',
    type: 'boolean',
    help: 'Ignore errors and continue with the next specified role.',
  },
  { name: 'no-deps', short: 'n', type: 'boolean', help: "Don't download roles listed as dependencies." },
  { name: 'role-file', short: 'r', type: 'string', help: 'A file containing a list of roles to be installed.' },
  {
    name: 'roles-path',
    short: 'p',
    type: 'string',
    multiple: true,
    metavar: 'ROLES_PATH',
    help: 'The path to the directory containing your roles. The default is the first writable one configured via DEFAULT_ROLES_PATH: ~/.ansible/roles:/usr/share/ansible/roles:/etc/ansible/roles',
  },
  VERBOSE,
] as const satisfies readonly Flag[];

export const GALAXY: Command & { readonly flags: typeof FLAGS } = {
  prog: 'runbook galaxy install',
  usage: 'runbook galaxy [role] install [-r ROLE_FILE] [-p ROLES_PATH] [-f] [-i] [role_name[,version] ...]',
  description:
    'Install roles from a git repository or a tarball, as ansible-galaxy role install 2.14 does.\n\npositional arguments:\n  role_name             Role name, URL or tar file (git+URL[,version], a .tar.gz path or URL)',
  flags: FLAGS,
};

const COLLECTION_FLAGS = [
  HELP,
  VERBOSE,
  { name: 'force', short: 'f', type: 'boolean', help: 'Force overwriting an existing role or collection' },
  {
    name: 'ignore-errors',
    short: 'i',
    type: 'boolean',
    help: 'Ignore errors during installation and continue with the next specified collection. This will not ignore dependency conflict errors.',
  },
  { name: 'no-deps', short: 'n', type: 'boolean', help: "Don't download collections listed as dependencies." },
  {
    name: 'force-with-deps',
    type: 'boolean',
    help: 'Force overwriting an existing collection and its dependencies.',
  },
  {
    name: 'collections-path',
    short: 'p',
    type: 'string',
    metavar: 'COLLECTIONS_PATH',
    help: 'The path to the directory containing your collections.',
  },
  {
    name: 'requirements-file',
    short: 'r',
    type: 'string',
    metavar: 'REQUIREMENTS',
    help: 'A file containing a list of collections to be installed.',
  },
] as const satisfies readonly Flag[];

export const GALAXY_COLLECTION: Command & { readonly flags: typeof COLLECTION_FLAGS } = {
  prog: 'runbook galaxy collection install',
  usage:
    'runbook galaxy collection install [-h] [-v] [-f] [-i] [-n | --force-with-deps] [-p COLLECTIONS_PATH] [-r REQUIREMENTS] [collection_name ...]',
  description:
    'Install collections from a directory, a tarball or a git repository, as ansible-galaxy collection install 2.14 does.\n\npositional arguments:\n  collection_name       The collection(s) name or path/url to a tar.gz collection artifact. This is mutually exclusive with --requirements-file.',
  flags: COLLECTION_FLAGS,
};

/** The `collections:` of a requirements file. */
function requirementsCollections(file: string): unknown[] {
  const doc = new FsLoader([]).readYaml(file).documents[0];
  const c = doc instanceof Map ? (doc as Map<string, unknown>).get('collections') : undefined;
  return Array.isArray(c) ? c : [];
}

function runCollectionInstall(args: string[], io: Io): number {
  if (args[0] !== 'install' || args.includes('--help') || args.includes('-h')) {
    io.out(formatHelp(GALAXY_COLLECTION));
    return args[0] === 'install' || args[0] === '--help' || args[0] === '-h' ? 0 : 5;
  }
  const { values: flags, positionals } = parseFlags(GALAXY_COLLECTION, args.slice(1));
  const settings = loadSettings();
  if (flags['requirements-file'] && positionals.length)
    throw new RunbookError(
      'The positional collection_name arg and --requirements-file are mutually exclusive.',
      undefined,
      { exitCode: 5 },
    );
  let entries: unknown[] = positionals;
  if (flags['requirements-file']) {
    const file = resolve(flags['requirements-file']);
    if (!existsSync(file))
      throw new RunbookError(`The requirements file '${file}' does not exist.`, undefined, { exitCode: 1 });
    entries = requirementsCollections(file);
  }
  if (!entries.length)
    throw new RunbookError('You must specify a collection name or a requirements file.', undefined, { exitCode: 5 });
  const path = resolve(flags['collections-path'] ?? settings.collectionsPaths[0]!);
  return collectionsInstall(entries.map(parseCollectionEntry), path, flags, settings.collectionsPaths, io);
}

function collectionsInstall(
  requests: CollectionRequest[],
  path: string,
  flags: { force?: boolean; 'force-with-deps'?: boolean; 'ignore-errors'?: boolean },
  configuredPaths: string[],
  io: Io,
): number {
  return withWorkDir((work) => {
    const sources = resolveCollections(requests, work, io);
    io.out('Starting galaxy collection install process');
    return installCollections(
      sources,
      {
        path,
        force: Boolean(flags.force || flags['force-with-deps']),
        ignoreErrors: Boolean(flags['ignore-errors']),
        configuredPaths,
      },
      io,
    );
  });
}

interface RoleSpec {
  name: string;
  src: string;
  scm?: string;
  version: string;
}

/** RoleRequirement.repo_url_to_role_name: the last path element, without .git or .tar.gz. */
function roleName(src: string): string {
  const trimmed = src.replace(/^git\+/, '').replace(/,.*$/, '');
  const last = trimmed.split(/[/:]/).filter(Boolean).pop() ?? trimmed;
  return last.replace(/\.git$/, '').replace(/\.tar\.gz$/, '');
}

/** RoleRequirement.role_yaml_parse for a line (name or src[,version[,name]]) or a mapping. */
function parseSpec(entry: unknown): RoleSpec {
  if (typeof entry === 'string') {
    const [src = '', version = '', name] = entry.split(',').map((s) => s.trim());
    const scm = src.startsWith('git+') ? 'git' : undefined;
    return { src: src.replace(/^git\+/, ''), version, name: name ?? roleName(src), ...(scm ? { scm } : {}) };
  }
  const m = entry instanceof Map ? (entry as Map<string, unknown>) : new Map<string, unknown>();
  const raw = String(m.get('src') ?? m.get('name') ?? '');
  const scm = raw.startsWith('git+') ? 'git' : m.get('scm') !== undefined ? String(m.get('scm')) : undefined;
  const src = raw.replace(/^git\+/, '');
  return {
    src,
    version: m.get('version') === undefined || m.get('version') === null ? '' : String(m.get('version')),
    name: m.get('name') !== undefined && m.has('src') ? String(m.get('name')) : roleName(raw),
    ...(scm ? { scm } : {}),
  };
}

/** The role's tree in `work` (a directory holding it): a git archive or an extracted tarball. */
function fetchRole(spec: RoleSpec, work: string): string {
  if (spec.scm === 'git') {
    const repo = join(work, 'repo');
    const run = (args: string[], cwd?: string): void => {
      const r = spawnSync('git', args, { cwd, encoding: 'utf8' });
      if (r.status !== 0)
        throw new Error(
          `- command git ${args.join(' ')} failed in directory ${cwd ?? work} (rc=${r.status ?? -1}) - ${r.stderr.trim()}`,
        );
    };
    run(['clone', '-q', spec.src, repo]);
    if (spec.version) run(['checkout', '-q', spec.version], repo);
    const out = join(work, 'out');
    mkdirSync(out);
    const archive = spawnSync('git', ['archive', '--format=tar', spec.version || 'HEAD'], {
      cwd: repo,
      maxBuffer: 1 << 30,
    });
    if (archive.status !== 0) throw new Error(`git archive failed: ${String(archive.stderr)}`);
    execFileSync('tar', ['-x', '-C', out], { input: archive.stdout });
    return out;
  }
  let tarball = spec.src.replace(/^file:\/\//, '');
  if (/^https?:\/\//.test(spec.src)) {
    tarball = join(work, 'download.tar.gz');
    const r = spawnSync('curl', ['-fsSL', '-o', tarball, spec.src], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`failed to download the file: ${r.stderr.trim()}`);
  } else if (!/\.(tar\.gz|tgz|tar)$/.test(tarball) || !existsSync(tarball))
    throw new Error(
      existsSync(tarball)
        ? `${spec.src} is not a tarball`
        : `runbook installs roles from git repositories and tarballs, not from a Galaxy server ('${spec.src}')`,
    );
  const out = join(work, 'out');
  mkdirSync(out);
  const r = spawnSync('tar', ['-x', '-f', resolve(tarball), '-C', out], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`this role does not appear to have a valid tarball (${r.stderr.trim()})`);
  // the tarball's top directory holds the role (GalaxyRole.install strips it)
  const top = readdirSync(out);
  return top.length === 1 && existsSync(join(out, top[0]!, 'meta')) ? join(out, top[0]!) : out;
}

function installRole(spec: RoleSpec, rolesPath: string, force: boolean, io: Io): boolean {
  const dest = join(rolesPath, spec.name);
  const label = spec.version ? `${spec.name} (${spec.version})` : spec.name;
  if (existsSync(dest) && !force) {
    io.out(`- ${label} is already installed, skipping.`);
    return true;
  }
  if (existsSync(dest)) io.out(`- changing role ${spec.name} from ${spec.version} to ${spec.version || 'unspecified'}`);
  const work = mkdtempSync(join(tmpdir(), 'rb-galaxy-'));
  try {
    const tree = fetchRole(spec, work);
    io.out(`- extracting ${spec.name} to ${dest}`);
    rmSync(dest, { recursive: true, force: true });
    mkdirSync(rolesPath, { recursive: true });
    execFileSync('cp', ['-a', tree, dest]);
    mkdirSync(join(dest, 'meta'), { recursive: true });
    // GalaxyRole._write_galaxy_install_info: yaml.safe_dump of install_date and version
    const version = spec.version ? spec.version : "''";
    writeFileSync(
      join(dest, 'meta/.galaxy_install_info'),
      `install_date: ${strftime('%c', new Date())}\nversion: ${version}\n`,
    );
    io.out(`- ${label} was installed successfully`);
    return true;
  } catch (e) {
    io.err(warningText(`- ${spec.name} was NOT installed successfully: ${(e as Error).message}`));
    return false;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export function runGalaxyCommand(argv: string[], io: Io): number {
  const args = argv[0] === 'role' ? argv.slice(1) : argv;
  if (args[0] === 'collection') return runCollectionInstall(args.slice(1), io);
  if (args[0] !== 'install' || args.includes('--help') || args.includes('-h')) {
    io.out(formatHelp(GALAXY));
    return args[0] === 'install' || args[0] === '--help' || args[0] === '-h' ? 0 : 5;
  }
  const { values: flags, positionals } = parseFlags(GALAXY, args.slice(1));
  const settings = loadSettings();
  const rolesPath = resolve(
    flags['roles-path']?.[0] ?? settings.rolesPath[0] ?? join(process.env.HOME ?? '', '.ansible/roles'),
  );
  let entries: unknown[] = positionals;
  let collections: unknown[] = [];
  if (flags['role-file']) {
    const file = resolve(flags['role-file']);
    if (!existsSync(file))
      throw new RunbookError(`The requirements file '${file}' does not exist.`, undefined, { exitCode: 1 });
    const doc = new FsLoader([]).readYaml(file).documents[0];
    const roles = doc instanceof Map ? (doc as Map<string, unknown>).get('roles') : doc;
    collections = requirementsCollections(file);
    // execute_install: collections go with the roles only without a custom roles path
    if (collections.length && flags['roles-path']) {
      io.err(
        warningText(
          `The requirements file '${file}' contains collections which will be ignored. To install these collections run 'ansible-galaxy collection install -r' or to install both at the same time run 'ansible-galaxy install -r' without a custom install path.`,
        ),
      );
      collections = [];
    }
    entries = Array.isArray(roles) ? roles : [];
  }
  if (!entries.length && !collections.length) {
    if (flags['role-file']) {
      io.out('Skipping install, no requirements found');
      return 0;
    }
    throw new RunbookError('You must specify a user/role name or a roles file', undefined, { exitCode: 5 });
  }
  if (entries.length) {
    io.out('Starting galaxy role install process');
    for (const entry of entries) {
      const ok = installRole(parseSpec(entry), rolesPath, Boolean(flags.force), io);
      if (!ok && !flags['ignore-errors']) {
        io.err('ERROR! - you can use --ignore-errors to skip failed roles and finish processing the list.');
        return 1;
      }
    }
  }
  if (!collections.length) return 0;
  return collectionsInstall(
    collections.map(parseCollectionEntry),
    resolve(settings.collectionsPaths[0]!),
    { force: Boolean(flags.force), 'ignore-errors': Boolean(flags['ignore-errors']) },
    settings.collectionsPaths,
    io,
  );
}
