// The expression half of the parser: Jinja2's precedence (or < and < not < comparison <
// + - < ~ < * / // % < ** < unary < postfix/filters), tests with and without parentheses,
// dotted filter names (ansible.builtin.bool), call arguments, slices and literals.
import type { Expr, Args, Pos } from './ast.js';
import type { Token } from './lexer.js';
import { TokenStream, describeKind } from './token-stream.js';
import { PyFloat } from './py/values.js';

const COMPARE_OPS = new Set(['==', '!=', '<', '<=', '>', '>=']);
const CONSTANTS: Record<string, unknown> = {
  true: true,
  True: true,
  false: false,
  False: false,
  none: null,
  None: null,
};
const TEST_ARG_START = new Set(['name', 'string', 'int', 'float']);

export class ExpressionParser extends TokenStream {
  private at(tok: Token): Pos {
    return { line: tok.line, column: tok.column };
  }

  /** A comma-separated tuple, or a single expression. `noCondExpr` for `for` iterables. */
  parseTuple(simplified: boolean, noCondExpr = false): Expr {
    const start = this.at(this.current);
    const items: Expr[] = [];
    let sawComma = false;
    for (;;) {
      if (items.length) {
        if (!this.skipOp(',')) break;
        sawComma = true;
      }
      if (this.isTupleEnd()) break;
      items.push(simplified ? this.parsePrimaryChain() : this.parseExpr(noCondExpr));
    }
    if (!sawComma) {
      if (items[0]) return items[0];
      throw this.error(`Expected an expression, got ${this.describe(this.current).replace(/^'(.*)'$/, "'$1'")}`);
    }
    return { type: 'tuple', items, pos: start };
  }

  private isTupleEnd(): boolean {
    const t = this.current;
    if (t.type === 'var_end' || t.type === 'block_end' || t.type === 'eof') return true;
    if (t.type === 'op' && (t.value === ')' || t.value === ']' || t.value === '}')) return true;
    return t.type === 'name' && (t.value === 'in' || t.value === 'if' || t.value === 'recursive');
  }

  private parsePrimaryChain(): Expr {
    return this.parseExpr();
  }

  parseExpr(noCondExpr = false): Expr {
    return noCondExpr ? this.parseOr() : this.parseCondExpr();
  }

  private parseCondExpr(): Expr {
    let expr = this.parseOr();
    while (this.current.type === 'name' && this.current.value === 'if') {
      const pos = this.at(this.next());
      const test = this.parseOr();
      const otherwise = this.skipName('else') ? this.parseCondExpr() : undefined;
      expr = { type: 'cond', test, then: expr, else: otherwise, pos };
    }
    return expr;
  }

  private parseOr(): Expr {
    let left = this.parseAnd();
    while (this.current.type === 'name' && this.current.value === 'or') {
      const pos = this.at(this.next());
      left = { type: 'or', left, right: this.parseAnd(), pos };
    }
    return left;
  }

  private parseAnd(): Expr {
    let left = this.parseNot();
    while (this.current.type === 'name' && this.current.value === 'and') {
      const pos = this.at(this.next());
      left = { type: 'and', left, right: this.parseNot(), pos };
    }
    return left;
  }

  private parseNot(): Expr {
    if (this.current.type === 'name' && this.current.value === 'not') {
      const pos = this.at(this.next());
      return { type: 'unary', op: 'not', operand: this.parseNot(), pos };
    }
    return this.parseCompare();
  }

  private parseCompare(): Expr {
    const pos = this.at(this.current);
    const first = this.parseMath1();
    const ops: { op: string; expr: Expr }[] = [];
    for (;;) {
      const t = this.current;
      if (t.type === 'op' && COMPARE_OPS.has(t.value)) {
        this.next();
        ops.push({ op: t.value, expr: this.parseMath1() });
      } else if (t.type === 'name' && t.value === 'in') {
        this.next();
        ops.push({ op: 'in', expr: this.parseMath1() });
      } else if (
        t.type === 'name' &&
        t.value === 'not' &&
        this.peek()?.type === 'name' &&
        this.peek()?.value === 'in'
      ) {
        this.next();
        this.next();
        ops.push({ op: 'notin', expr: this.parseMath1() });
      } else break;
    }
    return ops.length ? { type: 'compare', first, ops, pos } : first;
  }

  private parseBinary(ops: readonly string[], operand: () => Expr): Expr {
    let left = operand();
    while (this.current.type === 'op' && ops.includes(this.current.value)) {
      const tok = this.next();
      left = { type: 'binary', op: tok.value, left, right: operand(), pos: this.at(tok) };
    }
    return left;
  }

  private parseMath1(): Expr {
    return this.parseBinary(['+', '-'], () => this.parseConcat());
  }

  private parseConcat(): Expr {
    const pos = this.at(this.current);
    const items = [this.parseMath2()];
    while (this.skipOp('~')) items.push(this.parseMath2());
    return items.length === 1 && items[0] ? items[0] : { type: 'concat', items, pos };
  }

  private parseMath2(): Expr {
    return this.parseBinary(['*', '/', '//', '%'], () => this.parsePow());
  }

  private parsePow(): Expr {
    return this.parseBinary(['**'], () => this.parseUnary());
  }

  private parseUnary(withFilter = true): Expr {
    const t = this.current;
    let node: Expr;
    if (t.type === 'op' && (t.value === '-' || t.value === '+')) {
      this.next();
      node = { type: 'unary', op: t.value, operand: this.parseUnary(false), pos: this.at(t) };
    } else {
      node = this.parsePrimary();
    }
    node = this.parsePostfix(node);
    return withFilter ? this.parseFilterExpr(node) : node;
  }

  private parsePrimary(): Expr {
    const t = this.current;
    const pos = this.at(t);
    if (t.type === 'name') {
      this.next();
      if (t.value in CONSTANTS) return { type: 'const', value: CONSTANTS[t.value], pos };
      return { type: 'name', name: t.value, pos };
    }
    if (t.type === 'string') {
      let value = '';
      while (this.current.type === 'string') value += this.next().value;
      return { type: 'const', value, pos };
    }
    if (t.type === 'int' || t.type === 'float') {
      this.next();
      return { type: 'const', value: parseNumberToken(t), pos };
    }
    if (t.type === 'op' && t.value === '(') return this.parseParen(pos);
    if (t.type === 'op' && t.value === '[') return this.parseList(pos);
    if (t.type === 'op' && t.value === '{') return this.parseDict(pos);
    if (t.type === 'var_end' || t.type === 'block_end' || t.type === 'eof') {
      throw this.error(`unexpected '${describeKind(t.type)}'`);
    }
    throw this.error(`unexpected '${t.raw}'`);
  }

  private parseParen(pos: Pos): Expr {
    this.next();
    if (this.skipOp(')')) return { type: 'tuple', items: [], pos };
    const items: Expr[] = [this.parseExpr()];
    let sawComma = false;
    while (this.skipOp(',')) {
      sawComma = true;
      if (this.current.type === 'op' && this.current.value === ')') break;
      items.push(this.parseExpr());
    }
    this.expectOp(')');
    return sawComma ? { type: 'tuple', items, pos } : (items[0] as Expr);
  }

  private parseList(pos: Pos): Expr {
    this.next();
    const items: Expr[] = [];
    while (!this.skipOp(']')) {
      if (items.length) {
        this.expectOp(',');
        if (this.skipOp(']')) break;
      }
      items.push(this.parseExpr());
    }
    return { type: 'list', items, pos };
  }

  private parseDict(pos: Pos): Expr {
    this.next();
    const entries: [Expr, Expr][] = [];
    while (!this.skipOp('}')) {
      if (entries.length) {
        this.expectOp(',');
        if (this.skipOp('}')) break;
      }
      const key = this.parseExpr();
      this.expectOp(':');
      entries.push([key, this.parseExpr()]);
    }
    return { type: 'dict', entries, pos };
  }

  private parsePostfix(node: Expr): Expr {
    for (;;) {
      const t = this.current;
      if (t.type !== 'op') return node;
      if (t.value === '.') node = this.parseDotted(node);
      else if (t.value === '[') node = this.parseSubscript(node);
      else if (t.value === '(') node = { type: 'call', callee: node, args: this.parseCallArgs(), pos: node.pos };
      else return node;
    }
  }

  private parseDotted(target: Expr): Expr {
    this.next();
    const t = this.current;
    if (t.type === 'name') {
      this.next();
      return { type: 'getattr', target, attr: t.value, pos: target.pos };
    }
    if (t.type === 'int') {
      this.next();
      return {
        type: 'getitem',
        target,
        key: { type: 'const', value: Number(t.value.replace(/_/g, '')), pos: this.at(t) },
        pos: target.pos,
      };
    }
    throw this.error('expected name or number');
  }

  private parseSubscript(target: Expr): Expr {
    this.next();
    const pos = target.pos;
    const parts: Expr[] = [];
    for (;;) {
      if (parts.length) this.expectOp(',');
      const part = this.parseSubscribed(target, pos);
      if (part.type === 'slice') {
        this.expectOp(']');
        return parts.length ? part : part;
      }
      parts.push(part);
      if (this.skipOp(']')) break;
    }
    const key = parts.length === 1 ? (parts[0] as Expr) : { type: 'tuple' as const, items: parts, pos };
    return { type: 'getitem', target, key, pos };
  }

  private parseSubscribed(target: Expr, pos: Pos): Expr {
    const isColon = (): boolean => this.current.type === 'op' && this.current.value === ':';
    const isEnd = (): boolean =>
      this.current.type === 'op' && (this.current.value === ']' || this.current.value === ',');
    const start = isColon() ? undefined : this.parseExpr();
    if (!isColon()) return start as Expr;
    this.next();
    const stop = isColon() || isEnd() ? undefined : this.parseExpr();
    let step: Expr | undefined;
    if (this.skipOp(':') && !isEnd()) step = this.parseExpr();
    return {
      type: 'slice',
      target,
      ...(start ? { start } : {}),
      ...(stop ? { stop } : {}),
      ...(step ? { step } : {}),
      pos,
    };
  }

  parseCallArgs(): Args {
    this.expectOp('(');
    const args: Args = { positional: [], keywords: [] };
    let first = true;
    while (!this.skipOp(')')) {
      if (!first) {
        this.expectOp(',');
        if (this.skipOp(')')) break;
      }
      first = false;
      this.parseOneArg(args);
    }
    return args;
  }

  private parseOneArg(args: Args): void {
    if (this.skipOp('**')) {
      args.starStar = this.parseExpr();
      return;
    }
    if (this.skipOp('*')) {
      args.star = this.parseExpr();
      return;
    }
    if (this.current.type === 'name' && this.peek()?.type === 'op' && this.peek()?.value === '=') {
      const key = this.next().value;
      this.next();
      args.keywords.push([key, this.parseExpr()]);
      return;
    }
    if (args.keywords.length) throw this.error('positional argument follows keyword argument');
    args.positional.push(this.parseExpr());
  }

  private parseFilterExpr(node: Expr): Expr {
    for (;;) {
      const t = this.current;
      if (t.type === 'op' && t.value === '|') node = this.parseFilter(node);
      else if (t.type === 'name' && t.value === 'is') node = this.parseTest(node);
      else if (t.type === 'op' && t.value === '(')
        node = { type: 'call', callee: node, args: this.parseCallArgs(), pos: this.at(t) };
      else return node;
    }
  }

  private dottedName(): string {
    let name = this.expect('name', 'name').value;
    while (this.current.type === 'op' && this.current.value === '.' && this.peek()?.type === 'name') {
      this.next();
      name += `.${this.next().value}`;
    }
    return name;
  }

  private parseFilter(target: Expr | undefined): Expr {
    const bar = this.next();
    const name = this.dottedName();
    const args =
      this.current.type === 'op' && this.current.value === '('
        ? this.parseCallArgs()
        : { positional: [], keywords: [] };
    return { type: 'filter', name, target, args, pos: this.at(bar) };
  }

  /** `| a | b(1)` without a target, for filter blocks and block sets. */
  parseFilterChain(requireFirstBar = false): Expr[] {
    const filters: Expr[] = [];
    if (!requireFirstBar && !(this.current.type === 'op' && this.current.value === '|')) return filters;
    let first = requireFirstBar;
    while (first || (this.current.type === 'op' && this.current.value === '|')) {
      const pos = this.at(this.current);
      if (!first) this.next();
      first = false;
      const name = this.dottedName();
      const args =
        this.current.type === 'op' && this.current.value === '('
          ? this.parseCallArgs()
          : { positional: [], keywords: [] };
      filters.push({ type: 'filter', name, target: undefined, args, pos });
    }
    return filters;
  }

  private parseTest(target: Expr): Expr {
    const isTok = this.next();
    const negated = this.skipName('not');
    const name = this.dottedName();
    let args: Args = { positional: [], keywords: [] };
    const t = this.current;
    if (t.type === 'op' && t.value === '(') args = this.parseCallArgs();
    else if (
      (TEST_ARG_START.has(t.type) || (t.type === 'op' && (t.value === '[' || t.value === '{'))) &&
      !(t.type === 'name' && ['else', 'or', 'and', 'is', 'if', 'in', 'not', 'recursive'].includes(t.value))
    ) {
      args = { positional: [this.parsePostfix(this.parsePrimary())], keywords: [] };
    }
    return { type: 'test', name, target, args, negated, pos: this.at(isTok) };
  }
}

function parseNumberToken(t: Token): unknown {
  const text = t.value.replace(/_/g, '');
  if (t.type === 'float') {
    const v = Number(text);
    return Number.isInteger(v) ? new PyFloat(v) : v;
  }
  if (/^0[bB]/.test(text)) return parseInt(text.slice(2), 2);
  if (/^0[oO]/.test(text)) return parseInt(text.slice(2), 8);
  if (/^0[xX]/.test(text)) return parseInt(text.slice(2), 16);
  return Number(text);
}
