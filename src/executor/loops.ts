// Loop items: `loop:` (a list, as is) and `with_<lookup>:` (the lookup's terms, as Ansible's
// lookup plugins produce them: items flattens one level, dict gives key/value pairs, …).
import { template, DATA_LOOKUPS, type TemplateOptions } from '../template/index.js';
import { RunbookError, type SourceLocation } from '../util/index.js';

function withLookup(name: string, terms: unknown, vars: Map<string, unknown>, options: TemplateOptions, where: SourceLocation): unknown[] {
  // with_<lookup> passes a list as the lookup's terms, anything else as its one term.
  const list = Array.isArray(terms) ? terms : [terms];
  const plugin = DATA_LOOKUPS[name];
  if (plugin) return plugin(list, new Map());
  // the lookups that read files, run commands or see variables (first_found, lines, file, …):
  // TaskExecutor._get_loop_items runs the plugin with wantlist=True, as query() does
  if (!options.lookups) throw new RunbookError(`with_${name} is not implemented by runbook (lookup plugin ${name})`, where);
  const scope = new Map(vars).set('__rb_with_terms', list);
  const items = template(`{{ query(${JSON.stringify(name)}, *__rb_with_terms) }}`, scope, options);
  return Array.isArray(items) ? items : [items];
}

/** The items of a task's loop, or undefined when the task has none. */
export function loopItems(keywords: Map<string, unknown>, vars: Map<string, unknown>, options: TemplateOptions, where: SourceLocation): unknown[] | undefined {
  if (keywords.has('loop')) {
    const items = template(keywords.get('loop'), vars, options);
    if (!Array.isArray(items)) {
      throw new RunbookError(`Invalid data passed to 'loop', it requires a list, got this instead: ${String(items)}. Hint: If you passed a list/dict of just one element, try adding wantlist=True to your lookup invocation or use q/query instead of lookup.`, where);
    }
    return items as unknown[];
  }
  const key = [...keywords.keys()].find((k) => k.startsWith('with_'));
  if (!key) return undefined;
  const terms = template(keywords.get(key), vars, options);
  return withLookup(key.slice(5), terms, vars, options, where);
}
