// JMESPath's interpreter and functions as python-jmespath 1.0.1 runs them (jmespath/visitor.py
// and functions.py), on runbook's Python values: Python's == and < (a str and an int do not
// compare: TypeError), its falsiness ('' [] {} None False; 0 is true), int/float results, and the
// type checks with Python's type names, widened as community.general's json_query widens them
// (AnsibleUnicode, AnsibleUnsafeText, AnsibleSequence, AnsibleMapping count as string, array, object).
import { fail } from '../errors.js';
import { pyJsonDumps } from '../py/json.js';
import { pyCompare, pyEquals } from '../py/ops.js';
import { pyStr } from '../py/repr.js';
import { pySlice } from '../py/slice.js';
import { PyFloat, dictEntries, dictGet, isDict, isTuple, MISSING, num, toJsNumber, typeName } from '../py/values.js';
import { JmesPathError, parseJmesPath, type JmesNode } from './parse.js';

/** An expression reference (&expr), as functions like sort_by take it. */
class Expref {
  constructor(readonly node: JmesNode) {}
}

const isList = (v: unknown): v is unknown[] => Array.isArray(v) && !isTuple(v);
const isNumber = (v: unknown): v is number | PyFloat => typeof v === 'number' || v instanceof PyFloat;

/** TYPES_MAP: a Python type name as JMESPath names it. */
function jmesType(v: unknown): string {
  const name = v instanceof Expref ? '_Expression' : typeName(v);
  const map: Record<string, string> = {
    bool: 'boolean',
    list: 'array',
    dict: 'object',
    NoneType: 'null',
    str: 'string',
    float: 'number',
    int: 'number',
    _Expression: 'expref',
  };
  return map[name] ?? 'unknown';
}

const pyTypeName = (v: unknown): string => (v instanceof Expref ? '_Expression' : typeName(v));

/** _is_false: '' [] {} None False (0 is true). */
function isFalse(v: unknown): boolean {
  return (
    v === '' ||
    v === null ||
    v === undefined ||
    v === false ||
    (isList(v) && v.length === 0) ||
    (isDict(v) && dictEntries(v).length === 0)
  );
}

/** _equals: Python ==, except that 0 and 1 are not equal to False and True. */
function equals(x: unknown, y: unknown): boolean {
  const special = (a: unknown, b: unknown): boolean =>
    isNumber(a) && (toJsNumber(a) === 0 || toJsNumber(a) === 1) && typeof b === 'boolean';
  if (special(x, y) || special(y, x)) return false;
  return pyEquals(x, y);
}

const COMPARE_OPS: Record<string, [string, (c: number) => boolean]> = {
  lt: ['<', (c) => c < 0],
  gt: ['>', (c) => c > 0],
  lte: ['<=', (c) => c <= 0],
  gte: ['>=', (c) => c >= 0],
};

function visit(n: JmesNode, value: unknown): unknown {
  const [a, b, c] = n.children;
  switch (n.type) {
    case 'subexpression':
    case 'index_expression':
    case 'pipe':
      return n.children.reduce((v, child) => visit(child, v), value);
    case 'field': {
      if (!isDict(value)) return null;
      const got = dictGet(value, n.value);
      return got === MISSING ? null : got;
    }
    case 'comparator':
      return compare(String(n.value), visit(a as JmesNode, value), visit(b as JmesNode, value));
    case 'current':
    case 'identity':
      return value;
    case 'expref':
      return new Expref(a as JmesNode);
    case 'function_expression':
      return callFunction(
        String(n.value),
        n.children.map((child) => visit(child, value)),
      );
    case 'filter_projection': {
      const base = visit(a as JmesNode, value);
      if (!isList(base)) return null;
      return base.flatMap((el) => (isFalse(visit(c as JmesNode, el)) ? [] : keep(visit(b as JmesNode, el))));
    }
    case 'flatten': {
      const base = visit(a as JmesNode, value);
      if (!isList(base)) return null;
      return base.flatMap((el) => (isList(el) ? el : [el]));
    }
    case 'index': {
      if (!isList(value)) return null;
      const i = Number(n.value);
      const at = i < 0 ? value.length + i : i;
      return at >= 0 && at < value.length ? value[at] : null;
    }
    case 'slice': {
      if (!isList(value)) return null;
      const [start, stop, step] = n.value as (number | null)[];
      return pySlice(value, start, stop, step);
    }
    case 'key_val_pair':
      return visit(a as JmesNode, value);
    case 'literal':
      return n.value;
    case 'multi_select_dict':
      if (value === null || value === undefined) return null;
      return new Map(n.children.map((child) => [child.value, visit(child, value)]));
    case 'multi_select_list':
      if (value === null || value === undefined) return null;
      return n.children.map((child) => visit(child, value));
    case 'or_expression': {
      const matched = visit(a as JmesNode, value);
      return isFalse(matched) ? visit(b as JmesNode, value) : matched;
    }
    case 'and_expression': {
      const matched = visit(a as JmesNode, value);
      return isFalse(matched) ? matched : visit(b as JmesNode, value);
    }
    case 'not_expression': {
      const v = visit(a as JmesNode, value);
      if (isNumber(v) && toJsNumber(v) === 0) return false;
      return !pyTruth(v);
    }
    case 'projection': {
      const base = visit(a as JmesNode, value);
      if (!isList(base)) return null;
      return base.flatMap((el) => keep(visit(b as JmesNode, el)));
    }
    case 'value_projection': {
      const base = visit(a as JmesNode, value);
      if (!isDict(base)) return null;
      return dictEntries(base).flatMap(([, el]) => keep(visit(b as JmesNode, el)));
    }
    default:
      throw new Error(`jmespath: no visitor for ${n.type}`);
  }
}

/** A projection keeps what is not None. */
const keep = (v: unknown): unknown[] => (v === null || v === undefined ? [] : [v]);

/** Python's truth of a value (bool()). */
function pyTruth(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === '') return false;
  if (isNumber(v)) return toJsNumber(v) !== 0;
  if (Array.isArray(v)) return v.length > 0;
  if (isDict(v)) return dictEntries(v).length > 0;
  return true;
}

function compare(op: string, left: unknown, right: unknown): unknown {
  if (op === 'eq') return equals(left, right);
  if (op === 'ne') return !equals(left, right);
  const comparable = (v: unknown): boolean => isNumber(v) || typeof v === 'string';
  if (!comparable(left) || !comparable(right)) return null;
  const [symbol, holds] = COMPARE_OPS[op] ?? ['<', (x: number) => x < 0];
  return holds(pyCompare(left, right, symbol));
}

// REVERSE_TYPES_MAP with json_query's additions: the Python types each JMESPath type accepts
const PY_TYPES: Record<string, string[]> = {
  boolean: ['bool'],
  array: ['list', '_Projection', 'AnsibleSequence'],
  object: ['dict', 'OrderedDict', 'AnsibleMapping'],
  null: ['NoneType'],
  string: ['unicode', 'str', 'AnsibleUnicode', 'AnsibleUnsafeText'],
  number: ['float', 'int', 'long'],
  expref: ['_Expression'],
};

const pyTypes = (types: string[]): string => `[${types.map((t) => `'${t}'`).join(', ')}]`;

function typeError(fn: string, value: unknown, actual: string, expected: string[]): never {
  throw new JmesPathError(
    `In function ${fn}(), invalid type for value: ${pyStr(value)}, expected one of: ${pyTypes(expected)}, received: "${actual}"`,
  );
}

/** _type_check_single: the value's type, and an array's elements' where the signature says. */
function checkType(fn: string, value: unknown, types: string[]): void {
  const allowed = types.flatMap((t) => PY_TYPES[t.split('-')[0] ?? ''] ?? []);
  const subtypes = types.filter((t) => t.includes('-')).map((t) => PY_TYPES[t.split('-')[1] ?? ''] ?? []);
  const actual = pyTypeName(value);
  if (!allowed.includes(actual)) typeError(fn, value, jmesType(value), types);
  if (!subtypes.length || !Array.isArray(value)) return;
  let want = subtypes[0] ?? [];
  if (subtypes.length > 1) {
    if (!value.length) return;
    const first = pyTypeName(value[0]);
    const found = subtypes.find((s) => s.includes(first));
    if (!found) typeError(fn, value[0], first, types);
    want = found;
  }
  for (const el of value) if (!want.includes(pyTypeName(el))) typeError(fn, el, pyTypeName(el), types);
}

interface Signature {
  types: string[][];
  variadic?: boolean;
}

const sig = (...types: string[][]): Signature => ({ types });

function keyFunc(fn: string, ref: Expref, allowed: string[]): (x: unknown) => unknown {
  return (x) => {
    const result = visit(ref.node, x);
    const type = jmesType(result);
    if (!allowed.includes(type)) typeError(fn, result, type, allowed);
    return result;
  };
}

/** max()/min() of Python: the first greatest (least) by key. */
function extreme(items: unknown[], key: (x: unknown) => unknown, sign: number): unknown {
  let best = items[0];
  let bestKey = key(best);
  for (const item of items.slice(1)) {
    const k = key(item);
    if (pyCompare(k, bestKey, sign > 0 ? '>' : '<') * sign > 0) [best, bestKey] = [item, k];
  }
  return best;
}

/** sorted() by key, stable. */
function sortedBy(items: unknown[], key: (x: unknown) => unknown): unknown[] {
  const keyed = items.map((item) => ({ item, k: key(item) }));
  keyed.sort((x, y) => pyCompare(x.k, y.k, '<'));
  return keyed.map((e) => e.item);
}

/** int() then float() of a string, as to_number tries them. */
function toNumber(text: string): unknown {
  const t = text.trim().replace(/(\d)_(?=\d)/g, '$1');
  if (/^[-+]?\d+$/.test(t)) return parseInt(t, 10);
  if (/^[-+]?(\d+\.?\d*([eE][-+]?\d+)?|\.\d+([eE][-+]?\d+)?|inf(inity)?|nan)$/i.test(t))
    return num(Number(t.replace(/^([-+]?)inf(inity)?$/i, '$1Infinity').replace(/^[-+]?nan$/i, 'NaN')), true);
  return null;
}

function sum(items: unknown[]): unknown {
  const total = items.reduce<number>((acc, x) => acc + toJsNumber(x), 0);
  return num(
    total,
    items.some((x) => x instanceof PyFloat || (typeof x === 'number' && !Number.isInteger(x))),
  );
}

const FUNCTIONS: Record<string, [Signature, (...args: unknown[]) => unknown]> = {
  abs: [sig(['number']), (x) => (x instanceof PyFloat ? new PyFloat(Math.abs(x.value)) : Math.abs(x as number))],
  avg: [
    sig(['array-number']),
    (x) => ((x as unknown[]).length ? num(toJsNumber(sum(x as unknown[])) / (x as unknown[]).length, true) : null),
  ],
  not_null: [{ types: [[]], variadic: true }, (...args) => args.find((a) => a !== null && a !== undefined) ?? null],
  to_array: [sig([]), (x) => (isList(x) ? x : [x])],
  to_string: [sig([]), (x) => (typeof x === 'string' ? x : pyJsonDumps(x, { separators: [',', ':'] }))],
  to_number: [
    sig([]),
    (x) =>
      x === null || x === undefined || typeof x === 'boolean' || Array.isArray(x) || isDict(x)
        ? null
        : isNumber(x)
          ? x
          : toNumber(String(x)),
  ],
  contains: [
    sig(['array', 'string'], []),
    (subject, search) => {
      if (Array.isArray(subject)) return subject.some((x) => pyEquals(x, search));
      if (typeof search !== 'string')
        return fail('TypeError', `'in <string>' requires string as left operand, not ${typeName(search)}`);
      return (subject as string).includes(search);
    },
  ],
  length: [
    sig(['string', 'array', 'object']),
    (x) =>
      typeof x === 'string'
        ? Array.from(x).length
        : Array.isArray(x)
          ? x.length
          : dictEntries(x as Map<unknown, unknown>).length,
  ],
  ends_with: [sig(['string'], ['string']), (s, suffix) => (s as string).endsWith(suffix as string)],
  starts_with: [sig(['string'], ['string']), (s, prefix) => (s as string).startsWith(prefix as string)],
  reverse: [
    sig(['array', 'string']),
    (x) => (typeof x === 'string' ? Array.from(x).reverse().join('') : [...(x as unknown[])].reverse()),
  ],
  ceil: [sig(['number']), (x) => Math.ceil(toJsNumber(x))],
  floor: [sig(['number']), (x) => Math.floor(toJsNumber(x))],
  join: [sig(['string'], ['array-string']), (sep, items) => (items as string[]).join(sep as string)],
  map: [sig(['expref'], ['array']), (ref, items) => (items as unknown[]).map((el) => visit((ref as Expref).node, el))],
  max: [
    sig(['array-number', 'array-string']),
    (x) => ((x as unknown[]).length ? extreme(x as unknown[], (v) => v, 1) : null),
  ],
  min: [
    sig(['array-number', 'array-string']),
    (x) => ((x as unknown[]).length ? extreme(x as unknown[], (v) => v, -1) : null),
  ],
  merge: [
    { types: [['object']], variadic: true },
    (...maps) => new Map(maps.flatMap((m) => dictEntries(m as Map<unknown, unknown>))),
  ],
  sort: [sig(['array-string', 'array-number']), (x) => sortedBy(x as unknown[], (v) => v)],
  sum: [sig(['array-number']), (x) => sum(x as unknown[])],
  keys: [sig(['object']), (x) => dictEntries(x as Map<unknown, unknown>).map(([k]) => k)],
  values: [sig(['object']), (x) => dictEntries(x as Map<unknown, unknown>).map(([, v]) => v)],
  type: [
    sig([]),
    (x) => {
      const t = jmesType(x);
      return t === 'unknown' || t === 'expref' ? null : t;
    },
  ],
  sort_by: [
    sig(['array'], ['expref']),
    (items, ref) => {
      const list = items as unknown[];
      if (!list.length) return list;
      const required = jmesType(visit((ref as Expref).node, list[0]));
      if (required !== 'number' && required !== 'string') typeError('sort_by', list[0], required, ['string', 'number']);
      return sortedBy(list, keyFunc('sort_by', ref as Expref, [required]));
    },
  ],
  min_by: [
    sig(['array'], ['expref']),
    (items, ref) =>
      (items as unknown[]).length
        ? extreme(items as unknown[], keyFunc('min_by', ref as Expref, ['number', 'string']), -1)
        : null,
  ],
  max_by: [
    sig(['array'], ['expref']),
    (items, ref) =>
      (items as unknown[]).length
        ? extreme(items as unknown[], keyFunc('max_by', ref as Expref, ['number', 'string']), 1)
        : null,
  ],
};

function callFunction(name: string, args: unknown[]): unknown {
  const spec = Object.prototype.hasOwnProperty.call(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
  if (!spec) throw new JmesPathError(`Unknown function: ${name}()`);
  const [signature, fn] = spec;
  const expected = signature.types.length;
  const plural = (n: number): string => (n === 1 ? 'argument' : 'arguments');
  if (signature.variadic ? args.length < expected : args.length !== expected)
    throw new JmesPathError(
      `Expected ${signature.variadic ? 'at least ' : ''}${expected} ${plural(expected)} for function ${name}(), received ${args.length}`,
    );
  signature.types.forEach((types, i) => {
    if (types.length) checkType(name, args[i], types);
  });
  return fn(...args);
}

/** jmespath.search(expression, data). */
export function jmesSearch(expression: string, data: unknown): unknown {
  return visit(parseJmesPath(expression), data);
}

export { JmesPathError };
