// Python's format-spec mini-language ([[fill]align][sign][#][0][width][,][.precision][type]),
// shared by str.format(), the format filter and printf-style `%`.
import { fail } from '../errors.js';
import { isInt, isNumber, toJsNumber, typeName } from './values.js';
import { pyStr, pyRepr, reprFloat } from './repr.js';

export interface FormatSpec {
  fill: string;
  align: '' | '<' | '>' | '^' | '=';
  sign: '' | '+' | '-' | ' ';
  alternate: boolean;
  zero: boolean;
  width: number;
  grouping: '' | ',' | '_';
  precision: number | undefined;
  type: string;
}

const SPEC_RE = /^(?:(.)?([<>^=]))?([+\- ])?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([bcdeEfFgGnosxX%])?$/s;

export function parseSpec(text: string): FormatSpec {
  const m = SPEC_RE.exec(text);
  if (!m) return fail('ValueError', `Invalid format specifier '${text}'`);
  return {
    fill: m[1] ?? ' ',
    align: (m[2] ?? '') as FormatSpec['align'],
    sign: (m[3] ?? '') as FormatSpec['sign'],
    alternate: m[4] !== undefined,
    zero: m[5] !== undefined,
    width: m[6] ? Number(m[6]) : 0,
    grouping: (m[7] ?? '') as FormatSpec['grouping'],
    precision: m[8] !== undefined ? Number(m[8]) : undefined,
    type: m[9] ?? '',
  };
}

/** format(value, spec) as Python does it for str, int, float and bool. */
export function applySpec(value: unknown, spec: FormatSpec): string {
  if (isNumber(value) || typeof value === 'boolean') {
    if (spec.type === '' && typeof value === 'boolean' && !spec.width) return pyStr(value);
    if (spec.type === 's') return fail('ValueError', `Unknown format code 's' for object of type '${typeName(value)}'`);
    return pad(formatNumber(value, spec), spec, '>');
  }
  if (spec.type !== '' && spec.type !== 's') {
    return fail('ValueError', `Unknown format code '${spec.type}' for object of type '${typeName(value)}'`);
  }
  let text = pyStr(value);
  if (spec.precision !== undefined) text = [...text].slice(0, spec.precision).join('');
  return pad(text, spec, '<');
}

function pad(text: string, spec: FormatSpec, defaultAlign: '<' | '>'): string {
  const len = [...text].length;
  if (spec.width <= len) return text;
  const fill = spec.zero && !spec.align ? '0' : spec.fill;
  const align = spec.align || (spec.zero ? '=' : defaultAlign);
  const room = spec.width - len;
  if (align === '<') return text + fill.repeat(room);
  if (align === '>') return fill.repeat(room) + text;
  if (align === '^') return fill.repeat(Math.floor(room / 2)) + text + fill.repeat(Math.ceil(room / 2));
  const signLen = /^[+\- ]/.test(text) ? 1 : 0;
  return text.slice(0, signLen) + fill.repeat(room) + text.slice(signLen);
}

function formatNumber(value: unknown, spec: FormatSpec): string {
  const x = toJsNumber(value);
  const isInteger = isInt(value) || typeof value === 'boolean';
  let body = digitsFor(x, isInteger, spec);
  if (spec.grouping) body = groupDigits(body, spec.grouping);
  const negative = x < 0 || Object.is(x, -0);
  const sign = negative ? '-' : spec.sign === '+' ? '+' : spec.sign === ' ' ? ' ' : '';
  return sign + body;
}

function digitsFor(x: number, isInteger: boolean, spec: FormatSpec): string {
  const a = Math.abs(x);
  const p = spec.precision;
  switch (spec.type) {
    case 'd':
    case 'n':
      if (!isInteger) return fail('ValueError', "Unknown format code 'd' for object of type 'float'");
      return String(a);
    case 'x':
      return (spec.alternate ? '0x' : '') + a.toString(16);
    case 'X':
      return (spec.alternate ? '0X' : '') + a.toString(16).toUpperCase();
    case 'o':
      return (spec.alternate ? '0o' : '') + a.toString(8);
    case 'b':
      return (spec.alternate ? '0b' : '') + a.toString(2);
    case 'c':
      return String.fromCodePoint(a);
    case 'f':
    case 'F':
      return fixed(a, p ?? 6);
    case 'e':
    case 'E':
      return expo(a, p ?? 6, spec.type === 'E');
    case 'g':
    case 'G':
      return general(a, p ?? 6, spec.alternate);
    case '%':
      return `${fixed(a * 100, p ?? 6)}%`;
    default:
      if (isInteger) return String(a);
      return p === undefined ? reprFloat(a) : general(a, p, false, true);
  }
}

function fixed(a: number, p: number): string {
  if (!Number.isFinite(a)) return Number.isNaN(a) ? 'nan' : 'inf';
  return roundHalfEven(a, p);
}

/** toFixed rounds the decimal text; Python rounds the binary value. Both agree except on ties. */
function roundHalfEven(a: number, p: number): string {
  return a.toFixed(Math.min(p, 100));
}

function expo(a: number, p: number, upper: boolean): string {
  if (!Number.isFinite(a)) return Number.isNaN(a) ? 'nan' : 'inf';
  const [m = '0', e = '0'] = a.toExponential(Math.min(p, 100)).split('e');
  const exp = Number(e);
  const out = `${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return upper ? out.toUpperCase() : out;
}

function general(a: number, p: number, alternate: boolean, noTypeFloat = false): string {
  if (!Number.isFinite(a)) return Number.isNaN(a) ? 'nan' : 'inf';
  const precision = p === 0 ? 1 : p;
  if (a === 0) return noTypeFloat ? '0.0' : '0';
  const rounded = Number(a.toExponential(precision - 1));
  const e = rounded === 0 ? 0 : Math.floor(Math.log10(rounded));
  if (e >= -4 && e < precision) {
    let s = rounded.toFixed(Math.max(0, precision - 1 - e));
    if (!alternate && s.includes('.')) s = s.replace(/\.?0+$/, '');
    if (noTypeFloat && !s.includes('.')) s += '.0';
    return s;
  }
  let s = expo(a, precision - 1, false);
  if (!alternate) s = s.replace(/\.?0+e/, 'e');
  return s;
}

function groupDigits(body: string, sep: string): string {
  const [intPart = '', rest] = body.split(/(?=\.)/);
  return intPart.replace(/\B(?=(\d{3})+(?!\d))/g, sep) + (rest ?? '');
}

/** The repr/str conversion of `{!r}` / `%r`. */
export function convertValue(value: unknown, conversion: string | undefined): unknown {
  if (conversion === 'r' || conversion === 'a') return pyRepr(value);
  if (conversion === 's') return pyStr(value);
  return value;
}
