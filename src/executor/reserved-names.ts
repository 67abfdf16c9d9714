// TaskQueueManager.run's warn_if_reserved (executor/task_queue_manager.py, vars/reserved.py at
// stable-2.14): a play whose variables (VariableManager.get_vars(play=play): the roles' defaults
// and vars, the play's vars and vars_files, the extra vars) use the name of a play, role, block or
// task keyword, or of a template global, is warned about it ("Found variable using reserved
// name: name") before its banner, once per run as Display.warning shows a message once.
import { resolve } from 'node:path';
import { loadVarsFile } from '../loader/index.js';
import type { Play } from '../playbook/index.js';
import type { RunContext } from './run-context.js';

// get_reserved_names(): the attributes of Play, Role, Block and Task, local_action and with_
const RESERVED = new Set([
  ...['action', 'always', 'any_errors_fatal', 'args', 'async', 'async_val', 'become', 'become_exe', 'become_flags'],
  ...['become_method', 'become_user', 'block', 'changed_when', 'check_mode', 'collections', 'connection', 'debugger'],
  ...['delay', 'delegate_facts', 'delegate_to', 'diff', 'environment', 'fact_path', 'failed_when', 'force_handlers'],
  ...['gather_facts', 'gather_subset', 'gather_timeout', 'handlers', 'hosts', 'ignore_errors', 'ignore_unreachable'],
  ...['local_action', 'loop', 'loop_control', 'loop_with', 'max_fail_percentage', 'module_defaults', 'name', 'no_log'],
  ...['notify', 'order', 'poll', 'port', 'post_tasks', 'pre_tasks', 'register', 'remote_user', 'rescue', 'retries'],
  ...['roles', 'run_once', 'serial', 'strategy', 'tags', 'tasks', 'throttle', 'timeout', 'until', 'vars'],
  ...['vars_files', 'vars_prompt', 'when', 'with_'],
  // Templar's environment globals, the `additional` names TQM passes
  ...['cycler', 'dict', 'joiner', 'lipsum', 'lookup', 'namespace', 'now', 'q', 'query', 'range', 'undef'],
]);

/** A vars_files entry that names one file without a template: the ones get_vars(play) loads without a host. */
function staticVarsFiles(play: Play, ctx: RunContext): Map<unknown, unknown>[] {
  const files = play.keywords.get('vars_files');
  const entries = Array.isArray(files) ? files : files === undefined || files === null ? [] : [files];
  const out: Map<unknown, unknown>[] = [];
  for (const entry of entries) {
    if (typeof entry !== 'string' || /\{\{|\{%/.test(entry)) continue;
    const path = resolve(play.baseDir, entry);
    if (!ctx.loader.exists(path)) continue;
    try {
      out.push(loadVarsFile(ctx.loader, path));
    } catch {
      // the batch's own load reports a file it cannot read
    }
  }
  return out;
}

export function warnReservedNames(play: Play, ctx: RunContext): void {
  const playVars = play.keywords.get('vars');
  const sources: Iterable<unknown>[] = [
    ...play.roles.flatMap((r) => [r.defaults.keys(), r.vars.keys()]),
    playVars instanceof Map ? playVars.keys() : [],
    ...staticVarsFiles(play, ctx).map((m) => m.keys()),
    ctx.world.extraVars.keys(),
  ];
  const names = new Set<string>();
  for (const source of sources) for (const name of source) names.add(String(name));
  // 'vars' is added internally (warn_if_reserved discards it)
  names.delete('vars');
  for (const name of names)
    if (RESERVED.has(name)) ctx.callback.onWarning?.(`Found variable using reserved name: ${name}`);
}
