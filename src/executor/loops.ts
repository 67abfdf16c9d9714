// Loop items: `loop:` (a list, as is) and `with_<lookup>:` (the lookup's terms, as Ansible's
// lookup plugins produce them: items flattens one level, dict gives key/value pairs, …).
import { template, type TemplateOptions, tuple } from '../template/index.js';
import { RunbookError, type SourceLocation } from '../util/index.js';

function flattenOnce(list: unknown[]): unknown[] {
  return list.flatMap((x) => (Array.isArray(x) ? x : [x]));
}

function product(lists: unknown[][]): unknown[][] {
  return lists.reduce<unknown[][]>((acc, l) => acc.flatMap((p) => l.map((x) => [...p, x])), [[]]);
}

function sequence(spec: string): string[] {
  const args = new Map<string, string>();
  const short = /^(\d+)(?:-(\d+))?(?:\/(\d+))?(?::(.*))?$/.exec(spec.trim());
  if (short) {
    args.set('start', short[2] ? short[1] ?? '1' : '1').set('end', short[2] ?? short[1] ?? '0');
    if (short[3]) args.set('stride', short[3]);
    if (short[4]) args.set('format', short[4]);
  } else for (const kv of spec.trim().split(/\s+/)) { const [k = '', v = ''] = kv.split('='); args.set(k, v); }
  const start = Number(args.get('start') ?? 1);
  const stride = Number(args.get('stride') ?? 1);
  const end = args.has('count') ? start + Number(args.get('count')) * stride - stride : Number(args.get('end') ?? start);
  const format = args.get('format') ?? '%d';
  const out: string[] = [];
  for (let i = start; stride > 0 ? i <= end : i >= end; i += stride) out.push(format.replace(/%(0?\d*)[dx]/, (_m, w: string) => String(i).padStart(Number(w) || 0, w.startsWith('0') ? '0' : ' ')));
  return out;
}

function withLookup(name: string, terms: unknown, where: SourceLocation): unknown[] {
  const list = Array.isArray(terms) ? terms : [terms];
  switch (name) {
    case 'items': return flattenOnce(list);
    case 'list': return list;
    case 'flattened': return list.flat(Infinity);
    case 'dict': {
      const d = list[0];
      if (!(d instanceof Map)) throw new RunbookError('with_dict expects a dict', where);
      return [...d].map(([key, value]) => new Map<string, unknown>([['key', key], ['value', value]]));
    }
    case 'indexed_items': return flattenOnce(list).map((x, i) => tuple([i, x]));
    case 'nested': case 'cartesian': return product(list.map((l) => (Array.isArray(l) ? l : [l]))).map((x) => x);
    case 'together': {
      const lists = list.map((l) => (Array.isArray(l) ? l : [l]));
      const n = Math.max(...lists.map((l) => l.length));
      return Array.from({ length: n }, (_, i) => lists.map((l) => (i < l.length ? l[i] : null)));
    }
    case 'sequence': return list.flatMap((s) => sequence(String(s)));
    case 'subelements': {
      const [objs, key, opts] = list as [unknown, string, Map<string, unknown> | undefined];
      const items = objs instanceof Map ? [...objs.values()] : Array.isArray(objs) ? objs : [];
      const skip = opts instanceof Map && opts.get('skip_missing') === true;
      return items.flatMap((o) => {
        const sub = o instanceof Map ? o.get(key) : undefined;
        if (sub === undefined && !skip) throw new RunbookError(`could not find '${key}' key in iterated item`, where);
        return Array.isArray(sub) ? sub.map((s) => [o, s]) : [];
      });
    }
    case 'random_choice': return list.length ? [list[Math.floor(Math.random() * list.length)]] : [];
    default: throw new RunbookError(`with_${name} is not implemented by runbook (lookup plugin ${name})`, where);
  }
}

/** The items of a task's loop, or undefined when the task has none. */
export function loopItems(keywords: Map<string, unknown>, vars: Map<string, unknown>, options: TemplateOptions, where: SourceLocation): unknown[] | undefined {
  if (keywords.has('loop')) {
    const items = template(keywords.get('loop'), vars, options);
    if (!Array.isArray(items)) {
      throw new RunbookError(`Invalid data passed to 'loop', it requires a list, got this instead: ${String(items)}. Hint: If you passed a list/dict of just one element, try adding wantlist=True to your lookup invocation or use q/query instead of lookup.`, where);
    }
    return items;
  }
  const key = [...keywords.keys()].find((k) => k.startsWith('with_'));
  if (!key) return undefined;
  const terms = template(keywords.get(key), vars, options);
  return withLookup(key.slice(5), terms, where);
}
