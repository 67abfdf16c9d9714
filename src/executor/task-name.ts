// The name the console shows for a task: its templated name, the role prefix, or the action;
// and the task as ansible_failed_task shows it.
import { template } from '../template/index.js';
import { taskKeywords, type Task, type Include } from '../playbook/index.js';

export function taskName(task: Task | Include, vars?: Map<string, unknown>): string {
  const raw = taskKeywords(task).name;
  let name =
    raw === undefined ? (task.written ?? (task.kind === 'task' ? task.action : `include_${task.what}`)) : String(raw);
  if (raw !== undefined && vars && /\{\{|\{%/.test(name)) {
    try {
      name = String(template(name, vars));
    } catch {
      // Ansible shows the raw name when it cannot be templated yet.
    }
  }
  return task.role ? `${task.role.name} : ${name}` : name;
}

/**
 * ansible_failed_task: the task's fields as Task.serialize gives the ones templates read — `name`
 * as written ('' for an unnamed task: the field's default, not get_name()'s action), `action` as
 * written (ansible.builtin.shell stays so).
 */
export function failedTask(task: Task | Include): Map<string, unknown> {
  const action = task.kind === 'task' ? (task.written ?? task.action) : `include_${task.what}`;
  const name = taskKeywords(task).name;
  return new Map<string, unknown>([
    ['name', name === undefined || name === null ? '' : String(name)],
    ['action', action],
    ...[...task.keywords].filter(([k]) => k !== 'name'),
  ]);
}
