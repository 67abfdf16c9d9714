// Jinja2's built-in tests (jinja2/tests.py, 3.1): `is defined`, `is divisibleby 3`, …
import type { CallContext, TestFn } from './environment.js';
import { failUndefined, isStrict, isUndefined, type Undefined } from './undefined.js';
import { isDict, isInt, isFloat, isNumber, toJsNumber, typeName } from './py/values.js';
import { pyEquals, pyCompare } from './py/ops.js';
import { PyFunction } from './py/callable.js';
import { fail } from './errors.js';

/** A strict (Ansible's) Undefined raises where it is used; a lenient one lets the test go on (true). */
function used(ctx: CallContext, v: Undefined): true {
  if (isStrict(v, ctx.env.isAnsible)) failUndefined(v, ctx.env.isAnsible);
  return true;
}

/** value % n: Undefined's arithmetic always raises (_fail_with_undefined_error). */
function arithmetic(ctx: CallContext, v: unknown): unknown {
  if (isUndefined(v)) failUndefined(v, ctx.env.isAnsible);
  return v;
}

/** str.islower/isupper need at least one cased character. */
const isCased = (s: string): boolean => s.toLowerCase() !== s.toUpperCase();

const cmp =
  (op: (c: number) => boolean): TestFn =>
  (ctx, v, a) =>
    op(pyCompare(arithmetic(ctx, v), a[0]));

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
  // len() and __getitem__: an Undefined has both (0 and a method), a strict one raises in len —
  // which test_sequence catches
  sequence: (ctx, v) =>
    typeof v === 'string' || Array.isArray(v) || isDict(v) || (isUndefined(v) && !isStrict(v, ctx.env.isAnsible)),
  // iter(): an Undefined iterates as empty; a strict one raises (test_iterable catches TypeError only)
  iterable: (ctx, v) => typeof v === 'string' || Array.isArray(v) || isDict(v) || (isUndefined(v) && used(ctx, v)),
  // callable(): Undefined defines __call__
  callable: (_ctx, v) => v instanceof PyFunction || isUndefined(v),
  odd: (ctx, v) => Math.abs(toJsNumber(arithmetic(ctx, v))) % 2 === 1,
  even: (ctx, v) => toJsNumber(arithmetic(ctx, v)) % 2 === 0,
  divisibleby: (ctx, v, a) => {
    const d = toJsNumber(a[0]);
    const n = toJsNumber(arithmetic(ctx, v));
    if (d === 0) return fail('ZeroDivisionError', 'integer division or modulo by zero');
    return n % d === 0;
  },
  // str(value): '' for an Undefined, an error for a strict one
  lower: (ctx, v) => (isUndefined(v) ? !used(ctx, v) : typeof v === 'string' && isCased(v) && v === v.toLowerCase()),
  upper: (ctx, v) => (isUndefined(v) ? !used(ctx, v) : typeof v === 'string' && isCased(v) && v === v.toUpperCase()),
  // ==: an Undefined equals only an Undefined; a strict one raises
  eq: (ctx, v, a) => (isUndefined(v) ? used(ctx, v) && isUndefined(a[0]) : pyEquals(v, a[0])),
  ne: (ctx, v, a) => (isUndefined(v) ? used(ctx, v) && !isUndefined(a[0]) : !pyEquals(v, a[0])),
  lt: cmp((c) => c < 0),
  le: cmp((c) => c <= 0),
  gt: cmp((c) => c > 0),
  ge: cmp((c) => c >= 0),
  in: (ctx, v, a) => {
    const container = a[0];
    if (typeof container === 'string') return typeof v === 'string' && container.includes(v);
    if (isDict(container)) return ctx.callTest('__contains', container, [v]);
    if (Array.isArray(container)) {
      // list.__contains__ compares: a strict Undefined raises there
      if (isUndefined(v) && container.length) used(ctx, v);
      return container.some((x) => pyEquals(x, v));
    }
    return fail('TypeError', `argument of type '${typeName(container)}' is not iterable`);
  },
  sameas: (_ctx, v, a) => v === a[0],
  // hasattr(value, '__html__'): Ansible's Undefined answers any attribute but __UNSAFE__ with itself
  escaped: (ctx, v) => isUndefined(v) && ctx.env.isAnsible,
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
