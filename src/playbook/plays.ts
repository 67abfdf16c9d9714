// Playbook files → plays: keyword validation with file:line, import_playbook, sections,
// roles (run before tasks, after pre_tasks) and handlers.
import { dirname, resolve, join } from 'node:path';
import {
  RunbookError,
  didYouMean,
  isJsonText,
  isTruthy,
  loadedClass,
  type SourceLocation,
  type YamlPositions,
} from '../util/index.js';
import type { Block, Item, Play, Playbook, Keywords, Handler } from './model.js';
import { PLAY_KEYWORDS } from './keywords.js';
import { parseItems, parseHandlers, implicitBlock, staticVars, pyClass, checkTags, type LoadContext } from './items.js';
import { checkModuleDefaults } from './action-groups.js';
import { loadRole, roleFiles, splitRoleEntry, type RoleSink } from './roles.js';

/** Loads a playbook file (following import_playbook) into plays. */
/** What an import_playbook gives the plays it imports: its vars, its when, its tags. */
interface Imported {
  vars: Map<string, unknown>;
  when: unknown[];
  tags: unknown[];
}

export function loadPlaybook(file: string, ctx: Omit<LoadContext, 'rolePaths'> & { rolePaths?: string[] }): Playbook {
  const plays: Play[] = [];
  loadPlaysInto(resolve(file), ctx, plays, 0, { vars: new Map(), when: [], tags: [] });
  return { file: resolve(file), given: file, plays };
}

function loadPlaysInto(
  file: string,
  baseCtx: Omit<LoadContext, 'rolePaths'> & { rolePaths?: string[] },
  plays: Play[],
  depth: number,
  outer: Imported,
): void {
  if (depth > 20) throw new RunbookError(`import_playbook nests too deeply at ${file}`, { file });
  const parsed = baseCtx.loader.readYaml(file);
  baseCtx.modules.addPluginDirs?.(dirname(file)); // PlaybookLoader: add_all_plugin_dirs(basedir)
  const doc = parsed.documents[0];
  if ((doc === null || doc === undefined) && depth === 0)
    throw new RunbookError(`Empty playbook, nothing to do: ${file}`, { file }, { exitCode: 4 });
  if (doc === null || doc === undefined) return;
  // PlaybookLoader._load_playbook_data: an empty list of plays is an error (exit 4)
  if (Array.isArray(doc) && !doc.length)
    throw new RunbookError('A playbook must contain at least one play', { file }, { exitCode: 4 });
  if (!Array.isArray(doc))
    throw new RunbookError(
      `A playbook must be a list of plays, got a ${loadedClass(doc, isJsonText(baseCtx.loader.readText(file)))} instead: ${file}`,
      { file, line: 1 },
    );
  const baseDir = dirname(file);
  const ctx: LoadContext = {
    ...baseCtx,
    rolePaths: [join(baseDir, 'roles'), ...(baseCtx.rolePaths ?? [])],
    playDir: baseDir,
  };
  for (const entry of doc) {
    if (!(entry instanceof Map))
      throw new RunbookError('A playbook entry must be a dictionary (a play or an import_playbook)', { file });
    const where = parsed.positions.of(entry) ?? { file };
    const imported: unknown =
      (entry as Map<string, unknown>).get('import_playbook') ??
      (entry as Map<string, unknown>).get('ansible.builtin.import_playbook');
    if (imported !== undefined) {
      // PlaybookInclude.load_data templates the name with the import's vars and the extra vars
      const by = importedBy(entry as Map<string, unknown>, outer);
      const name = templatedName(String(imported), new Map([...by.vars, ...stringKeys(baseCtx.extraVars)]), baseCtx);
      const path = resolve(baseDir, name);
      // ansible-playbook: "Unable to retrieve file contents", exit 1 — here with the importing line
      if (!baseCtx.loader.exists(path))
        throw new RunbookError(
          `Unable to retrieve file contents\nCould not find or access '${path}' (import_playbook: ${String(imported)})`,
          where,
          { exitCode: 1 },
        );
      loadPlaysInto(path, baseCtx, plays, depth + 1, by);
      continue;
    }
    plays.push(
      parsePlay(entry as Map<string, unknown>, { file, positions: parsed.positions, where, baseDir }, ctx, outer),
    );
  }
}

interface PlaySource {
  file: string;
  positions: YamlPositions;
  where: SourceLocation;
  baseDir: string;
}

/** An import_playbook entry's vars, when and tags, the outer import's over them (PlaybookInclude.load_data). */
function importedBy(entry: Map<string, unknown>, outer: Imported): Imported {
  const vars = entry.get('vars');
  const when = entry.get('when');
  const tags = entry.get('tags');
  const list = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);
  return {
    vars: new Map([
      ...(vars instanceof Map ? [...vars].map(([k, v]): [string, unknown] => [String(k), v]) : []),
      ...outer.vars,
    ]),
    when: [...outer.when, ...list(when)],
    tags: [...outer.tags, ...list(tags)],
  };
}

/** Play.preprocess_data: `user` is the old name of remote_user; both at once is an error. */
function preprocessPlay(map: Map<string, unknown>, src: PlaySource): Map<string, unknown> {
  if (!map.has('user')) return map;
  if (map.has('remote_user'))
    throw new RunbookError(
      "both 'user' and 'remote_user' are set for this play. The use of 'user' is deprecated, and should be removed",
      src.where,
      { exitCode: 4 },
    );
  return new Map([...map].map(([k, v]): [string, unknown] => [k === 'user' ? 'remote_user' : k, v]));
}

/** Play._validate_hosts (playbook/play.py at stable-2.14). */
function validateHosts(value: unknown, culprit: SourceLocation | undefined): void {
  // Ansible names no place: runbook's culprit line does
  const fail = (msg: string): never => {
    throw new RunbookError(msg, undefined, { exitCode: 4, ...(culprit ? { culprit } : {}) });
  };
  if (value === null || value === '' || (Array.isArray(value) && !value.length))
    fail('Hosts list cannot be empty. Please check your playbook');
  if (Array.isArray(value)) {
    for (const entry of value) {
      if (entry === null) fail("Hosts list cannot contain values of 'None'. Please check your playbook");
      else if (typeof entry !== 'string') fail(`Hosts list contains an invalid host value: '${String(entry)}'`);
    }
  } else if (typeof value !== 'string') fail('Hosts list must be a sequence or string. Please check your playbook.');
}

/** Play._load_tasks and friends, _load_roles, _load_vars_prompt: the shapes they accept. */
function checkPlaySections(map: Map<string, unknown>, src: PlaySource): void {
  const bad = (msg: string): never => {
    throw new RunbookError(msg, src.where, { exitCode: 4 });
  };
  const notList = (v: unknown): boolean => v !== undefined && v !== null && !Array.isArray(v);
  const tasks = map.get('tasks');
  if (notList(tasks))
    bad(
      `A malformed block was encountered while loading tasks: ${pyText(tasks)} should be a list or None but is ${pyClass(tasks)}`,
    );
  for (const name of ['pre_tasks', 'post_tasks', 'handlers'])
    if (notList(map.get(name))) bad(`A malformed block was encountered while loading ${name}`);
  if (notList(map.get('roles'))) bad('A malformed role declaration was encountered.');
  const prompts = map.get('vars_prompt');
  for (const p of Array.isArray(prompts) ? prompts : prompts instanceof Map ? [prompts] : [])
    if (!(p instanceof Map) || !p.has('name')) bad("Invalid vars_prompt data structure, missing 'name' key");
}

function pyText(v: unknown): string {
  return typeof v === 'string'
    ? v
    : v instanceof Map
      ? `{${[...v].map(([k, x]) => `'${String(k)}': ${pyText(x)}`).join(', ')}}`
      : String(v);
}

function parsePlay(given: Map<string, unknown>, src: PlaySource, fileCtx: LoadContext, imported: Imported): Play {
  const map = preprocessPlay(given, src);
  const ctx: LoadContext = { ...fileCtx, collections: collectionList(map.get('collections'), src.where) };
  for (const key of map.keys()) {
    if (!PLAY_KEYWORDS.has(key))
      // Ansible's obj is the play's datastructure: the position is the play's, not the key's
      throw new RunbookError(`'${key}' is not a valid attribute for a Play`, src.where, {
        culprit: src.positions.ofKey(map, key),
        hint: didYouMean(key, PLAY_KEYWORDS),
      });
  }
  checkTags(map, src.where);
  checkModuleDefaults(map.get('module_defaults'), src.where);
  if (!map.has('hosts')) throw new RunbookError("the field 'hosts' is required but was not set", src.where);
  validateHosts(map.get('hosts'), src.positions.ofKey(map, 'hosts') ?? src.where);
  checkPlaySections(map, src);
  const vars = map.get('vars');
  if (
    vars !== undefined &&
    vars !== null &&
    !(vars instanceof Map) &&
    !(Array.isArray(vars) && vars.every((v) => v instanceof Map))
  ) {
    throw new RunbookError(
      'Vars in a Play must be specified as a dictionary, or a list of dictionaries',
      // Play._load_vars' obj is the value
      (typeof vars === 'object' ? src.positions.of(vars) : undefined) ?? src.positions.ofKey(map, 'vars') ?? src.where,
      { exitCode: 4 },
    );
  }
  const keywords: Keywords = new Map(
    [...map].filter(([k]) => !['pre_tasks', 'tasks', 'post_tasks', 'handlers', 'roles'].includes(k)),
  );
  // vars as a list of dicts: merged in order (Play._load_vars); an import_playbook's over them
  const playVars = new Map<string, unknown>(
    [
      ...(Array.isArray(vars)
        ? vars.flatMap((v: Map<unknown, unknown>) => [...v])
        : vars instanceof Map
          ? [...vars]
          : []),
    ].map(([k, v]): [string, unknown] => [String(k), v]),
  );
  for (const [k, v] of imported.vars) playVars.set(k, v);
  if (vars !== undefined || imported.vars.size) keywords.set('vars', playVars);
  if (imported.tags.length)
    keywords.set('tags', [
      ...(Array.isArray(keywords.get('tags'))
        ? (keywords.get('tags') as unknown[])
        : keywords.has('tags')
          ? [keywords.get('tags')]
          : []),
      ...imported.tags,
    ]);
  ctx.nameVars = new Map([...playVars, ...stringKeys(ctx.extraVars)]);
  const sink: RoleSink = { roles: [], handlers: [], seen: new Set(), handlersOf: new Map() };
  ctx.importRole = (args, kw, parent, where, baseDir, nameAt) =>
    importRole(args, kw, parent, { where, baseDir, ...(nameAt ? { nameAt } : {}) }, ctx, sink);
  // an import_playbook's `when` holds for every task of its plays (prepended to each block's)
  const scope: Block | undefined = imported.when.length
    ? implicitBlock([], src.where, new Map([['when', imported.when]]))
    : undefined;
  const place = { file: src.file, positions: src.positions, parent: scope, role: undefined };
  // Base.load_data loads a play's fields by priority: roles, then handlers, pre_tasks, post_tasks
  // and tasks (each -1, in that order) — so the first mistake reported is the first in that order
  const roleBlocks = parseRoles(map.get('roles'), src, ctx, sink, scope);
  // the play's handler list: the roles:' handlers (compile_roles_handlers), the play's own, then
  // those of the roles import_role brings in as the tasks load (appended to play.handlers), and at
  // run time an include_role's
  sink.handlers.push(...parseHandlers(map.get('handlers'), { ...place, parent: undefined }, ctx));
  const preTasks = parseItems(map.get('pre_tasks'), place, ctx);
  const postTasks = parseItems(map.get('post_tasks'), place, ctx);
  const sections: Play['sections'] = [
    { name: 'pre_tasks', items: preTasks },
    { name: 'tasks', items: [...roleBlocks, ...parseItems(map.get('tasks'), place, ctx)] },
    { name: 'post_tasks', items: postTasks },
  ];
  const handlers: Handler[] = sink.handlers;
  return {
    keywords,
    origin: src.where,
    sections,
    handlers,
    roles: sink.roles,
    baseDir: src.baseDir,
    roleKeys: sink.seen,
    ...(sink.handlersOf ? { roleHandlers: sink.handlersOf } : {}),
    load: ctx,
    keywordOrigins: new Map(
      [...map.keys()].flatMap((k) => {
        const at = src.positions.ofKey(map, k);
        return at ? [[String(k), at] as [string, SourceLocation]] : [];
      }),
    ),
    ...(imported.when.length ? { includedWhen: imported.when } : {}),
  };
}

/** The `collections:` keyword: a list of collection names. */
export function collectionList(value: unknown, where: SourceLocation): string[] {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  // ansible-core 2.14.18 accepts any name here (`collections: [foo]` runs); only the type is checked.
  if (list.some((c) => typeof c !== 'string'))
    throw new RunbookError("the field 'collections' should be a list of collection names", where);
  return list as string[];
}

function parseRoles(
  list: unknown,
  src: PlaySource,
  ctx: LoadContext,
  sink: RoleSink,
  parent: Block | undefined,
): Item[] {
  if (list === null || list === undefined) return [];
  if (!Array.isArray(list)) throw new RunbookError('roles must be a list', src.where);
  const out: Block[] = [];
  for (const [index, entry] of list.entries()) {
    // Ansible's position for a role is its entry's: the name's or the mapping's first key
    const where = src.positions.ofKey(list, index) ?? src.positions.of(list) ?? src.where;
    const r = splitRoleEntry(entry, where);
    const block = loadRole({ ...r, isPublic: true }, ctx, sink, parent, where, src.baseDir);
    if (block) out.push(block);
  }
  return out;
}

function importRole(
  args: Map<string, unknown>,
  keywords: Keywords,
  parent: Block | undefined,
  at: { where: SourceLocation; baseDir: string; nameAt?: SourceLocation },
  ctx: LoadContext,
  sink: RoleSink,
): Block {
  const { where, baseDir } = at;
  const name = args.get('name');
  if (typeof name !== 'string') throw new RunbookError("'name' is a required field for import_role", where);
  const allow = args.get('allow_duplicates');
  const allowDuplicates =
    allow === undefined
      ? undefined
      : isTruthy(
          ctx.templateText && typeof allow === 'string'
            ? ctx.templateText(allow, staticVars(ctx, parent, keywords))
            : allow,
        );
  const validate = args.get('rolespec_validate');
  const block = loadRole(
    {
      name,
      keywords,
      params: new Map(),
      entryVars: varsMap(keywords.get('vars')),
      isPublic: true,
      fromInclude: true,
      ...(allowDuplicates === undefined ? {} : { allowDuplicates }),
      ...(validate === undefined
        ? {}
        : {
            validate: isTruthy(
              ctx.templateText && typeof validate === 'string'
                ? ctx.templateText(validate, staticVars(ctx, parent, keywords))
                : validate,
            ),
          }),
      ...templatedFiles(roleFiles(args), staticVars(ctx, parent, keywords), ctx),
      ...(at.nameAt ? { nameAt: at.nameAt } : {}),
    },
    { ...ctx },
    sink,
    parent,
    where,
    // no role_basedir (IncludeRole.get_block_list): the playbook's directory, not the task file's
    ctx.playDir ?? baseDir,
  );
  // a role that ran already and allows no duplicates imports nothing
  return (
    block ?? { kind: 'block', block: [], rescue: [], always: [], keywords, origin: where, parent, role: parent?.role }
  );
}

/** A `vars:` keyword's Map with string keys (empty when there is none). */
export function varsMap(value: unknown): Map<string, unknown> {
  return new Map(value instanceof Map ? stringKeys(value) : []);
}

function stringKeys(m: Map<unknown, unknown> | undefined): [string, unknown][] {
  return [...(m ?? [])].map(([k, v]): [string, unknown] => [String(k), v]);
}

/** A static import's templated name, templated at load (no host: play, import and extra vars). */
export function templatedName(
  name: string,
  vars: Map<string, unknown>,
  ctx: Pick<LoadContext, 'templateText'>,
): string {
  return /\{\{|\{%/.test(name) && ctx.templateText ? ctx.templateText(name, vars) : name;
}

/** import_role's *_from options, templated at load like its name. */
function templatedFiles<T extends Record<string, string | undefined>>(
  files: T,
  vars: Map<string, unknown>,
  ctx: Pick<LoadContext, 'templateText'>,
): T {
  return Object.fromEntries(
    Object.entries(files).map(([k, v]) => [k, v === undefined ? v : templatedName(v, vars, ctx)]),
  ) as T;
}
