// PyYAML's YAML 1.1 implicit resolvers (yaml/resolver.py), the rules Ansible reads and
// writes YAML by: which plain scalars are bools, ints, floats, nulls or timestamps.

export const PY_BOOL = /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;
export const PY_NULL = /^(?:~|null|Null|NULL|)$/;
export const PY_FLOAT =
  /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
export const PY_INT =
  /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;
export const PY_TIMESTAMP =
  /^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$/;
const OTHER_IMPLICIT = /^(?:<<|=|!|&|\*)$/;

/** True when PyYAML would read this plain text as something other than a string. */
export function resolvesToNonString(text: string): boolean {
  return (
    PY_BOOL.test(text) ||
    PY_NULL.test(text) ||
    PY_FLOAT.test(text) ||
    PY_INT.test(text) ||
    PY_TIMESTAMP.test(text) ||
    OTHER_IMPLICIT.test(text)
  );
}

/** PyYAML's int constructor: underscores, 0b, 0x, leading-0 octal, base 60. */
export function constructPyInt(text: string): number {
  let s = text.replace(/_/g, '');
  let sign = 1;
  if (s[0] === '-') sign = -1;
  if (s[0] === '-' || s[0] === '+') s = s.slice(1);
  if (s === '0') return 0;
  if (s.startsWith('0b')) return sign * parseInt(s.slice(2), 2);
  if (s.startsWith('0x')) return sign * parseInt(s.slice(2), 16);
  if (s.startsWith('0')) return sign * parseInt(s, 8);
  if (s.includes(':')) return sign * s.split(':').reduce((acc, d) => acc * 60 + Number(d), 0);
  return sign * Number(s);
}

/** PyYAML's float constructor (as a JS number). */
export function constructPyFloat(text: string): number {
  let s = text.replace(/_/g, '').toLowerCase();
  let sign = 1;
  if (s[0] === '-') sign = -1;
  if (s[0] === '-' || s[0] === '+') s = s.slice(1);
  if (s === '.inf') return sign * Infinity;
  if (s === '.nan') return NaN;
  if (s.includes(':')) return sign * s.split(':').reduce((acc, d) => acc * 60 + Number(d), 0);
  return sign * Number(s);
}
