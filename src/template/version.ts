// Version comparison for the `version` test: LooseVersion (the default, distutils),
// StrictVersion, SemanticVersion and PEP 440, as ansible.module_utils.compat.version does it.
import { fail } from './errors.js';
import { comparePep440 } from './pep440.js';

export const VERSION_TYPES = ['loose', 'strict', 'semver', 'semantic', 'pep440'] as const;
export type VersionType = (typeof VERSION_TYPES)[number];

export function isVersionType(t: unknown): t is VersionType {
  return (VERSION_TYPES as readonly unknown[]).includes(t);
}

function cmp(a: number | string, b: number | string): number {
  if (typeof a === typeof b) return a < b ? -1 : a > b ? 1 : 0;
  return fail(
    'TypeError',
    `'<' not supported between instances of '${typeof a === 'number' ? 'int' : 'str'}' and '${typeof b === 'number' ? 'int' : 'str'}'`,
  );
}

function compareLists(a: (number | string)[], b: (number | string)[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const c = cmp(a[i] as number | string, b[i] as number | string);
    if (c) return c;
  }
  return Math.sign(a.length - b.length);
}

/** LooseVersion: split into runs of digits (ints) and letters (strings). */
function loose(v: string): (number | string)[] {
  return v
    .split(/(\d+|[a-z]+|\.)/i)
    .filter((x) => x && x !== '.')
    .map((x) => (/^\d+$/.test(x) ? Number(x) : x));
}

function strict(v: string): [number[], [string, number] | null] {
  const m = /^(\d+)\.(\d+)(\.(\d+))?([ab](\d+))?$/.exec(v);
  if (!m) return fail('ValueError', `invalid version number '${v}'`);
  const nums = [Number(m[1]), Number(m[2]), Number(m[4] ?? 0)];
  return [nums, m[5] ? [m[5][0] ?? 'a', Number(m[6])] : null];
}

function semver(v: string): { core: number[]; pre: (number | string)[] | null } {
  const m = /^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/.exec(v);
  if (!m) return fail('ValueError', `invalid semantic version '${v}'`);
  return {
    core: [Number(m[1]), Number(m[2]), Number(m[3])],
    pre: m[4] ? m[4].split('.').map((x) => (/^\d+$/.test(x) ? Number(x) : x)) : null,
  };
}

/** -1, 0 or 1. */
export function compareVersions(a: string, b: string, type: VersionType): number {
  if (type === 'strict') {
    const [an, ap] = strict(a);
    const [bn, bp] = strict(b);
    const c = compareLists(an, bn);
    if (c) return c;
    if (!ap || !bp) return ap ? -1 : bp ? 1 : 0;
    return compareLists(ap, bp);
  }
  if (type === 'semver' || type === 'semantic') {
    const x = semver(a);
    const y = semver(b);
    const c = compareLists(x.core, y.core);
    if (c) return c;
    if (!x.pre || !y.pre) return x.pre ? -1 : y.pre ? 1 : 0;
    return compareLists(x.pre, y.pre);
  }
  if (type === 'pep440') return comparePep440(a, b);
  return compareLists(loose(a), loose(b));
}
