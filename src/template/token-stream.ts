// A cursor over lexer tokens with Jinja2's expectation messages ("expected token 'x', got 'y'").
import type { Pos } from './ast.js';
import { TemplateError } from './errors.js';
import type { Token } from './lexer.js';

const TOKEN_DESCRIPTIONS: Record<string, string> = {
  var_end: 'end of print statement',
  block_end: 'end of statement block',
  eof: 'end of template',
};

/** Jinja2's name for a token kind, for messages. */
export function describeKind(type: string): string {
  return TOKEN_DESCRIPTIONS[type] ?? type;
}

/** A token, or the lexer's error when the parser reaches the place it could not lex. */
function raised(tok: Token): Token {
  if (tok.error) throw tok.error;
  return tok;
}

export class TokenStream {
  private index = 0;

  constructor(private readonly tokens: Token[]) {}

  get current(): Token {
    return raised(this.tokens[this.index] ?? (this.tokens[this.tokens.length - 1] as Token));
  }

  peek(n = 1): Token | undefined {
    const tok = this.tokens[this.index + n];
    return tok && raised(tok);
  }

  next(): Token {
    const tok = this.current;
    if (this.index < this.tokens.length - 1) this.index++;
    return tok;
  }

  error(message: string, where?: Pos): TemplateError {
    const tok = this.current;
    return new TemplateError('TemplateSyntaxError', message, where ?? { line: tok.line, column: tok.column });
  }

  describe(tok: Token): string {
    if (tok.type === 'name' || tok.type === 'op') return `'${tok.value}'`;
    if (tok.type === 'string') return 'string';
    if (tok.type === 'int' || tok.type === 'float') return tok.type === 'int' ? 'integer' : 'float';
    return `'${describeKind(tok.type)}'`;
  }

  expect(type: Token['type'], what: string): Token {
    if (this.current.type !== type) {
      const got = this.current.type === 'eof' ? 'end of template' : this.describe(this.current).replace(/^'|'$/g, '');
      throw this.error(`expected token '${what}', got '${got}'`);
    }
    return this.next();
  }

  expectOp(op: string): void {
    if (!this.skipOp(op))
      throw this.error(`expected token '${op}', got '${this.describe(this.current).replace(/^'|'$/g, '')}'`);
  }

  expectName(name: string): void {
    if (!this.skipName(name))
      throw this.error(`expected token '${name}', got '${this.describe(this.current).replace(/^'|'$/g, '')}'`);
  }

  skipOp(op: string): boolean {
    if (this.current.type === 'op' && this.current.value === op) {
      this.next();
      return true;
    }
    return false;
  }

  skipName(name: string): boolean {
    if (this.current.type === 'name' && this.current.value === name) {
      this.next();
      return true;
    }
    return false;
  }
}
