// include_tasks and include_role as the strategy runs them (ansible-core 2.14: the include's
// result per host, IncludedFile.process_include_results grouping hosts by file and arguments,
// StrategyBase._load_included_file, PlayIterator.add_tasks): the loaded block goes into each
// including host's cursor right after the include, and into the play's flat task list.
import { template, pyStr, TemplateError, markUnsafe, type TemplateOptions } from '../template/index.js';
import { RunbookError } from '../util/index.js';
import { resolveTaskFile, leafItems, taskKeywords, type Block, type Include, type Item } from '../playbook/index.js';
import { taskVars, hostState } from '../vars/index.js';
import { hostResult, type TaskResult } from './result.js';
import type { TaskStart } from './events.js';
import type { PlayBatch } from './play-batch.js';
import { loopItems, extendedLoop, loopNames } from './loops.js';
import { unvalidatedTruth, whenChain } from './keywords.js';
import { EARLY_FAILURES, earlyFailure, OMIT } from './task-env.js';
import { stripOmitted } from './run-module.js';
import { allConditions } from './conditional.js';
import { filterTagged } from './play-blocks.js';
import { loadInclude } from './include-load.js';
import { searchPaths } from './module-context.js';

const NOT_PARAMS = new Set([
  '_raw_params',
  'file',
  'name',
  'tasks_from',
  'vars_from',
  'defaults_from',
  'apply',
  'public',
  'handlers_from',
  'allow_duplicates',
  'rolespec_validate',
]);

/** The hosts that include one file with the same arguments. */
export interface IncludedFile {
  key: string;
  hosts: string[];
  args: Map<string, unknown>;
  params: Map<string, unknown>;
  /** The loop's variables (loop_var, index_var, ansible_loop): IncludedFile._vars. */
  special: Map<string, unknown>;
  /** The loop item, when the include loops. */
  item?: { value: unknown; name: string };
}

function skippedResult(host: string): TaskResult {
  return hostResult(
    host,
    'skipped',
    new Map<string, unknown>([
      ['changed', false],
      ['skipped', true],
      ['skip_reason', 'Conditional result was False'],
    ]),
  );
}

/** The include's result on each host: skipped, or the files it names (grouped across hosts). */
export function evaluateInclude(b: PlayBatch, inc: Include, hosts: string[], start: TaskStart): IncludedFile[] {
  const { ctx, stats } = b.deps;
  const groups = new Map<string, IncludedFile>();
  const options: TemplateOptions = { lookups: ctx.lookupsFor(searchPaths(inc, ctx)) };
  for (const h of hosts) {
    try {
      if (includeOn(b, inc, h, options, groups)) continue;
    } catch (err) {
      // a template or condition that fails fails the include on that host (TaskExecutor)
      if (!(err instanceof RunbookError || err instanceof TemplateError) || err instanceof EndsTheRun) throw err;
      b.process(inc, includeFailure(b, inc, h, includeError(err, inc)), start, false, false);
      continue;
    }
    const r = skippedResult(h);
    const register = taskKeywords(inc).register;
    if (typeof register === 'string') hostState(ctx.world, h).setFacts.set(register, markUnsafe(r.data));
    ctx.callback.onHostResult?.(r, start);
    stats.record(r);
  }
  return [...groups.values()];
}

/**
 * An error raised while IncludedFile.process_include_results templates an include_role's name and
 * *_from arguments: it leaves the strategy, and the run ends there ("ERROR! …", exit 1).
 */
class EndsTheRun extends RunbookError {}

/**
 * An include's failure in TaskExecutor (its loop, its file's template): an undefined variable is
 * AnsibleUndefinedVariable's words alone — the include is not post-validated, so no "The task
 * includes an option…" and no position; a condition's failure as any task's.
 */
function includeError(err: RunbookError, inc: Include): Map<string, unknown> {
  if (!(err instanceof TemplateError) || err.kind !== 'UndefinedError') return earlyFailure(err, inc);
  const data = new Map<string, unknown>([
    ['failed', true],
    ['msg', err.ansibleMessage()],
  ]);
  EARLY_FAILURES.add(data);
  return data;
}

/** An include that failed on a host, registered and ignored as its keywords say (as a task's). */
function includeFailure(b: PlayBatch, inc: Include, h: string, data: Map<string, unknown>): TaskResult {
  const ctx = b.deps.ctx;
  const register = taskKeywords(inc).register;
  if (typeof register === 'string') hostState(ctx.world, h).setFacts.set(register, markUnsafe(data));
  return { ...hostResult(h, 'failed', data), ignored: unvalidatedTruth(inc, b.play, 'ignore_errors') };
}

/** The include on one host: the files it names, added to `groups`; false when skipped. */
function includeOn(
  b: PlayBatch,
  inc: Include,
  h: string,
  options: TemplateOptions,
  groups: Map<string, IncludedFile>,
): boolean {
  const base = taskVars(b.deps.ctx.world, h, b.scope(inc)).set('omit', OMIT);
  const kw = taskKeywords(inc);
  let items: unknown[] | undefined;
  try {
    items = loopItems(kw, base, options, inc.origin);
  } catch (err) {
    // an undefined loop waits for `when` (TaskExecutor's _loop_eval_error): a false one skips
    const when = whenChain(inc);
    if (err instanceof TemplateError && err.kind === 'UndefinedError' && when.length)
      if (!allConditions(when, base, options, inc.origin)) return false;
    throw err;
  }
  const control = kw.loopControl;
  const { loopVar, indexVar } = loopNames(control, base, options);
  let included = false;
  for (const [i, value] of (items ?? [undefined]).entries()) {
    const vars = items ? new Map(base).set(loopVar, value) : base;
    // the loop's variables go with the included tasks (IncludedFile: loop_var, index_var, ansible_loop)
    const extended = items ? extendedLoop(control, items, i) : undefined;
    const when = whenChain(inc);
    if (when.length && !allConditions(when, vars, options, inc.origin)) continue;
    included = true;
    const args = includeArgs(inc, vars, options);
    const params = new Map([...args].filter(([k]) => !NOT_PARAMS.has(k)));
    const special = new Map<string, unknown>();
    if (items) special.set(loopVar, value);
    if (extended) special.set('ansible_loop', extended);
    if (items && indexVar) special.set(indexVar, i);
    for (const [k, v] of special) params.set(k, v);
    const file =
      inc.what === 'tasks'
        ? String(args.get('_raw_params') ?? args.get('file') ?? '')
        : `${String(args.get('name'))}\0${String(args.get('tasks_from') ?? '')}`;
    const key = `${file}\0${JSON.stringify([...params].map(([k, v]) => [k, pyStr(v)]))}`;
    const g = groups.get(key) ?? {
      key: file,
      hosts: [],
      args,
      params,
      special,
      ...(items ? { item: { value, name: loopVar } } : {}),
    };
    g.hosts.push(h);
    groups.set(key, g);
  }
  return included;
}

/** The include's arguments, templated; for include_role a failure there ends the run. */
function includeArgs(inc: Include, vars: Map<string, unknown>, options: TemplateOptions): Map<string, unknown> {
  try {
    return stripOmitted(template(inc.args, vars, options)) as Map<string, unknown>;
  } catch (err) {
    if (inc.what !== 'role' || !(err instanceof TemplateError)) throw err;
    throw new EndsTheRun(err.ansibleMessage(), undefined, { exitCode: 1, culprit: inc.origin });
  }
}

/** Loads each included file, tells the hosts' cursors; returns the hosts whose file could not load. */
export function expandIncludes(b: PlayBatch, inc: Include, files: IncludedFile[], start?: TaskStart): Set<string> {
  const failed = new Set<string>();
  const { ctx, stats } = b.deps;
  const perHost = new Map<string, Item[]>();
  const tasks: Item[] = [];
  for (const f of files) {
    let block: Block;
    try {
      block = loadInclude(b, inc, f);
    } catch (err) {
      // a parser error ends the run (linear.py re-raises AnsibleParserError); others fail the hosts
      if (!(err instanceof RunbookError) || err.exitCode === 4) throw err;
      if (inc.what === 'role') roleNotLoaded(b, inc, f.hosts, err);
      else failInclude(b, inc, f.hosts, err.message);
      for (const h of f.hosts) failed.add(h);
      continue;
    }
    if (inc.what === 'tasks') {
      const shown = resolveTaskFile(f.key, inc.baseDir, b.load, inc.role) ?? f.key;
      ctx.callback.onIncluded?.(shown, f.hosts, f.item ? pyStr(f.item.value) : undefined, start);
      for (const h of f.hosts) stats.of(h).ok++;
    }
    if (inc.isHandler) {
      // included handlers: notified for the hosts that ran the include (linear.py)
      const handlers = leafItems(block.block).flatMap((t) => (t.kind === 'block' ? [] : [{ ...t, isHandler: true }]));
      for (const h of handlers) b.notes.mark(h, f.hosts);
      for (const h of f.hosts) perHost.set(h, [...(perHost.get(h) ?? []), ...handlers]);
      continue;
    }
    const [kept] = filterTagged([block], b.play, ctx);
    if (!kept) continue;
    tasks.push(...leafItems([kept]));
    for (const h of f.hosts) perHost.set(h, [...(perHost.get(h) ?? []), kept]);
  }
  // linear.py: failed_includes_hosts, each marked failed once however many of its files failed
  for (const h of failed) b.failHost(h);
  for (const host of b.hostsLeft()) {
    const items = perHost.get(host);
    if (items) b.cursor(host).insert(items);
  }
  b.allTasks.splice(b.curTask, 0, ...tasks);
  return failed;
}

/**
 * An included role that cannot be loaded (linear.py: "include_role does not have on_include
 * callback so display the error"): the error on stderr, no result and no count in the recap; the
 * hosts fail as for any include that did not load (a rescue catches it, ignore_errors does not).
 */
function roleNotLoaded(b: PlayBatch, inc: Include, hosts: string[], err: RunbookError): void {
  b.deps.ctx.callback.onError?.(err.describe(), false);
  for (const h of hosts) {
    journalFailure(
      b,
      inc,
      h,
      hostResult(
        h,
        'failed',
        new Map<string, unknown>([
          ['failed', true],
          ['msg', err.message],
        ]),
      ),
    );
  }
}

/**
 * StrategyBase._load_included_file's failure: only `reason` (and failed); the include's file and
 * line go to the journal, which names them under the run's state.
 */
function failInclude(b: PlayBatch, inc: Include, hosts: string[], message: string): void {
  for (const h of hosts) {
    const r = hostResult(
      h,
      'failed',
      new Map<string, unknown>([
        ['failed', true],
        ['reason', message],
      ]),
    );
    journalFailure(b, inc, h, r);
    b.deps.ctx.callback.onHostResult?.(r);
    b.deps.stats.record(r);
  }
}

/** The include's failure in the journal, which names its file and line under the run's state. */
function journalFailure(b: PlayBatch, inc: Include, h: string, r: TaskResult): void {
  const { journal } = b.deps.ctx;
  r.culprit = inc.origin;
  if (!journal) return;
  const key = journal.current(h, inc);
  const name = inc.keywords.get('name');
  journal.started(h, key, typeof name === 'string' ? name : (inc.written ?? `include_${inc.what}`));
  journal.finished(h, key, r, false);
}
