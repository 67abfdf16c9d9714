// Python's single-character backslash escapes (unicode-escape), shared by Jinja2 string
// literals (template/) and parse_kv's _decode_escapes (playbook/).
export const PY_SINGLE_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

/** repr() of a Python bytes object of `text` as UTF-8 (bytes_repr in CPython's bytesobject.c). */
export function pyBytesRepr(text: string): string {
  const bytes = Buffer.from(text, 'utf8');
  const quote = bytes.includes(0x27) && !bytes.includes(0x22) ? '"' : "'";
  let out = '';
  for (const b of bytes) {
    const c = String.fromCharCode(b);
    if (c === quote || c === '\\') out += `\\${c}`;
    else if (c === '\t') out += '\\t';
    else if (c === '\n') out += '\\n';
    else if (c === '\r') out += '\\r';
    else if (b < 0x20 || b >= 0x7f) out += `\\x${b.toString(16).padStart(2, '0')}`;
    else out += c;
  }
  return `b${quote}${out}${quote}`;
}

/**
 * repr() of a Python str (unicode_repr in CPython's unicodeobject.c): single quotes unless it
 * holds one and no double quote; \t \n \r and the backslash escaped, other control characters as
 * \xNN, the non-printable ones above them (U+2028, U+0085…) as \xNN or \uNNNN.
 */
export function pyStrRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = '';
  for (const c of s) {
    const code = c.codePointAt(0) ?? 0;
    if (c === quote || c === '\\') out += `\\${c}`;
    else if (c === '\t') out += '\\t';
    else if (c === '\n') out += '\\n';
    else if (c === '\r') out += '\\r';
    else if (code < 0x20 || (code >= 0x7f && code < 0xa0) || code === 0xad)
      out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (/[\p{Z}\p{C}]/u.test(c) && c !== ' ')
      out += code > 0xffff ? `\\U${code.toString(16).padStart(8, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
    else out += c;
  }
  return `${quote}${out}${quote}`;
}
