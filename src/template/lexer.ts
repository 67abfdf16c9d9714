// Splits template text into tokens the way Jinja2 3.1's lexer does: data, {{ }}, {% %},
// {# #}, raw blocks, whitespace control (`-`/`+`), trim_blocks / lstrip_blocks, newline
// normalisation and the dropped final newline (keep_trailing_newline=False).
import { TemplateError } from './errors.js';
import { unescapePython } from './string-escapes.js';
import { escapeRegExp } from '../util/index.js';

export type TokenType =
  | 'data'
  | 'var_begin'
  | 'var_end'
  | 'block_begin'
  | 'block_end'
  | 'name'
  | 'string'
  | 'int'
  | 'float'
  | 'op'
  | 'error'
  | 'eof';

export interface Token {
  type: TokenType;
  /** Decoded value: string contents, number text, operator or name. */
  value: string;
  /** The exact source text (Ansible's backslash escaping works on it). */
  raw: string;
  line: number;
  column: number;
  /** Offset in the normalised source. */
  offset: number;
  /** An `error` token's error: raised when the parser reaches it, as Jinja2's lazy lexer does. */
  error?: TemplateError;
}

export interface LexOptions {
  trimBlocks: boolean;
  lstripBlocks: boolean;
  keepTrailingNewline?: boolean;
  /** Jinja2's block/variable/comment start and end strings; `{% %}`, `{{ }}`, `{# #}` when absent. */
  delimiters?: Delimiters;
}

/** The environment's tag strings (Jinja2's block_start_string … comment_end_string). */
export interface Delimiters {
  blockStart: string;
  blockEnd: string;
  variableStart: string;
  variableEnd: string;
  commentStart: string;
  commentEnd: string;
}

export const DEFAULT_DELIMITERS: Readonly<Delimiters> = Object.freeze({
  blockStart: '{%',
  blockEnd: '%}',
  variableStart: '{{',
  variableEnd: '}}',
  commentStart: '{#',
  commentEnd: '#}',
});

/** True when the text may contain Jinja2 syntax (Ansible's is_possibly_template). */
export function isPossiblyTemplate(text: string, d: Readonly<Delimiters> = DEFAULT_DELIMITERS): boolean {
  // the default delimiters all begin with {: one scan for most strings instead of three
  if (d === DEFAULT_DELIMITERS && !text.includes('{')) return false;
  return text.includes(d.variableStart) || text.includes(d.blockStart) || text.includes(d.commentStart);
}

type TagKind = 'var' | 'block' | 'comment';

const OPERATORS = [
  '//',
  '**',
  '==',
  '!=',
  '<=',
  '>=',
  '+',
  '-',
  '/',
  '*',
  '%',
  '~',
  '[',
  ']',
  '(',
  ')',
  '{',
  '}',
  '<',
  '>',
  '=',
  '.',
  ':',
  '|',
  ',',
  ';',
];
const CLOSERS: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
const NAME_RE = /[a-zA-Z_][a-zA-Z0-9_]*/y;
const FLOAT_RE = /(?<!\.)(?:\d+_)*\d+(?:(?:\.(?:\d+_)*\d+)?[eE][+-]?(?:\d+_)*\d+|\.(?:\d+_)*\d+)/y;
const INT_RE = /0[bB](?:_?[01])+|0[oO](?:_?[0-7])+|0[xX](?:_?[\da-fA-F])+|[1-9](?:_?\d)*|0(?:_?0)*/y;
const STRING_RE = /'([^'\\]*(?:\\.[^'\\]*)*)'|"([^"\\]*(?:\\.[^"\\]*)*)"/sy;
const SPACE_RE = /\s+/y;

/** The option names Ansible gives the strings (template module, template lookup, `#jinja2:` header). */
export const DELIMITER_OPTIONS: Readonly<Record<string, keyof Delimiters>> = Object.freeze({
  block_start_string: 'blockStart',
  block_end_string: 'blockEnd',
  variable_start_string: 'variableStart',
  variable_end_string: 'variableEnd',
  comment_start_string: 'commentStart',
  comment_end_string: 'commentEnd',
});

/**
 * The `{% raw %}` and `{% endraw %}` patterns for a pair of block delimiters; the newline after
 * `{% endraw %}` goes with it only under trim_blocks (Jinja2's block_suffix_re).
 */
function rawPatterns(d: Delimiters, trimBlocks: boolean): { begin: RegExp; end: RegExp } {
  const bs = escapeRegExp(d.blockStart);
  const be = escapeRegExp(d.blockEnd);
  const suffix = trimBlocks ? '\\n?' : '';
  return {
    begin: new RegExp(`${bs}([-+]?)\\s*raw\\s*(-${be}\\s*|${be})`, 'y'),
    end: new RegExp(`${bs}([-+]?)\\s*endraw\\s*(\\+${be}|-${be}\\s*|${be}${suffix})`, 'g'),
  };
}
const DEFAULT_RAW = rawPatterns(DEFAULT_DELIMITERS, true);
const DEFAULT_RAW_UNTRIMMED = rawPatterns(DEFAULT_DELIMITERS, false);

/** Normalises newlines and drops the last one, as Jinja2's tokeniter does. */
export function normalizeSource(source: string, keepTrailingNewline = false): string {
  let text = source.replace(/\r\n|\r/g, '\n');
  if (!keepTrailingNewline && text.endsWith('\n')) text = text.slice(0, -1);
  return text;
}

/** Tokenises a whole template. */
export function tokenize(source: string, options: LexOptions): Token[] {
  return new Lexer(normalizeSource(source, options.keepTrailingNewline), options).run();
}

class Lexer {
  private pos = 0;
  private readonly tokens: Token[] = [];
  private readonly lineStarts: number[] = [0];
  private stripNextData = false;
  private readonly d: Delimiters;
  private readonly raw: { begin: RegExp; end: RegExp };
  /** Tag starts in Jinja2's rule order: the longest string first, so it wins a tie. */
  private readonly starts: [TagKind, string][];
  private readonly nextStart = new Map<TagKind, number>();

  constructor(
    private readonly src: string,
    private readonly options: LexOptions,
  ) {
    for (let i = 0; i < src.length; i++) if (src.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
    this.d = options.delimiters ?? DEFAULT_DELIMITERS;
    const trim = options.trimBlocks === true;
    this.raw = options.delimiters ? rawPatterns(this.d, trim) : trim ? DEFAULT_RAW : DEFAULT_RAW_UNTRIMMED;
    const starts: [TagKind, string][] = [
      ['comment', this.d.commentStart],
      ['block', this.d.blockStart],
      ['var', this.d.variableStart],
    ];
    this.starts = starts.sort((a, b) => b[1].length - a[1].length);
  }

  run(): Token[] {
    try {
      this.lexAll();
    } catch (err) {
      // Jinja2 lexes as the parser pulls tokens, so a parse error before the bad character wins
      if (!(err instanceof TemplateError)) throw err;
      this.tokens.push({ ...this.token('error', err.message, '', this.pos), error: err });
    }
    this.tokens.push(this.token('eof', '', '', this.src.length));
    return this.tokens;
  }

  private lexAll(): void {
    while (this.pos < this.src.length) {
      const found = this.findTagStart(this.pos);
      if (!found) {
        this.pushData(this.src.slice(this.pos), '');
        break;
      }
      const [start, kind, opener] = found;
      const after = this.src[start + opener.length];
      const sign = after === '-' || after === '+' ? after : '';
      this.pushData(this.src.slice(this.pos, start), sign, kind !== 'var');
      this.pos = start;
      if (kind === 'block' && this.tryRaw()) continue;
      if (kind === 'comment') this.lexComment(opener, sign);
      else this.lexTag(kind, opener, sign);
    }
  }

  /** The nearest tag start at or after `from` (its offset, kind and opening string). */
  private findTagStart(from: number): [number, TagKind, string] | undefined {
    let best: [number, TagKind, string] | undefined;
    for (const [kind, opener] of this.starts) {
      let at = this.nextStart.get(kind);
      if (at === undefined || (at >= 0 && at < from)) {
        at = this.src.indexOf(opener, from);
        this.nextStart.set(kind, at);
      }
      if (at >= 0 && (!best || at < best[0])) best = [at, kind, opener];
    }
    return best;
  }

  /** Emits text before a tag, applying `-` (strip all), lstrip_blocks and a pending `-`. */
  private pushData(text: string, sign: string, isBlockLike = false): void {
    const begin = this.pos;
    if (this.stripNextData) {
      text = text.replace(/^\s+/, '');
      this.stripNextData = false;
    }
    if (sign === '-') text = text.replace(/\s+$/, '');
    else if (sign !== '+' && isBlockLike && this.options.lstripBlocks)
      text = lstripLine(text, begin === 0 || this.src[begin - 1] === '\n');
    if (text) this.tokens.push(this.token('data', text, text, begin));
  }

  private tryRaw(): boolean {
    const { begin: beginRe, end: endRe } = this.raw;
    beginRe.lastIndex = this.pos;
    const begin = beginRe.exec(this.src);
    if (!begin) return false;
    endRe.lastIndex = beginRe.lastIndex;
    const end = endRe.exec(this.src);
    if (!end) {
      // Jinja2's lexer ends without an error where {% raw %} is the source's last text; with
      // text after it and no {% endraw %}, the raw state fails
      if (beginRe.lastIndex < this.src.length) throw this.error('Missing end of raw directive', this.pos);
      this.pos = this.src.length;
      return true;
    }
    let body = this.src.slice(beginRe.lastIndex, end.index);
    // OptionalLStrip on the raw body before {% endraw %}: '-' strips its trailing whitespace,
    // lstrip_blocks a last line of blanks
    if (end[1] === '-') body = body.replace(/\s+$/, '');
    else if (end[1] !== '+' && this.options.lstripBlocks) body = lstripLine(body, false);
    if (body) this.tokens.push(this.token('data', body, body, beginRe.lastIndex));
    this.pos = endRe.lastIndex;
    return true;
  }

  private lexComment(opener: string, sign: string): void {
    const open = this.pos;
    const inner = open + opener.length + sign.length;
    const close = this.src.indexOf(this.d.commentEnd, inner);
    if (close < 0) throw this.error('Missing end of comment tag', open);
    this.pos = close + this.d.commentEnd.length;
    this.finishTag(
      this.src[close - 1] === '-' && close - 1 >= inner ? '-' : this.src[close - 1] === '+' ? '+' : '',
      true,
    );
  }

  /** After `%}` or `#}`: `-` strips following whitespace, trim_blocks eats one newline. */
  private finishTag(endSign: string, isBlockLike: boolean): void {
    if (endSign === '-') this.stripNextData = true;
    else if (endSign !== '+' && isBlockLike && this.options.trimBlocks && this.src[this.pos] === '\n') this.pos++;
  }

  private lexTag(kind: 'var' | 'block', opener: string, sign: string): void {
    const open = this.pos;
    const width = opener.length + sign.length;
    this.tokens.push(
      this.token(kind === 'var' ? 'var_begin' : 'block_begin', '', this.src.slice(open, open + width), open),
    );
    this.pos = open + width;
    const closer = kind === 'var' ? this.d.variableEnd : this.d.blockEnd;
    const balance: string[] = [];
    for (;;) {
      if (this.pos >= this.src.length) {
        throw this.error(
          kind === 'var'
            ? "unexpected end of template, expected 'end of print statement'."
            : "unexpected end of template, expected 'end of statement block'.",
          this.pos,
        );
      }
      if (!balance.length && this.tryClose(kind, closer)) return;
      this.lexExpressionToken(balance);
    }
  }

  private tryClose(kind: 'var' | 'block', closer: string): boolean {
    const at = this.pos;
    const s = this.src;
    let endSign = '';
    if ((s[at] === '-' || (s[at] === '+' && kind === 'block')) && s.startsWith(closer, at + 1)) endSign = s[at] ?? '';
    else if (!s.startsWith(closer, at)) return false;
    this.tokens.push(
      this.token(kind === 'var' ? 'var_end' : 'block_end', '', s.slice(at, at + closer.length + endSign.length), at),
    );
    this.pos = at + closer.length + endSign.length;
    this.finishTag(endSign, kind === 'block');
    return true;
  }

  private lexExpressionToken(balance: string[]): void {
    const at = this.pos;
    if (this.match(SPACE_RE)) return;
    const str = this.match(STRING_RE);
    if (str) {
      const body = str.slice(1, -1);
      this.tokens.push(this.token('string', unescapePython(body), str, at));
      return;
    }
    for (const [re, type] of [
      [FLOAT_RE, 'float'],
      [INT_RE, 'int'],
      [NAME_RE, 'name'],
    ] as const) {
      const text = this.match(re);
      if (text) {
        this.tokens.push(this.token(type, text, text, at));
        return;
      }
    }
    this.lexOperator(balance, at);
  }

  private lexOperator(balance: string[], at: number): void {
    const op = OPERATORS.find((o) => this.src.startsWith(o, at));
    if (!op) throw this.error(`unexpected char ${JSON.stringify(this.src[at])} at ${at}`, at);
    const closer = CLOSERS[op];
    if (closer) balance.push(closer);
    else if (op === ')' || op === ']' || op === '}') {
      const expected = balance.pop();
      if (!expected) throw this.error(`unexpected '${op}'`, at);
      if (expected !== op) throw this.error(`unexpected '${op}', expected '${expected}'`, at);
    }
    this.pos = at + op.length;
    this.tokens.push(this.token('op', op, op, at));
  }

  private match(re: RegExp): string | undefined {
    re.lastIndex = this.pos;
    const m = re.exec(this.src);
    if (!m) return undefined;
    this.pos = re.lastIndex;
    return m[0];
  }

  private token(type: TokenType, value: string, raw: string, offset: number): Token {
    const { line, column } = this.position(offset);
    return { type, value, raw, line, column, offset };
  }

  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (this.lineStarts[lo] ?? 0) + 1 };
  }

  private error(message: string, offset: number): TemplateError {
    return new TemplateError('TemplateSyntaxError', message, this.position(offset));
  }
}

/** lstrip_blocks: drop spaces and tabs between the line start and a block tag. */
function lstripLine(text: string, startsLine: boolean): string {
  const nl = text.lastIndexOf('\n');
  if (nl < 0 && !startsLine) return text;
  const tail = text.slice(nl + 1);
  return /^[ \t]*$/.test(tail) ? text.slice(0, nl + 1) : text;
}
