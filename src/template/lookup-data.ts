// The lookup plugins that only reshape their terms (items, dict, nested, sequence, …),
// shared by lookup()/query() and by with_<name> loops.
import { fail } from './errors.js';
import { tuple, makeDict, isDict, dictEntries, dictGet, MISSING } from './py/values.js';
import { pyRepr, pyStr } from './py/repr.js';
import { formatPercent } from './py/percent-format.js';
import { flatten } from './filters/ansible-data.js';
import { parseKvWords } from './lookup-kv.js';

type Kwargs = Map<string, unknown>;

function product(lists: unknown[][]): unknown[][] {
  return lists.reduce<unknown[][]>((acc, l) => acc.flatMap((p) => l.map((x) => [...p, x])), [[]]);
}

/** LookupBase._flatten: one level of lists spread (the flatten filter's, one level, nulls kept). */
const flattenOnce = (xs: unknown[]): unknown[] => flatten(xs, 1, false);

/** lookup/nested.py: _combine pair by pair, each combination flattened, then each result again. */
function nested(lists: unknown[][]): unknown[] {
  let result: unknown[] = lists[0] ?? [];
  for (const next of lists.slice(1)) result = result.flatMap((x) => next.map((y) => flattenOnce([x, y])));
  // _flatten of each: a list spread one level, a string (one list alone) its characters
  return result.map((x) => (Array.isArray(x) ? flattenOnce(x as unknown[]) : typeof x === 'string' ? [...x] : x));
}

function asList(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [v];
}

/** int(text, 0): a decimal, 0x/0o/0b literal, or undefined. */
function intAuto(text: string): number | undefined {
  const t = text.trim().toLowerCase().replace(/_/g, '');
  const m = /^([+-]?)(0x[0-9a-f]+|0o[0-7]+|0b[01]+|0|[1-9]\d*)$/.exec(t);
  if (!m) return undefined;
  const body = m[2] ?? '0';
  const n = body.startsWith('0') && body.length > 1 ? Number(body) : Number.parseInt(body, 10);
  return m[1] === '-' ? -n : n;
}

interface SequenceSpec {
  start: number;
  end?: number;
  count?: number;
  stride: number;
  format: string;
}

const SHORTCUT = /^((0?x?[0-9a-f]+)-)?(0?x?[0-9a-f]+)(\/(0?x?[0-9a-f]+))?(:(.+))?$/i;

/** parse_simple_args (1-5/2:fmt) or parse_kv_args (start= end= count= stride= format=). */
function sequenceArgs(term: string): SequenceSpec {
  const spec: SequenceSpec = { start: 1, stride: 1, format: '%d' };
  const int = (k: string, v: string): number => intAuto(v) ?? fail('AnsibleError', `can't parse ${k}=${v} as integer`);
  const m = SHORTCUT.exec(term);
  if (m) {
    if (m[2] !== undefined) spec.start = int('start', m[2]);
    spec.end = int('end', m[3] ?? '');
    if (m[5] !== undefined) spec.stride = int('stride', m[5]);
    if (m[7] !== undefined) spec.format = m[7];
    return spec;
  }
  const { params: args, raw } = parseKvWords(term);
  if (raw) args.set('_raw_params', raw);
  for (const k of ['start', 'end', 'count', 'stride'] as const) {
    const v = args.get(k);
    args.delete(k);
    if (v !== undefined) spec[k] = int(k, v);
  }
  if (args.has('format')) spec.format = args.get('format') ?? '%d';
  args.delete('format');
  if (args.size) fail('AnsibleError', `unrecognized arguments to with_sequence: ${pyRepr([...args.keys()])}`);
  return spec;
}

/** sanity_check and generate_sequence. */
function sequenceOf(spec: SequenceSpec): string[] {
  let { start, end, stride } = spec;
  if (spec.count === undefined && end === undefined) fail('AnsibleError', 'must specify count or end in with_sequence');
  if (spec.count !== undefined && end !== undefined)
    fail('AnsibleError', "can't specify both count and end in with_sequence");
  if (spec.count !== undefined) {
    if (spec.count !== 0) end = start + spec.count * stride - 1;
    else [start, end, stride] = [0, 0, 0];
  }
  const last = end ?? start;
  if (stride > 0 && last < start) fail('AnsibleError', 'to count backwards make stride negative');
  if (stride < 0 && last > start) fail('AnsibleError', "to count forward don't make stride negative");
  if (spec.format.split('%').length - 1 !== 1) fail('AnsibleError', `bad formatting string: ${spec.format}`);
  if (stride === 0) return [];
  const out: string[] = [];
  const stop = last + (stride >= 0 ? 1 : -1);
  for (let i = start; stride > 0 ? i < stop : i > stop; i += stride) {
    try {
      out.push(formatPercent(spec.format, i));
    } catch {
      fail('AnsibleError', `problem formatting ${i} with ${pyRepr(spec.format)}`);
    }
  }
  return out;
}

/** with_sequence / lookup('sequence') (lookup/sequence.py at 2.14.18). */
export function sequence(term: string): string[] {
  return sequenceOf(sequenceArgs(term));
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
  nested: (terms) =>
    terms.length
      ? nested(terms.map(asList))
      : fail('AnsibleError', 'with_nested requires at least one element in the nested list'),
  cartesian: (terms) => product(terms.map(asList)),
  // lookup/together.py: zip_longest with None, each tuple flattened one level (LookupBase._flatten)
  together: (terms) => {
    if (!terms.length) return fail('AnsibleError', 'with_together requires at least one element in each list');
    const lists = terms.map(asList);
    const n = Math.max(0, ...lists.map((l) => l.length));
    return Array.from({ length: n }, (_, i) => flattenOnce(lists.map((l) => (i < l.length ? l[i] : null))));
  },
  sequence: (terms) => terms.flatMap((s) => sequence(pyStr(s))),
  subelements,
  random_choice: (terms) => (terms.length ? [terms[Math.floor(Math.random() * terms.length)]] : []),
};
