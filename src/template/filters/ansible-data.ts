// Ansible's data-shaping filters (core.py and mathstuff.py, 2.14): combine with
// recursive/list_merge, dict2items/items2dict, flatten, zip, product, set operations,
// subelements, extract, rekey_on_member, and YAML in/out.
import type { FilterFn, CallContext } from '../environment.js';
import { attrGetter, params } from './args.js';
import { jinjaSequenceFilters } from './jinja-sequences.js';
import { iterate, truthy } from '../runtime.js';
import { getItem } from '../runtime.js';
import { fail } from '../errors.js';
import {
  isDict,
  dictEntries,
  dictGet,
  MISSING,
  makeDict,
  tuple,
  typeName,
  isTuple,
  hashKey,
  type PyDict,
  pyTypeRepr,
} from '../py/values.js';
import { pyEquals } from '../py/ops.js';
import { pyRepr } from '../py/repr.js';
import { isUndefined, failUndefined } from '../undefined.js';
import { dumpYaml } from '../py/yaml-dump.js';
import { loadYamlText, loadYamlAll } from '../yaml-load.js';

type Ctx = CallContext;
type AnyDict = PyDict | Record<string, unknown>;

function checkDefined(v: unknown): void {
  if (isUndefined(v)) failUndefined(v, true);
  if (Array.isArray(v)) v.forEach(checkDefined);
  else if (isDict(v)) dictEntries(v).forEach(([, x]) => checkDefined(x));
}

/** ansible.utils.vars.merge_hash: y's keys win; nested dicts merge when recursive. */
export function mergeHash(x: AnyDict, y: AnyDict, recursive: boolean, listMerge: string): PyDict {
  const out = makeDict(dictEntries(x));
  for (const [key, yv] of dictEntries(y)) {
    const xv = out.has(key) ? out.get(key) : MISSING;
    if (xv === MISSING) out.set(key, yv);
    else if (isDict(xv) && isDict(yv)) out.set(key, recursive ? mergeHash(xv, yv, recursive, listMerge) : yv);
    else if (Array.isArray(xv) && Array.isArray(yv) && !isTuple(xv) && !isTuple(yv))
      out.set(key, mergeLists(xv, yv, listMerge));
    else out.set(key, yv);
  }
  return out;
}

function mergeLists(x: unknown[], y: unknown[], mode: string): unknown[] {
  const notIn =
    (list: unknown[]) =>
    (z: unknown): boolean =>
      !list.some((w) => pyEquals(w, z));
  switch (mode) {
    case 'replace':
      return y;
    case 'keep':
      return x;
    case 'append':
      return [...x, ...y];
    case 'prepend':
      return [...y, ...x];
    case 'append_rp':
      return [...x.filter(notIn(y)), ...y];
    case 'prepend_rp':
      return [...y, ...x.filter(notIn(y))];
    default:
      return fail(
        'FilterArgumentError',
        "merge_hash: 'list_merge' argument can only be equal to 'replace', 'keep', 'append', 'prepend', 'append_rp' or 'prepend_rp'",
      );
  }
}

function combine(_ctx: Ctx, v: unknown, a: unknown[], k: Map<string, unknown>): unknown {
  const recursive = Boolean(k.get('recursive') ?? false);
  const listMerge = String(k.get('list_merge') ?? 'replace');
  const extra = [...k.keys()].filter((x) => x !== 'recursive' && x !== 'list_merge');
  if (extra.length)
    return fail('FilterArgumentError', "'recursive' and 'list_merge' are the only valid keyword arguments");
  // flatten(terms, levels=1) skips nulls: None | combine is {}
  const dicts = flatten([v, ...a], 1);
  checkDefined(dicts);
  if (!dicts.length) return makeDict();
  for (const d of dicts)
    if (!isDict(d))
      return fail('FilterArgumentError', `failed to combine variables, expected dicts but got a '${typeName(d)}'`);
  if (dicts.length === 1) return dicts[0];
  return (dicts as AnyDict[]).reduce((acc, d) => mergeHash(acc, d, recursive, listMerge));
}

/** Ansible's flatten: nulls skipped, levels limits the depth. */
export function flatten(list: unknown[], levels: number | null, skipNulls = true): unknown[] {
  const out: unknown[] = [];
  for (const el of list) {
    if (skipNulls && (el === null || el === 'None' || el === 'null')) continue;
    if (Array.isArray(el)) {
      if (levels === null) out.push(...flatten(el, null, skipNulls));
      else if (levels >= 1) out.push(...flatten(el, levels - 1, skipNulls));
      else out.push(el);
    } else out.push(el);
  }
  return out;
}

function uniqueExact(items: unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const x of items) if (!out.some((y) => pyEquals(x, y))) out.push(x);
  return out;
}

function product(lists: unknown[][]): unknown[] {
  return lists
    .reduce<unknown[][]>((acc, l) => acc.flatMap((prefix) => l.map((x) => [...prefix, x])), [[]])
    .map((p) => tuple(p));
}

function permutations(items: unknown[], r: number): unknown[] {
  if (r === 0) return [tuple([])];
  return items.flatMap((x, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)], r - 1).map((rest) =>
      tuple([x, ...(rest as unknown[])]),
    ),
  );
}

function combinations(items: unknown[], r: number): unknown[] {
  if (r === 0) return [tuple([])];
  return items.flatMap((x, i) =>
    combinations(items.slice(i + 1), r - 1).map((rest) => tuple([x, ...(rest as unknown[])])),
  );
}

function subelements(_ctx: Ctx, v: unknown, a: unknown[], k: Map<string, unknown>): unknown[] {
  const [path, skipMissing] = params('subelements', [['subelements'], ['skip_missing', false]], a, k);
  const elements = isDict(v)
    ? dictEntries(v).map(([, x]) => x)
    : Array.isArray(v)
      ? v
      : fail('FilterArgumentError', 'obj must be a list of dicts or a nested dict');
  const keys = Array.isArray(path)
    ? path
    : typeof path === 'string'
      ? path.split('.')
      : fail('TypeError', 'subelements must be a list or a string');
  const results: unknown[] = [];
  for (const element of elements) {
    let values: unknown = element;
    for (const key of keys) {
      if (!isDict(values))
        return fail('TypeError', `the key ${String(key)} should point to a dictionary, got '${pyRepr(values)}'`);
      const next = dictGet(values, key);
      if (next === MISSING) {
        if (skipMissing) {
          values = [];
          break;
        }
        return fail('FilterArgumentError', `could not find ${pyRepr(key)} key in iterated item ${pyRepr(values)}`);
      }
      values = next;
    }
    if (!Array.isArray(values))
      return fail(
        'TypeError',
        `the key ${pyRepr(keys[keys.length - 1])} should point to a list, got ${pyRepr(values)}`,
      );
    for (const x of values) results.push(tuple([element, x]));
  }
  return results;
}

function rekeyOnMember(ctx: Ctx, v: unknown, a: unknown[], k: Map<string, unknown>): unknown {
  const [key, duplicates] = params('rekey_on_member', [['key'], ['duplicates', 'error']], a, k);
  if (duplicates !== 'error' && duplicates !== 'overwrite')
    return fail(
      'FilterArgumentError',
      `duplicates parameter to rekey_on_member has unknown value: ${String(duplicates)}`,
    );
  // `bool(data) and bool(key)`: an undefined positional argument raises its UndefinedError here
  // (runtime's truthy is Python's truth, and fails on a strict undefined as bool() does)
  if (truthy(v, ctx)) truthy(key, ctx);
  const items = isDict(v)
    ? dictEntries(v).map(([, x]) => x)
    : Array.isArray(v)
      ? v
      : fail('TypeError', 'Type is not a valid list, set, or dict');
  const out = makeDict();
  for (const item of items) {
    if (!isDict(item)) return fail('TypeError', 'List item is not a valid dict');
    const kv = dictGet(item, key);
    if (kv === MISSING) return fail('FilterArgumentError', `Key ${String(key)} was not found`);
    if (out.has(hashKey(kv, out)) && duplicates === 'error')
      return fail('FilterArgumentError', `Key ${String(kv)} is not unique, cannot correctly turn into dict`);
    out.set(hashKey(kv, out), item);
  }
  return out;
}

/**
 * mathstuff.unique (it replaces Jinja2's): Jinja2's unique first, case-insensitive unless
 * case_sensitive is true; where that raises (an unhashable item: a dict or a list), Ansible's own
 * exact-equality loop — unless case_sensitive=False or attribute was given, which it cannot honour.
 */
const unique: FilterFn = (ctx, v, a, k) => {
  const [caseSensitive, attribute] = params(
    'unique',
    [
      ['case_sensitive', null],
      ['attribute', null],
    ],
    a,
    k,
  );
  const items = iterate(v, ctx);
  const get = attrGetter(ctx, attribute);
  const unhashable = items.map(get).find((x) => (Array.isArray(x) && !isTuple(x)) || isDict(x));
  const jinja = jinjaSequenceFilters.unique as FilterFn;
  if (unhashable === undefined)
    return jinja(
      ctx,
      items,
      [],
      new Map([
        ['case_sensitive', Boolean(caseSensitive)],
        ['attribute', attribute],
      ]),
    );
  if (caseSensitive === false || (attribute !== null && attribute !== undefined && attribute !== ''))
    fail(
      'AnsibleError',
      `Jinja2's unique filter failed and we cannot fall back to Ansible's version as it does not support the parameters supplied. unhashable type: '${typeName(unhashable)}'`,
    );
  return uniqueExact(items);
};

export const ansibleDataFilters: Record<string, FilterFn> = {
  combine,
  unique,
  dict2items: (_ctx, v, a, k) => {
    const [keyName, valueName] = params(
      'dict2items',
      [
        ['key_name', 'key'],
        ['value_name', 'value'],
      ],
      a,
      k,
    );
    if (!isDict(v)) return fail('TypeError', `dict2items requires a dictionary, got ${pyTypeRepr(v)} instead.`);
    return dictEntries(v).map(([key, value]) =>
      makeDict([
        [keyName, key],
        [valueName, value],
      ]),
    );
  },
  items2dict: (_ctx, v, a, k) => {
    const [keyName, valueName] = params(
      'items2dict',
      [
        ['key_name', 'key'],
        ['value_name', 'value'],
      ],
      a,
      k,
    );
    if (!Array.isArray(v)) return fail('TypeError', `items2dict requires a list, got ${pyTypeRepr(v)} instead.`);
    return makeDict(
      v.map((item) => {
        if (!isDict(item))
          return fail('TypeError', `items2dict requires a list of dictionaries, got ${pyRepr(v)} instead.`);
        const key = dictGet(item, keyName);
        const value = dictGet(item, valueName);
        if (key === MISSING || value === MISSING)
          return fail(
            'FilterArgumentError',
            `items2dict requires each dictionary in the list to contain the keys '${String(keyName)}' and '${String(valueName)}', got ${pyRepr(v)} instead.`,
          );
        return [key, value];
      }),
    );
  },
  flatten: (ctx, v, a, k) => {
    const [levels, skipNulls] = params(
      'flatten',
      [
        ['levels', null],
        ['skip_nulls', true],
      ],
      a,
      k,
    );
    return flatten(iterate(v, ctx), levels === null ? null : Number(levels), Boolean(skipNulls));
  },
  zip: (ctx, v, a) => {
    const lists = [v, ...a].map((x) => iterate(x, ctx));
    const n = Math.min(...lists.map((l) => l.length));
    return Array.from({ length: n }, (_, i) => tuple(lists.map((l) => l[i])));
  },
  zip_longest: (ctx, v, a, k) => {
    const lists = [v, ...a].map((x) => iterate(x, ctx));
    const n = Math.max(...lists.map((l) => l.length));
    const fill = k.has('fillvalue') ? k.get('fillvalue') : null;
    return Array.from({ length: n }, (_, i) => tuple(lists.map((l) => (i < l.length ? l[i] : fill))));
  },
  product: (ctx, v, a, k) => {
    const lists = [v, ...a].map((x) => iterate(x, ctx));
    const repeat = Number(k.get('repeat') ?? 1);
    return product(Array.from({ length: repeat }, () => lists).flat());
  },
  permutations: (ctx, v, a) => {
    const items = iterate(v, ctx);
    return permutations(items, a[0] === undefined || a[0] === null ? items.length : Number(a[0]));
  },
  combinations: (ctx, v, a) => combinations(iterate(v, ctx), Number(a[0])),
  union: (ctx, v, a) => uniqueExact([...iterate(v, ctx), ...iterate(a[0], ctx)]),
  intersect: (ctx, v, a) => {
    const b = iterate(a[0], ctx);
    return uniqueExact(iterate(v, ctx).filter((x) => b.some((y) => pyEquals(x, y))));
  },
  difference: (ctx, v, a) => {
    const b = iterate(a[0], ctx);
    return uniqueExact(iterate(v, ctx).filter((x) => !b.some((y) => pyEquals(x, y))));
  },
  symmetric_difference: (ctx, v, a) => {
    const x = iterate(v, ctx);
    const y = iterate(a[0], ctx);
    const both = x.filter((e) => y.some((f) => pyEquals(e, f)));
    return uniqueExact([...x, ...y]).filter((e) => !both.some((f) => pyEquals(e, f)));
  },
  subelements,
  extract: (ctx, v, a) => {
    const [container, morekeys] = a;
    const keys: unknown[] =
      morekeys === undefined || morekeys === null
        ? [v]
        : Array.isArray(morekeys)
          ? [v, ...(morekeys as unknown[])]
          : [v, morekeys];
    return keys.reduce((acc, key) => getItem(acc, key, ctx, 'extract'), container);
  },
  rekey_on_member: rekeyOnMember,
  to_yaml: (_ctx, v, a, k) =>
    dumpYaml(v, {
      flowStyle: k.has('default_flow_style') ? (k.get('default_flow_style') as boolean | null) : null,
      indent: Number(k.get('indent') ?? 2),
      width: Number(k.get('width') ?? 80),
      explicitStart: Boolean(k.get('explicit_start')),
      sortKeys: k.has('sort_keys') ? Boolean(k.get('sort_keys')) : true,
    }),
  to_nice_yaml: (_ctx, v, a, k) => {
    const [indent] = params('to_nice_yaml', [['indent', 4]], a, new Map([...k].filter(([x]) => x === 'indent')));
    return dumpYaml(v, {
      flowStyle: false,
      indent: Number(indent),
      width: Number(k.get('width') ?? 80),
      explicitStart: Boolean(k.get('explicit_start')),
      sortKeys: k.has('sort_keys') ? Boolean(k.get('sort_keys')) : true,
    });
  },
  from_yaml: (_ctx, v) => (typeof v === 'string' ? loadYamlText(v) : v),
  from_yaml_all: (_ctx, v) => (typeof v === 'string' ? loadYamlAll(v) : v),
};
