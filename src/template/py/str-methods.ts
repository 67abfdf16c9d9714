// Python str methods (split, strip, startswith, replace, …) with Python's edge cases:
// split() without a separator drops empty fields, strip(chars) strips a set of characters.
import { fail } from '../errors.js';
import { pySplitLines } from '../../util/index.js';
import type { Kwargs } from './callable.js';
import { bindArgs } from './bind-args.js';
import { tuple, isTuple, typeName } from './values.js';
import { pyStr } from './repr.js';

type StrMethod = (self: string, args: unknown[], kwargs: Kwargs) => unknown;

function stripSet(chars: unknown): string | undefined {
  if (chars === null || chars === undefined) return undefined;
  if (typeof chars !== 'string') return fail('TypeError', `strip arg must be None or str`);
  return chars;
}

function lstrip(s: string, chars?: string): string {
  if (chars === undefined) return s.replace(/^\s+/, '');
  let i = 0;
  while (i < s.length && chars.includes(s[i] ?? '')) i++;
  return s.slice(i);
}

function rstrip(s: string, chars?: string): string {
  if (chars === undefined) return s.replace(/\s+$/, '');
  let i = s.length;
  while (i > 0 && chars.includes(s[i - 1] ?? '')) i--;
  return s.slice(0, i);
}

export function pySplit(s: string, sep: unknown, maxsplit: number): string[] {
  if (sep === null || sep === undefined) {
    const parts: string[] = [];
    let rest = s.replace(/^\s+/, '');
    while (rest) {
      if (maxsplit >= 0 && parts.length >= maxsplit) {
        parts.push(rest);
        break;
      }
      const m = /\s+/.exec(rest);
      if (!m) {
        parts.push(rest);
        break;
      }
      parts.push(rest.slice(0, m.index));
      rest = rest.slice(m.index + m[0].length);
    }
    return parts;
  }
  if (typeof sep !== 'string') return fail('TypeError', `must be str or None, not ${typeName(sep)}`);
  if (sep === '') return fail('ValueError', 'empty separator');
  const all = s.split(sep);
  if (maxsplit < 0 || all.length <= maxsplit + 1) return all;
  return [...all.slice(0, maxsplit), all.slice(maxsplit).join(sep)];
}

function pyRsplit(s: string, sep: unknown, maxsplit: number): string[] {
  if (maxsplit < 0) return pySplit(s, sep, -1);
  if (sep === null || sep === undefined) {
    const parts = pySplit(s, null, -1);
    if (parts.length <= maxsplit + 1) return parts;
    const head = s.replace(/\s+$/, '');
    const keep = parts.slice(parts.length - maxsplit);
    let cut = head.length;
    for (const p of [...keep].reverse()) cut = head.lastIndexOf(p, cut - p.length);
    return [head.slice(0, cut).replace(/\s+$/, ''), ...keep];
  }
  const all = s.split(String(sep));
  if (all.length <= maxsplit + 1) return all;
  return [all.slice(0, all.length - maxsplit).join(String(sep)), ...all.slice(all.length - maxsplit)];
}

function prefixes(arg: unknown): string[] {
  if (typeof arg === 'string') return [arg];
  if (isTuple(arg)) return arg.map((x) => String(x));
  return fail('TypeError', `startswith first arg must be str or a tuple of str, not ${typeName(arg)}`);
}

function isCased(s: string, upper: boolean): boolean {
  const hasCased = /\p{L}/u.test(s) && s.toLowerCase() !== s.toUpperCase();
  return hasCased && (upper ? s === s.toUpperCase() : s === s.toLowerCase());
}

function titleCase(s: string): string {
  return s.replace(/[\p{L}\p{N}']+/gu, (w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase());
}

export const strMethods: Record<string, StrMethod> = {
  split: (s, a, k) => {
    const [sep, max] = bindArgs(
      'split',
      [
        ['sep', null],
        ['maxsplit', -1],
      ],
      a,
      k,
    );
    return pySplit(s, sep, Number(max));
  },
  rsplit: (s, a, k) => {
    const [sep, max] = bindArgs(
      'rsplit',
      [
        ['sep', null],
        ['maxsplit', -1],
      ],
      a,
      k,
    );
    return pyRsplit(s, sep, Number(max));
  },
  splitlines: (s, a) => pySplitLines(s, Boolean(a[0])),
  strip: (s, a) => rstrip(lstrip(s, stripSet(a[0])), stripSet(a[0])),
  lstrip: (s, a) => lstrip(s, stripSet(a[0])),
  rstrip: (s, a) => rstrip(s, stripSet(a[0])),
  startswith: (s, a) => prefixes(a[0]).some((p) => s.startsWith(p, a[1] === undefined ? 0 : Number(a[1]))),
  endswith: (s, a) => prefixes(a[0]).some((p) => (a[1] === undefined ? s : s.slice(Number(a[1]))).endsWith(p)),
  replace: (s, a) => {
    const [old, neu, count] = bindArgs('replace', [['old'], ['new'], ['count', -1]], a);
    let n = Number(count);
    if (n < 0) return s.split(String(old)).join(String(neu));
    let out = s;
    let from = 0;
    while (n-- > 0) {
      const i = out.indexOf(String(old), from);
      if (i < 0) break;
      out = out.slice(0, i) + String(neu) + out.slice(i + String(old).length);
      from = i + String(neu).length + (String(old) === '' ? 1 : 0);
    }
    return out;
  },
  upper: (s) => s.toUpperCase(),
  lower: (s) => s.toLowerCase(),
  casefold: (s) => s.toLowerCase(),
  swapcase: (s) => [...s].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join(''),
  title: (s) => titleCase(s),
  capitalize: (s) => s.charAt(0).toUpperCase() + s.slice(1).toLowerCase(),
  join: (s, a) =>
    (a[0] as unknown[])
      .map((x) => {
        if (typeof x !== 'string')
          return fail('TypeError', `sequence item: expected str instance, ${typeName(x)} found`);
        return x;
      })
      .join(s),
  find: (s, a) => s.indexOf(String(a[0]), a[1] === undefined ? 0 : Number(a[1])),
  rfind: (s, a) => s.lastIndexOf(String(a[0])),
  index: (s, a) => {
    const i = s.indexOf(String(a[0]));
    return i >= 0 ? i : fail('ValueError', 'substring not found');
  },
  count: (s, a) => (String(a[0]) === '' ? s.length + 1 : s.split(String(a[0])).length - 1),
  isdigit: (s) => /^\d+$/.test(s),
  isnumeric: (s) => /^\p{N}+$/u.test(s),
  isdecimal: (s) => /^\d+$/.test(s),
  isalpha: (s) => /^\p{L}+$/u.test(s),
  isalnum: (s) => /^[\p{L}\p{N}]+$/u.test(s),
  isspace: (s) => /^\s+$/.test(s),
  islower: (s) => isCased(s, false),
  isupper: (s) => isCased(s, true),
  istitle: (s) => s.length > 0 && titleCase(s) === s,
  partition: (s, a) => {
    const sep = String(a[0]);
    const i = s.indexOf(sep);
    return i < 0 ? tuple([s, '', '']) : tuple([s.slice(0, i), sep, s.slice(i + sep.length)]);
  },
  rpartition: (s, a) => {
    const sep = String(a[0]);
    const i = s.lastIndexOf(sep);
    return i < 0 ? tuple(['', '', s]) : tuple([s.slice(0, i), sep, s.slice(i + sep.length)]);
  },
  zfill: (s, a) => {
    const w = Number(a[0]);
    const sign = /^[+-]/.test(s) ? (s[0] ?? '') : '';
    const body = s.slice(sign.length);
    return sign + body.padStart(w - sign.length, '0');
  },
  center: (s, a) => {
    const w = Number(a[0]);
    const fill = a[1] === undefined ? ' ' : String(a[1]);
    const room = Math.max(0, w - s.length);
    const left = Math.floor(room / 2) + (room % 2 && w % 2 ? 1 : 0);
    return fill.repeat(left) + s + fill.repeat(room - left);
  },
  ljust: (s, a) => s.padEnd(Number(a[0]), a[1] === undefined ? ' ' : String(a[1])),
  rjust: (s, a) => s.padStart(Number(a[0]), a[1] === undefined ? ' ' : String(a[1])),
  encode: (s) => s,
  decode: (s) => s,
  __str__: (s) => pyStr(s),
};
