// Ansible's `k=v` argument strings (parsing/splitter.py: split_args, parse_kv): quotes and
// Jinja2 blocks keep a word together; for command/shell the words that are not options
// become the free-form `_raw_params`.

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

/** Splits on whitespace outside quotes and outside {{ }}, {% %}, {# #}; quotes are kept. */
export function splitArgs(text: string): string[] {
  const words: string[] = [];
  let word = '';
  let quote: string | null = null;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    const two = text.slice(i, i + 2);
    if (!quote && (two === '{{' || two === '{%' || two === '{#')) {
      depth++;
      word += two;
      i++;
      continue;
    }
    if (!quote && depth && (two === '}}' || two === '%}' || two === '#}')) {
      depth--;
      word += two;
      i++;
      continue;
    }
    if (quote) {
      word += c;
      if (c === quote && text[i - 1] !== '\\') quote = null;
    } else if ((c === '"' || c === "'") && !depth) {
      quote = c;
      word += c;
    } else if (/\s/.test(c) && !depth) {
      if (word) words.push(word);
      word = '';
      // split_args keeps line ends: a newline stays on the word before it.
      if (c === '\n' && words.length) words[words.length - 1] += '\n';
    } else word += c;
  }
  if (word) words.push(word);
  return words;
}

/** Strips one pair of matching outer quotes. */
export function unquote(s: string): string {
  return s.length >= 2 && (s[0] === '"' || s[0] === "'") && s[s.length - 1] === s[0] ? s.slice(1, -1) : s;
}

/** parse_kv: `a=1 b="x y"` → {a: '1', b: 'x y'}; the rest (or, when checkRaw, non-options) → _raw_params. */
export function parseKvArgs(text: string, checkRaw: boolean): Map<string, unknown> {
  const options = new Map<string, unknown>();
  const raw: string[] = [];
  for (const word of splitArgs(text)) {
    const eq = findUnescapedEquals(word);
    if (eq <= 0) {
      raw.push(word.replace(/\\=/g, '='));
      continue;
    }
    const key = word.slice(0, eq);
    if (checkRaw && !SHELL_OPTIONS.has(key)) raw.push(word);
    else options.set(key.trim(), unquote(word.slice(eq + 1).trim()));
  }
  if (raw.length)
    options.set(
      '_raw_params',
      raw.reduce((all, w, i) => (i === 0 || all.endsWith('\n') ? all + w : `${all} ${w}`), ''),
    );
  return options;
}

function findUnescapedEquals(word: string): number {
  for (let i = 1; i < word.length; i++) if (word[i] === '=' && word[i - 1] !== '\\') return i;
  return word.startsWith('=') ? 0 : -1;
}
