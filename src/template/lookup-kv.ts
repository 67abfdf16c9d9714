// parse_kv for a lookup's term (`path key=value key="a b"`), as the password and csvfile lookups
// read their options: words split on blanks outside quotes, `k=v` words as options (any key, as
// parse_kv splits at the first unescaped `=`; quotes around a value dropped), the other words
// as the raw text, joined by a space.

export function parseKvWords(text: string): { params: Map<string, string>; raw: string } {
  const words: string[] = [];
  let cur = '';
  let quote = '';
  for (const c of text) {
    if (quote) {
      cur += c;
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") {
      quote = c;
      cur += c;
    } else if (/\s/.test(c)) {
      if (cur) words.push(cur);
      cur = '';
    } else cur += c;
  }
  if (cur) words.push(cur);
  const params = new Map<string, string>();
  const raw: string[] = [];
  for (const w of words) {
    // splitter.parse_kv: the first `=` after the word's first character that no backslash escapes
    const eq = w.slice(1).search(/(?<!\\)=/) + 1;
    if (eq > 0) params.set(w.slice(0, eq).trim(), w.slice(eq + 1).replace(/^(["'])(.*)\1$/s, '$2'));
    else raw.push(w);
  }
  return { params, raw: raw.join(' ') };
}
