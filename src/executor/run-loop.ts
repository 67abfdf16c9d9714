// A task's loop (TaskExecutor._run_loop and run): the loop variables of each item, its result
// line, set_fact seen by the next item, and the loop's overall result.
import { template, pyStr } from '../template/index.js';
import { taskKeywords } from '../playbook/index.js';
import type { ItemResult } from './result.js';
import { statusOf } from './result.js';
import { extendedLoop, loopNames } from './loops.js';
import { EARLY_FAILURES, delegateLabel, noLogOf, verboseAlways, type Env } from './task-env.js';
import { applyFacts, factsCheckpoint, publicResult } from './task-effects.js';

const INVENTORY_TASKS = new Set(['add_host', 'group_by']);

/**
 * The ok items of an add_host or group_by loop, shown once the strategy applied them — changed
 * when the inventory changed — and only when no item failed (_run_loop leaves them to
 * StrategyBase._process_pending_results, C._ACTION_INVENTORY_TASKS).
 */
export function showInventoryItems(env: Env, data: Map<string, unknown>, items: ItemResult[] | undefined): void {
  if (!INVENTORY_TASKS.has(env.task.action) || !items || data.get('failed') === true) return;
  for (const r of items) {
    const status = statusOf(r.data);
    if (status === 'ok' || status === 'changed')
      env.ctx.callback.onItemResult?.(
        env.host,
        { ...r, status, data: publicResult(r.data) },
        r.noLog === true,
        env.start,
      );
  }
}

/**
 * The item's label: loop_control.label, by default `{{ <loop_var> }}`, templated (_run_loop:
 * templar.template(label)) — so the item is shown as a read of it gives it: a tuple as a list,
 * text that reads as a list or dict as one.
 */
function loopLabel(env: Env, vars: Map<string, unknown>, loopVar: string): string {
  const { label } = taskKeywords(env.task).loopControl;
  return pyStr(template(label ?? `{{${loopVar}}}`, vars, env.options));
}

/** Each item of a loop through `runOne`, its variables and its result line (TaskExecutor._run_loop). */
export async function runLoop(
  env: Env,
  items: unknown[],
  runOne: (env: Env, vars: Map<string, unknown>) => Promise<Map<string, unknown>>,
): Promise<{ data: Map<string, unknown>; items?: ItemResult[] }> {
  const kw = taskKeywords(env.task);
  const control = kw.loopControl;
  const { loopVar, indexVar } = loopNames(control, env.vars, env.options);
  const pause = Number(template(control.pause, env.vars, env.options));
  const results: ItemResult[] = [];
  const restoreFacts = factsCheckpoint(env.ctx, env.host);
  for (const [i, item] of items.entries()) {
    const vars = new Map(i === 0 ? env.vars : env.refresh()).set(loopVar, item).set('ansible_loop_var', loopVar);
    if (indexVar) vars.set(indexVar, i);
    const extended = extendedLoop(control, items, i);
    if (extended) vars.set('ansible_loop', extended);
    const data = await runOne(env, vars);
    // An error before the module ran (templating the arguments, `when`) leaves _execute as an
    // exception: the loop ends there and the error is the task's result, without items
    // (TaskExecutor.run's `except AnsibleError`).
    if (EARLY_FAILURES.has(data)) {
      restoreFacts();
      return { data };
    }
    data.set(loopVar, item).set('ansible_loop_var', loopVar);
    if (indexVar) data.set('ansible_index_var', indexVar).set(indexVar, i);
    // set_fact in one item is visible to the next (Ansible updates the host's facts per item).
    applyFacts(env.ctx, env.host, data, undefined);
    // _run_loop: each item's _ansible_no_log from the keyword templated with that item
    const noLog = noLogOf(env, vars);
    const r: ItemResult = {
      status: statusOf(data),
      label: loopLabel(env, vars, loopVar),
      data,
      verboseAlways: verboseAlways(env.task, data) && !noLog,
      noLog,
      showDiff: env.showDiff,
    };
    const delegatedTo = delegateLabel(env, vars);
    if (delegatedTo) r.delegatedTo = delegatedTo;
    results.push(r);
    // the callbacks see the item as Ansible's do: without the executor's own keys (__facts…);
    // an ok item of add_host or group_by is shown after the loop (showInventoryItems)
    if (!(INVENTORY_TASKS.has(env.task.action) && (r.status === 'ok' || r.status === 'changed')))
      env.ctx.callback.onItemResult?.(env.host, { ...r, data: publicResult(data) }, noLog, env.start);
    if (pause > 0 && i < items.length - 1) await new Promise((res) => setTimeout(res, pause * 1000));
  }
  const data = loopResult(results);
  if (data.get('failed') === true) restoreFacts();
  return { data, items: results };
}

/** The overall result of a loop (TaskExecutor.run). */
function loopResult(results: ItemResult[]): Map<string, unknown> {
  if (!results.length)
    return new Map<string, unknown>([
      ['changed', false],
      ['skipped', true],
      ['skipped_reason', 'No items in the list'],
      ['results', []],
    ]);
  const data = new Map<string, unknown>([['results', results.map((r) => r.data)]]);
  if (results.some((r) => r.data.get('changed') === true)) data.set('changed', true);
  const allSkipped = results.every((r) => r.data.get('skipped') === true);
  if (results.some((r) => r.data.get('failed') === true))
    data.set('failed', true).set('msg', 'One or more items failed');
  else data.set('msg', 'All items completed');
  data.set('skipped', allSkipped);
  if (allSkipped) data.set('msg', 'All items skipped');
  if (!data.has('changed')) data.set('changed', false);
  return data;
}
