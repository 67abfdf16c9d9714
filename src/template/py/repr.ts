// Python's repr() and str() for engine values, so lists and dicts put into text read exactly
// as Jinja2 and Ansible print them ("[1, 'a']", "{'k': True}", "2.0").
import { PyFloat, Namespace, isTuple, isDict, dictEntries, isInt } from './values.js';
import { isUndefined } from '../undefined.js';
import { PyDatetime, PyTimedelta } from './datetime.js';

/** Python's repr of a str: single quotes unless the text has ' and no ". */
export function reprString(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) out += escapeChar(ch, quote);
  return out + quote;
}

function escapeChar(ch: string, quote: string): string {
  switch (ch) {
    case '\\':
      return '\\\\';
    case '\n':
      return '\\n';
    case '\r':
      return '\\r';
    case '\t':
      return '\\t';
    case quote:
      return `\\${quote}`;
  }
  const code = ch.codePointAt(0) ?? 0;
  if (code < 0x20 || code === 0x7f) return `\\x${code.toString(16).padStart(2, '0')}`;
  if (code >= 0x80 && code < 0xa0) return `\\x${code.toString(16).padStart(2, '0')}`;
  return ch;
}

/** Python's repr of a float: shortest round-trip digits, exponent outside 1e-4..1e16. */
export function reprFloat(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mantissa = '0', expText = '0'] = x.toExponential().split('e');
  const exp = Number(expText);
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  const sign = negative ? '-' : '';
  if (exp >= -4 && exp < 16) return sign + fixedFromDigits(digits, exp);
  const frac = digits.slice(1);
  const expOut = `${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return `${sign}${digits[0] ?? '0'}${frac ? `.${frac}` : ''}e${expOut}`;
}

function fixedFromDigits(digits: string, exp: number): string {
  if (exp < 0) return `0.${'0'.repeat(-exp - 1)}${digits}`;
  const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
  const frac = digits.slice(exp + 1);
  return `${intPart}.${frac || '0'}`;
}

/** Python's repr() of any engine value. */
export function pyRepr(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'string') return reprString(v);
  if (v instanceof PyFloat) return reprFloat(v.value);
  if (typeof v === 'number') return isInt(v) ? reprInt(v) : reprFloat(v);
  if (typeof v === 'bigint') return v.toString();
  if (Array.isArray(v)) return reprSequence(v);
  if (isDict(v))
    return `{${dictEntries(v)
      .map(([k, x]) => `${pyRepr(k)}: ${pyRepr(x)}`)
      .join(', ')}}`;
  if (v instanceof Namespace) return `<Namespace ${pyRepr(new Map(v.attrs))}>`;
  if (v instanceof Date) return reprDate(v);
  if (v instanceof PyDatetime || v instanceof PyTimedelta) return v.repr();
  if (isUndefined(v)) return 'Undefined';
  if (typeof v === 'function') return `<function ${v.name || 'lambda'}>`;
  return String(v);
}

function reprInt(n: number): string {
  return Math.abs(n) < 1e21 ? String(n) : BigInt(n).toString();
}

function reprSequence(v: readonly unknown[]): string {
  const inner = v.map(pyRepr).join(', ');
  if (!isTuple(v)) return `[${inner}]`;
  return v.length === 1 ? `(${inner},)` : `(${inner})`;
}

function reprDate(d: Date): string {
  return `datetime.date(${d.getUTCFullYear()}, ${d.getUTCMonth() + 1}, ${d.getUTCDate()})`;
}

/** Python's str(): strings as they are, dates as ISO, everything else as repr. */
export function pyStr(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (v instanceof PyDatetime || v instanceof PyTimedelta) return v.toString();
  return pyRepr(v);
}
