// libyaml's scanner (src/scanner.c at 0.2.5), for its errors: Ansible loads YAML through PyYAML's
// CParser, so a syntax error reads as libyaml words it ("mapping values are not allowed in this
// context") at libyaml's problem mark, which the `yaml` library's own messages and positions do
// not match. Only what decides tokens and errors is kept — no scalar values are built. Marks are
// 0-based lines and columns counted in characters, as libyaml counts them.

export interface Mark {
  index: number;
  line: number;
  column: number;
}

export type TokenType =
  | 'STREAM-START'
  | 'STREAM-END'
  | 'VERSION-DIRECTIVE'
  | 'TAG-DIRECTIVE'
  | 'DOCUMENT-START'
  | 'DOCUMENT-END'
  | 'BLOCK-SEQUENCE-START'
  | 'BLOCK-MAPPING-START'
  | 'BLOCK-END'
  | 'FLOW-SEQUENCE-START'
  | 'FLOW-SEQUENCE-END'
  | 'FLOW-MAPPING-START'
  | 'FLOW-MAPPING-END'
  | 'BLOCK-ENTRY'
  | 'FLOW-ENTRY'
  | 'KEY'
  | 'VALUE'
  | 'ALIAS'
  | 'ANCHOR'
  | 'TAG'
  | 'SCALAR';

export interface Token {
  type: TokenType;
  start: Mark;
  /** TAG: handle and suffix; TAG-DIRECTIVE: handle and prefix; VERSION-DIRECTIVE: major, minor. */
  handle?: string;
  suffix?: string;
  major?: number;
  minor?: number;
  /** SCALAR: plain or not (a plain scalar may be resolved by its value). */
  plain?: boolean;
  /** ALIAS/ANCHOR: the name. */
  value?: string;
}

/** A libyaml error: `problem` at `mark`, with its context where libyaml gives one. */
export class YamlProblem extends Error {
  constructor(
    readonly problem: string,
    readonly mark: Mark,
    readonly context?: string,
    readonly contextMark?: Mark,
  ) {
    super(problem);
    this.name = 'YamlProblem';
  }
}

interface SimpleKey {
  possible: boolean;
  required: boolean;
  tokenNumber: number;
  mark: Mark;
}

// character classes of yaml_private.h (IS_ALPHA, IS_BREAK, IS_BLANK, IS_Z…)
const isAlpha = (c: string | undefined): boolean =>
  c !== undefined &&
  ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c === '_' || c === '-');
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isHex = (c: string | undefined): boolean =>
  c !== undefined && ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f'));
const isBreak = (c: string | undefined): boolean =>
  c === '\n' || c === '\r' || c === '\x85' || c === '\u2028' || c === '\u2029';
const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t';
const isZ = (c: string | undefined): boolean => c === undefined || c === '\0';
const isBreakZ = (c: string | undefined): boolean => isBreak(c) || isZ(c);
const isBlankZ = (c: string | undefined): boolean => isBlank(c) || isBreakZ(c);
const FLOW_INDICATORS = new Set([',', '[', ']', '{', '}']);
// characters that cannot start a plain scalar (yaml_parser_fetch_next_token)
const NOT_PLAIN_START = new Set([...'-?:,[]{}#&*!|>\'"%@`']);
const URI_CHARS = new Set([...";/?:@&=+$.%!~*'()"]);
// the escapes of a double-quoted scalar besides \x, \u and \U (yaml_parser_scan_flow_scalar)
const ESCAPES = new Set([...'0abt\tnvfre "/\\N_LP']);

export class Scanner {
  private readonly chars: string[];
  private pos = 0;
  private line = 0;
  private column = 0;
  private readonly tokens: Token[] = [];
  private tokensParsed = 0;
  private tokenAvailable = false;
  private streamStartProduced = false;
  private streamEndProduced = false;
  private indent = -1;
  private readonly indents: number[] = [];
  private simpleKeyAllowed = false;
  private readonly simpleKeys: SimpleKey[] = [];
  private flowLevel = 0;

  constructor(text: string) {
    this.chars = Array.from(text);
  }

  private ch(offset = 0): string | undefined {
    return this.chars[this.pos + offset];
  }

  private mark(): Mark {
    return { index: this.pos, line: this.line, column: this.column };
  }

  private skip(): void {
    this.pos++;
    this.column++;
  }

  private skipLine(): void {
    if (this.ch() === '\r' && this.ch(1) === '\n') {
      this.pos += 2;
    } else if (isBreak(this.ch())) {
      this.pos++;
    } else return;
    this.column = 0;
    this.line++;
  }

  private error(context: string | undefined, contextMark: Mark | undefined, problem: string): never {
    throw new YamlProblem(problem, this.mark(), context, contextMark);
  }

  /** PEEK_TOKEN: the next token, scanning as far as a pending simple key needs. */
  peek(): Token {
    if (!this.tokenAvailable) this.fetchMoreTokens();
    const token = this.tokens[0];
    if (!token) throw new YamlProblem('no more tokens', this.mark());
    return token;
  }

  /** SKIP_TOKEN. */
  next(): void {
    this.tokenAvailable = false;
    this.tokensParsed++;
    const token = this.tokens.shift();
    this.streamEndProduced = token?.type === 'STREAM-END';
  }

  get done(): boolean {
    return this.streamEndProduced;
  }

  private fetchMoreTokens(): void {
    for (;;) {
      let need = this.tokens.length === 0;
      if (!need) {
        this.staleSimpleKeys();
        need = this.simpleKeys.some((k) => k.possible && k.tokenNumber === this.tokensParsed);
      }
      if (!need) break;
      this.fetchNextToken();
    }
    this.tokenAvailable = true;
  }

  private fetchNextToken(): void {
    if (!this.streamStartProduced) return this.fetchStreamStart();
    this.scanToNextToken();
    this.staleSimpleKeys();
    this.unrollIndent(this.column);
    const c = this.ch();
    if (isZ(c)) return this.fetchStreamEnd();
    if (this.column === 0 && c === '%') return this.fetchDirective();
    if (this.column === 0 && this.documentIndicator('-')) return this.fetchDocumentIndicator('DOCUMENT-START');
    if (this.column === 0 && this.documentIndicator('.')) return this.fetchDocumentIndicator('DOCUMENT-END');
    if (c === '[') return this.fetchFlowCollectionStart('FLOW-SEQUENCE-START');
    if (c === '{') return this.fetchFlowCollectionStart('FLOW-MAPPING-START');
    if (c === ']') return this.fetchFlowCollectionEnd('FLOW-SEQUENCE-END');
    if (c === '}') return this.fetchFlowCollectionEnd('FLOW-MAPPING-END');
    if (c === ',') return this.fetchFlowEntry();
    if (c === '-' && isBlankZ(this.ch(1))) return this.fetchBlockEntry();
    if (c === '?' && (this.flowLevel || isBlankZ(this.ch(1)))) return this.fetchKey();
    if (c === ':' && (this.flowLevel || isBlankZ(this.ch(1)))) return this.fetchValue();
    if (c === '*') return this.fetchKeyable(() => this.scanAnchor('ALIAS'));
    if (c === '&') return this.fetchKeyable(() => this.scanAnchor('ANCHOR'));
    if (c === '!') return this.fetchKeyable(() => this.scanTag());
    if (c === '|' && !this.flowLevel) return this.fetchBlockScalar();
    if (c === '>' && !this.flowLevel) return this.fetchBlockScalar();
    if (c === "'") return this.fetchKeyable(() => this.scanFlowScalar(true));
    if (c === '"') return this.fetchKeyable(() => this.scanFlowScalar(false));
    if (
      !(isBlankZ(c) || NOT_PLAIN_START.has(c ?? '')) ||
      (c === '-' && !isBlank(this.ch(1))) ||
      (!this.flowLevel && (c === '?' || c === ':') && !isBlankZ(this.ch(1)))
    )
      return this.fetchKeyable(() => this.scanPlainScalar());
    this.error('while scanning for the next token', this.mark(), 'found character that cannot start any token');
  }

  private documentIndicator(c: string): boolean {
    return this.ch() === c && this.ch(1) === c && this.ch(2) === c && isBlankZ(this.ch(3));
  }

  private staleSimpleKeys(): void {
    for (const key of this.simpleKeys) {
      if (key.possible && (key.mark.line < this.line || key.mark.index + 1024 < this.pos)) {
        if (key.required) this.error('while scanning a simple key', key.mark, "could not find expected ':'");
        key.possible = false;
      }
    }
  }

  private saveSimpleKey(): void {
    const required = !this.flowLevel && this.indent === this.column;
    if (!this.simpleKeyAllowed) return;
    const key: SimpleKey = {
      possible: true,
      required,
      tokenNumber: this.tokensParsed + this.tokens.length,
      mark: this.mark(),
    };
    this.removeSimpleKey();
    this.simpleKeys[this.simpleKeys.length - 1] = key;
  }

  private removeSimpleKey(): void {
    const key = this.simpleKeys[this.simpleKeys.length - 1];
    if (!key) return;
    if (key.possible && key.required)
      this.error('while scanning a simple key', key.mark, "could not find expected ':'");
    key.possible = false;
  }

  private increaseFlowLevel(): void {
    this.simpleKeys.push({ possible: false, required: false, tokenNumber: 0, mark: this.mark() });
    this.flowLevel++;
  }

  private decreaseFlowLevel(): void {
    if (this.flowLevel) {
      this.flowLevel--;
      this.simpleKeys.pop();
    }
  }

  private rollIndent(column: number, tokenNumber: number, type: TokenType, mark: Mark): void {
    if (this.flowLevel || this.indent >= column) return;
    this.indents.push(this.indent);
    this.indent = column;
    const token: Token = { type, start: mark };
    if (tokenNumber === -1) this.tokens.push(token);
    else this.tokens.splice(tokenNumber - this.tokensParsed, 0, token);
  }

  private unrollIndent(column: number): void {
    if (this.flowLevel) return;
    while (this.indent > column) {
      this.tokens.push({ type: 'BLOCK-END', start: this.mark() });
      this.indent = this.indents.pop() ?? -1;
    }
  }

  private fetchStreamStart(): void {
    this.indent = -1;
    this.simpleKeys.push({ possible: false, required: false, tokenNumber: 0, mark: this.mark() });
    this.simpleKeyAllowed = true;
    this.streamStartProduced = true;
    this.tokens.push({ type: 'STREAM-START', start: this.mark() });
  }

  private fetchStreamEnd(): void {
    // the stream ends on a line of its own
    if (this.column !== 0) {
      this.column = 0;
      this.line++;
    }
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    this.tokens.push({ type: 'STREAM-END', start: this.mark() });
  }

  private fetchDirective(): void {
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    this.tokens.push(this.scanDirective());
  }

  private fetchDocumentIndicator(type: TokenType): void {
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    const start = this.mark();
    this.skip();
    this.skip();
    this.skip();
    this.tokens.push({ type, start });
  }

  private fetchFlowCollectionStart(type: TokenType): void {
    this.saveSimpleKey();
    this.increaseFlowLevel();
    this.simpleKeyAllowed = true;
    const start = this.mark();
    this.skip();
    this.tokens.push({ type, start });
  }

  private fetchFlowCollectionEnd(type: TokenType): void {
    this.removeSimpleKey();
    this.decreaseFlowLevel();
    this.simpleKeyAllowed = false;
    const start = this.mark();
    this.skip();
    this.tokens.push({ type, start });
  }

  private fetchFlowEntry(): void {
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    const start = this.mark();
    this.skip();
    this.tokens.push({ type: 'FLOW-ENTRY', start });
  }

  private fetchBlockEntry(): void {
    if (!this.flowLevel) {
      if (!this.simpleKeyAllowed)
        this.error(undefined, undefined, 'block sequence entries are not allowed in this context');
      this.rollIndent(this.column, -1, 'BLOCK-SEQUENCE-START', this.mark());
    }
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    const start = this.mark();
    this.skip();
    this.tokens.push({ type: 'BLOCK-ENTRY', start });
  }

  private fetchKey(): void {
    if (!this.flowLevel) {
      if (!this.simpleKeyAllowed) this.error(undefined, undefined, 'mapping keys are not allowed in this context');
      this.rollIndent(this.column, -1, 'BLOCK-MAPPING-START', this.mark());
    }
    this.removeSimpleKey();
    this.simpleKeyAllowed = !this.flowLevel;
    const start = this.mark();
    this.skip();
    this.tokens.push({ type: 'KEY', start });
  }

  private fetchValue(): void {
    const key = this.simpleKeys[this.simpleKeys.length - 1];
    if (key?.possible) {
      this.tokens.splice(key.tokenNumber - this.tokensParsed, 0, { type: 'KEY', start: key.mark });
      this.rollIndent(key.mark.column, key.tokenNumber, 'BLOCK-MAPPING-START', key.mark);
      key.possible = false;
      this.simpleKeyAllowed = false;
    } else {
      if (!this.flowLevel) {
        if (!this.simpleKeyAllowed) this.error(undefined, undefined, 'mapping values are not allowed in this context');
        this.rollIndent(this.column, -1, 'BLOCK-MAPPING-START', this.mark());
      }
      this.simpleKeyAllowed = !this.flowLevel;
    }
    const start = this.mark();
    this.skip();
    this.tokens.push({ type: 'VALUE', start });
  }

  private fetchBlockScalar(): void {
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    this.tokens.push(this.scanBlockScalar());
  }

  /**
   * yaml_parser_fetch_anchor, _tag, _flow_scalar and _plain_scalar: a token that may start a
   * simple key — the key's place saved, no key allowed right after, then the token scanned.
   */
  private fetchKeyable(scan: () => Token): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.tokens.push(scan());
  }

  private scanToNextToken(): void {
    for (;;) {
      if (this.column === 0 && this.ch() === '\uFEFF') this.skip();
      // tabs separate tokens in the flow context and after a token that allows no simple key
      while (this.ch() === ' ' || ((this.flowLevel || !this.simpleKeyAllowed) && this.ch() === '\t')) this.skip();
      if (this.ch() === '#') while (!isBreakZ(this.ch())) this.skip();
      if (!isBreak(this.ch())) break;
      this.skipLine();
      if (!this.flowLevel) this.simpleKeyAllowed = true;
    }
  }

  private scanDirective(): Token {
    const start = this.mark();
    this.skip();
    const name = this.scanDirectiveName(start);
    let token: Token;
    if (name === 'YAML') {
      const [major, minor] = this.scanVersionDirectiveValue(start);
      token = { type: 'VERSION-DIRECTIVE', start, major, minor };
    } else if (name === 'TAG') {
      const [handle, prefix] = this.scanTagDirectiveValue(start);
      token = { type: 'TAG-DIRECTIVE', start, handle, suffix: prefix };
    } else {
      return this.error('while scanning a directive', start, 'found unknown directive name');
    }
    while (isBlank(this.ch())) this.skip();
    if (this.ch() === '#') while (!isBreakZ(this.ch())) this.skip();
    if (!isBreakZ(this.ch()))
      this.error('while scanning a directive', start, 'did not find expected comment or line break');
    this.skipLine();
    return token;
  }

  private scanDirectiveName(start: Mark): string {
    let name = '';
    while (isAlpha(this.ch())) {
      name += this.ch() ?? '';
      this.skip();
    }
    if (!name) this.error('while scanning a directive', start, 'could not find expected directive name');
    if (!isBlankZ(this.ch()))
      this.error('while scanning a directive', start, 'found unexpected non-alphabetical character');
    return name;
  }

  private scanVersionDirectiveValue(start: Mark): [number, number] {
    while (isBlank(this.ch())) this.skip();
    const major = this.scanVersionNumber(start);
    if (this.ch() !== '.')
      this.error('while scanning a %YAML directive', start, "did not find expected digit or '.' character");
    this.skip();
    return [major, this.scanVersionNumber(start)];
  }

  private scanVersionNumber(start: Mark): number {
    let value = 0;
    let length = 0;
    while (isDigit(this.ch())) {
      if (++length > 9) this.error('while scanning a %YAML directive', start, 'found extremely long version number');
      value = value * 10 + Number(this.ch());
      this.skip();
    }
    if (!length) this.error('while scanning a %YAML directive', start, 'did not find expected version number');
    return value;
  }

  private scanTagDirectiveValue(start: Mark): [string, string] {
    while (isBlank(this.ch())) this.skip();
    const handle = this.scanTagHandle(true, start);
    if (!isBlank(this.ch())) this.error('while scanning a %TAG directive', start, 'did not find expected whitespace');
    while (isBlank(this.ch())) this.skip();
    const prefix = this.scanTagUri(true, true, undefined, start);
    if (!isBlankZ(this.ch()))
      this.error('while scanning a %TAG directive', start, 'did not find expected whitespace or line break');
    return [handle, prefix];
  }

  private scanAnchor(type: 'ALIAS' | 'ANCHOR'): Token {
    const start = this.mark();
    this.skip();
    let value = '';
    while (isAlpha(this.ch())) {
      value += this.ch() ?? '';
      this.skip();
    }
    const c = this.ch();
    if (!value || !(isBlankZ(c) || '?:,]}%@`'.includes(c ?? 'x')))
      this.error(
        type === 'ANCHOR' ? 'while scanning an anchor' : 'while scanning an alias',
        start,
        'did not find expected alphabetic or numeric character',
      );
    return { type, start, value };
  }

  private scanTag(): Token {
    const start = this.mark();
    let handle: string;
    let suffix: string;
    if (this.ch(1) === '<') {
      handle = '';
      this.skip();
      this.skip();
      suffix = this.scanTagUri(true, false, undefined, start);
      if (this.ch() !== '>') this.error('while scanning a tag', start, "did not find the expected '>'");
      this.skip();
    } else {
      handle = this.scanTagHandle(false, start);
      if (handle.length > 1 && handle.startsWith('!') && handle.endsWith('!')) {
        suffix = this.scanTagUri(false, false, undefined, start);
      } else {
        suffix = this.scanTagUri(false, false, handle, start);
        handle = '!';
        // a lone '!' is the non-specific tag: its handle is empty
        if (suffix === '') [handle, suffix] = ['', '!'];
      }
    }
    if (!isBlankZ(this.ch()) && (!this.flowLevel || this.ch() !== ','))
      this.error('while scanning a tag', start, 'did not find expected whitespace or line break');
    return { type: 'TAG', start, handle, suffix };
  }

  private scanTagHandle(directive: boolean, start: Mark): string {
    const context = directive ? 'while scanning a tag directive' : 'while scanning a tag';
    if (this.ch() !== '!') this.error(context, start, "did not find expected '!'");
    let handle = '!';
    this.skip();
    while (isAlpha(this.ch())) {
      handle += this.ch() ?? '';
      this.skip();
    }
    if (this.ch() === '!') {
      handle += '!';
      this.skip();
    } else if (directive && handle !== '!') {
      this.error('while parsing a tag directive', start, "did not find expected '!'");
    }
    return handle;
  }

  private scanTagUri(uriChar: boolean, directive: boolean, head: string | undefined, start: Mark): string {
    let uri = head && head.length > 1 ? head.slice(1) : '';
    let length = head?.length ?? 0;
    const context = directive ? 'while parsing a %TAG directive' : 'while parsing a tag';
    for (;;) {
      const c = this.ch();
      if (!(isAlpha(c) || URI_CHARS.has(c ?? '') || (uriChar && (c === ',' || c === '[' || c === ']')))) break;
      if (c === '%') uri += this.scanUriEscapes(context, start);
      else {
        uri += c ?? '';
        this.skip();
      }
      length++;
    }
    if (!length) this.error(context, start, 'did not find expected tag URI');
    return uri;
  }

  private scanUriEscapes(context: string, start: Mark): string {
    const octets: number[] = [];
    let width = 0;
    do {
      if (!(this.ch() === '%' && isHex(this.ch(1)) && isHex(this.ch(2))))
        this.error(context, start, 'did not find URI escaped octet');
      const octet = parseInt(`${this.ch(1) ?? ''}${this.ch(2) ?? ''}`, 16);
      if (!width) {
        width =
          (octet & 0x80) === 0
            ? 1
            : (octet & 0xe0) === 0xc0
              ? 2
              : (octet & 0xf0) === 0xe0
                ? 3
                : (octet & 0xf8) === 0xf0
                  ? 4
                  : 0;
        if (!width) this.error(context, start, 'found an incorrect leading UTF-8 octet');
      } else if ((octet & 0xc0) !== 0x80) {
        this.error(context, start, 'found an incorrect trailing UTF-8 octet');
      }
      octets.push(octet);
      this.skip();
      this.skip();
      this.skip();
    } while (--width);
    return Buffer.from(octets).toString('utf8');
  }

  // literal and folded scalars scan alike: only their values differ, and no value is built
  private scanBlockScalar(): Token {
    const start = this.mark();
    const context = 'while scanning a block scalar';
    this.skip();
    let increment = 0;
    const chomping = (): void => {
      if (this.ch() === '+' || this.ch() === '-') this.skip();
    };
    const indicator = (): void => {
      if (!isDigit(this.ch())) return;
      if (this.ch() === '0') this.error(context, start, 'found an indentation indicator equal to 0');
      increment = Number(this.ch());
      this.skip();
    };
    if (this.ch() === '+' || this.ch() === '-') {
      chomping();
      indicator();
    } else if (isDigit(this.ch())) {
      indicator();
      chomping();
    }
    while (isBlank(this.ch())) this.skip();
    if (this.ch() === '#') while (!isBreakZ(this.ch())) this.skip();
    if (!isBreakZ(this.ch())) this.error(context, start, 'did not find expected comment or line break');
    this.skipLine();
    let indent = increment ? (this.indent >= 0 ? this.indent + increment : increment) : 0;
    indent = this.scanBlockScalarBreaks(indent, start);
    while (this.column === indent && !isZ(this.ch())) {
      while (!isBreakZ(this.ch())) this.skip();
      this.skipLine();
      indent = this.scanBlockScalarBreaks(indent, start);
    }
    return { type: 'SCALAR', start, plain: false };
  }

  /** yaml_parser_scan_block_scalar_breaks: the indentation, found from the first lines when not given. */
  private scanBlockScalarBreaks(indent: number, start: Mark): number {
    let maxIndent = 0;
    for (;;) {
      while ((!indent || this.column < indent) && this.ch() === ' ') this.skip();
      if (this.column > maxIndent) maxIndent = this.column;
      if ((!indent || this.column < indent) && this.ch() === '\t')
        this.error(
          'while scanning a block scalar',
          start,
          'found a tab character where an indentation space is expected',
        );
      if (!isBreak(this.ch())) break;
      this.skipLine();
    }
    if (!indent) indent = Math.max(maxIndent, this.indent + 1, 1);
    return indent;
  }

  private scanFlowScalar(single: boolean): Token {
    const start = this.mark();
    const quote = single ? "'" : '"';
    this.skip();
    for (;;) {
      if (this.column === 0 && (this.documentIndicator('-') || this.documentIndicator('.')))
        this.error('while scanning a quoted scalar', start, 'found unexpected document indicator');
      if (isZ(this.ch())) this.error('while scanning a quoted scalar', start, 'found unexpected end of stream');
      while (!isBlankZ(this.ch())) {
        const c = this.ch();
        if (single && c === "'" && this.ch(1) === "'") {
          this.skip();
          this.skip();
        } else if (c === quote) {
          break;
        } else if (!single && c === '\\' && isBreak(this.ch(1))) {
          this.skip();
          this.skipLine();
          break;
        } else if (!single && c === '\\') {
          this.scanEscape(start);
        } else {
          this.skip();
        }
      }
      if (this.ch() === quote) break;
      while (isBlank(this.ch()) || isBreak(this.ch())) {
        if (isBlank(this.ch())) this.skip();
        else this.skipLine();
      }
    }
    this.skip();
    return { type: 'SCALAR', start, plain: false };
  }

  private scanEscape(start: Mark): void {
    const context = 'while parsing a quoted scalar';
    const code = this.ch(1) ?? '';
    const lengths: Record<string, number> = { x: 2, u: 4, U: 8 };
    if (code === '' || !(ESCAPES.has(code) || code in lengths))
      this.error(context, start, 'found unknown escape character');
    this.skip();
    this.skip();
    const length = lengths[code] ?? 0;
    if (!length) return;
    let value = 0;
    for (let k = 0; k < length; k++) {
      if (!isHex(this.ch(k))) this.error(context, start, 'did not find expected hexdecimal number');
      value = value * 16 + parseInt(this.ch(k) ?? '0', 16);
    }
    if ((value >= 0xd800 && value <= 0xdfff) || value > 0x10ffff)
      this.error(context, start, 'found invalid Unicode character escape code');
    for (let k = 0; k < length; k++) this.skip();
  }

  private scanPlainScalar(): Token {
    const start = this.mark();
    const indent = this.indent + 1;
    let leadingBlanks = false;
    let end = this.pos;
    for (;;) {
      if (this.column === 0 && (this.documentIndicator('-') || this.documentIndicator('.'))) break;
      if (this.ch() === '#') break;
      while (!isBlankZ(this.ch())) {
        const c = this.ch();
        if (this.flowLevel && c === ':' && ',?[]{}'.includes(this.ch(1) ?? 'x'))
          this.error('while scanning a plain scalar', start, "found unexpected ':'");
        if ((c === ':' && isBlankZ(this.ch(1))) || (this.flowLevel && FLOW_INDICATORS.has(c ?? ''))) break;
        leadingBlanks = false;
        this.skip();
        end = this.pos;
      }
      if (!(isBlank(this.ch()) || isBreak(this.ch()))) break;
      while (isBlank(this.ch()) || isBreak(this.ch())) {
        if (isBlank(this.ch())) {
          if (leadingBlanks && this.column < indent && this.ch() === '\t')
            this.error('while scanning a plain scalar', start, 'found a tab character that violates indentation');
          this.skip();
        } else {
          this.skipLine();
          leadingBlanks = true;
        }
      }
      if (!this.flowLevel && this.column < indent) break;
    }
    if (leadingBlanks) this.simpleKeyAllowed = true;
    // the text as written (the resolver's `<<` and `=` are one-line scalars)
    return { type: 'SCALAR', start, plain: true, value: this.chars.slice(start.index, end).join('') };
  }
}
