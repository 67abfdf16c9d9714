// One round of a strategy: the item each chosen host takes (queued, or run at once for a meta),
// then the round's results processed and the play-level failure rules applied (linear.py run).
import { taskKeywords, type Include, type InheritedKeyword, type Item, type Task } from '../../playbook/index.js';
import { template, markUnsafe } from '../../template/index.js';
import { hostState, taskVars } from '../../vars/index.js';
import { findModule } from '../../modules/index.js';
import { RUN, type PlayBatch, type RunHooks } from '../play-batch.js';
import { isMeta } from '../meta.js';
import { executeMeta, metaAction, PER_HOST_METAS } from '../meta.js';
import { evaluateInclude, expandIncludes } from '../includes.js';
import { anyErrorsFatal, maxFailPercentage } from '../play-rules.js';
import { OMIT, keywordTruth } from '../keywords.js';
import type { TaskResult } from '../result.js';

export interface StepResult {
  host: string;
  kind: 'noop' | 'meta' | 'include' | TaskResult['status'];
}

export interface Step {
  /** The task or include queued this round (a meta runs at once and is not queued). */
  item?: Task | Include;
  /** Hosts queued for it. */
  hosts: string[];
  /** It runs once (run_once or a module bypassing the host loop), as the first queued host decided. */
  runOnce?: boolean;
  results: StepResult[];
  /** The round's task has any_errors_fatal (or runs once) and does not ignore errors. */
  anyErrorsFatal: boolean;
}

/** An empty round. */
export function newStep(): Step {
  return { hosts: [], results: [], anyErrorsFatal: false };
}

/** A bool keyword of the item (or its blocks, or the play) templated for a host (keywordTruth). */
function flagOf(b: PlayBatch, item: Task | Include, key: InheritedKeyword, host: string): boolean {
  // only a template needs the host's variables (assembling them per task·host is the costly part)
  const render = (raw: unknown): unknown =>
    typeof raw === 'string' && /\{\{|\{%/.test(raw)
      ? template(raw, taskVars(b.deps.ctx.world, host, b.scope(item)).set('omit', OMIT))
      : raw;
  try {
    return keywordTruth(item, b.play, key, render) ?? false;
  } catch {
    return false;
  }
}

/** Whether the task runs on one host only (run_once, or a module that bypasses the host loop). */
function runsOnce(b: PlayBatch, task: Task | Include, host: string): boolean {
  return (
    flagOf(b, task, 'run_once', host) || (task.kind === 'task' && findModule(task.action)?.bypassHostLoop === true)
  );
}

/** Takes `item` for `host` this round; returns true when no further host takes it (run once). */
export function runStepOn(b: PlayBatch, item: Item, host: string, step: Step): boolean {
  if (item.kind === 'block') return false;
  const fatal = (once: boolean): void => {
    if ((flagOf(b, item, 'any_errors_fatal', host) || once) && !flagOf(b, item, 'ignore_errors', host))
      step.anyErrorsFatal = true;
  };
  if (item.kind === 'task' && isMeta(item)) {
    executeMeta(b, item, host);
    step.results.push({ host, kind: 'meta' });
    const once = !PER_HOST_METAS.has(metaAction(item));
    fatal(once);
    return once;
  }
  const once = runsOnce(b, item, host);
  fatal(once);
  step.item = item;
  if (!step.hosts.length) step.runOnce = once;
  step.hosts.push(host);
  return once;
}

/** Runs the round's task (or include) on the queued hosts and processes the results. */
export async function finishStep(b: PlayBatch, step: Step, deferBanner = false): Promise<void> {
  const item = step.item;
  if (!item || !step.hosts.length) return;
  const { ctx } = b.deps;
  const isHandler = item.isHandler === true;
  const start = b.start(item, step.hosts[0], isHandler, deferBanner);
  ctx.callback.onTaskStart?.(start);
  if (item.kind === 'include') {
    const files = evaluateInclude(b, item, step.hosts, start);
    const failed = expandIncludes(b, item, files, start);
    for (const host of step.hosts) {
      // a file that did not load fails the include's result (IncludedFile results marked failed)
      step.results.push({ host, kind: failed.has(host) ? 'failed' : 'include' });
      if (isHandler) b.notes.ran(item, host);
    }
    return;
  }
  const once = step.runOnce === true;
  const handle = (r: TaskResult): void => {
    b.process(item, r, start, isHandler, once);
    step.results.push({ host: r.host, kind: r.ignored ? 'ok' : r.status });
  };
  const early = processWhileQueueing(b, handle);
  const results = await b.run(item, step.hosts, start, early.hooks);
  early.rethrow();
  const first = results[0];
  if (first && once) shareRunOnce(b, item, first);
  for (const r of results) if (!early.processed.has(r)) handle(r);
}

/**
 * linear.py queues the task host by host and, after each, processes one pending result
 * (_process_pending_results, max_passes 1 below 20 forks). A host that waited for a free worker
 * (all `forks` busy) therefore shows the result of the one that finished before it starts: with
 * `-f 1` each host's result line comes right after its own items. The rest are processed once
 * every host ran, in the hosts' order.
 */
function processWhileQueueing(
  b: PlayBatch,
  handle: (r: TaskResult) => void,
): { hooks: RunHooks; processed: Set<TaskResult>; rethrow: () => void } {
  const forks = Math.max(1, b.deps.ctx.options.forks);
  const finished: TaskResult[] = [];
  const processed = new Set<TaskResult>();
  let error: Error | undefined;
  const hooks: RunHooks = {
    done: (r) => void finished.push(r),
    queued: (index) => {
      const r = index >= forks && error === undefined ? finished.find((x) => !processed.has(x)) : undefined;
      if (!r) return;
      processed.add(r);
      try {
        handle(r);
      } catch (err) {
        error = err instanceof Error ? err : new Error(String(err));
      }
    },
  };
  return {
    hooks,
    processed,
    rethrow: () => {
      if (error !== undefined) throw error;
    },
  };
}

/** run_once: the registered result goes to every host of the batch (get_task_hosts). */
function shareRunOnce(b: PlayBatch, task: Task, r: TaskResult): void {
  const register = taskKeywords(task).register;
  if (register === undefined) return;
  for (const h of b.batch)
    if (h !== r.host && !b.deps.hosts.unreachable.has(h))
      hostState(b.deps.ctx.world, h).setFacts.set(register, markUnsafe(r.data));
}

/** any_errors_fatal and max_fail_percentage after the round (linear.py); returns RUN bits. */
export function afterStep(b: PlayBatch, step: Step): number {
  const failed = step.results
    .filter((r) => (r.kind === 'failed' || r.kind === 'meta') && b.cursor(r.host).failed)
    .map((r) => r.host);
  const unreachable = step.results.filter((r) => r.kind === 'unreachable').map((r) => r.host);
  let result: number = RUN.OK;
  if (step.anyErrorsFatal && (failed.length || unreachable.length)) result |= anyErrorsFatal(b);
  if (step.results.length) result |= maxFailPercentage(b, failed);
  return result;
}
