// Who a task runs as: the become keywords (task, block, role, play), overridden by the
// connection variables ansible_become* (PlayContext.set_task_and_variable_override: variables
// win over keywords), over the -b/--become-user/--become-method flags.
import type { Become } from '../connection/index.js';
import type { InheritedKeyword, Play, Task } from '../playbook/index.js';
import { template, type TemplateOptions } from '../template/index.js';
import { RunbookError, isTruthy } from '../util/index.js';
import { playContextKeyword } from './keywords.js';
import type { RunOptions } from './run-context.js';

export function becomeOf(
  task: Task,
  play: Play,
  vars: Map<string, unknown>,
  options: TemplateOptions,
  run: RunOptions,
): Become | undefined {
  const render = (raw: unknown): unknown => template(raw, vars, options);
  const pick = (varNames: string[], keyword: InheritedKeyword | undefined, flag: unknown): unknown => {
    const v = varNames.find((n) => vars.has(n));
    if (v !== undefined) return render(vars.get(v));
    const kw = keyword ? playContextKeyword(task, play, keyword, render) : undefined;
    return kw ?? (flag === undefined ? undefined : render(flag));
  };
  if (!isTruthy(pick(['ansible_become'], 'become', run.become?.enabled) ?? false)) return undefined;
  const method = String(pick(['ansible_become_method'], 'become_method', run.become?.method) ?? 'sudo');
  if (method !== 'sudo' && method !== 'su')
    throw new RunbookError(
      `Invalid become method specified, could not find matching plugin: '${method}' (runbook has sudo and su)`,
      task.origin,
    );
  const user = String(pick(['ansible_become_user'], 'become_user', run.become?.user) ?? 'root');
  const flags = pick(['ansible_become_flags'], 'become_flags', undefined);
  const password = pick(
    ['ansible_become_password', 'ansible_become_pass', `ansible_${method}_pass`],
    undefined,
    run.become?.password,
  );
  const exe = pick(['ansible_become_exe'], 'become_exe', undefined);
  return {
    method,
    user,
    ...(flags !== undefined && flags !== null ? { flags: String(flags) } : {}),
    ...(password !== undefined && password !== null ? { password: String(password) } : {}),
    ...(exe !== undefined && exe !== null ? { exe: String(exe) } : {}),
  };
}
