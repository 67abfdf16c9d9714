// Ansible's output rules (ansible-core 2.14, jinja2_native off): rendered text that reads as
// a list, dict or boolean becomes one again (ansible_eval_concat), and no undefined value may
// reach the output (_fail_on_undefined).
import { literalEval, LiteralError } from './literal-eval.js';
import { isDict, dictEntries } from './py/values.js';
import { isUndefined, failUndefined } from './undefined.js';
import { pyStr } from './py/repr.js';

/**
 * Output of a string-type filter (to_json, to_yaml, string, …: Ansible's STRING_TYPE_FILTERS),
 * which Ansible wraps in NativeJinjaText so that a lone `{{ x | to_json }}` stays a string.
 */
export class NativeText {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

export const STRING_TYPE_FILTERS = new Set([
  'string',
  'to_json',
  'to_nice_json',
  'to_yaml',
  'to_nice_yaml',
  'ppretty',
  'json',
]);

/** A printed value under jinja2_native: kept as it is until the concat decides (native_concat). */
export class NativeValue {
  constructor(readonly value: unknown) {}
  toString(): string {
    return pyStr(this.value);
  }
}

export type Piece = string | NativeText | NativeValue;

/**
 * ansible_native_concat (template/native_helpers.py at stable-2.14), the concat of jinja2_native:
 * a lone value stays what it is, text is ast.literal_eval'd, and a string that was quoted keeps
 * its quotes.
 */
export function nativeConcat(parts: readonly Piece[]): unknown {
  if (!parts.length) return null;
  let out: string;
  const head = parts[0];
  if (parts.length === 1) {
    if (head instanceof NativeText) return head.text;
    const v = head instanceof NativeValue ? head.value : head;
    if (typeof v !== 'string') return v;
    out = v;
  } else out = parts.map(String).join('');
  // ast.parse(out, mode='eval') refuses leading indentation, so such text stays text
  if (/^[ \t]/.test(out)) return out;
  let evaled: unknown;
  try {
    evaled = literalEval(out, { jsonNames: false });
  } catch (err) {
    if (err instanceof LiteralError) return out;
    throw err;
  }
  return typeof evaled === 'string' ? `${out[0] ?? ''}${evaled}${out[0] ?? ''}` : evaled;
}

/** Joins rendered pieces; text starting with `[`/`{`, or exactly True/False, is literal_eval'd. */
export function ansibleConcat(parts: readonly Piece[]): unknown {
  const head = parts[0];
  if (parts.length === 1 && head instanceof NativeText) return head.text;
  const out = parts.length === 1 ? String(head ?? '') : parts.join('');
  if (out.startsWith('{') || out.startsWith('[') || out === 'True' || out === 'False') {
    try {
      return literalEval(out);
    } catch (err) {
      if (!(err instanceof LiteralError)) throw err;
    }
  }
  return out;
}

/** Raises the first undefined value found anywhere inside `v`. */
export function assertNoUndefined(v: unknown): void {
  if (isUndefined(v) && !v.origin.lenient) failUndefined(v, true);
  if (Array.isArray(v)) for (const x of v) assertNoUndefined(x);
  else if (isDict(v)) for (const [, x] of dictEntries(v)) assertNoUndefined(x);
}
