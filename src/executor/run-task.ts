// One task on one host (ansible's TaskExecutor): loop items, when, templated arguments,
// the module, until/retries, changed_when/failed_when, register. Failures become results;
// nothing here throws for a task's own errors.
import { template, TemplateError, type TemplateOptions } from '../template/index.js';
import { RunbookError } from '../util/index.js';
import { HostUnreachable } from '../connection/index.js';
import { taskKeywords, type Task } from '../playbook/index.js';
import { factVars, taskVars, type TaskScope } from '../vars/index.js';
import type { RunContext } from './run-context.js';
import type { TaskResult, ItemResult } from './result.js';
import type { TaskStart } from './events.js';
import { statusOf, CULPRITS } from './result.js';
import { allConditions, delimiterWarning } from './conditional.js';
import { keywordTruth, playContextKeyword, whenChain } from './keywords.js';
import { loopItems } from './loops.js';
import { searchPaths } from './module-context.js';
import { OMIT, EARLY_FAILURES, delegateLabel, earlyFailure, noLogOf, verboseAlways, type Env } from './task-env.js';
import { runAsync, withDefaults } from './run-async.js';
import { runLoop, showInventoryItems } from './run-loop.js';
import { applyOutcome, overrideWhens, safeTruth } from './task-effects.js';
import { invalidRegister, isRegisterName } from './register-name.js';

import { checkBoolKeywords, checkModuleDefaults, withConnectionVars, withDelegatedVars } from './task-vars.js';
export { OMIT } from './task-env.js';

/** Runs the module, with until/retries and changed_when/failed_when (TaskExecutor._execute). */
async function attempt(env: Env, vars: Map<string, unknown>): Promise<Map<string, unknown>> {
  const { task, options } = env;
  const kw = taskKeywords(task);
  const until = kw.until;
  let retries = 1;
  if (until !== undefined) {
    const r = kw.retries !== undefined ? Number(template(kw.retries, vars, options)) : 3;
    retries = r <= 0 ? 1 : r + 1;
  }
  const delay = Number(template(kw.delay ?? 5, vars, options));
  const register = kw.register;
  // vars_copy: what the module registered and the facts it returned, seen by changed_when,
  // failed_when and until, and kept from one attempt to the next
  const seen = new Map(vars);
  let data = new Map<string, unknown>();
  for (let n = 1; n <= retries; n++) {
    data = withDefaults(await runAsync(env, n > 1 ? withDiscoveredSeen(vars, seen) : vars));
    // TaskExecutor._execute, after the module ran: the result becomes this failure (and the
    // strategy then ends the run, play-batch.ts)
    if (register !== undefined && !isRegisterName(register)) {
      // an AnsibleError out of _execute: the task's result is only failed and msg
      const refused = new Map<string, unknown>([
        ['failed', true],
        ['msg', invalidRegister(register)],
      ]);
      EARLY_FAILURES.add(refused);
      return refused;
    }
    factsSeen(env, seen, data);
    if (until !== undefined) data.set('attempts', n);
    if (register) seen.set(register, data);
    if (!data.has('skipped')) applyOverrides(env, seen, data);
    if (retries <= 1) return data;
    if (allConditions(until, seen, options, task.origin)) return data;
    if (n < retries) {
      // default.py v2_runner_retry: a plain display line (not a warning), on stdout
      env.ctx.callback.onDisplay?.(
        `FAILED - RETRYING: [${env.host}]: ${String(kw.name ?? task.action)} (${retries - n} retries left).`,
        0,
      );
      if (delay > 0) await new Promise((r) => setTimeout(r, delay * 1000));
    }
  }
  data.set('attempts', retries - 1);
  data.set('failed', true);
  return data;
}

/**
 * A later attempt's variables: the interpreter an earlier attempt discovered is in vars_copy, so
 * it is not discovered (nor reported) again — the last attempt's result has no ansible_facts,
 * and the host's next task discovers it afresh, as with Ansible.
 */
function withDiscoveredSeen(vars: Map<string, unknown>, seen: Map<string, unknown>): Map<string, unknown> {
  const KEY = 'discovered_interpreter_python';
  const nested = seen.get('ansible_facts');
  const inner: unknown = nested instanceof Map ? (nested as Map<string, unknown>).get('ansible_facts') : undefined;
  const found: unknown = seen.get(KEY) ?? (inner instanceof Map ? (inner as Map<string, unknown>).get(KEY) : undefined);
  return found === undefined || vars.has(KEY) ? vars : new Map(vars).set(KEY, found);
}

/**
 * The facts a result returned, in the attempt's variables (TaskExecutor._execute): set_fact's and
 * include_vars' as they are (C._ACTION_WITH_CLEAN_FACTS), a module's under ansible_facts (see
 * below) and, with INJECT_FACTS_AS_VARS, as variables of their own (clean_facts).
 */
function factsSeen(env: Env, seen: Map<string, unknown>, data: Map<string, unknown>): void {
  const f = data.get('__facts') as { facts: Map<string, unknown>; kind: string } | undefined;
  if (!f || env.task.action === 'debug') return;
  if (f.kind !== 'facts') {
    for (const [k, v] of f.facts) seen.set(k, v);
    return;
  }
  const inject = env.ctx.world.injectFactsAsVars !== false;
  const { ansible_facts: namespaced, ...rest } = Object.fromEntries(factVars(f.facts, true));
  // namespace_facts returns {'ansible_facts': {...}}, and _execute merges that whole into
  // ansible_facts: during the task the new facts are at ansible_facts.ansible_facts (the strategy
  // puts them in their place afterwards)
  const before = seen.get('ansible_facts');
  seen.set('ansible_facts', new Map([...(before instanceof Map ? before : []), ['ansible_facts', namespaced]]));
  if (inject) for (const [k, v] of Object.entries(rest)) seen.set(k, v);
}

/** Conditional._check_conditional: a condition that is itself a template gets a warning. */
function warnDelimiters(conditions: unknown, env: Env): void {
  for (const c of Array.isArray(conditions) ? conditions : [conditions]) {
    const warning = delimiterWarning(c);
    if (warning) env.ctx.callback.onWarning?.(warning);
  }
}

function applyOverrides(env: Env, withResult: Map<string, unknown>, data: Map<string, unknown>): void {
  const { task, options } = env;
  let which = 'changed';
  try {
    const { changedWhen, failedWhen } = taskKeywords(task);
    warnDelimiters(changedWhen, env);
    warnDelimiters(failedWhen, env);
    overrideWhens(task, withResult, options, data, (stage) => (which = stage));
  } catch (err) {
    if (!(err instanceof RunbookError)) throw err;
    data.set('failed', true).set(`${which}_when_result`, err.message);
  }
}

/** when, then the attempt; a false `when` is a skip. */
async function runOne(env: Env, vars: Map<string, unknown>): Promise<Map<string, unknown>> {
  try {
    const when = whenChain(env.task);
    warnDelimiters(when, env);
    if (when.length && !allConditions(when, vars, env.options, env.task.origin)) return skippedResult();
    checkBoolKeywords(env, vars);
    checkModuleDefaults(env, vars);
    return await attempt(env, vars);
  } catch (err) {
    if (err instanceof HostUnreachable)
      return new Map<string, unknown>([
        ['unreachable', true],
        ['changed', false],
        ['msg', err.message],
      ]);
    if (err instanceof RunbookError || err instanceof TemplateError) return earlyFailure(err, env.task);
    throw err;
  }
}

/**
 * The loop's items; an undefined variable in them waits for `when` (TaskExecutor keeps the
 * error as _loop_eval_error): a false condition skips the task, otherwise the error stands.
 */
function loopItemsOrSkip(
  task: Task,
  vars: Map<string, unknown>,
  options: TemplateOptions,
): unknown[] | undefined | 'skip' {
  try {
    return loopItems(taskKeywords(task), vars, options, task.origin);
  } catch (err) {
    if (!(err instanceof TemplateError)) throw err;
    if (err.kind === 'UndefinedError') {
      const when = whenChain(task);
      if (when.length && !allConditions(when, vars, options, task.origin)) return 'skip';
    }
    // TaskExecutor.run's `except AnsibleError as e: dict(failed=True, msg=to_text(e))`: the
    // templating error's own words, without the task's position
    if (err.isPythonException()) throw err;
    throw new RunbookError(err.ansibleMessage());
  }
}

// TaskExecutor._execute's result for a false `when` (ansible-core 2.14 has no false_condition)
function skippedResult(): Map<string, unknown> {
  return new Map<string, unknown>([
    ['changed', false],
    ['skipped', true],
    ['skip_reason', 'Conditional result was False'],
  ]);
}

/** Runs `task` on `host` and returns its result (registered, facts applied). */
export async function runTask(
  task: Task,
  host: string,
  scope: TaskScope,
  ctx: RunContext,
  start?: TaskStart,
  step?: string,
): Promise<TaskResult> {
  const paths = searchPaths(task, ctx);
  const options: TemplateOptions = { lookups: ctx.lookupsFor(paths, scope.play.baseDir) };
  const refresh = (): Map<string, unknown> =>
    withDelegatedVars(
      withConnectionVars(taskVars(ctx.world, host, scope), host)
        .set('omit', OMIT)
        .set('ansible_check_mode', ctx.options.check)
        .set('ansible_diff_mode', ctx.options.diff)
        .set('ansible_verbosity', ctx.options.verbosity)
        // Task.get_search_path: the roles' paths and the task file's directory (no playbook dir after)
        .set('ansible_search_path', paths.slice(0, -1)),
      task,
      scope,
      ctx,
      options,
    );
  const vars = refresh();
  // The `diff:` keyword of a task, block or play overrides --diff either way.
  const showDiff = safeTruth(
    () => playContextKeyword(task, scope.play, 'diff', (raw) => template(raw, vars, options)) ?? ctx.options.diff,
  );
  const env: Env = {
    task,
    host,
    vars,
    options,
    ctx,
    play: scope.play,
    refresh,
    showDiff,
    ...(start ? { start } : {}),
    ...(step ? { step } : {}),
  };
  let data: Map<string, unknown>;
  let items: ItemResult[] | undefined;
  try {
    const loop = loopItemsOrSkip(task, vars, options);
    if (loop === 'skip') data = skippedResult();
    else if (loop) ({ data, items } = await runLoop(env, loop, runOne));
    else data = await runOne(env, vars);
  } catch (err) {
    if (!(err instanceof RunbookError || err instanceof TemplateError)) throw err;
    data = earlyFailure(err, task);
  }
  const clean = applyOutcome(task, host, scope, ctx, { vars, options }, data, items);
  showInventoryItems(env, data, items);
  const status = statusOf(data);
  const keyword = status === 'unreachable' ? 'ignore_unreachable' : 'ignore_errors';
  const ignore =
    (status === 'failed' || status === 'unreachable') &&
    safeTruth(() => keywordTruth(task, scope.play, keyword, (raw) => template(raw, vars, options)));
  // TaskResult.clean_copy: a no_log result keeps none of its keys, _ansible_verbose_always neither;
  // after a loop the task is no_log when any item was (_run_loop: no_log = no_log or tmp_task.no_log)
  const noLog = items?.length ? items.some((i) => i.noLog === true) : noLogOf(env, vars);
  const delegatedTo = delegateLabel(env, vars);
  return {
    host,
    status,
    data: clean,
    ignored: ignore,
    ...(delegatedTo ? { delegatedTo } : {}),
    verboseAlways: !noLog && verboseAlways(task, data),
    isDebug: task.action === 'debug',
    showDiff,
    ...(items ? { items } : {}),
    ...(CULPRITS.has(data) ? { culprit: CULPRITS.get(data) } : {}),
    noLog,
  };
}
