// A module's run and its result in Ansible's shape: the ModuleResult as a result map (facts and
// inventory changes under the executor's own keys), the invocation AnsibleModule's exit_json
// adds, and an exception as the task's failed result.
import { RunbookError, pySplitLines } from '../util/index.js';
import { HostUnreachable } from '../connection/index.js';
import { markUnsafeDeep } from '../template/index.js';
import {
  ActionFail,
  applyOwnership,
  takesOwnership,
  withOwnerNames,
  type findModule,
  type ModuleResult,
} from '../modules/index.js';
import { CULPRITS } from './result.js';
import type { makeModuleContext } from './module-context.js';
import { ACTION_ONLY } from './interpreter-discovery.js';
import { EARLY_FAILURES, failure } from './task-env.js';

// Options runbook's spec accepts that ansible-core 2.14's module does not have (warn was removed in
// 2.14, expand_argument_vars came in 2.16, cmd is an action-side alias)
const COMMAND_EXTRAS = ['cmd', 'warn', 'expand_argument_vars'];
const NOT_IN_INVOCATION: Record<string, string[]> = { command: COMMAND_EXTRAS, shell: COMMAND_EXTRAS };

/**
 * A module's result carries its invocation (AnsibleModule's exit_json: the parameters after the
 * argument spec, every option with its value or None, no_log ones masked): registered, and in
 * the json callback; the default callback's _dump_results hides it below -vvv.
 */
export function withInvocation(
  data: Map<string, unknown>,
  module: NonNullable<ReturnType<typeof findModule>>,
  args: Record<string, unknown>,
): void {
  if (data.has('invocation') || ACTION_ONLY.has(module.name) || CONTROLLER_ONLY.has(data) || module.anyArgs) return;
  const params = new Map<string, unknown>();
  for (const [key, spec] of Object.entries(module.args)) {
    if (key.startsWith('__') || NOT_IN_INVOCATION[module.name]?.includes(key)) continue;
    const value = args[key] ?? null;
    params.set(key, spec.noLog && value !== null ? 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER' : value);
  }
  // the shell action runs the command module with _uses_shell
  if (module.name === 'command' || module.name === 'shell') params.set('_uses_shell', module.name === 'shell');
  data.set('invocation', new Map([['module_args', params]]));
}

/** Results of an action that failed on the controller: no module ran, nothing was discovered. */
export const CONTROLLER_ONLY = new WeakSet<Map<string, unknown>>();

/** Results an action plugin took from a module it ran (ModuleResult.viaModule). */
export const VIA_MODULE = new WeakSet<Map<string, unknown>>();

/** Runs the module; an exception it throws becomes the task's failed result. */
export async function runOn(
  module: NonNullable<ReturnType<typeof findModule>>,
  args: Record<string, unknown>,
  mctx: ReturnType<typeof makeModuleContext>,
): Promise<Map<string, unknown>> {
  let result: ModuleResult;
  try {
    result = await module.run(args, mctx);
    // set_fs_attributes_if_different's owner and group, for the modules that take them
    if (takesOwnership(module)) result = await applyOwnership(args, result, mctx);
    // add_path_info's owner and group names where the result has only the ids
    if ('owner' in module.args) result = await withOwnerNames(mctx.conn, result);
  } catch (err) {
    // A module that throws fails its task on that host, as an Ansible module's exception does
    // ("MODULE FAILURE"); the run goes on for the others. A database that went away mid-query
    // (MariaDB stopped during restore) must not end the whole run with exit 250.
    if (err instanceof ActionFail) {
      const data = moduleResultMap(module, err.result);
      if (err.culprit) CULPRITS.set(data, err.culprit);
      return data;
    }
    if (err instanceof HostUnreachable || err instanceof RunbookError || !(err instanceof Error)) throw err;
    return failure(`${module.name}: ${err.message}`, { exception: `${err.name}: ${err.message}` });
  }
  return moduleResultMap(module, result);
}

function moduleResultMap(module: { name: string }, result: ModuleResult): Map<string, unknown> {
  if (result.raisedError) {
    const raised = new Map<string, unknown>([
      ['failed', true],
      ['msg', result.msg ?? ''],
    ]);
    EARLY_FAILURES.add(raised);
    CONTROLLER_ONLY.add(raised);
    return raised;
  }
  const data = resultMap(result);
  if (result.controllerOnly) CONTROLLER_ONLY.add(data);
  else if (!ACTION_ONLY.has(module.name)) withOutputLines(data);
  if (result.viaModule) VIA_MODULE.add(data);
  return data;
}

/**
 * ActionBase._execute_module pre-splits a module's stdout and stderr into lines (str.splitlines
 * of the value, or of '' when it is falsy) where the module did not; action plugins that run no
 * module (pause, debug…) get no such keys.
 */
function withOutputLines(data: Map<string, unknown>): void {
  for (const stream of ['stdout', 'stderr']) {
    if (!data.has(stream) || data.has(`${stream}_lines`)) continue;
    const text = data.get(stream);
    if (typeof text === 'string' || !text)
      data.set(`${stream}_lines`, pySplitLines(typeof text === 'string' ? text : ''));
  }
}

function resultMap(r: ModuleResult): Map<string, unknown> {
  const m = new Map<string, unknown>(Object.entries(r.data ?? {}));
  m.set('changed', r.changed);
  if (r.msg !== undefined) m.set('msg', r.msg);
  if (r.failed) m.set('failed', true);
  if (r.skipped) m.set('skipped', true);
  if (r.diff) m.set('diff', r.diff);
  if (r.facts) {
    // a module's facts are unsafe (ActionBase._execute_module wraps the whole result with
    // wrap_var): set_fact's and include_vars' are not, and are templated where they are read
    if (r.factKind === 'facts') for (const v of r.facts.values()) markUnsafeDeep(v);
    m.set('__facts', { facts: r.facts, kind: r.factKind });
  }
  if (r.inventoryChanges) m.set('__inventory', r.inventoryChanges);
  return m;
}
