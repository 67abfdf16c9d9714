// Evaluates expressions against a scope. One Evaluator per render: it owns the step
// budget and the recursion depth, so no template can run forever or blow the stack.
import type { Expr, Args } from './ast.js';
import { TemplateError, fail } from './errors.js';
import { unknownName } from './check-names.js';
import type { Environment, CallContext } from './environment.js';
import { Scope } from './scope.js';
import { PyFunction, type Kwargs } from './py/callable.js';
import { MISSING, tuple, makeDict, hashKey, isDict, dictEntries } from './py/values.js';
import * as ops from './py/ops.js';
import { pySlice } from './py/slice.js';
import { Undefined, isUndefined, isStrict, failUndefined } from './undefined.js';
import { getAttribute, getItem, truthy, iterate, toText } from './runtime.js';

const MAX_DEPTH = 400;

const BINARY: Record<string, (a: unknown, b: unknown) => unknown> = {
  '+': ops.add,
  '-': ops.sub,
  '*': ops.mul,
  '/': ops.truediv,
  '//': ops.floordiv,
  '%': ops.mod,
  '**': ops.pow,
};

export class Evaluator implements CallContext {
  private steps = 0;
  depth = 0;

  constructor(readonly env: Environment) {}

  get isAnsible(): boolean {
    return this.env.isAnsible;
  }

  charge(steps: number): void {
    this.steps += steps;
    if (this.steps > this.env.stepBudget) {
      throw new TemplateError(
        'StepBudgetExceeded',
        `template evaluation exceeded its budget of ${this.env.stepBudget} steps`,
      );
    }
  }

  /** Guards recursion (macros, recursive loops, includes) against stack exhaustion. */
  enter<T>(fn: () => T): T {
    if (++this.depth > MAX_DEPTH) {
      this.depth = 0;
      throw new TemplateError('TemplateRuntimeError', 'maximum recursion depth exceeded');
    }
    try {
      return fn();
    } finally {
      this.depth--;
    }
  }

  private currentScope: Scope | undefined;

  lookupVariable(name: string): unknown {
    return this.currentScope ? this.lookupName(name, this.currentScope) : MISSING;
  }

  eval(e: Expr, scope: Scope): unknown {
    this.charge(1);
    try {
      return this.evalNode(e, scope);
    } catch (err) {
      throw positioned(err, e.pos);
    }
  }

  private evalNode(e: Expr, scope: Scope): unknown {
    switch (e.type) {
      case 'const':
        return e.value;
      case 'name':
        return this.evalName(e.name, scope);
      case 'list':
        return e.items.map((i) => this.eval(i, scope));
      case 'tuple':
        return tuple(e.items.map((i) => this.eval(i, scope)));
      case 'dict':
        return makeDict(e.entries.map(([k, v]) => [this.checkKey(this.eval(k, scope)), this.eval(v, scope)]));
      case 'getattr':
        return getAttribute(this.eval(e.target, scope), e.attr, this, pathOf(e.target));
      case 'getitem':
        return getItem(this.eval(e.target, scope), this.eval(e.key, scope), this, pathOf(e.target));
      case 'slice':
        return this.evalSlice(e, scope);
      case 'call':
        return this.evalCall(e.callee, e.args, scope);
      case 'filter':
        return this.applyFilter(e.name, e.target ? this.eval(e.target, scope) : null, e.args, scope);
      case 'test':
        return this.applyTest(e, scope);
      case 'unary':
        return this.evalUnary(e.op, this.eval(e.operand, scope));
      case 'binary':
        return this.evalBinary(e.op, e.left, e.right, scope);
      case 'and': {
        const l = this.eval(e.left, scope);
        return truthy(l, this) ? this.eval(e.right, scope) : l;
      }
      case 'or': {
        const l = this.eval(e.left, scope);
        return truthy(l, this) ? l : this.eval(e.right, scope);
      }
      case 'compare':
        return this.evalCompare(e.first, e.ops, scope);
      case 'concat':
        return e.items.map((i) => toText(this.eval(i, scope), this)).join('');
      case 'cond':
        return this.evalCond(e, scope);
    }
  }

  private checkKey(k: unknown): unknown {
    if (Array.isArray(k) && !Object.isFrozen(k)) return fail('TypeError', "unhashable type: 'list'");
    if (isDict(k)) return fail('TypeError', "unhashable type: 'dict'");
    if (isUndefined(k)) return failUndefined(k, this.isAnsible);
    return hashKey(k);
  }

  evalName(name: string, scope: Scope): unknown {
    const v = this.lookupName(name, scope);
    return v === MISSING ? new Undefined({ name }, name) : v;
  }

  private lookupName(name: string, scope: Scope): unknown {
    const v = scope.lookup(name);
    if (v !== MISSING) return v;
    return this.env.globals.has(name) ? this.env.globals.get(name) : MISSING;
  }

  private evalSlice(e: Extract<Expr, { type: 'slice' }>, scope: Scope): unknown {
    const target = this.eval(e.target, scope);
    if (isUndefined(target)) return this.isAnsible ? target : failUndefined(target, false);
    const part = (x: Expr | undefined): unknown => (x ? this.eval(x, scope) : null);
    return pySlice(target, part(e.start), part(e.stop), part(e.step));
  }

  private evalUnary(op: string, v: unknown): unknown {
    if (op === 'not') return !truthy(v, this);
    if (isUndefined(v)) return failUndefined(v, this.isAnsible);
    return op === '-' ? ops.negate(v) : ops.plus(v);
  }

  private evalBinary(op: string, left: Expr, right: Expr, scope: Scope): unknown {
    const a = this.eval(left, scope);
    const b = this.eval(right, scope);
    if (isUndefined(a)) return failUndefined(a, this.isAnsible);
    if (isUndefined(b)) return failUndefined(b, this.isAnsible);
    if (op === '*' || op === '**') this.chargeRepeat(a, b);
    const fn = BINARY[op];
    return fn ? fn(a, b) : fail('TemplateRuntimeError', `unknown operator ${op}`);
  }

  /** `'x' * 10**9` would exhaust memory before the budget notices; charge its size up front. */
  private chargeRepeat(a: unknown, b: unknown): void {
    const n = typeof b === 'number' ? b : typeof a === 'number' ? a : 0;
    const seq =
      typeof a === 'string' || Array.isArray(a) ? a : typeof b === 'string' || Array.isArray(b) ? b : undefined;
    if (seq !== undefined && n > 0) this.charge(Math.ceil((seq.length * n) / 64));
    else if (typeof a === 'number' && typeof b === 'number' && Math.abs(b) > 10_000) this.charge(Math.abs(b) / 64);
  }

  private evalCompare(first: Expr, list: { op: string; expr: Expr }[], scope: Scope): boolean {
    let left = this.eval(first, scope);
    for (const { op, expr } of list) {
      const right = this.eval(expr, scope);
      if (!this.compareOne(op, left, right)) return false;
      left = right;
    }
    return true;
  }

  private compareOne(op: string, a: unknown, b: unknown): boolean {
    if (op === 'in' || op === 'notin') return this.contains(b, a) === (op === 'in');
    if (isUndefined(a) || isUndefined(b)) {
      const u = (isUndefined(a) ? a : b) as Undefined;
      if (this.isAnsible) return failUndefined(u, true);
      if (op === '==' || op === '!=') return (isUndefined(a) && isUndefined(b)) === (op === '==');
      return failUndefined(u, false);
    }
    switch (op) {
      case '==':
        return ops.pyEquals(a, b);
      case '!=':
        return !ops.pyEquals(a, b);
      case '<':
        return ops.pyCompare(a, b, op) < 0;
      case '<=':
        return ops.pyCompare(a, b, op) <= 0;
      case '>':
        return ops.pyCompare(a, b, op) > 0;
      default:
        return ops.pyCompare(a, b, op) >= 0;
    }
  }

  /** Python `needle in haystack`. */
  contains(haystack: unknown, needle: unknown): boolean {
    // `in` an Undefined iterates it: empty, but a strict one raises (__contains__ fails)
    if (isUndefined(haystack))
      return isStrict(haystack, this.isAnsible) ? failUndefined(haystack, this.isAnsible) : false;
    if (typeof haystack === 'string') {
      if (typeof needle !== 'string')
        return fail(
          'TypeError',
          `'in <string>' requires string as left operand, not ${typeof needle === 'number' ? 'int' : typeof needle}`,
        );
      return haystack.includes(needle);
    }
    // a strict Undefined looked for raises where it is hashed (a dict) or compared (an item)
    const strictNeedle = isUndefined(needle) && isStrict(needle, this.isAnsible);
    if (isDict(haystack)) {
      if (strictNeedle) return failUndefined(needle, this.isAnsible);
      // dict.__contains__ hashes the key first
      this.checkKey(needle);
      return dictEntries(haystack).some(([k]) => ops.pyEquals(k, needle));
    }
    const items = iterate(haystack, this);
    if (strictNeedle && items.length) return failUndefined(needle, this.isAnsible);
    return items.some((x) => ops.pyEquals(x, needle));
  }

  private evalCond(e: Extract<Expr, { type: 'cond' }>, scope: Scope): unknown {
    if (truthy(this.eval(e.test, scope), this)) return this.eval(e.then, scope);
    if (e.else) return this.eval(e.else, scope);
    return new Undefined(
      {
        name: '',
        lenient: true,
        hint: `the inline if-expression on line ${e.pos.line} evaluated to false and no else section was defined.`,
      },
      '',
    );
  }

  evalArgs(a: Args, scope: Scope): [unknown[], Kwargs] {
    const args = a.positional.map((x) => this.eval(x, scope));
    const kwargs: Kwargs = new Map(a.keywords.map(([k, v]) => [k, this.eval(v, scope)]));
    if (a.star) args.push(...iterate(this.eval(a.star, scope), this));
    if (a.starStar) {
      const extra = this.eval(a.starStar, scope);
      if (!isDict(extra)) return fail('TypeError', 'argument after ** must be a mapping');
      for (const [k, v] of dictEntries(extra)) kwargs.set(String(k), v);
    }
    return [args, kwargs];
  }

  private evalCall(calleeExpr: Expr, argExprs: Args, scope: Scope): unknown {
    const callee = this.eval(calleeExpr, scope);
    const [args, kwargs] = this.evalArgs(argExprs, scope);
    this.currentScope = scope;
    if (callee instanceof PyFunction) return this.enter(() => callee.call(args, kwargs));
    if (isUndefined(callee)) return failUndefined(callee, this.isAnsible);
    return fail('TypeError', `'${describeCallee(callee)}' object is not callable`);
  }

  applyFilter(name: string, value: unknown, argExprs: Args, scope: Scope): unknown {
    const [args, kwargs] = this.evalArgs(argExprs, scope);
    this.currentScope = scope;
    return this.callFilter(name, value, args, kwargs);
  }

  callFilter(name: string, value: unknown, args: unknown[], kwargs: Kwargs = new Map()): unknown {
    const fn = this.env.filters.get(name);
    if (!fn) return fail(this.unknownAtRuntime(), unknownName('filter', name, this.env));
    return fn(this, value, args, kwargs);
  }

  private applyTest(e: Extract<Expr, { type: 'test' }>, scope: Scope): boolean {
    const value = this.eval(e.target, scope);
    const [args, kwargs] = this.evalArgs(e.args, scope);
    this.currentScope = scope;
    return this.callTest(e.name, value, args, kwargs) !== e.negated;
  }

  callTest(name: string, value: unknown, args: unknown[], kwargs: Kwargs = new Map()): boolean {
    const fn = this.env.tests.get(name);
    if (!fn) return fail(this.unknownAtRuntime(), unknownName('test', name, this.env));
    return fn(this, value, args, kwargs);
  }

  /**
   * A name the compile-time check did not see (map('x'), select('x')): under Ansible the plugin
   * loader's TemplateSyntaxError escapes Templar as a plain exception.
   */
  private unknownAtRuntime(): 'jinja2.exceptions.TemplateSyntaxError' | 'TemplateAssertionError' {
    return this.env.isAnsible ? 'jinja2.exceptions.TemplateSyntaxError' : 'TemplateAssertionError';
  }
}

function describeCallee(v: unknown): string {
  if (v === null) return 'NoneType';
  if (typeof v === 'string') return 'str';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return 'list';
  return 'dict';
}

/** The dotted path of an expression, for undefined-variable messages (`nova.db.host`). */
export function pathOf(e: Expr): string {
  switch (e.type) {
    case 'name':
      return e.name;
    case 'getattr':
      return `${pathOf(e.target)}.${e.attr}`;
    case 'getitem':
      return e.key.type === 'const' ? `${pathOf(e.target)}[${JSON.stringify(e.key.value)}]` : `${pathOf(e.target)}[…]`;
    default:
      return '…';
  }
}

/** Gives an error the position of the innermost expression that raised it. */
export function positioned(err: unknown, pos: { line: number; column: number }): unknown {
  if (err instanceof TemplateError) return err.at(pos);
  if (err instanceof RangeError && /call stack/i.test(err.message)) {
    return new TemplateError('TemplateRuntimeError', 'maximum recursion depth exceeded', pos);
  }
  return err;
}
