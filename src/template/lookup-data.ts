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

// lookup/subelements.py at stable-2.14: a dotted subkey path, skip_missing, skipped results
function subelements(terms: unknown[]): unknown[] {
  const expects = (msg = ''): never =>
    fail('AnsibleError', `subelements lookup expects a list of two or three items, ${msg}`);
  if (terms.length < 2 || terms.length > 3) expects();
  const [given, key, flags] = terms;
  // listify_lookup_plugin_terms: a single value becomes a list of one
  const objs = Array.isArray(given) || isDict(given) ? given : [given];
  if (!(Array.isArray(objs) || isDict(objs)) || typeof key !== 'string')
    expects('first a dict or a list, second a string pointing to the subkey');
  if (isDict(objs) && dictGet(objs, 'skipped') !== MISSING && dictGet(objs, 'skipped') !== false) return [];
  const elements = isDict(objs) ? dictEntries(objs).map(([, v]) => v) : (objs as unknown[]);
  if (flags !== undefined && !isDict(flags))
    expects("the optional third item must be a dict with flags ['skip_missing']");
  const skipMissing = isDict(flags) && [true, 'yes', 'true', 1].includes(dictGet(flags, 'skip_missing') as never);
  return elements.flatMap((item) => subelementsOf(item, (key as string).split('.'), skipMissing));
}

function subelementsOf(item: unknown, path: string[], skipMissing: boolean): unknown[] {
  if (!isDict(item)) return fail('AnsibleError', `subelements lookup expects a dictionary, got '${pyStr(item)}'`);
  const skipped = dictGet(item, 'skipped');
  if (skipped !== MISSING && skipped !== false) return [];
  let value: unknown = item;
  let list: unknown[] = [];
  for (const [i, subkey] of path.entries()) {
    const here = isDict(value) ? dictGet(value, subkey) : MISSING;
    if (here === MISSING) {
      if (skipMissing) continue;
      return fail('AnsibleError', `could not find '${subkey}' key in iterated item '${pyStr(value)}'`);
    }
    if (i < path.length - 1) {
      if (!isDict(here)) {
        if (skipMissing) continue;
        return fail('AnsibleError', `the key ${subkey} should point to a dictionary, got '${pyStr(here)}'`);
      }
      value = here;
    } else if (!Array.isArray(here)) {
      return fail('AnsibleError', `the key ${subkey} should point to a list, got '${pyStr(here)}'`);
    } else list = here;
  }
  // Ansible pops the list out of the item (subvalue.pop): the item paired with each entry lacks it
  const without = withoutPath(item, path);
  return list.map((sub) => tuple([without, sub]));
}

function withoutPath(d: unknown, path: string[]): unknown {
  if (!isDict(d) || !path.length) return d;
  const [head, ...rest] = path;
  const entries = dictEntries(d);
  if (!rest.length) return makeDict(entries.filter(([k]) => k !== head));
  return makeDict(entries.map(([k, v]) => [k, k === head ? withoutPath(v, rest) : v]));
}

export const DATA_LOOKUPS: Record<string, (terms: unknown[], kwargs: Kwargs) => unknown[]> = {
  items: (terms) => flatten(terms, 1, false),
  // lookup/list.py: a mapping is not a list
  list: (terms) => (terms.length === 1 && isDict(terms[0]) ? fail('AnsibleError', 'with_list expects a list') : terms),
  flattened: (terms) => flatten(terms, null, false),
  indexed_items: (terms) =>
    terms.length === 1 && isDict(terms[0])
      ? fail('AnsibleError', 'with_indexed_items expects a list')
      : flatten(terms, 1, false).map((x, i) => tuple([i, x])),
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
