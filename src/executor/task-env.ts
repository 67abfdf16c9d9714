// What one task's run on one host carries (TaskExecutor's state), and the results of a task that
// failed before its module ran, with Ansible's words for the error.
import { template, TemplateError, type TemplateOptions } from '../template/index.js';
import { RunbookError, VaultValueError, appearsIn, isTruthy } from '../util/index.js';
import { OMIT, inherited, keywordTruth, playContextKeyword } from './keywords.js';
import type { Play, Task } from '../playbook/index.js';
import type { RunContext } from './run-context.js';
import type { TaskStart } from './events.js';
import { ConditionalError } from './conditional.js';

export { OMIT };

export interface Env {
  /** The task's variables again, after set_fact in an earlier loop item changed them. */
  refresh: () => Map<string, unknown>;
  task: Task;
  host: string;
  vars: Map<string, unknown>;
  options: TemplateOptions;
  ctx: RunContext;
  play: Play;
  /** The banner of this task, for item lines (strategy free prints it with the results). */
  start?: TaskStart;
  /** --diff or the task's `diff:` keyword. */
  showDiff: boolean;
  /** The journal's id of this step: command and shell processes carry it as RUNBOOK_STEP. */
  step?: string;
}

/**
 * The no_log in force for one task·host (or one loop item, with its variables): the keyword of
 * the task, its blocks or the play, templated, else DEFAULT_NO_LOG. A no_log that cannot be
 * evaluated hides the output rather than risk showing a secret.
 */
export function noLogOf(env: Pick<Env, 'task' | 'play' | 'options' | 'ctx'>, vars: Map<string, unknown>): boolean {
  try {
    const given = keywordTruth(env.task, env.play, 'no_log', (raw) => template(raw, vars, env.options));
    return given ?? env.ctx.options.noLog ?? false;
  } catch {
    return true;
  }
}

export function failure(msg: string, extra: Record<string, unknown> = {}): Map<string, unknown> {
  return new Map<string, unknown>([['failed', true], ['msg', msg], ['changed', false], ...Object.entries(extra)]);
}

// Results of a task that failed before its module ran (a template, a condition): Ansible's
// TaskExecutor returns only failed and msg, and the callback prints them on one line even for
// debug (no _ansible_verbose_always: the action never ran).
export const EARLY_FAILURES = new WeakSet<Map<string, unknown>>();

// Results of an action plugin that refused before its own run (ActionBase.run's AnsibleActionFail:
// async on an action without _supports_async): the result is the action's, but debug's
// _ansible_verbose_always was never set.
export const ACTION_REFUSALS = new WeakSet<Map<string, unknown>>();

/** debug's result is shown at every verbosity only when its action ran. */
export function debugRan(action: string, data: Map<string, unknown>): boolean {
  return action === 'debug' && !EARLY_FAILURES.has(data) && !ACTION_REFUSALS.has(data);
}

/**
 * _ansible_verbose_always: set by the debug action, and by assert unless quiet (action/assert.py),
 * on every result (a loop's items too) whose action ran.
 */
export function verboseAlways(
  task: { action: string; args: Map<string, unknown> },
  data: Map<string, unknown>,
): boolean {
  if (task.action === 'assert')
    return !EARLY_FAILURES.has(data) && !ACTION_REFUSALS.has(data) && !isTruthy(task.args.get('quiet') ?? false);
  return debugRan(task.action, data);
}

export function earlyFailure(err: RunbookError | TemplateError, task: Pick<Task, 'origin'>): Map<string, unknown> {
  // A Python exception Ansible does not wrap (ZeroDivisionError…): TaskExecutor's result carries
  // it as `exception`, which the callback shows as its last line.
  const data =
    err instanceof TemplateError && err.isPythonException()
      ? new Map<string, unknown>([
          ['failed', true],
          ['exception', `Traceback (most recent call last):\n${err.pythonText()}`],
        ])
      : new Map<string, unknown>([
          ['failed', true],
          ['msg', describeError(err, task)],
        ]);
  EARLY_FAILURES.add(data);
  return data;
}

// The messages TaskExecutor gives (executor/task_executor.py at stable-2.14): an undefined
// variable names the task's position (AnsibleError's obj), other template errors do not.
function describeError(err: unknown, task: Pick<Task, 'origin'>): string {
  if (err instanceof ConditionalError) return `${err.message}${appearsIn(task.origin)}`;
  if (err instanceof TemplateError) {
    if (err.kind !== 'UndefinedError') return err.ansibleMessage();
    return `The task includes an option with an undefined variable. The error was: ${err.ansibleMessage()}${appearsIn(task.origin)}`;
  }
  // AnsibleVaultError out of AnsibleVaultEncryptedUnicode.data: its words alone (no obj); the
  // footer names the task
  if (err instanceof VaultValueError) return err.message;
  if (err instanceof RunbookError) return err.describe();
  return String(err);
}

/**
 * The host label of a delegated result (CallbackBase.host_label at stable-2.14): `-> DELEGATE`
 * when the task, templated for this host (or item), is delegated elsewhere, and `(ADDRESS)` after
 * it when the delegate's ansible_host is not its name.
 */
export function delegateLabel(
  env: Pick<Env, 'task' | 'play' | 'options' | 'host'>,
  vars: Map<string, unknown>,
): string | undefined {
  const given = inherited(env.task, env.play, 'delegate_to');
  if (given === undefined || given === null) return undefined;
  let name: string;
  try {
    name = String(template(given, vars, env.options));
  } catch {
    return undefined;
  }
  if (!name || name === env.host) return undefined;
  const own = (vars.get('ansible_delegated_vars') as Map<string, unknown> | undefined)?.get(name);
  const address: unknown = own instanceof Map ? own.get('ansible_host') : undefined;
  return typeof address === 'string' && address !== name ? `${name}(${address})` : name;
}

/**
 * The check_mode keyword of a task, templated, a level that renders to omit passed over
 * (FieldAttribute.post_validate: the field is what it inherits); undefined where none is set.
 */
export function checkModeKeyword(
  task: Parameters<typeof inherited>[0],
  play: Play,
  vars: Map<string, unknown>,
  options?: TemplateOptions,
): boolean | undefined {
  const v = playContextKeyword(task, play, 'check_mode', (raw) => template(raw, vars, options));
  return v === undefined || v === null ? undefined : isTruthy(v);
}
