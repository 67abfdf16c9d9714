// meta tasks as the strategy runs them (StrategyBase._execute_meta in ansible-core 2.14): each
// is a command to the cursors. A meta shows its banner for every host it runs for (unless the
// executor added it), "skipping" where its condition is false, and counts in no recap.
import type { Task } from '../playbook/index.js';
import { hostState, taskVars } from '../vars/index.js';
import { RunbookError } from '../util/index.js';
import type { PlayBatch } from './play-batch.js';
import { Run } from './host-cursor.js';
import { whenChain } from './keywords.js';
import { allConditions } from './conditional.js';

/** Metas that run for every host; the others run once, for the first host (linear.py). */
export const PER_HOST_METAS = new Set(['noop', 'reset_connection', 'end_host', 'role_complete', 'flush_handlers']);

export function metaAction(task: Task): string {
  return String(task.args.get('_raw_params') ?? '');
}

/** Runs a meta task for `host`; returns whether it was skipped. */
export function executeMeta(b: PlayBatch, task: Task, host: string): boolean {
  const { ctx, hosts } = b.deps;
  const action = metaAction(task);
  const isHandler = task.isHandler === true;
  const start = b.start(task, host, isHandler, false);
  if (!task.implicit) ctx.callback.onTaskStart?.(start);
  const when = whenChain(task);
  if (['noop', 'refresh_inventory', 'reset_connection'].includes(action) && when.length) ctx.callback.onWarning?.(`${action} task does not support when conditional`);
  const holds = (): boolean => !when.length || allConditions(when, taskVars(ctx.world, host, b.scope(task)), {}, task.origin);
  const batchHosts = b.batch;
  let skipped = false;
  switch (action) {
    case 'noop': case 'role_complete': case 'refresh_inventory': case 'reset_connection':
      break;
    case 'flush_handlers':
      if (!holds()) skipped = true;
      else {
        if (b.cursor(host).current.run === Run.HANDLERS) throw new RunbookError('flush_handlers cannot be used as a handler', task.origin);
        if (!hosts.unreachable.has(host)) b.cursor(host).flush();
      }
      break;
    case 'clear_facts':
      if (!holds()) skipped = true;
      else for (const h of batchHosts) hostState(ctx.world, h).facts.clear();
      break;
    case 'clear_host_errors':
      if (!holds()) skipped = true;
      else for (const h of batchHosts) {
        hosts.failed.delete(h);
        hosts.unreachable.delete(h);
        b.cursor(h).clearErrors();
      }
      break;
    case 'end_batch': case 'end_play':
      if (!holds()) skipped = true;
      else for (const h of batchHosts) {
        if (hosts.unreachable.has(h)) continue;
        b.cursor(h).complete();
        if (action === 'end_play') b.endPlay = true;
      }
      break;
    case 'end_host':
      if (!holds()) skipped = true;
      else {
        b.cursor(host).complete();
        b.removed.add(host);
      }
      break;
    default:
      throw new RunbookError(`invalid meta action requested: ${action}`, task.origin);
  }
  if (skipped) ctx.callback.onHostResult?.({ host, status: 'skipped', data: new Map<string, unknown>([['skipped', true]]), ignored: false, noLog: false, verboseAlways: false }, start);
  if (isHandler) b.notes.ran(task, host);
  return skipped;
}
