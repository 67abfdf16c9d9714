// str.format(): `{}`, `{0}`, `{name}`, `{0.attr}`, `{0[key]}`, `{!r}`, `{:>10}` and `{{ }}`.
import { fail } from '../errors.js';
import type { Kwargs } from './callable.js';
import { applySpec, parseSpec, convertValue } from './format-spec.js';
import { isDict, dictGet, MISSING } from './values.js';
import { pyRepr } from './repr.js';

const FIELD = /\{\{|\}\}|\{([^{}!:]*)(?:!([rsa]))?(?::([^{}]*(?:\{[^{}]*\}[^{}]*)*))?\}|\{|\}/g;

/** Formats `fmt` with positional and keyword arguments, as Python's str.format. */
export function formatBraces(fmt: string, args: unknown[], kwargs: Kwargs): string {
  let auto = 0;
  return fmt.replace(FIELD, (whole, field: string | undefined, conv: string | undefined, spec: string | undefined) => {
    if (whole === '{{') return '{';
    if (whole === '}}') return '}';
    if (field === undefined)
      return fail(
        'ValueError',
        whole === '{' ? "Single '{' encountered in format string" : "Single '}' encountered in format string",
      );
    const [head = '', ...rest] = field.split(/(?=[.[])/);
    let value: unknown;
    if (head === '') value = args[auto++];
    else if (/^\d+$/.test(head)) value = args[Number(head)];
    else value = kwargs.has(head) ? kwargs.get(head) : MISSING;
    if (value === undefined && head !== '' && /^\d+$/.test(head))
      return fail('IndexError', 'Replacement index out of range for positional args tuple');
    if (value === undefined)
      return fail('IndexError', `Replacement index ${auto - 1} out of range for positional args tuple`);
    if (value === MISSING) return fail('KeyError', pyRepr(head));
    for (const part of rest) value = accessPart(value, part);
    const nested = (spec ?? '').replace(/\{([^{}]*)\}/g, (_m, n: string) =>
      String(n === '' ? args[auto++] : /^\d+$/.test(n) ? args[Number(n)] : kwargs.get(n)),
    );
    return applySpec(convertValue(value, conv), parseSpec(nested));
  });
}

function accessPart(value: unknown, part: string): unknown {
  const key = part.startsWith('.') ? part.slice(1) : part.slice(1, -1);
  if (Array.isArray(value) && /^\d+$/.test(key)) return value[Number(key)];
  if (isDict(value)) {
    const v = dictGet(value, key);
    if (v !== MISSING) return v;
  }
  return fail(part.startsWith('.') ? 'AttributeError' : 'KeyError', pyRepr(key));
}
