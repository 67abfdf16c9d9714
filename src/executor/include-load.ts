// Loading what an include names (StrategyBase._load_included_file, IncludeRole.get_block_list):
// the task file into a block with the include's vars and `apply` keywords, or the role.
import { isAbsolute, join, resolve } from 'node:path';
import { RunbookError, expandUser, isTruthy } from '../util/index.js';
import {
  loadTaskFile,
  resolveTaskFile,
  loadRole,
  roleFiles,
  taskKeywords,
  varsMap,
  type Block,
  type Include,
} from '../playbook/index.js';
import type { PlayBatch } from './play-batch.js';
import type { IncludedFile } from './includes.js';

/**
 * The path a missing include is reported under (IncludedFile.process_include_results): every
 * candidate path_dwim_relative tries ends in path_dwim(name) — the playbook's directory and the
 * name, normalised, unless the name is absolute or starts with ~.
 */
function dwim(name: string, basedir: string): string {
  return resolve(name.startsWith('~') ? expandUser(name) : isAbsolute(name) ? name : join(basedir, name));
}

/** The block an included file (or role) becomes for the hosts that include it. */
export function loadInclude(b: PlayBatch, inc: Include, f: IncludedFile): Block {
  const { args, params } = f;
  const applyKw = args.get('apply');
  const ownVars = taskKeywords(inc).vars;
  const vars = new Map<string, unknown>([...(ownVars instanceof Map ? ownVars : []), ...params]);
  const applied = applyKw instanceof Map ? ([...applyKw] as [string, unknown][]) : [];
  const applyVars =
    applyKw instanceof Map && applyKw.get('vars') instanceof Map
      ? (applyKw.get('vars') as Map<string, unknown>)
      : new Map();
  const keywords = new Map<string, unknown>([...applied, ['vars', new Map([...vars, ...applyVars])]]);
  const block: Block = {
    kind: 'block',
    block: [],
    rescue: [],
    always: [],
    keywords,
    origin: inc.origin,
    parent: inc.parent,
    role: inc.role,
    // _copy_included_file: ti_copy.vars = the include's vars | IncludedFile._vars
    includeParams: new Map([...(ownVars instanceof Map ? (ownVars as Map<string, unknown>) : []), ...f.special]),
  };
  const load = b.load;
  if (inc.what === 'tasks') {
    const file = resolveTaskFile(f.key, inc.baseDir, load, inc.role);
    if (!file)
      throw new RunbookError(
        `Could not find or access '${dwim(f.key, load.playDir ?? inc.baseDir)}' on the Ansible Controller.`,
        inc.origin,
      );
    block.block.push(...loadTaskFile(file, load, block, inc.role, inc.isHandler === true));
    return block;
  }
  const isPublic = isTruthy(args.get('public') ?? false);
  const role = loadRole(
    {
      name: String(args.get('name')),
      keywords: new Map(),
      params,
      // the include's own vars are the role definition's (IncludeRole: ri.vars |= self.vars)
      entryVars: varsMap(ownVars),
      isPublic,
      fromInclude: true,
      validate: isTruthy(args.get('rolespec_validate') ?? true),
      // IncludeRole.allow_duplicates (default true): false skips a role that already ran
      ...(args.has('allow_duplicates') ? { allowDuplicates: isTruthy(args.get('allow_duplicates')) } : {}),
      ...roleFiles(args),
      ...(inc.nameOrigin ? { nameAt: inc.nameOrigin } : {}),
    },
    load,
    {
      roles: isPublic ? b.play.roles : [],
      handlers: b.play.handlers,
      seen: b.play.roleKeys,
      ...(b.play.roleHandlers ? { handlersOf: b.play.roleHandlers } : {}),
    },
    block,
    inc.origin,
    // IncludeRole.get_block_list loads the role with no role_basedir: the last place searched is
    // the loader's basedir, the directory of the playbook the play came from
    load.playDir ?? inc.baseDir,
  );
  if (role) block.block.push(role);
  return block;
}
