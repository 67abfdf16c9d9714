// Loop items: `loop:` (a list, as is) and `with_<lookup>:` (the lookup's terms, as Ansible's
// lookup plugins produce them: items flattens one level, dict gives key/value pairs, …).
import {
  template,
  markUnsafeDeep,
  isTuple,
  pyStr,
  DATA_LOOKUPS,
  WITH_LOOP,
  type TemplateOptions,
} from '../template/index.js';
import { RunbookError, isTruthy, type SourceLocation } from '../util/index.js';
import type { LoopControl, TaskKeywords } from '../playbook/index.js';

function withLookup(
  name: string,
  terms: unknown,
  vars: Map<string, unknown>,
  options: TemplateOptions,
  where: SourceLocation,
): unknown[] {
  // with_<lookup> passes a list as the lookup's terms, anything else as its one term.
  const list = Array.isArray(terms) ? terms : [terms];
  const plugin = DATA_LOOKUPS[name];
  if (plugin) return plugin(list, new Map());
  // the lookups that read files, run commands or see variables (first_found, lines, file, …):
  // TaskExecutor._get_loop_items runs the plugin with wantlist=True, as query() does
  if (!options.lookups)
    throw new RunbookError(`with_${name} is not implemented by runbook (lookup plugin ${name})`, where);
  const scope = new Map(vars).set('__rb_with_terms', list);
  const items = template(`{{ query(${JSON.stringify(name)}, *__rb_with_terms, ${WITH_LOOP}=True) }}`, scope, options);
  return Array.isArray(items) ? items : [items];
}

/** A value with every tuple in it a list. */
function untupled(v: unknown): unknown {
  if (!Array.isArray(v)) return v;
  const list: unknown[] = v;
  const tuple: boolean = isTuple(list);
  return tuple || list.some((x) => Array.isArray(x)) ? list.map(untupled) : list;
}

/**
 * loop_control's extended variables for item `i` (TaskExecutor._run_loop): ansible_loop with
 * index, index0, first, last, length, revindex(0), allitems (unless extended_allitems: no),
 * previtem and nextitem where they exist.
 */
export function extendedLoop(control: LoopControl, items: unknown[], i: number): Map<string, unknown> | undefined {
  if (!isTruthy(control.extended)) return undefined;
  const n = items.length;
  const loop = new Map<string, unknown>([
    ['index', i + 1],
    ['index0', i],
    ['first', i === 0],
    ['last', i === n - 1],
    ['length', n],
    ['revindex', n - i],
    ['revindex0', n - i - 1],
  ]);
  if (isTruthy(control.extendedAllitems)) loop.set('allitems', items);
  if (i > 0) loop.set('previtem', items[i - 1]);
  if (i < n - 1) loop.set('nextitem', items[i + 1]);
  return loop;
}

/** The items of a task's loop, or undefined when the task has none. */
export function loopItems(
  kw: TaskKeywords,
  vars: Map<string, unknown>,
  options: TemplateOptions,
  where: SourceLocation,
): unknown[] | undefined {
  if (kw.loop !== undefined) {
    const items = template(kw.loop, vars, options);
    if (!Array.isArray(items)) {
      throw new RunbookError(
        `Invalid data passed to 'loop', it requires a list, got this instead: ${pyStr(items)}. Hint: If you passed a list/dict of just one element, try adding wantlist=True to your lookup invocation or use q/query instead of lookup.`,
      );
    }
    return items as unknown[];
  }
  if (!kw.withLookup) return undefined;
  const terms = template(kw.withLookup.terms, vars, options);
  // _get_loop_items: wrap_var(mylookup.run(…)), a with_ loop's items are unsafe; the tuples a
  // lookup makes (subelements' pairs, indexed_items') reach the task as lists, as ansible-playbook
  // 2.14.18 shows them ((item=[{'name': 'a'}, 'k1'])), where a loop: keeps a filter's tuples
  const items = withLookup(kw.withLookup.name, terms, vars, options, where).map(untupled);
  markUnsafeDeep(items);
  return items;
}

/** loop_var and index_var, templated as LoopControl's post_validate does (`loop_var: "{{ name }}"`). */
export function loopNames(
  control: { loopVar: string; indexVar?: string | undefined },
  vars: Map<string, unknown>,
  options: TemplateOptions,
): { loopVar: string; indexVar: string | undefined } {
  const name = (s: string): string => (/\{\{|\{%/.test(s) ? String(template(s, vars, options)) : s);
  return { loopVar: name(control.loopVar), indexVar: control.indexVar ? name(control.indexVar) : undefined };
}
