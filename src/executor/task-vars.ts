// What a task sees before its module runs (TaskExecutor._execute at stable-2.14): the
// connection's magic variables, ansible_delegated_vars, and the keywords post_validate checks.
import { template, TemplateError, type TemplateOptions } from '../template/index.js';
import { RunbookError, appearsIn } from '../util/index.js';
import { taskVars, type TaskScope } from '../vars/index.js';
import type { Task } from '../playbook/index.js';
import type { RunContext } from './run-context.js';
import type { Env } from './task-env.js';
import { inherited, moduleDefaultLayers, postValidated } from './keywords.js';

// The task's keywords of isa='bool' (playbook/base.py, task.py, block.py at stable-2.14)
const BOOL_KEYWORDS = [
  'any_errors_fatal',
  'become',
  'check_mode',
  'delegate_facts',
  'diff',
  'ignore_errors',
  'ignore_unreachable',
  'no_log',
  'run_once',
] as const;
const BOOLEANS = new Set(['y', 'yes', 'on', '1', 'true', 't', 'n', 'no', 'off', '0', 'false', 'f']);
// Python prints the set BOOLEANS in hash order, which changes from one run to the next; one such order
const VALID_BOOLEANS = "0, 1, 'true', '0', 'f', 'n', 't', 'false', 'off', 'yes', 'y', 'no', '1', 'on'";

/** FieldAttribute post_validate of a bool: a string that boolean(strict=True) refuses fails the task. */
export function checkBoolKeywords(env: Env, vars: Map<string, unknown>): void {
  for (const name of BOOL_KEYWORDS) {
    // a value set back from the parents by omit is not validated (post_validate's `continue`)
    const kw = postValidated(env.task, env.play, name, (raw) =>
      typeof raw === 'string' ? template(raw, vars, env.options) : raw,
    );
    const value = kw?.templated ? kw.value : undefined;
    if (typeof value !== 'string' || BOOLEANS.has(value.trim().toLowerCase())) continue;
    const why = `The value '${value}' is not a valid boolean.  Valid booleans include: ${VALID_BOOLEANS}`;
    throw new RunbookError(
      `the field '${name}' has an invalid value (${value}), and could not be converted to an bool.The error was: ${why}. ${why}`,
    );
  }
}

/**
 * Base.post_validate templates every field, module_defaults whole (the play's, blocks', roles'
 * and the task's, for every module and group, whichever the task runs): an undefined variable in
 * any of them fails the task, as ansible-playbook 2.14 does.
 */
export function checkModuleDefaults(env: Env, vars: Map<string, unknown>): void {
  try {
    for (const layer of moduleDefaultLayers(env.task, env.play)) template(layer, vars, env.options);
  } catch (err) {
    if (!(err instanceof TemplateError) || err.kind !== 'UndefinedError') throw err;
    throw new RunbookError(
      `The field 'module_defaults' has an invalid value, which includes an undefined variable. The error was: ${err.ansibleMessage()}${appearsIn(env.task.origin)}`,
    );
  }
}

/**
 * The connection's magic variables a task sees when the inventory did not set them
 * (PlayContext.update_vars over C.MAGIC_VARIABLE_MAPPING, task_executor.py at stable-2.14):
 * the address, the shell and defaults ansible-playbook fills in. (ansible_connection and
 * ansible_timeout are left to the connector, which reads them as settings.)
 */
export function withConnectionVars(vars: Map<string, unknown>, host: string): Map<string, unknown> {
  const address = vars.get('ansible_host') ?? vars.get('ansible_ssh_host') ?? host;
  const magic: [string, unknown][] = [
    ['ansible_host', address],
    ['ansible_ssh_host', address],
    ['ansible_shell_executable', '/bin/sh'],
    ['ansible_pipelining', false],
    ['ansible_module_compression', 'ZIP_DEFLATED'],
  ];
  for (const [name, value] of magic) if (!vars.has(name)) vars.set(name, value);
  return vars;
}

/**
 * ansible_delegated_vars: a delegated task sees the delegate's variables under its name
 * (VariableManager._get_delegated_vars at stable-2.14); a delegate outside the inventory has
 * only its name. A delegate_to that cannot be templated yet (a loop item) is left to the module.
 */
export function withDelegatedVars(
  vars: Map<string, unknown>,
  task: Task,
  scope: TaskScope,
  ctx: RunContext,
  options: TemplateOptions,
): Map<string, unknown> {
  const delegate = inherited(task, scope.play, 'delegate_to');
  if (delegate === undefined || delegate === null) return vars;
  let name: string;
  try {
    name = String(template(delegate, vars, options));
  } catch {
    return vars;
  }
  const own = ctx.world.inventory.inventory.hosts.has(name)
    ? taskVars(ctx.world, name, scope)
    : new Map<string, unknown>([
        ['inventory_hostname', name],
        ['ansible_host', name],
      ]);
  return vars.set('ansible_delegated_vars', new Map([[name, own]]));
}
