// The `environment` keyword as a task sees it (Task._post_validate_environment at stable-2.14).
import { template, pyStr, TemplateError, type TemplateOptions } from '../template/index.js';
import { taskKeywords, playKeywords, type Play, type Task, type Block, type Include } from '../playbook/index.js';

/** The `environment` keyword (a dict, or a list of dicts merged), templated. */
export function environmentOf(
  task: Task,
  play: Play,
  vars: Map<string, unknown>,
  options: TemplateOptions,
): Record<string, string> {
  const out: Record<string, string> = {};
  const chain: unknown[] = [];
  for (let s: Task | Block | Include | undefined = task; s; s = s.parent)
    if (taskKeywords(s).environment !== undefined) chain.unshift(taskKeywords(s).environment);
  if (playKeywords(play).environment !== undefined) chain.unshift(playKeywords(play).environment);
  for (const raw of chain) {
    for (const item of Array.isArray(raw) ? raw : [raw]) {
      // a template that gives a dict (`environment: "{{ proxy_env }}"`) counts as that dict
      const d: unknown = typeof item === 'string' ? template(item, vars, options) : item;
      if (!(d instanceof Map)) continue;
      for (const [k, v] of d) {
        const value = envValue(task, v, vars, options);
        if (value !== undefined) out[String(k)] = pyStr(value);
      }
    }
  }
  return out;
}

/**
 * One environment value templated; undefined when it needs ansible_env, which only fact
 * gathering brings (Task._post_validate_environment skips such a key instead of failing).
 */
function envValue(task: Task, v: unknown, vars: Map<string, unknown>, options: TemplateOptions): unknown {
  try {
    return template(v, vars, options);
  } catch (err) {
    const gathering = task.action === 'setup' || task.action === 'gather_facts';
    if (
      err instanceof TemplateError &&
      err.kind === 'UndefinedError' &&
      ((gathering && err.message.includes('ansible_facts.env')) || err.message.includes('ansible_env'))
    )
      return undefined;
    throw err;
  }
}
