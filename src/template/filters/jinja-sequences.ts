// Jinja2's built-in filters over sequences, numbers and dicts (jinja2/filters.py, 3.1):
// sorting and uniqueness are case-insensitive by default, min/max return the item.
import type { FilterFn, CallContext } from '../environment.js';
import { params, attrGetter } from './args.js';
import { iterate, toText, pyLen, getAttribute, truthy } from '../runtime.js';
import { fail } from '../errors.js';
import {
  tuple,
  namedTupleFields,
  isDict,
  dictEntries,
  num,
  toJsNumber,
  isNumber,
  isFloat,
  PyFloat,
  typeName,
} from '../py/values.js';
import { pyCompare, pyEquals, add } from '../py/ops.js';
import { pyJsonDumps } from '../py/json.js';
import { Undefined, isUndefined, failUndefined } from '../undefined.js';

type Ctx = CallContext;

function ignoreCase(caseSensitive: unknown): (v: unknown) => unknown {
  return (v) => (!caseSensitive && typeof v === 'string' ? v.toLowerCase() : v);
}

function keyed(ctx: Ctx, attribute: unknown, caseSensitive: unknown): (v: unknown) => unknown {
  const get = attrGetter(ctx, attribute);
  const fold = ignoreCase(caseSensitive);
  return (v) => fold(get(v));
}

/** Python's sorted(): stable, TypeError on unorderable mixes. */
export function sortBy(items: unknown[], key: (v: unknown) => unknown, reverse = false): unknown[] {
  const decorated = items.map((v, i) => ({ v, k: key(v), i }));
  decorated.sort((a, b) => pyCompare(a.k, b.k) * (reverse ? -1 : 1) || a.i - b.i);
  return decorated.map((d) => d.v);
}

function uniqueBy(items: unknown[], key: (v: unknown) => unknown): unknown[] {
  const seen: unknown[] = [];
  const out: unknown[] = [];
  for (const item of items) {
    const k = key(item);
    if (!seen.some((s) => pyEquals(s, k))) {
      seen.push(k);
      out.push(item);
    }
  }
  return out;
}

function extreme(ctx: Ctx, value: unknown, a: unknown[], k: Map<string, unknown>, name: string, sign: number): unknown {
  const [caseSensitive, attribute] = params(
    name,
    [
      ['case_sensitive', false],
      ['attribute', null],
    ],
    a,
    k,
  );
  const items = iterate(value, ctx);
  if (!items.length) return new Undefined({ name, hint: 'No aggregated item, sequence was empty.' }, name);
  const key = keyed(ctx, attribute, caseSensitive);
  return items.reduce((best, x) => (pyCompare(key(x), key(best)) * sign > 0 ? x : best));
}

/**
 * Python's round(x, digits): half to even on the exact binary value (2.675 is really
 * 2.67499…, so it rounds down), computed on the double's exact fraction m·2^e·10^digits.
 */
export function pyRound(x: number, digits: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  const [m, e] = exactBinary(x);
  const d = Math.max(-400, Math.min(400, Math.trunc(digits)));
  const num = m * (e > 0 ? 2n ** BigInt(e) : 1n) * (d > 0 ? 10n ** BigInt(d) : 1n);
  const den = (e < 0 ? 2n ** BigInt(-e) : 1n) * (d < 0 ? 10n ** BigInt(-d) : 1n);
  let q = num / den;
  const twice = 2n * (num % den < 0n ? -(num % den) : num % den);
  if (twice > den || (twice === den && q % 2n !== 0n)) q += num < 0n ? -1n : 1n;
  const out = Number(`${q}e${-d}`);
  return out === 0 && x < 0 ? -0 : out;
}

/** A finite double as m·2^e with m an integer (its 53-bit significand). */
function exactBinary(x: number): [bigint, number] {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const sign = bits >> 63n ? -1n : 1n;
  const exp = Number((bits >> 52n) & 0x7ffn);
  const frac = bits & 0xfffffffffffffn;
  return exp === 0 ? [sign * frac, -1074] : [sign * (frac | (1n << 52n)), exp - 1075];
}

function toInt(ctx: Ctx, value: unknown, dflt: unknown, base: number): unknown {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (isNumber(value)) return Math.trunc(toJsNumber(value));
  const s = toText(value, ctx).trim().replace(/_/g, '');
  if (base !== 10) {
    const body = s.replace(/^0[xob]/i, '');
    const n = parseInt(body, base);
    return Number.isNaN(n) || !/^[+-]?[0-9a-z]+$/i.test(body) ? dflt : n;
  }
  if (/^[+-]?\d+$/.test(s)) return Number(s);
  const f = Number(s);
  return s !== '' && !Number.isNaN(f) && /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s) ? Math.trunc(f) : dflt;
}

function toFloat(ctx: Ctx, value: unknown, dflt: unknown): unknown {
  if (isNumber(value) || typeof value === 'boolean') return num(toJsNumber(value), true);
  const s = toText(value, ctx).trim().replace(/_/g, '').toLowerCase();
  const special: Record<string, number> = {
    inf: Infinity,
    '+inf': Infinity,
    '-inf': -Infinity,
    infinity: Infinity,
    nan: NaN,
  };
  if (s in special) return special[s];
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(s)) return dflt;
  return num(Number(s), true);
}

function chunk(items: unknown[], size: number, fill: unknown): unknown[][] {
  const out: unknown[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  const last = out[out.length - 1];
  if (last && fill !== null && last.length < size) while (last.length < size) last.push(fill);
  return out;
}

function sliceInto(items: unknown[], slices: number, fill: unknown): unknown[][] {
  const per = Math.floor(items.length / slices);
  const extra = items.length % slices;
  const out: unknown[][] = [];
  let offset = 0;
  for (let i = 0; i < slices; i++) {
    const start = offset + i * per;
    if (i < extra) offset++;
    const end = offset + (i + 1) * per;
    const part = items.slice(start, end);
    if (fill !== null && i >= extra) part.push(fill);
    out.push(part);
  }
  return out;
}

/** A (grouper, list) tuple with .grouper and .list, as Jinja2's _GroupTuple. */
function groupTuple(grouper: unknown, list: unknown[]): readonly unknown[] {
  const t = tuple([grouper, list]);
  namedTupleFields.set(t, ['grouper', 'list']);
  return t;
}

function groupby(ctx: Ctx, value: unknown, a: unknown[], k: Map<string, unknown>): unknown {
  const [attribute, dflt, caseSensitive] = params(
    'groupby',
    [['attribute'], ['default', null], ['case_sensitive', false]],
    a,
    k,
  );
  const get = attrGetter(ctx, attribute);
  const keyOf = (v: unknown): unknown => {
    const x = get(v);
    return isUndefined(x) && dflt !== null ? dflt : x;
  };
  const fold = ignoreCase(caseSensitive);
  const sorted = sortBy(iterate(value, ctx), (v) => fold(keyOf(v)));
  const groups: { key: unknown; items: unknown[] }[] = [];
  for (const item of sorted) {
    const key = keyOf(item);
    const last = groups[groups.length - 1];
    if (last && pyEquals(fold(last.key), fold(key))) last.items.push(item);
    else groups.push({ key, items: [item] });
  }
  return groups.map((g) => groupTuple(g.key, g.items));
}

function selectOrReject(ctx: Ctx, value: unknown, a: unknown[], keep: boolean, attr?: unknown): unknown[] {
  // select_or_reject: `if value:` — a false value (0, False, None, '') yields nothing, unread
  if (!isUndefined(value) && !truthy(value, ctx)) return [];
  const [testName, ...testArgs] = a;
  const get = attrGetter(ctx, attr);
  const check =
    testName === undefined
      ? (v: unknown): boolean => truthy(v, ctx)
      : (v: unknown): boolean => ctx.callTest(String(testName), v, testArgs);
  return iterate(value, ctx).filter((item) => check(get(item)) === keep);
}

function mapFilter(ctx: Ctx, value: unknown, a: unknown[], k: Map<string, unknown>): unknown[] {
  // do_map: `if value:` — a false value maps to nothing
  if (!isUndefined(value) && !truthy(value, ctx)) return [];
  const items = iterate(value, ctx);
  if (!a.length && k.has('attribute')) {
    const get = attrGetter(ctx, k.get('attribute'));
    const hasDefault = k.has('default');
    return items.map((item) => {
      const v = get(item);
      return isUndefined(v) && hasDefault ? k.get('default') : v;
    });
  }
  const [name, ...rest] = a;
  if (name === undefined) return fail('FilterArgumentError', 'map requires a filter argument');
  return items.map((item) => ctx.callFilter(String(name), item, rest, k));
}

function sumFilter(ctx: Ctx, value: unknown, a: unknown[], k: Map<string, unknown>): unknown {
  const [attribute, start] = params(
    'sum',
    [
      ['attribute', null],
      ['start', 0],
    ],
    a,
    k,
  );
  const get = attrGetter(ctx, attribute);
  return iterate(value, ctx).reduce((acc, x) => add(acc, get(x)), start);
}

function dictsort(ctx: Ctx, value: unknown, a: unknown[], k: Map<string, unknown>): unknown[] {
  const [caseSensitive, by, reverse] = params(
    'dictsort',
    [
      ['case_sensitive', false],
      ['by', 'key'],
      ['reverse', false],
    ],
    a,
    k,
  );
  if (!isDict(value)) return fail('TypeError', `dictsort needs a dict, got ${typeName(value)}`);
  const pos =
    by === 'value' ? 1 : by === 'key' ? 0 : fail('FilterArgumentError', 'You can only sort by either "key" or "value"');
  const fold = ignoreCase(caseSensitive);
  return sortBy(
    dictEntries(value).map(([x, y]) => tuple([x, y])),
    (t) => fold((t as unknown[])[pos]),
    Boolean(reverse),
  );
}

function first(ctx: Ctx, value: unknown): unknown {
  const items = iterate(value, ctx);
  return items.length
    ? items[0]
    : new Undefined({ name: 'first', hint: 'No first item, sequence was empty.' }, 'first');
}

export const jinjaSequenceFilters: Record<string, FilterFn> = {
  length: (ctx, v) => pyLen(v, ctx),
  count: (ctx, v) => pyLen(v, ctx),
  first,
  last: (ctx, v) => {
    const items = iterate(v, ctx);
    return items.length
      ? items[items.length - 1]
      : new Undefined({ name: 'last', hint: 'No last item, sequence was empty.' }, 'last');
  },
  list: (ctx, v) => [...iterate(v, ctx)],
  reverse: (ctx, v) => (typeof v === 'string' ? [...v].reverse().join('') : [...iterate(v, ctx)].reverse()),
  sort: (ctx, v, a, k) => {
    const [reverse, caseSensitive, attribute] = params(
      'sort',
      [
        ['reverse', false],
        ['case_sensitive', false],
        ['attribute', null],
      ],
      a,
      k,
    );
    return sortBy([...iterate(v, ctx)], keyed(ctx, attribute, caseSensitive), Boolean(reverse));
  },
  unique: (ctx, v, a, k) => {
    const [caseSensitive, attribute] = params(
      'unique',
      [
        ['case_sensitive', false],
        ['attribute', null],
      ],
      a,
      k,
    );
    return uniqueBy(iterate(v, ctx), keyed(ctx, attribute, caseSensitive));
  },
  min: (ctx, v, a, k) => extreme(ctx, v, a, k, 'min', -1),
  max: (ctx, v, a, k) => extreme(ctx, v, a, k, 'max', 1),
  sum: sumFilter,
  join: (ctx, v, a, k) => {
    const [d, attribute] = params(
      'join',
      [
        ['d', ''],
        ['attribute', null],
      ],
      a,
      k,
    );
    const get = attrGetter(ctx, attribute);
    return iterate(v, ctx)
      .map((x) => toText(get(x), ctx))
      .join(toText(d, ctx));
  },
  map: mapFilter,
  select: (ctx, v, a) => selectOrReject(ctx, v, a, true),
  reject: (ctx, v, a) => selectOrReject(ctx, v, a, false),
  selectattr: (ctx, v, a) => selectOrReject(ctx, v, a.slice(1), true, a[0]),
  rejectattr: (ctx, v, a) => selectOrReject(ctx, v, a.slice(1), false, a[0]),
  groupby,
  dictsort,
  items: (ctx, v) => {
    if (isUndefined(v)) return [];
    if (!isDict(v)) return fail('TypeError', `Can only get item pairs from a mapping.`);
    return dictEntries(v).map(([x, y]) => tuple([x, y]));
  },
  batch: (ctx, v, a, k) => {
    const [linecount, fill] = params('batch', [['linecount'], ['fill_with', null]], a, k);
    return chunk(iterate(v, ctx), toJsNumber(linecount), fill);
  },
  slice: (ctx, v, a, k) => {
    const [slices, fill] = params('slice', [['slices'], ['fill_with', null]], a, k);
    return sliceInto(iterate(v, ctx), toJsNumber(slices), fill);
  },
  int: (ctx, v, a, k) => {
    const [dflt, base] = params(
      'int',
      [
        ['default', 0],
        ['base', 10],
      ],
      a,
      k,
    );
    // int(Undefined) is Undefined's own error, not a value int() refuses
    if (isUndefined(v)) return failUndefined(v, ctx.env.isAnsible);
    return toInt(ctx, v, dflt, toJsNumber(base));
  },
  float: (ctx, v, a, k) => {
    const [dflt] = params('float', [['default', new PyFloat(0)]], a, k);
    if (isUndefined(v)) return failUndefined(v, ctx.env.isAnsible);
    return toFloat(ctx, v, dflt);
  },
  // abs() of a bool is an int
  abs: (_ctx, v) =>
    isNumber(v) || typeof v === 'boolean'
      ? num(Math.abs(toJsNumber(v)), isFloat(v))
      : fail('TypeError', `bad operand type for abs(): '${typeName(v)}'`),
  round: (_ctx, v, a, k) => {
    const [precision, method] = params(
      'round',
      [
        ['precision', 0],
        ['method', 'common'],
      ],
      a,
      k,
    );
    const x = toJsNumber(v);
    const p = toJsNumber(precision);
    // round() of an int (or a bool) is an int
    if (method === 'common') return isFloat(v) ? num(pyRound(x, p), true) : pyRound(x, p);
    if (method !== 'ceil' && method !== 'floor')
      return fail('FilterArgumentError', 'method must be common, ceil or floor');
    const f = 10 ** p;
    return num((method === 'ceil' ? Math.ceil(x * f) : Math.floor(x * f)) / f, true);
  },
  default: (ctx, v, a, k) => {
    const [dflt, boolean] = params(
      'default',
      [
        ['default_value', ''],
        ['boolean', false],
      ],
      a,
      k,
    );
    if (isUndefined(v) || (boolean && !truthy(v, ctx))) return dflt;
    return v;
  },
  attr: (ctx, v, a) => getAttribute(v, String(a[0]), ctx, 'value'),
  random: (ctx, v) => {
    const items = iterate(v, ctx);
    return items[Math.floor(Math.random() * items.length)];
  },
  tojson: (_ctx, v, a, k) => {
    const [indent] = params('tojson', [['indent', null]], a, k);
    const text = pyJsonDumps(v, { sortKeys: true, indent: indent === null ? undefined : (indent as number) });
    return text.replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/'/g, '\\u0027');
  },
};
jinjaSequenceFilters.d = jinjaSequenceFilters.default as FilterFn;
