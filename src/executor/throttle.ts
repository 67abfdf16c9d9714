// throttle (StrategyBase._queue_task): a task, its blocks or its play may run on fewer hosts at a
// time than forks. Linear queues a task's hosts at most `throttle` at once; the free strategy
// (free.py's own check) counts the workers running the same task — one limit per task, shared by
// every host that runs it.
import pLimit, { type LimitFunction } from 'p-limit';
import { template } from '../template/index.js';
import { RunbookError } from '../util/index.js';
import type { Play, Task } from '../playbook/index.js';
import { inherited } from './keywords.js';

const BY_TASK = new WeakMap<Task, { n: number; limit: LimitFunction }>();

/** The limit the hosts of one task run under: forks, or the task's throttle when it is lower. */
export function hostLimit(task: Task, play: Play, forks: number, vars: () => Map<string, unknown>): LimitFunction {
  const raw = inherited(task, play, 'throttle');
  const n = raw === undefined || raw === null ? 0 : throttleValue(raw, task, vars);
  if (n <= 0 || n >= forks) return pLimit(Math.max(1, forks));
  let cached = BY_TASK.get(task);
  if (cached?.n !== n) BY_TASK.set(task, (cached = { n, limit: pLimit(n) }));
  return cached.limit;
}

/** int(templar.template(task.throttle)); anything else ends the run as the strategy's AnsibleError. */
function throttleValue(raw: unknown, task: Task, vars: () => Map<string, unknown>): number {
  const v = typeof raw === 'string' && /\{\{|\{%/.test(raw) ? template(raw, vars()) : raw;
  const n =
    typeof v === 'number'
      ? Math.trunc(v)
      : typeof v === 'boolean'
        ? Number(v)
        : typeof v === 'string' && /^\s*[-+]?\d+\s*$/.test(v)
          ? parseInt(v, 10)
          : NaN;
  if (!Number.isFinite(n))
    throw new RunbookError('Failed to convert the throttle value to an integer.', task.origin, { exitCode: 1 });
  return n;
}
