// Roles (ansible/playbook/role): found in the playbook's roles/, the roles path, then the
// playbook's directory; tasks, handlers, defaults, vars and meta dependencies loaded; a role
// with the same name and parameters runs once per play unless allow_duplicates.
import { dirname, join, resolve, isAbsolute, relative } from 'node:path';
import { RunbookError, type SourceLocation, type YamlPositions } from '../util/index.js';
import { loadVarsFile } from '../loader/index.js';
import type { Block, Keywords, RoleInstance, Handler, Task } from './model.js';
import { ROLE_ENTRY_KEYWORDS } from './keywords.js';
import { loadTaskFile, parseHandlers, type LoadContext } from './items.js';

/** What loading a role adds to the play besides its block. */
export interface RoleSink {
  roles: RoleInstance[];
  handlers: Handler[];
  /** name + params of every role already in the play (dedupe). */
  seen: Set<string>;
  /**
   * The handlers of each role already loaded, by the same key: a role loaded again with the same
   * parameters is Role.load's cached Role, whose compiled handler blocks are the same objects.
   */
  handlersOf?: Map<string, Handler[]>;
}

/**
 * RoleDefinition._load_role_path: the roles paths, then the directory the entry was written in
 * (a dependency's: its role's parent directory, and then the playbook's).
 */
function searchDirs(ctx: LoadContext, baseDir: string, dependency: boolean): string[] {
  return dependency && ctx.playDir ? [...ctx.rolePaths, baseDir, ctx.playDir] : [...ctx.rolePaths, baseDir];
}

const FQCR = /^[A-Za-z_]\w*\.[A-Za-z_]\w*\.[A-Za-z_]\w*$/;

/**
 * _get_collection_role_path: a role of an installed collection — `ns.coll.role`, or a short name
 * in each collection of the `collections:` list — under the playbook's collections/ directory,
 * then COLLECTIONS_PATHS (each holding ansible_collections/NS/COLL/roles/ROLE).
 */
function collectionRole(name: string, ctx: LoadContext): { dir: string; name: string } | undefined {
  const refs = FQCR.test(name)
    ? [name]
    : name.includes('.') || name.includes('/')
      ? []
      : (ctx.collections ?? []).filter((c) => /^\w+\.\w+$/.test(c)).map((c) => `${c}.${name}`);
  const bases = [...(ctx.playDir ? [join(ctx.playDir, 'collections')] : []), ...(ctx.collectionsPaths ?? [])];
  for (const ref of refs) {
    const [ns, coll, role] = ref.split('.') as [string, string, string];
    for (const base of bases) {
      const dir = join(base, 'ansible_collections', ns, coll, 'roles', role);
      if (ctx.loader.isDirectory(dir)) return { dir, name: ref };
    }
  }
  return undefined;
}

/** RoleDefinition._load_role_path: a collection's role first, then the roles paths. */
function findRoleDir(
  name: string,
  ctx: LoadContext,
  baseDir: string,
  dependency = false,
): { dir: string; name: string } | undefined {
  const fromCollection = collectionRole(name, ctx);
  if (fromCollection) return fromCollection;
  const candidates = isAbsolute(name) ? [name] : searchDirs(ctx, baseDir, dependency).map((p) => resolve(p, name));
  const dir = candidates.find((p) => ctx.loader.isDirectory(p));
  return dir === undefined ? undefined : { dir, name: name.split('/').pop() ?? name };
}

function mainFile(ctx: LoadContext, dir: string, base = 'main'): string | undefined {
  // os.path.join: an absolute tasks_from/vars_from names its own file
  const stem = isAbsolute(base) ? base : join(dir, base);
  return ['.yml', '.yaml', '', '.json']
    .map((ext) => stem + ext)
    .find((p) => ctx.loader.exists(p) && !ctx.loader.isDirectory(p));
}

/** A role's file found for *_from must lie inside the role's folder (Role._load_role_yaml). */
function insideRole(found: string | undefined, dir: string, role: string, where: SourceLocation): string | undefined {
  if (found && relative(dir, found).startsWith('..')) {
    throw new RunbookError(
      `Failed loading '${found}' for role (${role}) as it is not inside the expected role path: '${dir}'`,
      where,
      { exitCode: 4 },
    );
  }
  return found;
}

/** The files of a vars directory (defaults/main/, vars/main/), every level, sorted (find_vars_files). */
function filesUnder(ctx: LoadContext, dir: string): string[] {
  return ctx.loader
    .list(dir)
    .sort()
    .flatMap((f) => {
      const p = join(dir, f);
      if (ctx.loader.isDirectory(p)) return filesUnder(ctx, p);
      return /\.(ya?ml|json)$/.test(f) || !f.includes('.') ? [p] : [];
    });
}

function varsOf(ctx: LoadContext, dir: string, base?: string): Map<string, unknown> {
  const file = mainFile(ctx, dir, base);
  const asDir = join(dir, base ?? 'main');
  const files = file ? [file] : ctx.loader.isDirectory(asDir) ? filesUnder(ctx, asDir) : [];
  const out = new Map<string, unknown>();
  for (const f of files) for (const [k, v] of loadVarsFile(ctx.loader, f)) out.set(String(k), v);
  return out;
}

/** Splits a role entry into name, keywords and parameters. */
export function splitRoleEntry(
  entry: unknown,
  where: SourceLocation,
): { name: string; keywords: Keywords; params: Map<string, unknown>; entryVars: Map<string, unknown> } {
  // role/include.py: "a,b" is the old style role requirement, no longer accepted
  if (typeof entry === 'string' && entry.includes(','))
    throw new RunbookError(`Invalid old style role requirement: ${entry}`, undefined, { exitCode: 4 });
  if (typeof entry === 'string') return { name: entry, keywords: new Map(), params: new Map(), entryVars: new Map() };
  if (!(entry instanceof Map)) throw new RunbookError('role definitions must be a string or a dictionary', where);
  const name: unknown = (entry as Map<string, unknown>).get('role') ?? (entry as Map<string, unknown>).get('name');
  if (typeof name !== 'string') throw new RunbookError('role definitions must contain a role name', where);
  const keywords: Keywords = new Map();
  const params = new Map<string, unknown>();
  const entryVars = new Map<string, unknown>();
  for (const [k, v] of entry as Map<string, unknown>) {
    if (k === 'role' || k === 'name') continue;
    // `vars:` on a role entry are role vars (they outlive the role); other keys are params.
    if (k === 'vars' && v instanceof Map) for (const [pk, pv] of v) entryVars.set(String(pk), pv);
    else if (ROLE_ENTRY_KEYWORDS.has(k)) keywords.set(k, v);
    else params.set(k, v);
  }
  return { name, keywords, params, entryVars };
}

export interface RoleRequest {
  name: string;
  keywords: Keywords;
  params: Map<string, unknown>;
  /**
   * The role definition's vars: `vars:` on a roles: entry, or on the import_role/include_role task
   * (IncludeRole: ri.vars |= self.vars) — part of the role's vars, so exported with them.
   */
  entryVars?: Map<string, unknown>;
  tasksFrom?: string;
  varsFrom?: string;
  defaultsFrom?: string;
  handlersFrom?: string;
  isPublic: boolean;
  /** Loaded by import_role/include_role: a role of its own in the cache (Role.load's from_include). */
  fromInclude?: boolean;
  /** import_role/include_role's allow_duplicates (IncludeRole: true unless the task says false). */
  allowDuplicates?: boolean;
  /** A dependency in another role's meta/main.yml. */
  dependency?: boolean;
  /** import_role/include_role's rolespec_validate: false leaves out the argument spec's validation. */
  validate?: boolean;
  /** Where the name is written, when not at `where` (RoleDefinition's error points at its ds). */
  nameAt?: SourceLocation;
}

/** tasks_from, vars_from, defaults_from, handlers_from of an import_role/include_role, as a RoleRequest's. */
export function roleFiles(
  args: Map<string, unknown>,
): Pick<RoleRequest, 'tasksFrom' | 'varsFrom' | 'defaultsFrom' | 'handlersFrom'> {
  const opt = (k: string): string | undefined => (args.get(k) === undefined ? undefined : String(args.get(k)));
  const from = {
    tasksFrom: opt('tasks_from'),
    varsFrom: opt('vars_from'),
    defaultsFrom: opt('defaults_from'),
    handlersFrom: opt('handlers_from'),
  };
  return Object.fromEntries(Object.entries(from).filter(([, v]) => v));
}

// The Role each key of a play's role cache was first loaded as (Play.role_cache), by the play's
// set of keys.
const ROLE_CACHE = new WeakMap<Set<string>, Map<string, RoleInstance>>();
function cacheOf(seen: Set<string>): Map<string, RoleInstance> {
  let cache = ROLE_CACHE.get(seen);
  if (!cache) ROLE_CACHE.set(seen, (cache = new Map<string, RoleInstance>()));
  return cache;
}

/** A templated role name is templated at load with the play's variables (RoleDefinition._load_role_name). */
function templatedRequest(request: RoleRequest, ctx: LoadContext): RoleRequest {
  return request.name.includes('{{') && ctx.templateText
    ? { ...request, name: ctx.templateText(request.name, ctx.nameVars ?? new Map<string, unknown>()) }
    : request;
}

/**
 * Role.load hashes params with when, tags, vars and from_files: any difference runs it again.
 * Dependencies share the play's cache with `roles:`, so a dependency already there runs once.
 */
function roleKey(req: RoleRequest): string {
  return JSON.stringify([
    req.name,
    [...req.params],
    req.keywords.get('when') ?? null,
    req.keywords.get('tags') ?? null,
    [...(req.entryVars ?? [])],
    req.tasksFrom ?? null,
    req.varsFrom ?? null,
    req.fromInclude === true,
  ]);
}

/** Loads a role (and its dependencies first) as a block; returns undefined for a deduped role. */
export function loadRole(
  request: RoleRequest,
  ctx: LoadContext,
  sink: RoleSink,
  parent: Block | undefined,
  where: SourceLocation,
  baseDir: string,
): Block | undefined {
  const req = templatedRequest(request, ctx);
  const dependency = request.dependency === true;
  const found = findRoleDir(req.name, ctx, baseDir, dependency);
  if (!found)
    // a dependency's search list starts with its collections (ansible.legacy by default)
    throw new RunbookError(
      `the role '${req.name}' was not found in ${[...(dependency ? ['ansible.legacy'] : []), ...searchDirs(ctx, baseDir, dependency)].join(':')}`,
      request.nameAt ?? where,
      { exitCode: 1 },
    );
  const dir = found.dir;
  ctx.modules.addPluginDirs?.(dir); // Role._load_role_data: add_all_plugin_dirs(role_path)
  const meta = readMeta(ctx, dir);
  // A role's meta `collections:` is searched before the play's for the role's own tasks.
  if (meta.collections.length) ctx = { ...ctx, collections: [...meta.collections, ...(ctx.collections ?? [])] };
  const key = roleKey(req);
  // import_role/include_role themselves allow duplicates (IncludeRole.allow_duplicates defaults true)
  const allowDuplicates = req.allowDuplicates ?? (req.fromInclude === true || meta.allowDuplicates);
  if (sink.seen.has(key) && !allowDuplicates) return undefined;
  sink.seen.add(key);
  const dependencies: RoleInstance[] = [];
  const role: RoleInstance = {
    name: found.name,
    path: dir,
    params: req.params,
    isPublic: req.isPublic,
    dependency,
    dependencies,
    defaults: varsOf(ctx, join(dir, 'defaults'), req.defaultsFrom),
    // Role.get_vars: the definition's vars (a roles: entry's, import_role's or include_role's
    // `vars:`), then the role's vars/main.yml over them
    vars: new Map([...(req.entryVars ?? []), ...varsOf(ctx, join(dir, 'vars'), req.varsFrom)]),
  };
  if (!cacheOf(sink.seen).has(key)) cacheOf(sink.seen).set(key, role);
  const block: Block = {
    kind: 'block',
    block: [],
    rescue: [],
    always: [],
    keywords: req.keywords,
    origin: where,
    parent,
    role,
  };
  for (const dep of meta.dependencies) {
    // Ansible points at the dependency's entry in meta/main.yml
    const depWhere =
      (typeof dep === 'object' && dep !== null ? meta.positions?.of(dep) : undefined) ?? meta.where ?? where;
    const depReq: RoleRequest = {
      ...splitRoleEntry(dep, depWhere),
      isPublic: true,
      fromInclude: false,
      dependency: true,
    };
    const depBlock = loadRole(depReq, ctx, sink, block, depWhere, dirname(dir));
    if (depBlock) block.block.push(depBlock);
    // a dependency that will not run again is still one of the role's dependencies, with its vars
    // (Role._dependencies holds the cached Role; has_run only skips its tasks)
    const depRole = depBlock?.role ?? cacheOf(sink.seen).get(roleKey(templatedRequest(depReq, ctx)));
    if (depRole) dependencies.push(depRole);
  }
  sink.roles.push(role);
  const tasks = insideRole(mainFile(ctx, join(dir, 'tasks'), req.tasksFrom), join(dir, 'tasks'), req.name, where);
  if (req.tasksFrom && !tasks)
    throw new RunbookError(`Could not find specified file in role: tasks/${req.tasksFrom}`, where);
  const validation =
    req.validate === false ? undefined : validationTask(ctx, dir, meta.argumentSpecs, req, role, block, where);
  if (validation) block.block.push(validation);
  if (tasks) block.block.push(...loadTaskFile(tasks, ctx, block, role));
  const cached = sink.handlersOf?.get(key);
  if (cached) {
    // the same Role's handlers again: notifying one of them notifies them all at once
    sink.handlers.push(...cached);
    return block;
  }
  const handlers = mainFile(ctx, join(dir, 'handlers'), req.handlersFrom);
  const before = sink.handlers.length;
  if (handlers) {
    const parsed = ctx.loader.readYaml(handlers);
    // Handlers inherit the role entry's keywords (Block._get_parent_attribute through _role), and
    // an import_role/include_role's: IncludeRole.get_block_list sets their parent to its block.
    const owner: Block = { ...block, block: [], parent: req.fromInclude === undefined ? undefined : parent };
    sink.handlers.push(
      ...parseHandlers(
        parsed.documents[0] ?? [],
        { file: handlers, positions: parsed.positions, parent: owner, role },
        ctx,
      ),
    );
  }
  sink.handlersOf?.set(key, sink.handlers.slice(before));
  return block;
}

/**
 * Role._prepend_validation_task: a role whose argument specs (meta/argument_specs.yml, else
 * meta/main.yml's argument_specs) have its entry point (tasks_from, else main) starts with a
 * validate_argument_spec task, tagged always, named after the entry point and its short description.
 */
function validationTask(
  ctx: LoadContext,
  dir: string,
  fromMain: unknown,
  req: RoleRequest,
  role: RoleInstance,
  block: Block,
  where: SourceLocation,
): Task | undefined {
  const file = ['.yml', '.yaml', '']
    .map((ext) => join(dir, 'meta', `argument_specs${ext}`))
    .find((f) => ctx.loader.exists(f));
  const specs: unknown = file
    ? (ctx.loader.readYaml(file).documents[0] as Map<string, unknown> | undefined)?.get?.('argument_specs')
    : fromMain;
  const entry = req.tasksFrom ?? 'main';
  const spec = specs instanceof Map ? (specs as Map<string, unknown>).get(entry) : undefined;
  if (!(spec instanceof Map) || !spec.size) return undefined;
  const short = (spec as Map<string, unknown>).get('short_description');
  const name = `Validating arguments against arg spec '${entry}'${short === undefined ? '' : ` - ${String(short)}`}`;
  return {
    kind: 'task',
    action: 'validate_argument_spec',
    written: 'ansible.builtin.validate_argument_spec',
    args: new Map<string, unknown>([
      ['argument_spec', (spec as Map<string, unknown>).get('options') ?? new Map()],
      ['provided_arguments', req.params],
      [
        'validate_args_context',
        new Map<string, unknown>([
          ['type', 'role'],
          ['name', role.name],
          ['argument_spec_name', entry],
          ['path', dir],
        ]),
      ],
    ]),
    keywords: new Map<string, unknown>([
      ['name', name],
      ['tags', ['always']],
    ]),
    origin: file ? { file, line: 1 } : where,
    parent: block,
    role,
  };
}

function readMeta(
  ctx: LoadContext,
  dir: string,
): {
  dependencies: unknown[];
  allowDuplicates: boolean;
  collections: string[];
  argumentSpecs?: unknown;
  positions?: YamlPositions;
  where?: SourceLocation;
} {
  const none = { dependencies: [], allowDuplicates: false, collections: [] };
  const file = mainFile(ctx, join(dir, 'meta'));
  if (!file) return none;
  const parsed = ctx.loader.readYaml(file);
  const meta = parsed.documents[0];
  if (!(meta instanceof Map)) return none;
  const deps: unknown = (meta as Map<string, unknown>).get('dependencies');
  const colls: unknown = meta.get('collections');
  return {
    dependencies: Array.isArray(deps) ? deps : [],
    allowDuplicates: meta.get('allow_duplicates') === true,
    collections: Array.isArray(colls) ? colls.map(String) : [],
    argumentSpecs: meta.get('argument_specs'),
    positions: parsed.positions,
    where: { file },
  };
}
