// Ansible's output rules (ansible-core 2.14, jinja2_native off): rendered text that reads as
// a list, dict or boolean becomes one again (ansible_eval_concat), and no undefined value may
// reach the output (_fail_on_undefined).
import { literalEval, LiteralError } from './literal-eval.js';
import { isDict, dictEntries } from './py/values.js';
import { isUndefined, failUndefined } from './undefined.js';

/** Joins rendered pieces; text starting with `[`/`{`, or exactly True/False, is literal_eval'd. */
export function ansibleConcat(parts: readonly string[]): unknown {
  const out = parts.length === 1 ? (parts[0] ?? '') : parts.join('');
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
  if (isUndefined(v)) failUndefined(v, true);
  if (Array.isArray(v)) for (const x of v) assertNoUndefined(x);
  else if (isDict(v)) for (const [, x] of dictEntries(v)) assertNoUndefined(x);
}
