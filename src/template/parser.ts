// Recursive-descent parser for template statements, following Jinja2 3.1's grammar and
// its error messages ("Encountered unknown tag 'x'.", "expected token ...").
import type { Node, Pos, Target, MacroParam, Expr } from './ast.js';
import { TemplateError } from './errors.js';
import { tokenize, type Token, type LexOptions } from './lexer.js';
import { ExpressionParser } from './parse-expression.js';

/** Parses template text into a node list. */
export function parseTemplate(source: string, options: LexOptions): Node[] {
  return new TemplateParser(tokenize(source, options)).parseAll();
}

/** Parses one expression (the text between `{{` and `}}`). */
export function parseExpression(source: string): Expr {
  const tokens = tokenize(`{{ ${source} }}`, { trimBlocks: false, lstripBlocks: false, keepTrailingNewline: true });
  const first = tokens[0];
  for (const t of tokens) if (t.line === 1) t.column -= 3;
  if (first?.type !== 'var_begin')
    throw new TemplateError('TemplateSyntaxError', 'empty expression', { line: 1, column: 1 });
  const p = new TemplateParser(tokens);
  p.next();
  const expr = p.parseTuple(false);
  p.expect('var_end', 'end of print statement');
  if (p.current.type !== 'eof') throw p.error(`unexpected '${p.current.raw}'`);
  return expr;
}

class TemplateParser extends ExpressionParser {
  private readonly endStack: string[] = [];

  parseAll(): Node[] {
    const body = this.subparse([]);
    if (this.current.type !== 'eof') throw this.error(`unexpected '${this.current.raw}'`);
    return body;
  }

  /** Parses nodes until one of `endTokens` opens a block tag; leaves the stream on that name. */
  private subparse(endTokens: string[]): Node[] {
    const body: Node[] = [];
    for (;;) {
      const tok = this.current;
      if (tok.type === 'eof') {
        if (endTokens.length) throw this.unclosed(endTokens, tok);
        return body;
      }
      if (tok.type === 'data') {
        body.push({ type: 'output', value: tok.value, pos: this.pos(tok) });
        this.next();
      } else if (tok.type === 'var_begin') {
        this.next();
        body.push({ type: 'print', expr: this.parseTuple(false), pos: this.pos(tok) });
        this.expect('var_end', 'end of print statement');
      } else {
        this.next();
        const name = this.current;
        if (name.type === 'name' && endTokens.includes(name.value)) return body;
        body.push(this.parseStatement());
      }
    }
  }

  private unclosed(endTokens: string[], tok: Token): TemplateError {
    const looking = endTokens.map((t) => `'${t}'`).join(' or ');
    const inner = this.endStack[this.endStack.length - 1];
    const tail = inner ? ` The innermost block that needs to be closed is '${inner}'.` : '';
    return new TemplateError(
      'TemplateSyntaxError',
      `Unexpected end of template. Jinja was looking for the following tags: ${looking}.${tail}`,
      this.pos(tok),
    );
  }

  private parseStatement(): Node {
    const tok = this.current;
    if (tok.type !== 'name') throw this.error('tag name expected');
    this.endStack.push(tok.value);
    try {
      const node = this.dispatch(tok);
      if (node) return node;
      if (tok.value.startsWith('end')) throw this.error(`Encountered unknown tag '${tok.value}'.`);
      throw this.error(`Encountered unknown tag '${tok.value}'.`);
    } finally {
      this.endStack.pop();
    }
  }

  private dispatch(tok: Token): Node | undefined {
    switch (tok.value) {
      case 'if':
        return this.parseIf();
      case 'for':
        return this.parseFor();
      case 'set':
        return this.parseSet();
      case 'macro':
        return this.parseMacro();
      case 'call':
        return this.parseCallBlock();
      case 'filter':
        return this.parseFilterBlock();
      case 'with':
        return this.parseWith();
      case 'include':
        return this.parseInclude();
      case 'import':
        return this.parseImport();
      case 'from':
        return this.parseFrom();
      case 'block':
        return this.parseBlock();
      case 'extends':
        return this.parseExtends();
      default:
        return undefined;
    }
  }

  private endBlock(): void {
    this.next();
    this.expect('block_end', 'end of statement block');
  }

  private parseIf(): Node {
    const pos = this.pos(this.current);
    this.next();
    const branches: { test: Expr; body: Node[] }[] = [];
    let test = this.parseTuple(true);
    for (;;) {
      this.expect('block_end', 'end of statement block');
      const body = this.subparse(['elif', 'else', 'endif']);
      branches.push({ test, body });
      const tag = this.current.value;
      this.next();
      if (tag === 'elif') {
        test = this.parseTuple(true);
        continue;
      }
      if (tag === 'else') {
        this.expect('block_end', 'end of statement block');
        const elseBody = this.subparse(['endif']);
        this.endBlock();
        return { type: 'if', branches, else: elseBody, pos };
      }
      this.expect('block_end', 'end of statement block');
      return { type: 'if', branches, else: [], pos };
    }
  }

  private parseFor(): Node {
    const pos = this.pos(this.current);
    this.next();
    const target = this.parseAssignTarget(true);
    this.expectName('in');
    const iter = this.parseTuple(false, true);
    let filter: Expr | undefined;
    if (this.skipName('if')) filter = this.parseTuple(true);
    const recursive = this.skipName('recursive');
    this.expect('block_end', 'end of statement block');
    const body = this.subparse(['endfor', 'else']);
    let elseBody: Node[] = [];
    if (this.current.value === 'else') {
      this.next();
      this.expect('block_end', 'end of statement block');
      elseBody = this.subparse(['endfor']);
    }
    this.endBlock();
    return { type: 'for', target, iter, ...(filter ? { filter } : {}), body, else: elseBody, recursive, pos };
  }

  private parseSet(): Node {
    const pos = this.pos(this.current);
    this.next();
    const target = this.parseAssignTarget(true, true);
    if (this.skipOp('=')) {
      const expr = this.parseTuple(false);
      this.expect('block_end', 'end of statement block');
      return { type: 'set', target, expr, pos };
    }
    const filters: Expr[] = [];
    while (this.current.type === 'op' && this.current.value === '|') filters.push(...this.parseFilterChain());
    this.expect('block_end', 'end of statement block');
    const body = this.subparse(['endset']);
    this.endBlock();
    return { type: 'setblock', target, body, filters, pos };
  }

  private parseMacro(): Node {
    const pos = this.pos(this.current);
    this.next();
    const name = this.expect('name', 'name').value;
    const params = this.parseParams();
    this.expect('block_end', 'end of statement block');
    const body = this.subparse(['endmacro']);
    this.endBlock();
    return { type: 'macro', name, params, body, pos };
  }

  private parseParams(): MacroParam[] {
    const params: MacroParam[] = [];
    this.expectOp('(');
    while (!this.skipOp(')')) {
      if (params.length) this.expectOp(',');
      const name = this.expect('name', 'name').value;
      params.push(this.skipOp('=') ? { name, default: this.parseExpr() } : { name });
    }
    return params;
  }

  private parseCallBlock(): Node {
    const pos = this.pos(this.current);
    this.next();
    const params = this.current.type === 'op' && this.current.value === '(' ? this.parseParams() : [];
    const call = this.parseExpr();
    if (call.type !== 'call') throw this.error('expected call', call.pos);
    this.expect('block_end', 'end of statement block');
    const body = this.subparse(['endcall']);
    this.endBlock();
    return { type: 'callblock', call, params, body, pos };
  }

  private parseFilterBlock(): Node {
    const pos = this.pos(this.current);
    this.next();
    const filters = this.parseFilterChain(true);
    this.expect('block_end', 'end of statement block');
    const body = this.subparse(['endfilter']);
    this.endBlock();
    return { type: 'filterblock', filters, body, pos };
  }

  private parseWith(): Node {
    const pos = this.pos(this.current);
    this.next();
    const assignments: [Target, Expr][] = [];
    while (this.current.type !== 'block_end') {
      if (assignments.length) this.expectOp(',');
      const target = this.parseAssignTarget(false);
      this.expectOp('=');
      assignments.push([target, this.parseExpr()]);
    }
    this.next();
    const body = this.subparse(['endwith']);
    this.endBlock();
    return { type: 'with', assignments, body, pos };
  }

  private parseContextModifier(defaultWith: boolean): boolean {
    if (this.current.type === 'name' && (this.current.value === 'with' || this.current.value === 'without')) {
      const isWith = this.current.value === 'with';
      this.next();
      this.expectName('context');
      return isWith;
    }
    return defaultWith;
  }

  private parseInclude(): Node {
    const pos = this.pos(this.current);
    this.next();
    const template = this.parseExpr();
    let ignoreMissing = false;
    if (this.current.type === 'name' && this.current.value === 'ignore') {
      this.next();
      this.expectName('missing');
      ignoreMissing = true;
    }
    const withContext = this.parseContextModifier(true);
    this.expect('block_end', 'end of statement block');
    return { type: 'include', template, ignoreMissing, withContext, pos };
  }

  private parseImport(): Node {
    const pos = this.pos(this.current);
    this.next();
    const template = this.parseExpr();
    this.expectName('as');
    const alias = this.expect('name', 'name').value;
    const withContext = this.parseContextModifier(false);
    this.expect('block_end', 'end of statement block');
    return { type: 'import', template, alias, withContext, pos };
  }

  private parseFrom(): Node {
    const pos = this.pos(this.current);
    this.next();
    const template = this.parseExpr();
    this.expectName('import');
    const names: [string, string][] = [];
    let withContext = false;
    // Parser.parse_from: names separated by commas, `with context`/`without context` after any
    const context = (): boolean => {
      const isContext =
        this.current.type === 'name' && (this.current.value === 'with' || this.current.value === 'without');
      if (isContext) withContext = this.parseContextModifier(false);
      return isContext;
    };
    for (;;) {
      if (names.length) this.expectOp(',');
      if (context()) break;
      const name = this.expect('name', 'name').value;
      names.push([name, this.skipName('as') ? this.expect('name', 'name').value : name]);
      if (context() || !(this.current.type === 'op' && this.current.value === ',')) break;
    }
    this.expect('block_end', 'end of statement block');
    return { type: 'fromimport', template, names, withContext, pos };
  }

  private parseBlock(): Node {
    const pos = this.pos(this.current);
    this.next();
    const name = this.expect('name', 'name').value;
    this.skipName('scoped');
    this.expect('block_end', 'end of statement block');
    const body = this.subparse(['endblock']);
    this.next();
    if (this.current.type === 'name') this.next();
    this.expect('block_end', 'end of statement block');
    return { type: 'block', name, body, pos };
  }

  private parseExtends(): Node {
    const pos = this.pos(this.current);
    this.next();
    const template = this.parseExpr();
    this.expect('block_end', 'end of statement block');
    return { type: 'extends', template, pos };
  }

  /** `x`, `a, b` (for loops and with), or `ns.attr` (set only). */
  private parseAssignTarget(allowTuple: boolean, allowNamespace = false): Target {
    const items: Target[] = [];
    do {
      if (this.skipOp('(')) {
        items.push(this.parseAssignTarget(true));
        this.expectOp(')');
      } else {
        const tok = this.expect('name', 'name');
        if (allowNamespace && this.skipOp('.')) {
          return { type: 'nsattr', name: tok.value, attr: this.expect('name', 'name').value };
        }
        items.push({ type: 'name', name: tok.value });
      }
    } while (allowTuple && this.skipOp(','));
    return items.length === 1 && items[0] ? items[0] : { type: 'tuple', items };
  }

  pos(tok: Token): Pos {
    return { line: tok.line, column: tok.column };
  }
}
