// meta tasks as the strategy runs them (StrategyBase._execute_meta in ansible-core 2.14): each
// is a command to the cursors. A meta shows its banner for every host it runs for (unless the
// executor added it), "skipping" where its condition is false, and counts in no recap.
import type { Item, Task } from '../playbook/index.js';
import { hostState, taskVars } from '../vars/index.js';
import { RunbookError } from '../util/index.js';
import type { PlayBatch } from './play-batch.js';
import { Run } from './host-cursor.js';
import { whenChain } from './keywords.js';
import { allConditions } from './conditional.js';
import { hostResult } from './result.js';
import { withConnectionKeywords } from './connection-vars.js';
import { refreshInventory } from './task-effects.js';
import { playHosts } from './play-hosts.js';

/** Metas that run for every host; the others run once, for the first host (linear.py). */
export const PER_HOST_METAS = new Set(['noop', 'reset_connection', 'end_host', 'role_complete', 'flush_handlers']);

/** A meta task (the strategy runs it itself). */
export function isMeta(item: Item): boolean {
  return item.kind === 'task' && item.action === 'meta';
}

export function metaAction(task: Task): string {
  return String(task.args.get('_raw_params') ?? '');
}

/** What a meta does for a host, what it says (msg), and what it says when its condition is false. */
interface MetaAction {
  run(b: PlayBatch, task: Task, host: string): void;
  msg(host: string): string;
  skip?(host: string): string;
  /** The msg when the condition is false, where it is not the action's name (end_host's, kept "for historical reasons"). */
  skipMsg?(host: string): string;
}

function endAll(b: PlayBatch, endPlay: boolean): void {
  for (const h of b.batch) {
    if (b.deps.hosts.unreachable.has(h)) continue;
    b.cursor(h).complete();
    if (endPlay) b.endPlay = true;
  }
}

// StrategyBase._execute_meta (ansible-core 2.14): each action, its msg and its skip_reason.
const ACTIONS: Record<string, MetaAction> = {
  noop: { run: () => undefined, msg: () => 'noop' },
  role_complete: { run: () => undefined, msg: () => 'role_complete' },
  refresh_inventory: {
    run: (b) => {
      refreshInventory(b.deps.ctx);
      b.rehost(playHosts(b.play, b.deps.ctx).all);
    },
    msg: () => 'inventory successfully refreshed',
  },
  reset_connection: {
    // the local connection has no reset of its own: ConnectionBase.reset's warning (once, as
    // Display shows a warning); runbook's SSH connections close when the run ends
    run: (b, task, host) => {
      const vars = withConnectionKeywords(task, b.play, taskVars(b.deps.ctx.world, host, b.scope(task)));
      const kind = String(vars.get('ansible_connection') ?? '').replace(/^ansible\.(builtin|legacy)\./, '');
      if (kind === 'local') b.deps.ctx.callback.onWarning?.('Reset is not implemented for this connection');
    },
    msg: () => 'reset connection',
  },
  flush_handlers: {
    run: (b, task, host) => {
      if (b.cursor(host).current.run === Run.HANDLERS)
        throw new RunbookError('flush_handlers cannot be used as a handler', task.origin);
      if (!b.deps.hosts.unreachable.has(host)) b.cursor(host).flush();
    },
    msg: (host) => `triggered running handlers for ${host}`,
    skip: (host) => `, not running handlers for ${host}`,
  },
  clear_facts: {
    run: (b) => {
      for (const h of b.batch) hostState(b.deps.ctx.world, h).facts.clear();
    },
    msg: () => 'facts cleared',
    skip: (host) => `, not clearing facts and fact cache for ${host}`,
  },
  clear_host_errors: {
    run: (b) => {
      for (const h of b.batch) {
        b.deps.hosts.failed.delete(h);
        b.deps.hosts.unreachable.delete(h);
        b.cursor(h).clearErrors();
      }
    },
    msg: () => 'cleared host errors',
    skip: (host) => `, not clearing host error state for ${host}`,
  },
  end_batch: { run: (b) => endAll(b, false), msg: () => 'ending batch', skip: () => ', continuing current batch' },
  end_play: { run: (b) => endAll(b, true), msg: () => 'ending play', skip: () => ', continuing play' },
  end_host: {
    run: (b, _task, host) => {
      b.cursor(host).complete();
      b.removed.add(host);
    },
    msg: (host) => `ending play for ${host}`,
    skipMsg: (host) => `end_host conditional evaluated to false, continuing execution for ${host}`,
    skip: (host) => `, continuing execution for ${host}`,
  },
};

/** Runs a meta task for `host`; returns whether it was skipped. */
export function executeMeta(b: PlayBatch, task: Task, host: string): boolean {
  const { ctx } = b.deps;
  const action = metaAction(task);
  const meta = ACTIONS[action];
  if (!meta) throw new RunbookError(`invalid meta action requested: ${action}`, task.origin);
  const start = b.start(task, host, task.isHandler === true, false);
  if (!task.implicit) ctx.callback.onTaskStart?.(start);
  const when = whenChain(task);
  if (!meta.skip && when.length && action !== 'role_complete')
    ctx.callback.onWarning?.(`${action} task does not support when conditional`);
  const skipped =
    meta.skip !== undefined &&
    when.length > 0 &&
    !allConditions(when, taskVars(ctx.world, host, b.scope(task)), {}, task.origin);
  if (!skipped) meta.run(b, task, host);
  const skipReason = `${action} conditional evaluated to False${meta.skip?.(host) ?? ''}`;
  if (!task.implicit) ctx.callback.onDisplay?.(`META: ${skipped ? skipReason : meta.msg(host)}`, 2);
  if (skipped) {
    const data = new Map<string, unknown>([
      ['msg', meta.skipMsg?.(host) ?? action],
      ['skipped', true],
      ['skip_reason', skipReason],
    ]);
    ctx.callback.onHostResult?.(hostResult(host, 'skipped', data), start);
  }
  if (task.isHandler === true) b.notes.ran(task, host);
  return skipped;
}
