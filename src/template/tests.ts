// Jinja2's built-in tests (jinja2/tests.py, 3.1): `is defined`, `is divisibleby 3`, …
import type { TestFn } from './environment.js';
import { isUndefined } from './undefined.js';
import { isDict, isInt, isFloat, isNumber, toJsNumber, typeName } from './py/values.js';
import { pyEquals, pyCompare } from './py/ops.js';
import { PyFunction } from './py/callable.js';
import { fail } from './errors.js';

const cmp =
  (op: (c: number) => boolean): TestFn =>
  (_ctx, v, a) =>
    op(pyCompare(v, a[0]));

export const jinjaTests: Record<string, TestFn> = {
  defined: (_ctx, v) => !isUndefined(v),
  undefined: (_ctx, v) => isUndefined(v),
  none: (_ctx, v) => v === null,
  boolean: (_ctx, v) => typeof v === 'boolean',
  true: (_ctx, v) => v === true,
  false: (_ctx, v) => v === false,
  integer: (_ctx, v) => isInt(v) && !(typeof v === 'boolean'),
  float: (_ctx, v) => isFloat(v),
  number: (_ctx, v) => isNumber(v) || typeof v === 'boolean',
  string: (_ctx, v) => typeof v === 'string',
  mapping: (_ctx, v) => isDict(v),
  sequence: (_ctx, v) => typeof v === 'string' || Array.isArray(v) || isDict(v),
  iterable: (_ctx, v) => typeof v === 'string' || Array.isArray(v) || isDict(v),
  callable: (_ctx, v) => v instanceof PyFunction,
  odd: (_ctx, v) => Math.abs(toJsNumber(v)) % 2 === 1,
  even: (_ctx, v) => toJsNumber(v) % 2 === 0,
  divisibleby: (_ctx, v, a) => {
    const d = toJsNumber(a[0]);
    if (d === 0) return fail('ZeroDivisionError', 'integer division or modulo by zero');
    return toJsNumber(v) % d === 0;
  },
  lower: (_ctx, v) => typeof v === 'string' && v === v.toLowerCase(),
  upper: (_ctx, v) => typeof v === 'string' && v === v.toUpperCase(),
  eq: (_ctx, v, a) => pyEquals(v, a[0]),
  ne: (_ctx, v, a) => !pyEquals(v, a[0]),
  lt: cmp((c) => c < 0),
  le: cmp((c) => c <= 0),
  gt: cmp((c) => c > 0),
  ge: cmp((c) => c >= 0),
  in: (ctx, v, a) => {
    const container = a[0];
    if (typeof container === 'string') return typeof v === 'string' && container.includes(v);
    if (isDict(container)) return ctx.callTest('__contains', container, [v]);
    if (Array.isArray(container)) return container.some((x) => pyEquals(x, v));
    return fail('TypeError', `argument of type '${typeName(container)}' is not iterable`);
  },
  sameas: (_ctx, v, a) => v === a[0],
  escaped: () => false,
  filter: (ctx, v) => typeof v === 'string' && ctx.env.filters.has(v),
  test: (ctx, v) => typeof v === 'string' && ctx.env.tests.has(v),
  __contains: (_ctx, d, a) =>
    isDict(d) && (d instanceof Map ? [...d.keys()] : Object.keys(d)).some((k) => pyEquals(k, a[0])),
};
jinjaTests.equalto = jinjaTests.eq as TestFn;
jinjaTests['=='] = jinjaTests.eq as TestFn;
jinjaTests['!='] = jinjaTests.ne as TestFn;
jinjaTests.lessthan = jinjaTests.lt as TestFn;
jinjaTests['<'] = jinjaTests.lt as TestFn;
jinjaTests['<='] = jinjaTests.le as TestFn;
jinjaTests.greaterthan = jinjaTests.gt as TestFn;
jinjaTests['>'] = jinjaTests.gt as TestFn;
jinjaTests['>='] = jinjaTests.ge as TestFn;
