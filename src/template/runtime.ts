// The runtime objects and lookups the evaluator shares with filters: callables, attribute
// and item lookup with Jinja2's order (attribute first for `.`, item first for `[]`),
// truth, iteration and output conversion under the two undefined policies.
import { VaultText } from './vault-text.js';
import { fail } from './errors.js';
import { Undefined, isUndefined, failUndefined, isStrict } from './undefined.js';
import {
  isDict,
  dictGet,
  dictKeys,
  MISSING,
  Namespace,
  namedTupleFields,
  isInt,
  typeName,
  PyFloat,
  toJsNumber,
  tuple,
} from './py/values.js';
import { pyStr } from './py/repr.js';
import { methodOf } from './py/methods.js';

import { PyFunction } from './py/callable.js';
export { PyFunction, type Kwargs } from './py/callable.js';

/** Objects with their own attributes (loop, macros, hostvars-like views). */
export interface AttributeSource {
  getAttr(name: string): unknown;
}

export function hasAttributes(v: unknown): v is AttributeSource {
  return typeof v === 'object' && v !== null && typeof (v as Partial<AttributeSource>).getAttr === 'function';
}

/**
 * A read-only mapping whose items are made when read (hostvars, a collections.abc.Mapping in
 * Ansible): its keys are what it iterates, measures and contains, and it has the Mapping
 * methods keys(), values(), items() and get().
 */
export interface MappingView extends AttributeSource {
  mappingKeys(): unknown[];
}

export function isMappingView(v: unknown): v is MappingView {
  return hasAttributes(v) && typeof (v as Partial<MappingView>).mappingKeys === 'function';
}

function mappingMethod(view: MappingView, name: string): PyFunction | undefined {
  const keys = (): unknown[] => view.mappingKeys();
  const item = (k: unknown): unknown => view.getAttr(String(k));
  switch (name) {
    case 'keys':
      return new PyFunction(name, () => keys());
    case 'values':
      return new PyFunction(name, () => keys().map(item));
    case 'items':
      return new PyFunction(name, () => keys().map((k) => tuple([k, item(k)])));
    case 'get':
      return new PyFunction(name, (args) => {
        const v = item(args[0]);
        return v === MISSING ? (args[1] ?? null) : v;
      });
    default:
      return undefined;
  }
}

/** How undefined values behave: Jinja2's lenient Undefined or Ansible's strict, chainable one. */
export interface UndefinedPolicy {
  readonly isAnsible: boolean;
}

/** `obj.name`: attribute first, then item (Jinja2's Environment.getattr). */
export function getAttribute(obj: unknown, name: string, policy: UndefinedPolicy, path: string): unknown {
  if (isUndefined(obj)) {
    if (isStrict(obj, policy.isAnsible)) return obj.extend(`.${name}`);
    return failUndefined(obj, false);
  }
  if (Array.isArray(obj)) {
    const field = namedTupleFields.get(obj)?.indexOf(name) ?? -1;
    if (field >= 0) return obj[field];
  }
  const method = methodOf(obj, name);
  if (method !== undefined) return method;
  if (obj instanceof Date) {
    const v = dateAttribute(obj, name);
    if (v !== MISSING) return v;
  }
  if (isDict(obj)) {
    const v = dictGet(obj, name);
    if (v !== MISSING) return v;
  } else if (obj instanceof Namespace) {
    if (obj.attrs.has(name)) return obj.attrs.get(name);
  } else if (hasAttributes(obj)) {
    const m = isMappingView(obj) ? mappingMethod(obj, name) : undefined;
    if (m) return m;
    const v = obj.getAttr(name);
    if (v !== MISSING) return v;
  }
  return new Undefined({ name, owner: { value: obj } }, `${path}.${name}`);
}

/** `obj[key]`: item first, then attribute (Jinja2's Environment.getitem). */
export function getItem(obj: unknown, key: unknown, policy: UndefinedPolicy, path: string): unknown {
  if (isUndefined(obj)) {
    if (isStrict(obj, policy.isAnsible)) return obj.extend(`[${pyStr(key)}]`);
    return failUndefined(obj, false);
  }
  if (isUndefined(key)) return failUndefined(key, policy.isAnsible);
  const found = lookupItem(obj, key);
  if (found !== MISSING) return found;
  if (typeof key === 'string') {
    const viaAttr = getAttribute(obj, key, policy, path);
    if (!isUndefined(viaAttr)) return viaAttr;
  }
  const isElement = typeof key !== 'string';
  return new Undefined(
    { name: isElement ? pyStr(key) : key, owner: { value: obj }, isElement },
    `${path}[${pyStr(key)}]`,
  );
}

function lookupItem(obj: unknown, key: unknown): unknown {
  if (isDict(obj)) return dictGet(obj, key instanceof PyFloat ? key.value : key);
  if (Array.isArray(obj) || typeof obj === 'string') {
    if (typeof key === 'boolean') key = key ? 1 : 0;
    // Environment.getitem: obj[key]'s TypeError (a str or float index) is caught like a missing
    // item — an attribute of that name for a str key, else undefined
    if (!isInt(key)) return MISSING;
    const idx = key < 0 ? obj.length + key : key;
    if (typeof obj === 'string') return idx >= 0 && idx < obj.length ? obj[idx] : MISSING;
    return idx >= 0 && idx < obj.length ? obj[idx] : MISSING;
  }
  if (obj instanceof Namespace && typeof key === 'string') return obj.attrs.has(key) ? obj.attrs.get(key) : MISSING;
  if (hasAttributes(obj) && typeof key === 'string') return obj.getAttr(key);
  return MISSING;
}

/** Python truth; Ansible's undefined fails here, Jinja2's is false. */
export function truthy(v: unknown, policy: UndefinedPolicy): boolean {
  if (v === null || v === undefined || v === false) return false;
  if (v === true) return true;
  if (typeof v === 'number') return v !== 0;
  if (v instanceof PyFloat) return v.value !== 0;
  if (typeof v === 'string') return v.length > 0;
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof Map) return v.size > 0;
  if (isDict(v)) return Object.keys(v).length > 0;
  if (isUndefined(v)) return isStrict(v, policy.isAnsible) ? failUndefined(v, true) : false;
  if (typeof v === 'bigint') return v !== 0n;
  // AnsibleVaultEncryptedUnicode.__len__ opens it (a value the run could not decrypt fails here)
  if (v instanceof VaultText) return v.toString().length > 0;
  if (isMappingView(v)) return v.mappingKeys().length > 0;
  return true;
}

/** Python iteration: str by character, dict by key; undefined iterates empty in Jinja2. */
export function iterate(v: unknown, policy: UndefinedPolicy): unknown[] {
  if (Array.isArray(v)) return v;
  if (typeof v === 'string') return [...v];
  if (isDict(v)) return dictKeys(v);
  if (isUndefined(v)) return isStrict(v, policy.isAnsible) ? failUndefined(v, true) : [];
  if (v instanceof Set) return [...(v as Set<unknown>)];
  if (isMappingView(v)) return v.mappingKeys();
  return fail('TypeError', `'${typeName(v)}' object is not iterable`);
}

/** len(): characters, items or keys. */
export function pyLen(v: unknown, policy: UndefinedPolicy): number {
  if (typeof v === 'string') return [...v].length;
  if (Array.isArray(v)) return v.length;
  if (isDict(v)) return dictKeys(v).length;
  if (isUndefined(v)) return isStrict(v, policy.isAnsible) ? failUndefined(v, true) : 0;
  if (isMappingView(v)) return v.mappingKeys().length;
  return fail('TypeError', `object of type '${typeName(v)}' has no len()`);
}

/** str() that honours the undefined policy (Jinja2 prints '' for undefined). */
export function toText(v: unknown, policy: UndefinedPolicy): string {
  if (isUndefined(v)) return isStrict(v, policy.isAnsible) ? failUndefined(v, true) : '';
  return pyStr(v);
}

/** Python int() of a value, as the int filter needs. */
export function intOf(v: unknown): number {
  return Math.trunc(toJsNumber(v));
}

/** A datetime's fields (now() gives one): year … microsecond, as Python's datetime has them. */
function dateAttribute(d: Date, name: string): unknown {
  const fields: Record<string, () => number> = {
    year: () => d.getFullYear(),
    month: () => d.getMonth() + 1,
    day: () => d.getDate(),
    hour: () => d.getHours(),
    minute: () => d.getMinutes(),
    second: () => d.getSeconds(),
    microsecond: () => d.getMilliseconds() * 1000,
  };
  return fields[name]?.() ?? MISSING;
}
