// The variables a task's connection is opened with (PlayContext.set_task_and_variable_override,
// playbook/play_context.py at stable-2.14): the `connection`, `remote_user` and `port` keywords
// of the task, inherited from its blocks and play, over the command line's -c/-u; the host's
// variables (C.MAGIC_VARIABLE_MAPPING) over both — an inventory `ansible_user` beats a play's
// `remote_user`, as it does under ansible-playbook.
import type { InheritedKeyword, Play, Task, Include } from '../playbook/index.js';
import { keywordOf } from '../playbook/index.js';
import { template, type TemplateOptions } from '../template/index.js';
import { inherited } from './keywords.js';

const KEYWORD_VARS: readonly [InheritedKeyword, readonly string[]][] = [
  ['connection', ['ansible_connection']],
  ['remote_user', ['ansible_user', 'ansible_ssh_user']],
  ['port', ['ansible_port', 'ansible_ssh_port']],
];

/**
 * `vars` with the keywords' values under the variables' names where no variable sets them; the
 * same map when no keyword applies. `item` undefined: the play's own keywords (fact gathering).
 */
export function withConnectionKeywords(
  item: Task | Include | undefined,
  play: Play,
  vars: Map<string, unknown>,
  options: TemplateOptions = {},
): Map<string, unknown> {
  let out = vars;
  for (const [keyword, names] of KEYWORD_VARS) {
    if (names.some((n) => vars.has(n))) continue;
    const value = item ? inherited(item, play, keyword) : keywordOf(play, keyword);
    if (value === undefined || value === null) continue;
    if (out === vars) out = new Map(vars);
    out.set(names[0]!, template(value, vars, options));
  }
  return out;
}
