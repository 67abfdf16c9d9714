// Python slicing (`s[1:3]`, `l[::-1]`) for str, list and tuple.
import { fail } from '../errors.js';
import { isTuple, tuple, typeName, toJsNumber } from './values.js';

function bound(v: unknown, len: number, dflt: number, step: number): number {
  if (v === null || v === undefined) return dflt;
  let i = Math.trunc(toJsNumber(v));
  if (i < 0) i += len;
  if (step > 0) return Math.min(Math.max(i, 0), len);
  return Math.min(Math.max(i, -1), len - 1);
}

/** seq[start:stop:step]. */
export function pySlice(seq: unknown, start: unknown, stop: unknown, step: unknown): unknown {
  const isStr = typeof seq === 'string';
  if (!isStr && !Array.isArray(seq)) return fail('TypeError', `'${typeName(seq)}' object is not subscriptable`);
  const items: readonly unknown[] = isStr ? [...seq] : seq;
  const st = step === null || step === undefined ? 1 : Math.trunc(toJsNumber(step));
  if (st === 0) return fail('ValueError', 'slice step cannot be zero');
  const len = items.length;
  const a = bound(start, len, st > 0 ? 0 : len - 1, st);
  const b = bound(stop, len, st > 0 ? len : -1, st);
  const out: unknown[] = [];
  if (st > 0) for (let i = a; i < b; i += st) out.push(items[i]);
  else for (let i = a; i > b; i += st) out.push(items[i]);
  if (isStr) return out.join('');
  return isTuple(seq) ? tuple(out) : out;
}
