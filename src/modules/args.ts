// Ansible-style argument specs (module_utils/common/arg_spec.py): types with Ansible's
// coercions (yes/no booleans, '0644' modes stay strings), aliases, defaults, choices,
// required, and Ansible's messages for unknown or missing arguments.

import { pyStr } from '../template/index.js';
export type ArgType = 'str' | 'bool' | 'int' | 'float' | 'path' | 'list' | 'dict' | 'raw';

export interface ArgDef {
  type: ArgType;
  description: string;
  required?: boolean;
  default?: unknown;
  aliases?: string[];
  choices?: readonly unknown[];
  /** Element type for lists. */
  elements?: ArgType;
  noLog?: boolean;
  /** The action plugin's own option (template's trim_blocks): accepted, but not the module's. */
  action?: boolean;
  /** An option Ansible applies and runbook does not yet: refused with this reason when given. */
  notApplied?: string;
}

export type ArgSpec = Record<string, ArgDef>;

/** AnsibleModule's checks across options (module_utils/common/validation.py at stable-2.14). */
export interface ArgRules {
  mutuallyExclusive?: string[][];
  requiredTogether?: string[][];
  requiredOneOf?: string[][];
  /** [option, value, requirements, any-of-them-is-enough]. */
  requiredIf?: [string, unknown, string[], boolean?][];
  requiredBy?: Record<string, string[]>;
}

/** A module argument problem: Ansible reports these as a failed task. */
export class ModuleArgError extends Error {}

const TRUE = new Set(['yes', 'on', '1', 'true', 'y', 't']);
const FALSE = new Set(['no', 'off', '0', 'false', 'n', 'f', '']);

function pyTypeName(v: unknown): string {
  if (v === null) return "<class 'NoneType'>";
  if (Array.isArray(v)) return "<class 'list'>";
  if (v instanceof Map) return "<class 'dict'>";
  return `<class '${typeof v === 'number' ? (Number.isInteger(v) ? 'int' : 'float') : typeof v === 'boolean' ? 'bool' : 'str'}'>`;
}

/** check_type_list's TypeError for anything but a list, a string or a number. */
function listRefused(v: unknown, name: string): never {
  throw new ModuleArgError(
    `argument '${name}' is of type ${pyTypeName(v)} and we were unable to convert to list: ${pyTypeName(v)} cannot be converted to a list`,
  );
}

function toStr(v: unknown, name: string): string {
  if (typeof v === 'string') return v;
  if (
    typeof v === 'number' ||
    typeof v === 'boolean' ||
    (typeof v === 'object' && v !== null && 'value' in v && typeof v.value === 'number')
  ) {
    return typeof v === 'boolean' ? (v ? 'True' : 'False') : String(Number(v));
  }
  throw new ModuleArgError(`argument '${name}' is of type ${pyTypeName(v)} and we were unable to convert to str`);
}

/** Coerces one value to a spec type as Ansible's checkers do. */
export function coerce(v: unknown, type: ArgType, name: string, elements?: ArgType): unknown {
  if (v === null || v === undefined) return v;
  switch (type) {
    case 'raw':
      return v;
    case 'str':
    case 'path':
      return toStr(v, name);
    case 'bool': {
      if (typeof v === 'boolean') return v;
      const s = String(typeof v === 'number' ? v : v).toLowerCase();
      if (TRUE.has(s)) return true;
      if (FALSE.has(s)) return false;
      throw new ModuleArgError(
        `argument '${name}' is of type ${pyTypeName(v)} and we were unable to convert to bool: The value '${String(v)}' is not a valid boolean.  Valid booleans include: 0, 'on', 'f', 'false', 1, 'no', 'n', '1', '0', 't', 'y', 'off', 'yes', 'true'`,
      );
    }
    case 'int': {
      const n =
        typeof v === 'string' && /^-?\d+$/.test(v.trim())
          ? Number(v)
          : typeof v === 'number' || (typeof v === 'object' && v !== null)
            ? Number(v)
            : NaN;
      if (!Number.isInteger(n))
        throw new ModuleArgError(
          `argument '${name}' is of type ${pyTypeName(v)} and we were unable to convert to int: ${pyTypeName(v)} cannot be converted to an int`,
        );
      return n;
    }
    case 'float': {
      const n = Number(v);
      if (Number.isNaN(n))
        throw new ModuleArgError(
          `argument '${name}' is of type ${pyTypeName(v)} and we were unable to convert to float`,
        );
      return n;
    }
    case 'list': {
      // check_type_list: a string split on commas as it is (no stripping), a number as its str
      const list = Array.isArray(v)
        ? v
        : typeof v === 'string'
          ? v.split(',')
          : typeof v === 'number' || typeof v === 'boolean'
            ? [pyStr(v)]
            : listRefused(v, name);
      return elements ? list.map((x) => coerce(x, elements, name)) : list;
    }
    case 'dict': {
      if (v instanceof Map) return v;
      if (typeof v === 'string' && v.includes('='))
        return new Map(
          v
            .split(/[\s,]+/)
            .filter(Boolean)
            .map((kv) => kv.split('=', 2) as [string, string]),
        );
      throw new ModuleArgError(`argument '${name}' is of type ${pyTypeName(v)} and we were unable to convert to dict`);
    }
  }
}

/** A spec's names by name and alias, and its entries: made once per spec, not at every task and host. */
const SPEC_INDEX = new WeakMap<ArgSpec, SpecIndex>();

interface SpecIndex {
  byAlias: Map<string, string>;
  entries: [string, ArgDef][];
}

function specIndex(spec: ArgSpec): SpecIndex {
  let index = SPEC_INDEX.get(spec);
  if (!index) {
    const byAlias = new Map<string, string>();
    for (const [name, def] of Object.entries(spec)) {
      byAlias.set(name, name);
      for (const a of def.aliases ?? []) byAlias.set(a, name);
    }
    index = { byAlias, entries: Object.entries(spec) };
    SPEC_INDEX.set(spec, index);
  }
  return index;
}

/**
 * Validates raw task arguments against a spec; returns the typed values by canonical name.
 * ArgumentSpecValidator.validate's order (module_utils/common/arg_spec.py at stable-2.14):
 * unknown names are collected first but reported last, after a missing required argument, a
 * value of the wrong type or outside its choices — AnsibleModule fails with the first error.
 * `invokedAs` is the name the module runs under (AnsibleModule._name: ansible.legacy.copy when
 * the copy action runs it), which the unsupported-parameters message names.
 */
export function validateArgs(
  module: string,
  spec: ArgSpec,
  raw: Map<string, unknown>,
  invokedAs = module,
  rules: ArgRules = {},
): Record<string, unknown> {
  const { byAlias, entries } = specIndex(spec);
  const unknown = [...raw.keys()].filter((k) => !byAlias.has(k) && !k.startsWith('_ansible_'));
  // check_required_arguments: a name given at all (even as null) is there; sorted
  const given = new Set([...raw.keys()].map((k) => byAlias.get(k) ?? k));
  // the rules name Ansible's options, which may be aliases here (apt's package)
  const has = (n: string): boolean => given.has(byAlias.get(n) ?? n);
  mutuallyExclusive(rules, has);
  const missing = entries
    .filter(([n, d]) => d.required && !given.has(n))
    .map(([n]) => n)
    .sort();
  if (missing.length) throw new ModuleArgError(`missing required arguments: ${missing.join(', ')}`);
  const out: Record<string, unknown> = {};
  for (const [key, value] of raw) {
    const name = byAlias.get(key) ?? key;
    const def = spec[name];
    if (def) out[name] = coerce(value, def.type, name, def.elements);
  }
  for (const [name, def] of entries) {
    if (out[name] === undefined && def.default !== undefined) out[name] = def.default;
    const v = out[name];
    if (def.choices && v !== undefined && v !== null && !def.choices.some((c) => c === v)) {
      throw new ModuleArgError(
        `value of ${name} must be one of: ${def.choices.map(String).join(', ')}, got: ${String(v)}`,
      );
    }
  }
  // the first _set_defaults pass: an option with a default counts as given in these checks
  for (const [name, def] of entries) if (def.default !== undefined && def.default !== null) given.add(name);
  crossChecks(rules, has, (n) => out[byAlias.get(n) ?? n]);
  if (unknown.length) throw new ModuleArgError(unsupportedMessage(invokedAs, spec, unknown));
  for (const [name, def] of entries)
    if (def.notApplied && out[name] !== undefined && out[name] !== null && out[name] !== def.default)
      throw new ModuleArgError(`runbook does not apply ${name} of the ${module} module yet: ${def.notApplied}`);
  return out;
}

/**
 * "Unsupported parameters for (NAME) module: A, B. Supported parameters include: x, y (alias,
 * …)." — the module's own options sorted, their aliases after them in parentheses; the options
 * an action plugin takes for itself (`action`) are not the module's.
 */
function unsupportedMessage(invokedAs: string, spec: ArgSpec, unknown: string[]): string {
  const own = Object.entries(spec).filter(([, d]) => !d.action);
  const names = own.map(([n]) => n).sort();
  const aliases = own.flatMap(([, d]) => d.aliases ?? []).sort();
  const supported = `${names.join(', ')}${aliases.length ? ` (${aliases.join(', ')})` : ''}`;
  return `Unsupported parameters for (${invokedAs}) module: ${[...unknown].sort().join(', ')}. Supported parameters include: ${supported}.`;
}

type Has = (name: string) => boolean;
const count = (terms: string[], has: Has): number => terms.filter(has).length;

/** check_mutually_exclusive: every set that has more than one of its options given. */
function mutuallyExclusive(rules: ArgRules, has: Has): void {
  const clashing = (rules.mutuallyExclusive ?? []).filter((terms) => count(terms, has) > 1);
  if (clashing.length)
    throw new ModuleArgError(`parameters are mutually exclusive: ${clashing.map((t) => t.join('|')).join(', ')}`);
}

/** _ADDITIONAL_CHECKS in their order: required_together, required_one_of, required_if, required_by. */
function crossChecks(rules: ArgRules, has: Has, value: (name: string) => unknown): void {
  for (const terms of rules.requiredTogether ?? []) {
    const n = count(terms, has);
    if (n > 0 && n < terms.length) throw new ModuleArgError(`parameters are required together: ${terms.join(', ')}`);
  }
  for (const terms of rules.requiredOneOf ?? [])
    if (count(terms, has) === 0) throw new ModuleArgError(`one of the following is required: ${terms.join(', ')}`);
  for (const [key, val, requirements, anyOf] of rules.requiredIf ?? []) {
    if (!has(key) || value(key) !== val) continue;
    const missing = requirements.filter((r) => !has(r));
    if (missing.length && missing.length >= (anyOf ? requirements.length : 0))
      throw new ModuleArgError(
        `${key} is ${pyText(val)} but ${anyOf ? 'any' : 'all'} of the following are missing: ${missing.join(', ')}`,
      );
  }
  for (const [key, needs] of Object.entries(rules.requiredBy ?? {})) {
    if (!has(key) || value(key) === null || value(key) === undefined) continue;
    const missing = needs.filter((n) => !has(n) || value(n) === null || value(n) === undefined);
    if (missing.length) throw new ModuleArgError(`missing parameter(s) required by '${key}': ${missing.join(', ')}`);
  }
}

/** str() of a required_if value (True, 'present'). */
function pyText(v: unknown): string {
  return typeof v === 'boolean' ? (v ? 'True' : 'False') : String(v);
}
