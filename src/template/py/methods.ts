// The str, list and dict methods templates call (`'a,b'.split(',')`, `d.items()`,
// `'{}'.format(x)`), with Python's semantics.
import { fail } from '../errors.js';
import { PyFunction, type Kwargs } from './callable.js';
import { bindArgs } from './bind-args.js';
import { isDict, dictGet, dictKeys, dictEntries, MISSING, tuple, isInt, typeName, hashKey } from './values.js';
import { pyStr } from './repr.js';
import { pyEquals } from './ops.js';
import { formatBraces } from './str-format.js';
import { strMethods } from './str-methods.js';

type Method = (self: never, args: unknown[], kwargs: Kwargs) => unknown;

const listMethods: Record<string, (self: unknown[], args: unknown[], kwargs: Kwargs) => unknown> = {
  index: (self, args) => {
    const i = self.findIndex((x) => pyEquals(x, args[0]));
    return i >= 0 ? i : fail('ValueError', `${pyStr(args[0])} is not in list`);
  },
  count: (self, args) => self.filter((x) => pyEquals(x, args[0])).length,
  append: (self, args) => {
    self.push(args[0]);
    return null;
  },
  extend: (self, args) => {
    self.push(...(args[0] as unknown[]));
    return null;
  },
  insert: (self, args) => {
    self.splice(Number(args[0]), 0, args[1]);
    return null;
  },
  pop: (self, args) => {
    if (!self.length) return fail('IndexError', 'pop from empty list');
    const i = args.length ? Number(args[0]) : -1;
    return self.splice(i < 0 ? self.length + i : i, 1)[0];
  },
  remove: (self, args) => {
    const i = self.findIndex((x) => pyEquals(x, args[0]));
    if (i < 0) return fail('ValueError', 'list.remove(x): x not in list');
    self.splice(i, 1);
    return null;
  },
  reverse: (self) => {
    self.reverse();
    return null;
  },
  copy: (self) => [...self],
};

type AnyDict = Map<unknown, unknown> | Record<string, unknown>;

const dictMethods: Record<string, (self: AnyDict, args: unknown[], kwargs: Kwargs) => unknown> = {
  items: (self) => dictEntries(self).map(([k, v]) => tuple([k, v])),
  keys: (self) => dictKeys(self),
  values: (self) => dictEntries(self).map(([, v]) => v),
  get: (self, args) => {
    const [key, dflt] = bindArgs('get', [['key'], ['default', null]], args);
    const v = dictGet(self, key);
    return v === MISSING ? dflt : v;
  },
  copy: (self) => new Map(dictEntries(self)),
  update: (self, args, kwargs) => {
    const entries = [...(args[0] !== undefined ? dictEntries(args[0] as AnyDict) : []), ...kwargs];
    for (const [k, v] of entries) setKey(self, k, v);
    return null;
  },
  pop: (self, args) => {
    const v = dictGet(self, args[0]);
    if (v === MISSING) return args.length > 1 ? args[1] : fail('KeyError', pyStr(args[0]));
    if (self instanceof Map) self.delete(args[0]);
    else delete self[String(args[0])];
    return v;
  },
  setdefault: (self, args) => {
    const v = dictGet(self, args[0]);
    if (v !== MISSING) return v;
    setKey(self, args[0], args[1] ?? null);
    return args[1] ?? null;
  },
};

function setKey(d: AnyDict, k: unknown, v: unknown): void {
  if (d instanceof Map) d.set(hashKey(k, d), v);
  else d[String(k)] = v;
}

function bound(name: string, self: unknown, method: Method): PyFunction {
  return new PyFunction(name, (args, kwargs) => method(self as never, args, kwargs));
}

/** The bound method `obj.name`, or undefined when the type has no such method. */
export function methodOf(obj: unknown, name: string): PyFunction | undefined {
  if (typeof obj === 'string') {
    if (name === 'format') return new PyFunction('format', (args, kwargs) => formatBraces(obj, args, kwargs));
    const m = Object.prototype.hasOwnProperty.call(strMethods, name) ? strMethods[name] : undefined;
    return m ? bound(name, obj, m) : undefined;
  }
  if (Array.isArray(obj)) {
    const m = Object.prototype.hasOwnProperty.call(listMethods, name) ? listMethods[name] : undefined;
    if (!m) return undefined;
    if (Object.isFrozen(obj) && !['index', 'count'].includes(name)) return undefined;
    return bound(name, obj, m);
  }
  if (isDict(obj)) {
    const m = Object.prototype.hasOwnProperty.call(dictMethods, name) ? dictMethods[name] : undefined;
    return m ? bound(name, obj, m) : undefined;
  }
  if (isInt(obj) && name === 'bit_length') return new PyFunction(name, () => Math.abs(obj).toString(2).length);
  return undefined;
}

export { typeName };
