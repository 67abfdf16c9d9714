// Ansible's `k=v` argument strings, ported from parsing/splitter.py (split_args, parse_kv,
// join_args) and parsing/quoting.py (unquote) at stable-2.14: words split on spaces and
// newlines, put back together inside quotes and Jinja2 blocks; a lone `\` ends a line without
// its newline; for command/shell the words that are not options become `_raw_params`, joined
// with their original newlines.
import { RunbookError, PY_SINGLE_ESCAPES } from '../util/index.js';

const SHELL_OPTIONS = new Set([
  'creates',
  'removes',
  'chdir',
  'executable',
  'warn',
  'stdin',
  'stdin_add_newline',
  'strip_empty_ends',
]);

/** _get_quote_state: the quote still open after `token`, given the one open before it. */
function quoteState(token: string, quote: string | null): string | null {
  for (let i = 0; i < token.length; i++) {
    const c = token[i] as string;
    if ((c === '"' || c === "'") && (i === 0 || token[i - 1] !== '\\')) {
      if (!quote) quote = c;
      else if (c === quote) quote = null;
    }
  }
  return quote;
}

/** _count_jinja2_blocks */
function blockDepth(token: string, depth: number, open: string, close: string): number {
  const opened = token.split(open).length - 1;
  const closed = token.split(close).length - 1;
  return opened === closed ? depth : Math.max(0, depth + opened - closed);
}

interface SplitState {
  params: string[];
  quote: string | null;
  print: number;
  block: number;
  comment: number;
}

/** One space-separated token of split_args, appended or glued to the last parameter. */
function takeToken(s: SplitState, token: string, idx: number, tokenCount: number): void {
  const wasInside = s.quote !== null;
  s.quote = quoteState(token, s.quote);
  const inside = s.quote !== null;
  const inBlock = (): boolean => Boolean(s.print || s.block || s.comment);
  let appended = false;
  if (inside && !wasInside && !inBlock()) {
    s.params.push(token);
    appended = true;
  } else if (inBlock() || inside || wasInside) {
    const last = s.params.length - 1;
    if (idx === 0 && wasInside) s.params[last] = `${s.params[last] ?? ''}${token}`;
    else if (tokenCount > 1) s.params[last] = `${s.params[last] ?? ''}${idx > 0 ? ' ' : ''}${token}`;
    else s.params[last] = `${s.params[last] ?? ''}\n${token}`;
    appended = true;
  }
  for (const [key, open, close] of [
    ['print', '{{', '}}'],
    ['block', '{%', '%}'],
    ['comment', '{#', '#}'],
  ] as const) {
    const before = s[key];
    s[key] = blockDepth(token, before, open, close);
    if (s[key] !== before && !appended) {
      s.params.push(token);
      appended = true;
    }
  }
  if (!inBlock() && !inside && !appended && token !== '') s.params.push(token);
}

/** split_args: words, with quotes and Jinja2 blocks kept whole and newlines kept on their word. */
export function splitArgs(args: string): string[] {
  const s: SplitState = { params: [], quote: null, print: 0, block: 0, comment: 0 };
  const items = args.split('\n');
  for (const [itemIdx, item] of items.entries()) {
    const tokens = item.split(' ');
    let continuation = false;
    for (const [idx, token] of tokens.entries()) {
      // empty entries are runs of spaces, kept for reassembly
      if (token.length === 0 && idx !== 0) {
        if (s.params.length) s.params[s.params.length - 1] += ' ';
        continue;
      }
      if (token === '\\' && s.quote === null) {
        continuation = true;
        continue;
      }
      takeToken(s, token, idx, tokens.length);
    }
    if (items.length > 1 && itemIdx !== items.length - 1 && !continuation && s.params.length)
      s.params[s.params.length - 1] += '\n';
  }
  if (s.print || s.block || s.comment || s.quote !== null)
    throw new RunbookError(
      `failed at splitting arguments, either an unbalanced jinja2 block or quotes: ${args}`,
      undefined,
      { exitCode: 4 },
    );
  return s.params;
}

/** quoting.unquote: one pair of matching outer quotes, unless the closing one is escaped. */
export function unquote(s: string): string {
  const quoted = s.length > 1 && s[0] === s[s.length - 1] && (s[0] === '"' || s[0] === "'") && s[s.length - 2] !== '\\';
  return quoted ? s.slice(1, -1) : s;
}

/** _decode_escapes: Python's unicode-escape for \U, \u, \x and single-character escapes. */
function decodeEscapes(s: string): string {
  return s.replace(
    /\\U([a-fA-F0-9]{8})|\\u([a-fA-F0-9]{4})|\\x([a-fA-F0-9]{2})|\\([\\'"abfnrtv])/g,
    (whole, u8?: string, u4?: string, x2?: string, single?: string) => {
      const hex = u8 ?? u4 ?? x2;
      if (hex) return String.fromCodePoint(parseInt(hex, 16));
      return PY_SINGLE_ESCAPES[single ?? ''] ?? whole;
    },
  );
}

/** join_args: the words back into one string, a space between them unless one ends a line. */
export function joinArgs(words: string[]): string {
  return words.reduce((all, w) => (all.length === 0 || all.endsWith('\n') ? all + w : `${all} ${w}`), '');
}

/** parse_kv: `a=1 b="x y"` → {a: '1', b: 'x y'}; the rest (or, when checkRaw, non-options) → _raw_params. */
export function parseKvArgs(text: string, checkRaw: boolean): Map<string, unknown> {
  const options = new Map<string, unknown>();
  const raw: string[] = [];
  for (const orig of splitArgs(text)) {
    const x = decodeEscapes(orig);
    const eq = firstUnescapedEquals(x);
    if (eq < 0) {
      raw.push(x.includes('=') ? x.replace(/\\=/g, '=') : orig);
      continue;
    }
    const key = x.slice(0, eq);
    if (checkRaw && !SHELL_OPTIONS.has(key)) raw.push(orig);
    else options.set(key.trim(), unquote(x.slice(eq + 1).trim()));
  }
  if (raw.length) options.set('_raw_params', joinArgs(raw));
  return options;
}

// parse_kv looks for '=' from index 1 on (x.index('=', pos + 1)), skipping escaped ones
function firstUnescapedEquals(x: string): number {
  for (let i = 1; i < x.length; i++) if (x[i] === '=' && x[i - 1] !== '\\') return i;
  return -1;
}
