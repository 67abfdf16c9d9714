// Python's json.dumps (and a float-preserving json.loads) so to_json, to_nice_json and
// tojson print byte for byte what Ansible and Jinja2 print.
import { PyDatetime } from './datetime.js';
import { fail } from '../errors.js';
import { PyFloat, isDict, dictEntries, isInt, typeName, makeDict } from './values.js';
import { reprFloat } from './repr.js';
import { compareStrings } from './ops.js';
import { isUndefined, failUndefined } from '../undefined.js';

export interface DumpOptions {
  indent?: number | string | undefined;
  sortKeys?: boolean;
  separators?: [string, string];
  ensureAscii?: boolean;
}

/** json.dumps with Python's defaults: ', ' and ': ' separators, ASCII escapes. */
export function pyJsonDumps(value: unknown, options: DumpOptions = {}): string {
  const indent =
    options.indent === undefined || options.indent === null
      ? undefined
      : typeof options.indent === 'number'
        ? ' '.repeat(options.indent)
        : options.indent;
  const [itemSep, keySep] = options.separators ?? (indent !== undefined ? [',', ': '] : [', ', ': ']);
  const ascii = options.ensureAscii ?? true;
  const write = (v: unknown, level: number): string => {
    if (v === null || v === undefined) return 'null';
    if (v === true) return 'true';
    if (v === false) return 'false';
    if (typeof v === 'string') return quoteJson(v, ascii);
    if (v instanceof PyFloat) return floatJson(v.value);
    if (typeof v === 'number') return isInt(v) ? String(v) : floatJson(v);
    if (v instanceof Date) return quoteJson(v.toISOString().slice(0, 10), ascii);
    // AnsibleJSONEncoder: dates and datetimes as isoformat()
    if (v instanceof PyDatetime) return quoteJson(v.isoformat(), ascii);
    if (isUndefined(v)) return failUndefined(v, true);
    const nl = indent !== undefined ? `\n${indent.repeat(level + 1)}` : '';
    const close = indent !== undefined ? `\n${indent.repeat(level)}` : '';
    if (Array.isArray(v)) {
      if (!v.length) return '[]';
      return `[${nl}${v.map((x) => write(x, level + 1)).join(itemSep + nl)}${close}]`;
    }
    if (isDict(v)) {
      let entries = dictEntries(v).map(([k, x]) => [jsonKey(k), x] as [string, unknown]);
      if (!entries.length) return '{}';
      if (options.sortKeys) entries = entries.sort((a, b) => compareStrings(a[0], b[0]));
      return `{${nl}${entries.map(([k, x]) => quoteJson(k, ascii) + keySep + write(x, level + 1)).join(itemSep + nl)}${close}}`;
    }
    return fail('TypeError', `Object of type ${typeName(v)} is not JSON serializable`);
  };
  return write(value, 0);
}

function jsonKey(k: unknown): string {
  if (typeof k === 'string') return k;
  if (k === null) return 'null';
  if (typeof k === 'boolean') return k ? 'true' : 'false';
  if (typeof k === 'number' || k instanceof PyFloat) return isInt(k) ? String(k) : floatJson(Number(k));
  return fail('TypeError', `keys must be str, int, float, bool or None, not ${typeName(k)}`);
}

function floatJson(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  return reprFloat(x);
}

const JSON_ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

/** A JSON string literal; with ensure_ascii every non-ASCII code unit is \uXXXX. */
export function quoteJson(s: string, ensureAscii = true): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] as string;
    const code = s.charCodeAt(i);
    const esc = JSON_ESCAPES[ch];
    if (esc) out += esc;
    else if (code < 0x20 || (ensureAscii && code > 0x7e)) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** json.loads keeping Python's types: 2.0 stays a float, objects become dicts in order. */
export function pyJsonLoads(text: string): unknown {
  let i = 0;
  const ws = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i] ?? '')) i++;
  };
  const err = (msg: string): never => fail('ValueError', `${msg}: line 1 column ${i + 1} (char ${i})`);
  const value = (): unknown => {
    ws();
    const c = text[i];
    if (c === '{') return object();
    if (c === '[') return array();
    if (c === '"') return string();
    if (text.startsWith('true', i)) {
      i += 4;
      return true;
    }
    if (text.startsWith('false', i)) {
      i += 5;
      return false;
    }
    if (text.startsWith('null', i)) {
      i += 4;
      return null;
    }
    if (text.startsWith('NaN', i)) {
      i += 3;
      return NaN;
    }
    if (text.startsWith('Infinity', i)) {
      i += 8;
      return Infinity;
    }
    if (text.startsWith('-Infinity', i)) {
      i += 9;
      return -Infinity;
    }
    const m = /^-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!m) return err('Expecting value');
    i += m[0].length;
    const n = Number(m[0]);
    return (m[1] || m[2]) && Number.isInteger(n) ? new PyFloat(n) : n;
  };
  const string = (): string => {
    // eslint-disable-next-line no-control-regex -- JSON forbids raw control characters in strings
    const m = /^"(?:[^"\\\x00-\x1f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/.exec(text.slice(i));
    if (!m) return err('Unterminated string starting at');
    i += m[0].length;
    return JSON.parse(m[0]) as string;
  };
  const array = (): unknown[] => {
    i++;
    const out: unknown[] = [];
    ws();
    if (text[i] === ']') {
      i++;
      return out;
    }
    for (;;) {
      out.push(value());
      ws();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === ']') {
        i++;
        return out;
      }
      return err("Expecting ',' delimiter");
    }
  };
  const object = (): Map<unknown, unknown> => {
    i++;
    const entries: [unknown, unknown][] = [];
    ws();
    if (text[i] === '}') {
      i++;
      return makeDict(entries);
    }
    for (;;) {
      ws();
      if (text[i] !== '"') return err('Expecting property name enclosed in double quotes');
      const k = string();
      ws();
      if (text[i] !== ':') return err("Expecting ':' delimiter");
      i++;
      entries.push([k, value()]);
      ws();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '}') {
        i++;
        return makeDict(entries);
      }
      return err("Expecting ',' delimiter");
    }
  };
  const result = value();
  ws();
  if (i < text.length) return err('Extra data');
  return result;
}
