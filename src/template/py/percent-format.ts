// printf-style formatting: `'%s-%d' % ('a', 1)`, `'%(name)s' % d` and the `format` filter.
import { fail } from '../errors.js';
import { isTuple, isDict, dictGet, MISSING, isNumber, toJsNumber, typeName } from './values.js';
import { pyStr, pyRepr } from './repr.js';
import { applySpec, parseSpec } from './format-spec.js';

const DIRECTIVE = /%(?:\(([^)]*)\))?([-+ #0]*)(\*|\d+)?(?:\.(\*|\d+))?([diouxXeEfFgGcrsa%])/g;

/** `fmt % args` with Python's rules for tuples, mappings and single values. */
export function formatPercent(fmt: string, args: unknown): string {
  const list: unknown[] = isTuple(args) ? [...args] : [args];
  const mapping = isDict(args) ? args : undefined;
  let next = 0;
  const take = (): unknown => {
    if (next >= list.length) return fail('TypeError', 'not enough arguments for format string');
    return list[next++];
  };
  let usedMapping = false;
  const out = fmt.replace(
    DIRECTIVE,
    (_m, key: string | undefined, flags: string, width: string | undefined, prec: string | undefined, conv: string) => {
      if (conv === '%') return '%';
      let value: unknown;
      if (key !== undefined) {
        if (!mapping) return fail('TypeError', 'format requires a mapping');
        value = dictGet(mapping, key);
        if (value === MISSING) return fail('KeyError', pyRepr(key));
        usedMapping = true;
      }
      const w = width === '*' ? toJsNumber(take()) : width ? Number(width) : 0;
      const p = prec === '*' ? toJsNumber(take()) : prec !== undefined ? Number(prec) : undefined;
      if (key === undefined) value = take();
      return formatOne(value, { flags, width: w, precision: p, conv });
    },
  );
  if (!usedMapping && !mapping && next < list.length) {
    return fail('TypeError', 'not all arguments converted during string formatting');
  }
  return out;
}

interface Directive {
  flags: string;
  width: number;
  precision: number | undefined;
  conv: string;
}

function formatOne(value: unknown, d: Directive): string {
  const align = d.flags.includes('-') ? '<' : '';
  const sign = d.flags.includes('+') ? '+' : d.flags.includes(' ') ? ' ' : '';
  const zero = d.flags.includes('0') && !align;
  if (d.conv === 's' || d.conv === 'r' || d.conv === 'a') {
    let text = d.conv === 's' ? pyStr(value) : pyRepr(value);
    if (d.precision !== undefined) text = text.slice(0, d.precision);
    return align ? text.padEnd(d.width) : text.padStart(d.width);
  }
  if (d.conv === 'c') return typeof value === 'string' ? value : String.fromCodePoint(toJsNumber(value));
  if (!isNumber(value) && typeof value !== 'boolean') {
    const what = 'diouxX'.includes(d.conv) ? 'a real number is required, not' : 'must be real number, not';
    return fail('TypeError', `%${d.conv} format: ${what} ${typeName(value)}`);
  }
  const type = d.conv === 'i' || d.conv === 'u' ? 'd' : d.conv;
  const n = 'doxX'.includes(type) ? Math.trunc(toJsNumber(value)) : value;
  const spec = parseSpec(
    `${align}${sign}${d.flags.includes('#') ? '#' : ''}${zero ? '0' : ''}${d.width || ''}${d.precision !== undefined ? `.${d.precision}` : ''}${type}`,
  );
  return applySpec(n, spec);
}
