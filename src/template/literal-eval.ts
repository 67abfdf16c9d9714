// Python's ast.literal_eval for the text Ansible's concat produces ("[1, 'a']", "{'k': True}"),
// with Ansible's Json2Python twist: the names true/false/null are accepted too
// (ansible/template/native_helpers.py). Anything else is a LiteralError.
import { PyFloat, tuple, makeDict, hashKey } from './py/values.js';
import { unescapePython } from './string-escapes.js';

export class LiteralError extends Error {}

const PYTHON_NAMES: Record<string, unknown> = { True: true, False: false, None: null };
const JSON_NAMES: Record<string, unknown> = { ...PYTHON_NAMES, true: true, false: false, null: null };
const TOKEN =
  /\s+|#[^\n]*|([rRbBuU]{0,2})('''[\s\S]*?'''|"""[\s\S]*?"""|'(?:[^'\\\n]|\\[\s\S])*'|"(?:[^"\\\n]|\\[\s\S])*")|(0[xX][\da-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|(?:\d[\d_]*)?\.?\d[\d_]*(?:[eE][+-]?\d[\d_]*)?[jJ]?|\d[\d_]*\.)|([A-Za-z_]\w*)|(.)/gy;

interface Tok {
  kind: 'str' | 'num' | 'name' | 'op';
  text: string;
  prefix?: string;
}

function lex(text: string): Tok[] {
  const out: Tok[] = [];
  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while (TOKEN.lastIndex < text.length && (m = TOKEN.exec(text))) {
    if (m[2] !== undefined) out.push({ kind: 'str', text: m[2], prefix: (m[1] ?? '').toLowerCase() });
    else if (m[3] !== undefined) out.push({ kind: 'num', text: m[3] });
    else if (m[4] !== undefined) out.push({ kind: 'name', text: m[4] });
    else if (m[5] !== undefined) out.push({ kind: 'op', text: m[5] });
  }
  if (TOKEN.lastIndex < text.length && text.length) throw new LiteralError('bad token');
  return out;
}

/** Evaluates a Python literal; throws LiteralError when the text is not one. */
export function literalEval(text: string, options: { jsonNames?: boolean } = {}): unknown {
  const NAMES = options.jsonNames === false ? PYTHON_NAMES : JSON_NAMES;
  const toks = lex(text);
  let i = 0;
  const peek = (): Tok | undefined => toks[i];
  const isOp = (op: string): boolean => peek()?.kind === 'op' && peek()?.text === op;
  const expectOp = (op: string): void => {
    if (!isOp(op)) throw new LiteralError(`expected ${op}`);
    i++;
  };

  const parseSeq = (close: string): [unknown[], boolean] => {
    const items: unknown[] = [];
    let comma = false;
    while (!isOp(close)) {
      items.push(parseValue());
      if (!isOp(',')) break;
      i++;
      comma = true;
    }
    expectOp(close);
    return [items, comma];
  };

  const parseDict = (): unknown => {
    const entries: [unknown, unknown][] = [];
    while (!isOp('}')) {
      const k = parseValue();
      if (!isOp(':')) throw new LiteralError('sets are not supported');
      i++;
      if (Array.isArray(k) && !Object.isFrozen(k)) throw new LiteralError('unhashable');
      entries.push([hashKey(k), parseValue()]);
      if (!isOp(',')) break;
      i++;
    }
    expectOp('}');
    return makeDict(entries);
  };

  const parseValue = (): unknown => {
    const t = toks[i++];
    if (!t) throw new LiteralError('unexpected end');
    if (t.kind === 'str') return parseStrings(t);
    if (t.kind === 'num') return parseNumber(t.text);
    if (t.kind === 'name') {
      if (t.text in NAMES) return NAMES[t.text];
      throw new LiteralError(`malformed node: ${t.text}`);
    }
    if (t.text === '-' || t.text === '+') {
      const v = parseValue();
      if (typeof v === 'number') return t.text === '-' ? -v : v;
      if (v instanceof PyFloat) return new PyFloat(t.text === '-' ? -v.value : v.value);
      throw new LiteralError('bad operand');
    }
    if (t.text === '[') return parseSeq(']')[0];
    if (t.text === '(') {
      const [items, comma] = parseSeq(')');
      if (items.length === 1 && !comma) return items[0];
      return tuple(items);
    }
    if (t.text === '{') return parseDict();
    throw new LiteralError(`unexpected ${t.text}`);
  };

  const parseStrings = (first: Tok): unknown => {
    let out = decodeString(first);
    while (peek()?.kind === 'str') out += decodeString(toks[i++] as Tok);
    return out;
  };

  const value = parseValue();
  if (i !== toks.length) throw new LiteralError('trailing tokens');
  return value;
}

function decodeString(t: Tok): string {
  if (t.prefix?.includes('f')) throw new LiteralError('f-string');
  const quoteLen = t.text.startsWith("'''") || t.text.startsWith('"""') ? 3 : 1;
  const body = t.text.slice(quoteLen, -quoteLen);
  return t.prefix?.includes('r') ? body : unescapePython(body);
}

function parseNumber(text: string): number | PyFloat {
  const clean = text.replace(/_/g, '');
  if (/[jJ]$/.test(clean)) throw new LiteralError('complex numbers are not supported');
  if (/^0[xX]/.test(clean)) return parseInt(clean.slice(2), 16);
  if (/^0[oO]/.test(clean)) return parseInt(clean.slice(2), 8);
  if (/^0[bB]/.test(clean)) return parseInt(clean.slice(2), 2);
  if (/[.eE]/.test(clean)) {
    const v = Number(clean);
    return Number.isInteger(v) ? new PyFloat(v) : v;
  }
  if (/^0\d/.test(clean)) throw new LiteralError('leading zeros');
  return Number(clean);
}
