// One step of a run with a journal (every `runbook apply` that writes a state file). On
// `--resume` a step the failed run finished is not run blindly again, nor skipped on the file's
// word alone:
// - a step that changed nothing then (a read, a version query, a fact) runs again — that is the
//   re-check of the real state, and it refreshes what later `when:` conditions see;
// - a step that changed something runs in check mode first when its module supports it; only
//   if the host is already as the step leaves it is it skipped (its registered result kept);
// - a command or shell step that changed something is not run twice (a `db sync` already done,
//   a dump already taken): its registered result comes back from the file, and the roles gate
//   such commands on state read again above (a no_log one that registers runs again: its
//   result, which may hold what no_log hides, was not written down);
// - a step that was still running when the run died (runbook killed during `nova-manage db
//   sync`) is waited for — its processes carry RUNBOOK_STEP — and then run again.
import { markUnsafe } from '../template/index.js';
import { findModule } from '../modules/index.js';
import { playDir, taskVars, hostState, type TaskScope } from '../vars/index.js';
import { taskKeywords, type Task } from '../playbook/index.js';
import type { RunContext } from './run-context.js';
import { hostResult, type TaskResult } from './result.js';
import type { TaskStart } from './events.js';
import type { DoneStep } from './journal.js';
import { runTask } from './run-task.js';
import { becomeOf } from './become.js';
import { withConnectionKeywords } from './connection-vars.js';
import { shellQuote } from '../util/index.js';

/** Runs `task` on `host`, through the journal when there is one. */
export async function runStep(
  task: Task,
  host: string,
  scope: TaskScope,
  ctx: RunContext,
  start?: TaskStart,
): Promise<TaskResult> {
  const journal = ctx.journal;
  if (!journal) return runTask(task, host, scope, ctx, start);
  const key = journal.next(host, task);
  const before = journal.resuming ? journal.previous(host, key) : undefined;
  if (before?.running) await waitForStep(task, host, scope, ctx, before.running.step);
  else if (before?.done?.changed) {
    const kept = await recheck(task, host, scope, ctx, before.done);
    if (kept) {
      journal.finished(host, key, kept, false);
      return kept;
    }
  }
  const step = journal.started(host, key, start?.name ?? task.action);
  const result = await runTask(task, host, scope, ctx, start, step);
  journal.finished(host, key, result, taskKeywords(task).register !== undefined);
  return result;
}

/** The kept result of a finished step when the host still shows its effect; otherwise undefined. */
async function recheck(
  task: Task,
  host: string,
  scope: TaskScope,
  ctx: RunContext,
  done: DoneStep,
): Promise<TaskResult | undefined> {
  // A no_log step that registers has no result on file to give back: it runs again.
  if (done.hidden && taskKeywords(task).register !== undefined) return undefined;
  let verified = false;
  if (findModule(task.action)?.checkMode === 'supported') {
    // A dry run, quietly: its items and warnings are not this run's output. A command skips
    // in check mode (it cannot tell): then the file's word stands.
    const dry = await runTask(task, host, scope, { ...ctx, options: { ...ctx.options, check: true }, callback: {} });
    if (dry.status === 'failed' || dry.status === 'unreachable' || dry.data.get('changed') === true) return undefined;
    verified = dry.status !== 'skipped';
  }
  const register = taskKeywords(task).register;
  if (typeof register === 'string' && done.registered !== undefined)
    hostState(ctx.world, host).setFacts.set(
      register,
      typeof done.registered === 'object' && done.registered !== null ? markUnsafe(done.registered) : done.registered,
    );
  const msg = verified
    ? `done by the run being resumed (${done.at}); the host is still as it left it`
    : `done by the run being resumed (${done.at}); not run twice`;
  return hostResult(
    host,
    'ok',
    new Map<string, unknown>([
      ['changed', false],
      ['msg', msg],
      ['resumed', true],
    ]),
  );
}

/** Waits while a process on the host still carries the step id of the killed run. */
async function waitForStep(task: Task, host: string, scope: TaskScope, ctx: RunContext, step: string): Promise<void> {
  const vars = taskVars(ctx.world, host, scope);
  const conn = await ctx.connect(
    host,
    withConnectionKeywords(task, scope.play, vars),
    becomeOf(task, scope.play, vars, {}, ctx.options),
    playDir(scope.play),
  );
  const probe = `grep -lzsx ${shellQuote(`RUNBOOK_STEP=${step}`)} /proc/[0-9]*/environ | cut -d/ -f3 | tr '\\n' ' '`;
  let told = false;
  for (;;) {
    const pids = (await conn.exec(probe)).stdout.trim();
    if (!pids) return;
    if (!told)
      ctx.callback.onWarning?.(
        `[${host}]: this step of the run being resumed is still running (pid ${pids}); waiting for it to end before running it again`,
      );
    told = true;
    await new Promise((r) => setTimeout(r, 2000));
  }
}
