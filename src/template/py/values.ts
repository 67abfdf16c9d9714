// Python's value model on JavaScript values: None is null, bool is boolean, str is string,
// int is an integral number, float is a non-integral number or a PyFloat (an integral float
// such as 2.0 must stay a float), list is an Array, tuple is a frozen Array marked as a tuple,
// dict is a Map (insertion order, any key) or a plain object handed in by callers.
import { fail } from '../errors.js';

import { PyFloat } from '../../util/index.js';

export { PyFloat };

/** A Python dict as the engine builds it. */
export type PyDict = Map<unknown, unknown>;

const tuples = new WeakSet<readonly unknown[]>();

/** Marks an array as a Python tuple (repr with parentheses, immutable). */
export function tuple(items: unknown[]): readonly unknown[] {
  tuples.add(items);
  return Object.freeze(items);
}

export function isTuple(v: unknown): v is readonly unknown[] {
  return Array.isArray(v) && tuples.has(v);
}

/** A number as Python sees it: the result of float arithmetic stays a float. */
export function num(value: number, isFloatResult: boolean): number | PyFloat {
  return isFloatResult && Number.isInteger(value) ? new PyFloat(value) : value;
}

export function isNumber(v: unknown): v is number | PyFloat {
  return typeof v === 'number' || v instanceof PyFloat;
}

export function isInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v);
}

export function isFloat(v: unknown): v is number | PyFloat {
  return v instanceof PyFloat || (typeof v === 'number' && !Number.isInteger(v));
}

/** The JS number behind an int, float or bool (Python bools are ints). */
export function toJsNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (v instanceof PyFloat) return v.value;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return fail('TypeError', `expected a number, got ${typeName(v)}`);
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

export function isDict(v: unknown): v is PyDict | Record<string, unknown> {
  return v instanceof Map || isPlainObject(v);
}

export function isList(v: unknown): v is unknown[] {
  return Array.isArray(v);
}

export function dictGet(d: PyDict | Record<string, unknown>, key: unknown): unknown {
  if (d instanceof Map) {
    if (d.has(key)) return d.get(key);
    // True and 1 (False and 0) are one key in Python, whichever spelling the dict kept
    const twin = typeof key === 'boolean' ? Number(key) : key === 1 ? true : key === 0 ? false : undefined;
    return twin !== undefined && d.has(twin) ? d.get(twin) : MISSING;
  }
  if (typeof key !== 'string') return MISSING;
  return Object.prototype.hasOwnProperty.call(d, key) ? d[key] : MISSING;
}

export function dictHas(d: PyDict | Record<string, unknown>, key: unknown): boolean {
  return dictGet(d, key) !== MISSING;
}

export function dictKeys(d: PyDict | Record<string, unknown>): unknown[] {
  return d instanceof Map ? [...d.keys()] : Object.keys(d);
}

export function dictEntries(d: PyDict | Record<string, unknown>): [unknown, unknown][] {
  return d instanceof Map ? [...d.entries()] : Object.entries(d);
}

export function dictSize(d: PyDict | Record<string, unknown>): number {
  return d instanceof Map ? d.size : Object.keys(d).length;
}

/** A new dict (Map) with the given entries; a later key wins, as in Python. */
export function makeDict(entries: Iterable<[unknown, unknown]> = []): PyDict {
  const out = new Map<unknown, unknown>();
  for (const [k, v] of entries) out.set(hashKey(k, out), v);
  return out;
}

/**
 * The key a Map must use so Python's equal keys collide: 1, 1.0 and True are one key.
 * Existing keys are reused so the first spelling is kept, as Python does.
 */
export function hashKey(k: unknown, into?: PyDict): unknown {
  if (k instanceof PyFloat) k = k.value;
  if (typeof k === 'boolean') {
    const n = k ? 1 : 0;
    return into?.has(n) ? n : k;
  }
  if (into && typeof k === 'number') {
    for (const existing of into.keys()) if (typeof existing === 'boolean' && (existing ? 1 : 0) === k) return existing;
  }
  if (Array.isArray(k) && into) {
    for (const existing of into.keys()) if (Array.isArray(existing) && pyEqualsShallow(existing, k)) return existing;
  }
  return k;
}

function pyEqualsShallow(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Marker for "no such key" that cannot collide with a real value. */
export const MISSING: unique symbol = Symbol('missing');

/** A namespace() object: attributes can be assigned from inside loops. */
export class Namespace {
  readonly attrs = new Map<string, unknown>();
}

/** Python's type name, as used in error messages ("'int' object is not iterable"). */
// the Python classes runbook's own classes stand for
const PY_CLASS_NAMES: Record<string, string> = {
  PyDatetime: 'datetime',
  PyTimedelta: 'timedelta',
  Date: 'date',
  VaultText: 'AnsibleVaultEncryptedUnicode',
};

export function typeName(v: unknown): string {
  if (v === null || v === undefined) return 'NoneType';
  if (typeof v === 'boolean') return 'bool';
  if (isInt(v)) return 'int';
  if (isFloat(v)) return 'float';
  if (typeof v === 'string') return 'str';
  if (isTuple(v)) return 'tuple';
  if (Array.isArray(v)) return 'list';
  if (isDict(v)) return 'dict';
  if (typeof v === 'function') return 'function';
  if (v instanceof Namespace) return 'Namespace';
  const name = v.constructor?.name;
  return (name && PY_CLASS_NAMES[name]) ?? name ?? 'object';
}

/** Jinja2's object_type_repr: "dict object", "None". */
export function objectTypeRepr(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  return `${typeName(v)} object`;
}

/** Field names of named tuples (Jinja2's groupby results have .grouper and .list). */
export const namedTupleFields = new WeakMap<readonly unknown[], readonly string[]>();

/** Python's repr of type(v): `<class 'int'>`; an undefined value is Ansible's AnsibleUndefined. */
export function pyTypeRepr(v: unknown): string {
  const name = typeName(v);
  return name === 'Undefined' ? "<class 'ansible.template.native_helpers.AnsibleUndefined'>" : `<class '${name}'>`;
}
