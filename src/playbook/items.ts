// Task lists → blocks, tasks and includes. import_tasks and import_role are expanded here
// (static: their keywords become a wrapping block); include_tasks and include_role stay
// as Include items for the executor.
import { dirname, resolve, isAbsolute } from 'node:path';
import { RunbookError, appearsIn, didYouMean, type SourceLocation, type YamlPositions } from '../util/index.js';
import { fileNotFoundMessage, type Loader } from '../loader/index.js';
import type { Block, Item, Task, RoleInstance, Keywords, Handler } from './model.js';
import { BLOCK_KEYWORDS, TASK_KEYWORDS, isWithLoop } from './keywords.js';
import { parseAction, type ModuleResolver } from './action.js';
import { checkModuleDefaults } from './action-groups.js';

export interface LoadContext {
  loader: Loader;
  modules: ModuleResolver;
  /** Directories searched for roles, in order. */
  rolePaths: string[];
  /** COLLECTIONS_PATHS: where installed collections' roles are found (ns.coll.role). */
  collectionsPaths?: string[];
  /** The playbook's directory: the last place a relative task file is looked for (the loader's basedir). */
  playDir?: string;
  /** Templates a role's name as it is loaded (set by the CLI: playbook/ does not template). */
  templateText?: (text: string, vars: Map<string, unknown>) => string;
  /** The variables a role's name sees at load: the play's vars under the extra vars. */
  nameVars?: Map<string, unknown>;
  /** The extra vars (-e), for nameVars. */
  extraVars?: Map<unknown, unknown>;
  /** The `collections:` search list of the play or role (short module names try these first). */
  collections?: string[];
  /** Loads a role for import_role / roles: (set by roles.ts to avoid an import cycle). */
  importRole?: (
    args: Map<string, unknown>,
    keywords: Keywords,
    parent: Block | undefined,
    where: SourceLocation,
    baseDir: string,
    nameAt?: SourceLocation,
  ) => Block;
}

interface Place {
  file: string;
  positions: YamlPositions;
  parent: Block | undefined;
  role: RoleInstance | undefined;
  /** Loading handlers: blocks and roles are not allowed (helpers.load_list_of_tasks, use_handlers). */
  handlers?: boolean;
}

/** Where an import_role/include_role's `name:` value is written, when its arguments are a mapping. */
function roleNameAt(args: unknown, place: Place): SourceLocation | undefined {
  return args instanceof Map ? place.positions.ofValue(args, 'name') : undefined;
}

/** Ansible's parser error for what a handler list cannot hold, worded and placed as Ansible does. */
function notAsHandler(what: string, loc: SourceLocation): RunbookError {
  return new RunbookError(`Using ${what} as a handler is not supported.${appearsIn(loc)}`, undefined, { exitCode: 4 });
}

function where(place: Place, value: object): SourceLocation {
  return place.positions.of(value) ?? { file: place.file };
}

// Task.preprocess_data: a with_<lookup> after `loop` or another with_ in the same task
function checkLoops(map: Map<string, unknown>, loc: SourceLocation): void {
  let looped = false;
  for (const [k, v] of map) {
    if (isWithLoop(k)) {
      if (looped) throw new RunbookError(`duplicate loop in task: ${k.slice('with_'.length)}`, loc, { exitCode: 1 });
      looped = true;
    } else if (k === 'loop' && v !== null && v !== undefined) looped = true;
  }
}

/** Taggable._load_tags: a list, or a comma-separated string; anything else is an error. */
export function checkTags(map: Map<string, unknown>, loc: SourceLocation): void {
  const tags = map.get('tags');
  if (tags === undefined || tags === null || Array.isArray(tags) || typeof tags === 'string') return;
  throw new RunbookError('tags must be specified as a list', loc, { exitCode: 1 });
}

// LoopControl's attributes (playbook/loop_control.py at stable-2.14)
const LOOP_CONTROL = new Set(['loop_var', 'index_var', 'label', 'pause', 'extended', 'extended_allitems']);

function checkLoopControl(map: Map<string, unknown>, place: Place, loc: SourceLocation): void {
  const lc = map.get('loop_control');
  if (!(lc instanceof Map)) return;
  for (const key of lc.keys())
    if (!LOOP_CONTROL.has(String(key)))
      throw new RunbookError(
        `'${String(key)}' is not a valid attribute for a LoopControl`,
        place.positions.of(lc) ?? loc,
        {
          exitCode: 4,
          hint: didYouMean(String(key), LOOP_CONTROL),
        },
      );
}

function pickKeywords(map: Map<string, unknown>, allowed: Set<string>): Keywords {
  return new Map([...map].filter(([k]) => allowed.has(k) || isWithLoop(k)));
}

/** A block the loader or executor makes (no keywords of its own unless given): implicit blocks, wrappers. */
export function implicitBlock(items: Item[], origin: SourceLocation, keywords: Keywords = new Map()): Block {
  return { kind: 'block', block: items, rescue: [], always: [], keywords, origin, parent: undefined, role: undefined };
}

/** Parses a list of task entries. */
export function parseItems(list: unknown, place: Place, ctx: LoadContext, owner?: SourceLocation): Item[] {
  if (list === null || list === undefined) return [];
  if (!Array.isArray(list))
    throw new RunbookError(
      `A malformed block was encountered while loading tasks: expected a list of tasks, got ${list instanceof Map ? `a dictionary (${[...list.keys()].map(String).join(', ')})` : JSON.stringify(list)}`,
      (typeof list === 'object' ? place.positions.of(list) : undefined) ?? owner ?? { file: place.file },
      { exitCode: 4 },
    );
  return list.flatMap((entry) => parseItem(entry, place, ctx));
}

function parseItem(entry: unknown, place: Place, ctx: LoadContext): Item[] {
  if (!(entry instanceof Map))
    throw new RunbookError(`A malformed task was found: a task must be a dictionary, got ${JSON.stringify(entry)}`, {
      file: place.file,
    });
  const map = entry as Map<string, unknown>;
  const loc = where(place, map);
  if (map.has('block')) {
    if (place.handlers) throw notAsHandler('a block', loc);
    return [parseBlock(map, place, ctx, loc)];
  }
  for (const key of ['rescue', 'always'])
    if (map.has(key))
      throw new RunbookError(`'${key}' is not a valid attribute for a Task (it belongs to a block)`, loc);
  checkLoops(map, loc);
  const parsed = parsedWithin(loc, () => parseAction(map, ctx.modules, loc, ctx.collections));
  checkTags(map, loc);
  checkModuleDefaults(map.get('module_defaults'), loc);
  checkLoopControl(map, place, loc);
  if (place.handlers && (parsed.action === 'include_role' || parsed.action === 'import_role'))
    throw notAsHandler(`'${parsed.written}'`, loc);
  const keywords = pickKeywords(map, TASK_KEYWORDS);
  if (parsed.delegateToLocal) keywords.set('delegate_to', 'localhost');
  const baseDir = dirname(place.file);
  if (parsed.action === 'import_role' || parsed.action === 'include_role') checkFromArgs(parsed.args);
  if (parsed.action === 'import_tasks' || parsed.action === 'include_tasks')
    checkIncludeOptions(parsed.written.replace(/^ansible\.(builtin|legacy)\./, ''), parsed.args, loc);
  if (parsed.action === 'import_tasks' || isStaticInclude(parsed.written, parsed.args, keywords))
    return [importTasks(parsed.args, keywords, place, ctx, { loc, include: parsed.action !== 'import_tasks' })];
  const nameAt = parsed.action.endsWith('_role') ? roleNameAt(map.get(parsed.written), place) : undefined;
  if (parsed.action === 'import_role') {
    if (!ctx.importRole) throw new RunbookError('import_role is not available here', loc);
    return [ctx.importRole(parsed.args, keywords, place.parent, loc, baseDir, nameAt)];
  }
  if (parsed.action === 'include_tasks' || parsed.action === 'include_role') {
    return [
      {
        kind: 'include',
        what: parsed.action === 'include_tasks' ? 'tasks' : 'role',
        written: parsed.written,
        args: parsed.args,
        keywords,
        origin: loc,
        baseDir,
        parent: place.parent,
        role: place.role,
        ...(nameAt ? { nameOrigin: nameAt } : {}),
      },
    ];
  }
  const task: Task = {
    kind: 'task',
    action: parsed.action,
    written: parsed.written,
    ...(parsed.modulePath ? { modulePath: parsed.modulePath } : {}),
    args: parsed.args,
    keywords,
    origin: loc,
    parent: place.parent,
    role: place.role,
  };
  return [task];
}

/**
 * The variables a static import's name is templated with at load: the play's, the enclosing
 * blocks' and the task's own `vars`, the extra vars over all (VariableManager.get_vars without a host).
 */
export function staticVars(ctx: LoadContext, parent: Block | undefined, keywords: Keywords): Map<string, unknown> {
  const chain: Map<unknown, unknown>[] = [];
  const own = keywords.get('vars');
  if (own instanceof Map) chain.push(own);
  for (let b: Block | undefined = parent; b; b = b.parent) {
    const v = b.keywords.get('vars');
    if (v instanceof Map) chain.push(v);
  }
  const out = new Map(ctx.nameVars ?? []);
  for (const v of chain.reverse()) for (const [k, x] of v) out.set(String(k), x);
  for (const [k, x] of ctx.extraVars ?? []) out.set(String(k), x);
  return out;
}

/** TaskInclude.check_options (playbook/task_include.py at stable-2.14): only file, _raw_params and apply. */
function checkIncludeOptions(action: string, args: Map<string, unknown>, loc: SourceLocation): void {
  const bad = [...args.keys()].filter((k) => !['file', '_raw_params', 'apply'].includes(k));
  if (bad.length && action !== 'include')
    throw new RunbookError(`Invalid options for ${action}: ${bad.join(',')}`, loc, { exitCode: 4 });
  if (!args.get('_raw_params') && !args.get('file'))
    throw new RunbookError(`No file specified for ${action}`, undefined, { exitCode: 4 });
  const apply = args.get('apply');
  if (apply && action !== 'include_tasks')
    throw new RunbookError(`Invalid options for ${action}: apply`, loc, { exitCode: 4 });
  if (apply !== undefined && !(apply instanceof Map))
    throw new RunbookError(`Expected a dict for apply but got ${pyClass(apply)} instead`, loc, { exitCode: 4 });
}

/** Python's `<class '…'>` for a loaded YAML value. */
export function pyClass(value: unknown): string {
  const cls = Array.isArray(value)
    ? 'ansible.parsing.yaml.objects.AnsibleSequence'
    : value instanceof Map
      ? 'ansible.parsing.yaml.objects.AnsibleMapping'
      : typeof value === 'string'
        ? 'ansible.parsing.yaml.objects.AnsibleUnicode'
        : value === null
          ? 'NoneType'
          : typeof value === 'boolean'
            ? 'bool'
            : Number.isInteger(value)
              ? 'int'
              : 'float';
  return `<class '${cls}'>`;
}

/** IncludeRole.load: each *_from option must be a string (Python's class names in the message). */
function checkFromArgs(args: Map<string, unknown>): void {
  for (const key of ['tasks_from', 'vars_from', 'defaults_from', 'handlers_from']) {
    const value = args.get(key);
    if (value === undefined || typeof value === 'string') continue;
    throw new RunbookError(`Expected a string for ${key} but got ${pyClass(value)} instead`, undefined, {
      exitCode: 4,
    });
  }
}

/**
 * The deprecated `include`: static (imported now) when its file name is no template and it does
 * not loop (helpers.load_list_of_tasks, ansible-core 2.14), dynamic otherwise.
 */
function isStaticInclude(written: string | undefined, args: Map<string, unknown>, keywords: Keywords): boolean {
  if (written !== 'include' && written !== 'ansible.builtin.include' && written !== 'ansible.legacy.include')
    return false;
  const name = String(args.get('_raw_params') ?? args.get('file') ?? '');
  return !/\{\{|\{%/.test(name) && !keywords.has('loop') && ![...keywords.keys()].some((k) => k.startsWith('with_'));
}

function parseBlock(map: Map<string, unknown>, place: Place, ctx: LoadContext, loc: SourceLocation): Block {
  for (const key of map.keys()) {
    if (!BLOCK_KEYWORDS.has(key))
      throw new RunbookError(`'${key}' is not a valid attribute for a Block`, loc, {
        hint: didYouMean(key, BLOCK_KEYWORDS),
      });
  }
  checkTags(map, loc);
  checkModuleDefaults(map.get('module_defaults'), loc);
  const block: Block = {
    kind: 'block',
    block: [],
    rescue: [],
    always: [],
    keywords: pickKeywords(map, BLOCK_KEYWORDS),
    origin: loc,
    parent: place.parent,
    role: place.role,
  };
  const inner = { ...place, parent: block };
  // Block._load_block/_load_rescue/_load_always: a section that is not a list (load_list_of_tasks'
  // assertion) is the block's error, in each one's own words
  const words: Record<string, string> = { block: 'a block', rescue: 'rescue.', always: 'always' };
  for (const key of ['block', 'rescue', 'always']) {
    const v = map.get(key);
    if (v !== null && v !== undefined && !Array.isArray(v)) {
      const at = (typeof v === 'object' ? place.positions.of(v) : undefined) ?? place.positions.ofKey(map, key);
      throw new RunbookError(`A malformed block was encountered while loading ${words[key]}`, loc, {
        exitCode: 4,
        ...(at ? { culprit: at } : {}),
      });
    }
  }
  block.block.push(...parseItems(map.get('block'), inner, ctx, loc));
  block.rescue.push(...parseItems(map.get('rescue'), inner, ctx, loc));
  block.always.push(...parseItems(map.get('always'), inner, ctx, loc));
  return block;
}

/** The file an import/include names, relative to the including file (then the role's tasks/). */
export function resolveTaskFile(
  name: string,
  baseDir: string,
  ctx: LoadContext,
  role?: RoleInstance,
): string | undefined {
  if (isAbsolute(name)) return ctx.loader.exists(name) ? name : undefined;
  const candidates = [
    resolve(baseDir, name),
    ...(role ? [resolve(role.path, 'tasks', name)] : []),
    resolve(baseDir, '..', name),
    ...(ctx.playDir ? [resolve(ctx.playDir, name)] : []),
  ];
  return candidates.find((p) => ctx.loader.exists(p) && !ctx.loader.isDirectory(p));
}

function importTasks(
  args: Map<string, unknown>,
  keywords: Keywords,
  place: Place,
  ctx: LoadContext,
  at: { loc: SourceLocation; include: boolean },
): Block {
  const { loc } = at;
  const written = String(args.get('_raw_params') ?? args.get('file') ?? '');
  // a templated name is templated now, without a host (load_list_of_tasks: play, block, task and extra vars)
  if (/\{\{|\{%/.test(written) && !ctx.templateText)
    throw new RunbookError(`import_tasks cannot use a templated file name (${written}); use include_tasks`, loc);
  const name = /\{\{|\{%/.test(written) ? ctx.templateText!(written, staticVars(ctx, place.parent, keywords)) : written;
  const file = resolveTaskFile(name, dirname(place.file), ctx, place.role);
  // Ansible's loader error, with the path it tried and without the task's position
  if (!file)
    throw new RunbookError(
      `Unable to retrieve file contents\n${fileNotFoundMessage(resolve(dirname(place.file), name), [])}`,
      undefined,
      { exitCode: 1, culprit: loc },
    );
  const block: Block = {
    kind: 'block',
    block: [],
    rescue: [],
    always: [],
    keywords: withImportVars(keywords, args),
    origin: loc,
    parent: place.parent,
    role: place.role,
    // a static `include` is still an include: its vars are include params (get_include_params)
    ...(at.include && keywords.get('vars') instanceof Map
      ? { includeParams: keywords.get('vars') as Map<string, unknown> }
      : {}),
  };
  block.block.push(...loadTaskFile(file, ctx, block, place.role, place.handlers));
  return block;
}

/** import_tasks: k=v params act as vars of the imported tasks. */
function withImportVars(keywords: Keywords, args: Map<string, unknown>): Keywords {
  const extra = [...args].filter(([k]) => k !== '_raw_params' && k !== 'file');
  if (!extra.length) return keywords;
  const vars = new Map<string, unknown>([
    ...((keywords.get('vars') as Map<string, unknown> | undefined) ?? []),
    ...extra,
  ]);
  return new Map([...keywords, ['vars', vars]]);
}

/** Reads a task file into items under `parent`. */
export function loadTaskFile(
  file: string,
  ctx: LoadContext,
  parent: Block | undefined,
  role: RoleInstance | undefined,
  handlers = false,
): Item[] {
  const parsed = ctx.loader.readYaml(file);
  return parseItems(parsed.documents[0] ?? [], { file, positions: parsed.positions, parent, role, handlers }, ctx);
}

/** The tasks and includes inside items, blocks opened (block, rescue, always in order). */
export function leafItems(items: Item[]): Item[] {
  return items.flatMap((i) => (i.kind === 'block' ? leafItems([...i.block, ...i.rescue, ...i.always]) : [i]));
}

/** Handlers file (or play handlers list) → tasks and includes marked as handlers. */
export function parseHandlers(list: unknown, place: Place, ctx: LoadContext): Handler[] {
  return leafItems(parseItems(list, { ...place, handlers: true }, ctx)).flatMap((it) =>
    it.kind === 'block' ? [] : [{ ...it, isHandler: true }],
  );
}

export type { Place };

/**
 * Task.preprocess_data: a parser error of ModuleArgsParser.parse raised without an object (the
 * k=v splitter's) is raised again with the task's, so it names the task's file and line.
 */
function parsedWithin<T>(loc: SourceLocation, parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    if (err instanceof RunbookError && !err.location && err.exitCode === 4)
      throw new RunbookError(err.message, loc, { exitCode: 4 });
    throw err;
  }
}
