// Ansible's output rules (ansible-core 2.14, jinja2_native off): rendered text that reads as
// a list, dict or boolean becomes one again (ansible_eval_concat), and no undefined value may
// reach the output (_fail_on_undefined).
import { literalEval, LiteralError } from './literal-eval.js';
import { isDict, dictEntries } from './py/values.js';
import { isUndefined, failUndefined } from './undefined.js';

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

/** Joins rendered pieces; text starting with `[`/`{`, or exactly True/False, is literal_eval'd. */
export function ansibleConcat(parts: readonly (string | NativeText)[]): unknown {
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
