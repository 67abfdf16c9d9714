// JMESPath's lexer and Pratt parser as python-jmespath 1.0.1 has them (jmespath/lexer.py and
// parser.py, the library community.general's json_query filter calls), with its error messages:
// "Invalid jmespath expression: Incomplete expression:", "Unknown token '='", "Expecting: star,
// got: literal: Parse error at column 4…".
import { pyJsonLoads } from '../py/json.js';
import { pyStr } from '../py/repr.js';

export interface JmesNode {
  type: string;
  value?: unknown;
  children: JmesNode[];
}

interface JmesToken {
  type: string;
  value: unknown;
  start: number;
}

/** A JMESPathError: its text is the str() python-jmespath gives it. */
export class JmesPathError extends Error {}

const node = (type: string, children: JmesNode[] = [], value?: unknown): JmesNode => ({
  type,
  children,
  ...(value !== undefined ? { value } : {}),
});

const SIMPLE: Record<string, string> = {
  '.': 'dot',
  '*': 'star',
  ']': 'rbracket',
  ',': 'comma',
  ':': 'colon',
  '@': 'current',
  '(': 'lparen',
  ')': 'rparen',
  '{': 'lbrace',
  '}': 'rbrace',
};
const isStartIdentifier = (c: string | undefined): boolean => c !== undefined && /^[A-Za-z_]$/.test(c);
const isIdentifier = (c: string | undefined): boolean => c !== undefined && /^[A-Za-z0-9_]$/.test(c);
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

class Lexer {
  private readonly chars: string[];
  private pos = 0;

  constructor(private readonly expression: string) {
    this.chars = Array.from(expression);
  }

  private get current(): string | undefined {
    return this.chars[this.pos];
  }

  private next(): string | undefined {
    // _next: the position stays on the last character at the end
    if (this.pos < this.chars.length) this.pos++;
    return this.current;
  }

  private lexerError(position: number, message: string): never {
    throw new JmesPathError(`Bad jmespath expression: ${message}:\n${this.expression}\n${' '.repeat(position)}^`);
  }

  tokenize(): JmesToken[] {
    if (!this.expression) throw new JmesPathError('Invalid JMESPath expression: cannot be empty.');
    const tokens: JmesToken[] = [];
    while (this.current !== undefined) {
      const c = this.current;
      const start = this.pos;
      const simple = SIMPLE[c];
      if (simple) {
        tokens.push({ type: simple, value: c, start });
        this.next();
      } else if (isStartIdentifier(c)) {
        let buff = c;
        while (isIdentifier(this.next())) buff += this.current ?? '';
        tokens.push({ type: 'unquoted_identifier', value: buff, start });
      } else if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
        this.next();
      } else if (c === '[') {
        const n = this.next();
        if (n === ']' || n === '?') {
          this.next();
          tokens.push({ type: n === ']' ? 'flatten' : 'filter', value: `[${n}`, start });
        } else tokens.push({ type: 'lbracket', value: '[', start });
      } else if (c === "'") {
        tokens.push({ type: 'literal', value: this.consumeUntil("'").replace(/\\'/g, "'"), start });
      } else if (c === '|') tokens.push(this.matchOrElse('|', 'or', 'pipe'));
      else if (c === '&') tokens.push(this.matchOrElse('&', 'and', 'expref'));
      else if (c === '`') tokens.push(this.literal());
      else if (isDigit(c) || c === '-') {
        let buff = c;
        while (isDigit(this.next())) buff += this.current ?? '';
        if (buff === '-') this.lexerError(start, "Unknown token '-'");
        tokens.push({ type: 'number', value: parseInt(buff, 10), start });
      } else if (c === '"') tokens.push(this.quotedIdentifier());
      else if (c === '<') tokens.push(this.matchOrElse('=', 'lte', 'lt'));
      else if (c === '>') tokens.push(this.matchOrElse('=', 'gte', 'gt'));
      else if (c === '!') tokens.push(this.matchOrElse('=', 'ne', 'not'));
      else if (c === '=') {
        if (this.next() === '=') {
          tokens.push({ type: 'eq', value: '==', start });
          this.next();
        } else this.lexerError(this.current === undefined ? this.pos - 1 : start, "Unknown token '='");
      } else this.lexerError(start, `Unknown token ${c}`);
    }
    tokens.push({ type: 'eof', value: '', start: this.chars.length });
    return tokens;
  }

  /** _consume_until: the text to the delimiter, a backslash keeping the character after it. */
  private consumeUntil(delimiter: string): string {
    const start = this.pos;
    let buff = '';
    this.next();
    while (this.current !== delimiter) {
      if (this.current === '\\') {
        buff += '\\';
        this.next();
      }
      if (this.current === undefined) this.lexerError(start, `Unclosed ${delimiter} delimiter`);
      buff += this.current;
      this.next();
    }
    this.next();
    return buff;
  }

  private literal(): JmesToken {
    const start = this.pos;
    const lexeme = this.consumeUntil('`').replace(/\\`/g, '`');
    for (const text of [lexeme, `"${lexeme.trimStart()}"`]) {
      try {
        // JEP-12: text that is not JSON is taken as a JSON string, with a deprecation warning
        return { type: 'literal', value: pyJsonLoads(text), start };
      } catch {
        // the next reading, or the error below
      }
    }
    return this.lexerError(start, `Bad token ${lexeme}`);
  }

  private quotedIdentifier(): JmesToken {
    const start = this.pos;
    const lexeme = `"${this.consumeUntil('"')}"`;
    try {
      return { type: 'quoted_identifier', value: pyJsonLoads(lexeme), start };
    } catch (err) {
      return this.lexerError(start, (err instanceof Error ? err.message : String(err)).split(':')[0] ?? '');
    }
  }

  private matchOrElse(expected: string, matchType: string, elseType: string): JmesToken {
    const start = this.pos;
    const current = this.current ?? '';
    if (this.next() === expected) {
      this.next();
      return { type: matchType, value: current + expected, start };
    }
    return { type: elseType, value: current, start };
  }
}

const BINDING_POWER: Record<string, number> = {
  eof: 0,
  unquoted_identifier: 0,
  quoted_identifier: 0,
  literal: 0,
  rbracket: 0,
  rparen: 0,
  comma: 0,
  rbrace: 0,
  number: 0,
  current: 0,
  expref: 0,
  colon: 0,
  pipe: 1,
  or: 2,
  and: 3,
  eq: 5,
  gt: 5,
  lt: 5,
  gte: 5,
  lte: 5,
  ne: 5,
  flatten: 9,
  star: 20,
  filter: 21,
  dot: 40,
  not: 45,
  lbrace: 50,
  lbracket: 55,
  lparen: 60,
};
const PROJECTION_STOP = 10;
const COMPARATORS = new Set(['eq', 'ne', 'gt', 'gte', 'lt', 'lte']);

/** Python's repr of a list of names, as the parser's messages print `['quoted_identifier', …]`. */
const pyList = (names: string[]): string => `[${names.map((n) => `'${n}'`).join(', ')}]`;

class Parser {
  private tokens: JmesToken[] = [];
  private index = 0;

  constructor(private readonly expression: string) {}

  parse(): JmesNode {
    this.tokens = new Lexer(this.expression).tokenize();
    const parsed = this.expr(0);
    if (this.currentType() !== 'eof') {
      const t = this.token(0);
      this.parseError(t, `Unexpected token: ${pyStr(t.value)}`);
    }
    return parsed;
  }

  private token(n: number): JmesToken {
    return this.tokens[this.index + n] ?? { type: 'eof', value: '', start: Array.from(this.expression).length };
  }

  private currentType(): string {
    return this.token(0).type;
  }

  private advance(): void {
    this.index++;
  }

  private parseError(t: JmesToken, msg: string): never {
    const type = t.type.toUpperCase();
    throw new JmesPathError(
      `${msg}: Parse error at column ${t.start}, token "${pyStr(t.value)}" (${type}), for expression:\n"${this.expression}"\n${' '.repeat(t.start + 1)}^`,
    );
  }

  private incomplete(): never {
    const at = Array.from(this.expression).length;
    throw new JmesPathError(
      `Invalid jmespath expression: Incomplete expression:\n"${this.expression}"\n${' '.repeat(at + 1)}^`,
    );
  }

  private match(type: string): void {
    if (this.currentType() === type) return this.advance();
    this.errorMaybeEof(`${type}`, this.token(0));
  }

  private errorMaybeEof(expected: string, t: JmesToken): never {
    if (t.type === 'eof') this.incomplete();
    return this.parseError(t, `Expecting: ${expected}, got: ${t.type}`);
  }

  private expr(bindingPower = 0): JmesNode {
    const left = this.token(0);
    this.advance();
    let result = this.nud(left);
    while (bindingPower < (BINDING_POWER[this.currentType()] ?? 0)) {
      const t = this.token(0);
      this.advance();
      result = this.led(t, result);
    }
    return result;
  }

  private nud(t: JmesToken): JmesNode {
    switch (t.type) {
      case 'literal':
        return node('literal', [], t.value);
      case 'unquoted_identifier':
        return node('field', [], t.value);
      case 'quoted_identifier':
        if (this.currentType() === 'lparen') {
          const n = this.token(0);
          throw new JmesPathError(
            `Quoted identifier not allowed for function names.: Parse error at column 0, token "${pyStr(n.value)}" (${n.type.toUpperCase()}), for expression:\n"${this.expression}"\n ^`,
          );
        }
        return node('field', [], t.value);
      case 'star': {
        const right =
          this.currentType() === 'rbracket' ? node('identity') : this.projectionRhs(BINDING_POWER.star ?? 20);
        return node('value_projection', [node('identity'), right]);
      }
      case 'filter':
        return this.ledFilter(node('identity'));
      case 'lbrace':
        return this.multiSelectHash();
      case 'lparen': {
        const e = this.expr();
        this.match('rparen');
        return e;
      }
      case 'flatten':
        return node('projection', [
          node('flatten', [node('identity')]),
          this.projectionRhs(BINDING_POWER.flatten ?? 9),
        ]);
      case 'not':
        return node('not_expression', [this.expr(BINDING_POWER.not)]);
      case 'lbracket':
        if (this.currentType() === 'number' || this.currentType() === 'colon')
          return this.projectIfSlice(node('identity'), this.indexExpression());
        if (this.currentType() === 'star' && this.token(1).type === 'rbracket') {
          this.advance();
          this.advance();
          return node('projection', [node('identity'), this.projectionRhs(BINDING_POWER.star ?? 20)]);
        }
        return this.multiSelectList();
      case 'current':
        return node('current');
      case 'expref':
        return node('expref', [this.expr(BINDING_POWER.expref)]);
      case 'eof':
        return this.incomplete();
      default:
        return this.parseError(t, 'invalid token');
    }
  }

  private led(t: JmesToken, left: JmesNode): JmesNode {
    const type = t.type;
    if (type === 'dot') {
      if (this.currentType() !== 'star') {
        const right = this.dotRhs(BINDING_POWER.dot ?? 40);
        if (left.type === 'subexpression') {
          left.children.push(right);
          return left;
        }
        return node('subexpression', [left, right]);
      }
      this.advance();
      return node('value_projection', [left, this.projectionRhs(BINDING_POWER.dot ?? 40)]);
    }
    if (type === 'pipe') return node('pipe', [left, this.expr(BINDING_POWER.pipe)]);
    if (type === 'or') return node('or_expression', [left, this.expr(BINDING_POWER.or)]);
    if (type === 'and') return node('and_expression', [left, this.expr(BINDING_POWER.and)]);
    if (type === 'lparen') return this.ledFunction(left);
    if (type === 'filter') return this.ledFilter(left);
    if (COMPARATORS.has(type)) return node('comparator', [left, this.expr(BINDING_POWER[type])], type);
    if (type === 'flatten')
      return node('projection', [node('flatten', [left]), this.projectionRhs(BINDING_POWER.flatten ?? 9)]);
    if (type === 'lbracket') {
      if (this.currentType() === 'number' || this.currentType() === 'colon') {
        const right = this.indexExpression();
        if (left.type === 'index_expression') {
          left.children.push(right);
          return left;
        }
        return this.projectIfSlice(left, right);
      }
      this.match('star');
      this.match('rbracket');
      return node('projection', [left, this.projectionRhs(BINDING_POWER.star ?? 20)]);
    }
    // _error_led_token: the token was consumed by the loop; the error names it
    return this.parseError(t, 'invalid token');
  }

  private ledFunction(left: JmesNode): JmesNode {
    if (left.type !== 'field') {
      const prev = this.token(-2);
      this.parseError(prev, `Invalid function name '${pyStr(prev.value)}'`);
    }
    const args: JmesNode[] = [];
    while (this.currentType() !== 'rparen') {
      const e = this.expr();
      if (this.currentType() === 'comma') this.match('comma');
      args.push(e);
    }
    this.match('rparen');
    return node('function_expression', args, left.value);
  }

  private ledFilter(left: JmesNode): JmesNode {
    const condition = this.expr(0);
    this.match('rbracket');
    const right = this.currentType() === 'flatten' ? node('identity') : this.projectionRhs(BINDING_POWER.filter ?? 21);
    return node('filter_projection', [left, right, condition]);
  }

  private indexExpression(): JmesNode {
    if (this.token(0).type === 'colon' || this.token(1).type === 'colon') return this.sliceExpression();
    const n = node('index', [], this.token(0).value);
    this.advance();
    this.match('rbracket');
    return n;
  }

  private sliceExpression(): JmesNode {
    const parts: (number | null)[] = [null, null, null];
    let index = 0;
    let current = this.currentType();
    while (current !== 'rbracket' && index < 3) {
      if (current === 'colon') {
        index++;
        if (index === 3) this.parseError(this.token(0), 'syntax error');
        this.advance();
      } else if (current === 'number') {
        parts[index] = this.token(0).value as number;
        this.advance();
      } else this.parseError(this.token(0), 'syntax error');
      current = this.currentType();
    }
    this.match('rbracket');
    return node('slice', [], parts);
  }

  private projectIfSlice(left: JmesNode, right: JmesNode): JmesNode {
    const indexExpr = node('index_expression', [left, right]);
    if (right.type === 'slice') return node('projection', [indexExpr, this.projectionRhs(BINDING_POWER.star ?? 20)]);
    return indexExpr;
  }

  private multiSelectList(): JmesNode {
    const expressions: JmesNode[] = [];
    for (;;) {
      expressions.push(this.expr());
      if (this.currentType() === 'rbracket') break;
      this.match('comma');
    }
    this.match('rbracket');
    return node('multi_select_list', expressions);
  }

  private multiSelectHash(): JmesNode {
    const pairs: JmesNode[] = [];
    for (;;) {
      const key = this.token(0);
      if (key.type !== 'quoted_identifier' && key.type !== 'unquoted_identifier')
        this.errorMaybeEof(pyList(['quoted_identifier', 'unquoted_identifier']), key);
      this.advance();
      this.match('colon');
      pairs.push(node('key_val_pair', [this.expr(0)], key.value));
      if (this.currentType() === 'comma') this.match('comma');
      else if (this.currentType() === 'rbrace') {
        this.match('rbrace');
        break;
      }
    }
    return node('multi_select_dict', pairs);
  }

  private projectionRhs(bindingPower: number | undefined): JmesNode {
    const current = this.currentType();
    if ((BINDING_POWER[current] ?? 0) < PROJECTION_STOP) return node('identity');
    if (current === 'lbracket' || current === 'filter') return this.expr(bindingPower);
    if (current === 'dot') {
      this.match('dot');
      return this.dotRhs(bindingPower ?? 0);
    }
    return this.parseError(this.token(0), 'syntax error');
  }

  private dotRhs(bindingPower: number): JmesNode {
    const lookahead = this.currentType();
    if (lookahead === 'quoted_identifier' || lookahead === 'unquoted_identifier' || lookahead === 'star')
      return this.expr(bindingPower);
    if (lookahead === 'lbracket') {
      this.match('lbracket');
      return this.multiSelectList();
    }
    if (lookahead === 'lbrace') {
      this.match('lbrace');
      return this.multiSelectHash();
    }
    const t = this.token(0);
    return this.parseError(
      t,
      `Expecting: ${pyList(['quoted_identifier', 'unquoted_identifier', 'lbracket', 'lbrace'])}, got: ${t.type}`,
    );
  }
}

/** Parses a JMESPath expression; throws JmesPathError with python-jmespath's text. */
export function parseJmesPath(expression: string): JmesNode {
  return new Parser(expression).parse();
}
