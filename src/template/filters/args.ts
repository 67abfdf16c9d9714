// Shared argument handling for filters: Python-style binding and attribute paths
// (`map(attribute='a.b')`, `sort(attribute='name')`).
import type { Kwargs } from '../py/callable.js';
import { bindArgs, type Param } from '../py/bind-args.js';
import type { CallContext } from '../environment.js';
import { getAttribute, getItem } from '../runtime.js';
import { isInt } from '../py/values.js';

/** Binds a filter's arguments (after the value) to its parameters. */
export function params(fn: string, spec: readonly Param[], args: unknown[], kwargs: Kwargs): unknown[] {
  return bindArgs(fn, spec, args, kwargs);
}

/** Jinja2's make_attrgetter: 'a.b.0' walks attributes and integer items. */
export function attrGetter(ctx: CallContext, attribute: unknown): (item: unknown) => unknown {
  if (attribute === null || attribute === undefined) return (x) => x;
  const parts = isInt(attribute)
    ? [attribute]
    : String(attribute)
        .split('.')
        .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  return (item) => {
    let v = item;
    for (const p of parts) v = typeof p === 'number' ? getItem(v, p, ctx, 'item') : getItem(v, p, ctx, 'item');
    return v;
  };
}

export { getAttribute };
