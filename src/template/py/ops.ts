// Python operators on engine values: arithmetic with int/float distinction, sequence
// concatenation and repetition, structural equality (1 == 1.0, [1] != (1,)), ordering.
import { VaultText } from '../vault-text.js';
import { datetimeAdd, datetimeCompare, datetimeSub } from './datetime.js';
import { fail } from '../errors.js';
import { isUndefined, failUndefined } from '../undefined.js';
import {
  PyFloat,
  isNumber,
  isFloat,
  isInt,
  toJsNumber,
  num,
  isTuple,
  tuple,
  isDict,
  dictEntries,
  dictGet,
  dictSize,
  MISSING,
  typeName,
} from './values.js';
import { formatPercent } from './percent-format.js';

function isNumeric(v: unknown): boolean {
  return isNumber(v) || typeof v === 'boolean';
}

function unsupported(op: string, a: unknown, b: unknown): never {
  return fail('TypeError', `unsupported operand type(s) for ${op}: '${typeName(a)}' and '${typeName(b)}'`);
}

function floatResult(a: unknown, b: unknown): boolean {
  return isFloat(a) || isFloat(b);
}

export function add(a: unknown, b: unknown): unknown {
  if (isNumeric(a) && isNumeric(b)) return num(toJsNumber(a) + toJsNumber(b), floatResult(a, b));
  const dt = datetimeAdd(a, b);
  if (dt !== MISSING) return dt;
  if (typeof a === 'string') {
    if (typeof b === 'string') return a + b;
    return fail('TypeError', `can only concatenate str (not "${typeName(b)}") to str`);
  }
  if (Array.isArray(a)) {
    if (Array.isArray(b) && isTuple(a) === isTuple(b)) {
      const joined: unknown[] = [...(a as unknown[]), ...(b as unknown[])];
      return isTuple(a) ? tuple(joined) : joined;
    }
    return fail('TypeError', `can only concatenate ${typeName(a)} (not "${typeName(b)}") to ${typeName(a)}`);
  }
  return unsupported('+', a, b);
}

export function sub(a: unknown, b: unknown): unknown {
  if (isNumeric(a) && isNumeric(b)) return num(toJsNumber(a) - toJsNumber(b), floatResult(a, b));
  const dt = datetimeSub(a, b);
  if (dt !== MISSING) return dt;
  return unsupported('-', a, b);
}

export function mul(a: unknown, b: unknown): unknown {
  if (isNumeric(a) && isNumeric(b)) return num(toJsNumber(a) * toJsNumber(b), floatResult(a, b));
  if ((typeof a === 'string' || Array.isArray(a)) && (isInt(b) || typeof b === 'boolean'))
    return repeat(a, toJsNumber(b));
  if ((typeof b === 'string' || Array.isArray(b)) && (isInt(a) || typeof a === 'boolean'))
    return repeat(b, toJsNumber(a));
  if (typeof a === 'string' || Array.isArray(a) || typeof b === 'string' || Array.isArray(b)) {
    return fail(
      'TypeError',
      `can't multiply sequence by non-int of type '${typeName(typeof a === 'string' || Array.isArray(a) ? b : a)}'`,
    );
  }
  return unsupported('*', a, b);
}

function repeat(seq: string | readonly unknown[], n: number): unknown {
  if (typeof seq === 'string') return n > 0 ? seq.repeat(n) : '';
  const out: unknown[] = [];
  for (let i = 0; i < n; i++) out.push(...seq);
  return isTuple(seq) ? tuple(out) : out;
}

export function truediv(a: unknown, b: unknown): unknown {
  if (!(isNumeric(a) && isNumeric(b))) return unsupported('/', a, b);
  const d = toJsNumber(b);
  if (d === 0) return fail('ZeroDivisionError', 'division by zero');
  return num(toJsNumber(a) / d, true);
}

export function floordiv(a: unknown, b: unknown): unknown {
  if (!(isNumeric(a) && isNumeric(b))) return unsupported('//', a, b);
  const d = toJsNumber(b);
  if (d === 0)
    return fail(
      'ZeroDivisionError',
      floatResult(a, b) ? 'float floor division by zero' : 'integer division or modulo by zero',
    );
  return num(Math.floor(toJsNumber(a) / d), floatResult(a, b));
}

export function mod(a: unknown, b: unknown): unknown {
  if (typeof a === 'string') return formatPercent(a, b);
  if (!(isNumeric(a) && isNumeric(b))) return unsupported('%', a, b);
  const x = toJsNumber(a);
  const d = toJsNumber(b);
  if (d === 0)
    return fail('ZeroDivisionError', floatResult(a, b) ? 'float modulo' : 'integer division or modulo by zero');
  const r = x % d;
  return num(r !== 0 && r < 0 !== d < 0 ? r + d : r, floatResult(a, b));
}

export function pow(a: unknown, b: unknown): unknown {
  if (!(isNumeric(a) && isNumeric(b))) return unsupported('** or pow()', a, b);
  const e = toJsNumber(b);
  return num(toJsNumber(a) ** e, floatResult(a, b) || e < 0);
}

export function negate(a: unknown): unknown {
  if (isNumeric(a)) return num(-toJsNumber(a), isFloat(a));
  return fail('TypeError', `bad operand type for unary -: '${typeName(a)}'`);
}

export function plus(a: unknown): unknown {
  if (isNumeric(a)) return typeof a === 'boolean' ? toJsNumber(a) : a;
  return fail('TypeError', `bad operand type for unary +: '${typeName(a)}'`);
}

/** Python ==: numbers by value across int/float/bool, sequences and dicts structurally. */
export function pyEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  // AnsibleVaultEncryptedUnicode compares as its plaintext (opening it may fail)
  if (a instanceof VaultText || b instanceof VaultText) return pyEquals(opened(a), opened(b));
  if (isNumeric(a) && isNumeric(b)) return toJsNumber(a) === toJsNumber(b);
  if (a === null || b === null || a === undefined || b === undefined) return (a ?? null) === (b ?? null);
  if (Array.isArray(a) && Array.isArray(b)) {
    if (isTuple(a) !== isTuple(b) || a.length !== b.length) return false;
    return a.every((x, i) => pyEquals(x, b[i]));
  }
  if (isDict(a) && isDict(b)) return dictEquals(a, b);
  const dt = datetimeCompare(a, b);
  if (dt !== undefined) return dt === 0;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return false;
}

function dictEquals(a: Parameters<typeof dictEntries>[0], b: Parameters<typeof dictEntries>[0]): boolean {
  if (dictSize(a) !== dictSize(b)) return false;
  return dictEntries(a).every(([k, v]) => {
    const other = dictGet(b, k instanceof PyFloat ? k.value : k);
    return other !== MISSING && pyEquals(v, other);
  });
}

/** Python ordering: -1, 0 or 1; TypeError for types Python cannot order. */
function opened(v: unknown): unknown {
  return v instanceof VaultText ? v.toString() : v;
}

export function pyCompare(a: unknown, b: unknown, op = '<'): number {
  // Undefined's __lt__ and the other orderings are _fail_with_undefined_error (a sort by an
  // attribute some items lack: "'dict object' has no attribute 'uid'")
  if (isUndefined(a)) failUndefined(a, true);
  if (isUndefined(b)) failUndefined(b, true);
  if (a instanceof VaultText || b instanceof VaultText) return pyCompare(opened(a), opened(b), op);
  if (isNumeric(a) && isNumeric(b)) return Math.sign(toJsNumber(a) - toJsNumber(b));
  const dt = datetimeCompare(a, b);
  if (dt !== undefined) return dt;
  if (typeof a === 'string' && typeof b === 'string') return compareStrings(a, b);
  if (Array.isArray(a) && Array.isArray(b) && isTuple(a) === isTuple(b)) return compareSequences(a, b, op);
  return fail('TypeError', `'${op}' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`);
}

/** Code point order, as Python compares str. */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done || y.done) return x.done ? (y.done ? 0 : -1) : 1;
    if (x.value !== y.value) return (x.value.codePointAt(0) ?? 0) < (y.value.codePointAt(0) ?? 0) ? -1 : 1;
  }
}

function compareSequences(a: readonly unknown[], b: readonly unknown[], op: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (!pyEquals(a[i], b[i])) return pyCompare(a[i], b[i], op);
  }
  return Math.sign(a.length - b.length);
}
