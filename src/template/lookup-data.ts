// The lookup plugins that only reshape their terms (items, dict, nested, sequence, …),
// shared by lookup()/query() and by with_<name> loops.
import { fail } from './errors.js';
import { tuple, makeDict, isDict, dictEntries, dictGet, MISSING } from './py/values.js';
import { pyStr } from './py/repr.js';
import { flatten } from './filters/ansible-data.js';

type Kwargs = Map<string, unknown>;

function product(lists: unknown[][]): unknown[][] {
  return lists.reduce<unknown[][]>((acc, l) => acc.flatMap((p) => l.map((x) => [...p, x])), [[]]);
}

function asList(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [v];
}

/** with_sequence / lookup('sequence'): start=1 end=5 stride=2 format=%02d, or 1-5/2:fmt. */
export function sequence(spec: string): string[] {
  const args = new Map<string, string>();
  const short = /^(\d+)(?:-(\d+))?(?:\/(\d+))?(?::(.*))?$/.exec(spec.trim());
  if (short) {
    args.set('start', short[2] ? (short[1] ?? '1') : '1').set('end', short[2] ?? short[1] ?? '0');
    if (short[3]) args.set('stride', short[3]);
    if (short[4]) args.set('format', short[4]);
  } else
    for (const kv of spec.trim().split(/\s+/)) {
      const [k = '', v = ''] = kv.split('=');
      args.set(k, v);
    }
  const start = Number(args.get('start') ?? 1);
  const stride = Number(args.get('stride') ?? 1);
  const end = args.has('count')
    ? start + Number(args.get('count')) * stride - stride
    : Number(args.get('end') ?? start);
  if (stride === 0) return fail('ValueError', 'stride must not be zero');
  const format = args.get('format') ?? '%d';
  const out: string[] = [];
  for (let i = start; stride > 0 ? i <= end : i >= end; i += stride) {
    out.push(
      format.replace(/%(0?)(\d*)[dx]/, (_m, zero: string, w: string) =>
        String(i).padStart(Number(w) || 0, zero ? '0' : ' '),
      ),
    );
  }
  return out;
}

function subelements(terms: unknown[]): unknown[] {
  const [objs, key, opts] = terms;
  const items = isDict(objs) ? dictEntries(objs).map(([, v]) => v) : asList(objs);
  const skip = isDict(opts) && dictGet(opts, 'skip_missing') === true;
  return items.flatMap((o) => {
    const sub = isDict(o) ? dictGet(o, String(key)) : MISSING;
    if (sub === MISSING)
      return skip ? [] : fail('KeyError', `could not find '${pyStr(key)}' key in iterated item '${pyStr(o)}'`);
    return asList(sub).map((s) => tuple([o, s]));
  });
}

export const DATA_LOOKUPS: Record<string, (terms: unknown[], kwargs: Kwargs) => unknown[]> = {
  items: (terms) => flatten(terms, 1, false),
  list: (terms) => terms,
  flattened: (terms) => flatten(terms, null, false),
  indexed_items: (terms) => flatten(terms, 1, false).map((x, i) => tuple([i, x])),
  dict: (terms) =>
    terms.flatMap((d) =>
      isDict(d)
        ? dictEntries(d).map(([key, value]) =>
            makeDict([
              ['key', key],
              ['value', value],
            ]),
          )
        : fail('TypeError', 'with_dict expects a dict'),
    ),
  nested: (terms) => product(terms.map(asList)),
  cartesian: (terms) => product(terms.map(asList)),
  together: (terms) => {
    const lists = terms.map(asList);
    const n = Math.max(0, ...lists.map((l) => l.length));
    return Array.from({ length: n }, (_, i) => lists.map((l) => (i < l.length ? l[i] : null)));
  },
  sequence: (terms) => terms.flatMap((s) => sequence(pyStr(s))),
  subelements,
  random_choice: (terms) => (terms.length ? [terms[Math.floor(Math.random() * terms.length)]] : []),
};
