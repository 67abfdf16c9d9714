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
