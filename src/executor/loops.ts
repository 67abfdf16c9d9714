// Loop items: `loop:` (a list, as is) and `with_<lookup>:` (the lookup's terms, as Ansible's
// lookup plugins produce them: items flattens one level, dict gives key/value pairs, …).
import { template, DATA_LOOKUPS, type TemplateOptions } from '../template/index.js';
import { RunbookError, type SourceLocation } from '../util/index.js';

function withLookup(name: string, terms: unknown, where: SourceLocation): unknown[] {
  const plugin = DATA_LOOKUPS[name];
  if (!plugin) throw new RunbookError(`with_${name} is not implemented by runbook (lookup plugin ${name})`, where);
  // with_<lookup> passes a list as the lookup's terms, anything else as its one term.
  return plugin(Array.isArray(terms) ? terms : [terms], new Map());
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
  return withLookup(key.slice(5), terms, where);
}
