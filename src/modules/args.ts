// Ansible-style argument specs (module_utils/common/arg_spec.py): types with Ansible's
// coercions (yes/no booleans, '0644' modes stay strings), aliases, defaults, choices,
// required, and Ansible's messages for unknown or missing arguments.

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
}

export type ArgSpec = Record<string, ArgDef>;

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
      const list = Array.isArray(v) ? v : typeof v === 'string' ? v.split(',').map((s) => s.trim()) : [v];
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

/** Validates raw task arguments against a spec; returns the typed values by canonical name. */
export function validateArgs(module: string, spec: ArgSpec, raw: Map<string, unknown>): Record<string, unknown> {
  const byAlias = new Map<string, string>();
  for (const [name, def] of Object.entries(spec)) {
    byAlias.set(name, name);
    for (const a of def.aliases ?? []) byAlias.set(a, name);
  }
  const unknown = [...raw.keys()].filter((k) => !byAlias.has(k) && !k.startsWith('_ansible_'));
  if (unknown.length) {
    const supported = [...byAlias.keys()].sort().join(', ');
    throw new ModuleArgError(
      `Unsupported parameters for (${module}) module: ${unknown.sort().join(', ')}. Supported parameters include: ${supported}.`,
    );
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of raw) {
    const name = byAlias.get(key) ?? key;
    const def = spec[name];
    if (def) out[name] = coerce(value, def.type, name, def.elements);
  }
  const missing = Object.entries(spec)
    .filter(([n, d]) => d.required && (out[n] === undefined || out[n] === null))
    .map(([n]) => n);
  if (missing.length) throw new ModuleArgError(`missing required arguments: ${missing.join(', ')}`);
  for (const [name, def] of Object.entries(spec)) {
    if (out[name] === undefined && def.default !== undefined) out[name] = def.default;
    const v = out[name];
    if (def.choices && v !== undefined && v !== null && !def.choices.some((c) => c === v)) {
      throw new ModuleArgError(
        `value of ${name} must be one of: ${def.choices.map(String).join(', ')}, got: ${String(v)}`,
      );
    }
  }
  return out;
}
