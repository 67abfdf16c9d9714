// Python `re` on JavaScript RegExp: patterns are translated, not passed through —
// (?P<n>…) and (?P=n), leading inline flags (?imsx), \A \Z, Python's `$` (also before a
// final newline), Unicode \d and \w, escapes JS rejects in `u` mode, literal braces —
// and re.sub templates (\1, \g<1>, \g<name>) are expanded by Python's rules.
import { fail } from '../errors.js';

export interface PyRegex {
  re: RegExp;
  groupNames: string[];
  groupCount: number;
}

const FLAG_LETTERS: Record<string, string> = { i: 'i', m: 'm', s: 's', x: 'x', a: '', u: '', L: '' };
const SYNTAX = new Set('^$\\.*+?()[]{}|/'.split(''));
const cache = new Map<string, PyRegex>();

/** Compiles a Python pattern with Python flags (i, m, s). */
export function compilePython(pattern: string, flags = ''): PyRegex {
  const key = `${flags}\0${pattern}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const compiled = translate(pattern, flags);
  if (cache.size > 500) cache.clear();
  cache.set(key, compiled);
  return compiled;
}

function translate(pattern: string, flagsIn: string): PyRegex {
  let src = pattern;
  let flags = flagsIn;
  for (let m = /^\(\?([imsxauL]+)\)/.exec(src); m; m = /^\(\?([imsxauL]+)\)/.exec(src)) {
    for (const f of m[1] ?? '') flags += FLAG_LETTERS[f] ?? '';
    src = src.slice(m[0].length);
  }
  const verbose = flags.includes('x');
  const out = new Translator(src, flags.includes('m'), verbose).run();
  const jsFlags = `u${[...new Set(flags.replace(/[^ims]/g, ''))].join('')}`;
  try {
    return { re: new RegExp(out.source, jsFlags), groupNames: out.names, groupCount: out.groups };
  } catch (err) {
    return fail('ValueError', `invalid regular expression ${JSON.stringify(pattern)}: ${(err as Error).message}`);
  }
}

class Translator {
  private i = 0;
  private out = '';
  groups = 0;
  names: string[] = [];

  constructor(
    private readonly p: string,
    private readonly multiline: boolean,
    private readonly verbose: boolean,
  ) {}

  run(): { source: string; names: string[]; groups: number } {
    while (this.i < this.p.length) this.step();
    return { source: this.out, names: this.names, groups: this.groups };
  }

  private step(): void {
    const c = this.p[this.i] as string;
    if (this.verbose && /\s/.test(c)) {
      this.i++;
      return;
    }
    if (this.verbose && c === '#') {
      while (this.i < this.p.length && this.p[this.i] !== '\n') this.i++;
      return;
    }
    if (c === '\\') return this.escape(false);
    if (c === '[') return this.charClass();
    if (c === '(') return this.group();
    if (c === '$') {
      this.out += this.multiline ? '$' : '(?=\\n?(?![\\s\\S]))';
      this.i++;
      return;
    }
    if (c === '{') return this.brace();
    if (c === '}') {
      this.out += '\\}';
      this.i++;
      return;
    }
    this.out += c;
    this.i++;
  }

  private brace(): void {
    const m = /^\{(\d*)(,?)(\d*)\}/.exec(this.p.slice(this.i));
    if (m && (m[1] || m[3])) {
      this.out += m[1] ? m[0] : `{0,${m[3] ?? ''}}`;
      this.i += m[0].length;
      return;
    }
    this.out += '\\{';
    this.i++;
  }

  private group(): void {
    const rest = this.p.slice(this.i);
    const named = /^\(\?P<([A-Za-z_]\w*)>/.exec(rest);
    if (named) {
      this.groups++;
      this.names[this.groups] = named[1] ?? '';
      this.out += `(?<${named[1] ?? ''}>`;
      this.i += named[0].length;
      return;
    }
    const backref = /^\(\?P=([A-Za-z_]\w*)\)/.exec(rest);
    if (backref) {
      this.out += `\\k<${backref[1] ?? ''}>`;
      this.i += backref[0].length;
      return;
    }
    const comment = /^\(\?#[^)]*\)/.exec(rest);
    if (comment) {
      this.i += comment[0].length;
      return;
    }
    if (/^\(\?[aiLmsux-]+:/.test(rest))
      return fail('ValueError', 'scoped inline flags (?i:...) are not supported by runbook');
    if (/^\(\?[aiLmsux]+\)/.test(rest)) return fail('ValueError', 'global flags not at the start of the expression');
    if (!rest.startsWith('(?')) this.groups++;
    this.out += '(';
    this.i++;
  }

  private charClass(): void {
    this.out += '[';
    this.i++;
    if (this.p[this.i] === '^') {
      this.out += '^';
      this.i++;
    }
    if (this.p[this.i] === ']') {
      this.out += '\\]';
      this.i++;
    }
    while (this.i < this.p.length && this.p[this.i] !== ']') {
      const c = this.p[this.i] as string;
      if (c === '\\') this.escape(true);
      else if (c === '[') {
        this.out += '\\[';
        this.i++;
      } else {
        this.out += c;
        this.i++;
      }
    }
    if (this.i >= this.p.length) return fail('ValueError', 'unterminated character set');
    this.out += ']';
    this.i++;
  }

  private escape(inClass: boolean): void {
    const rest = this.p.slice(this.i + 1);
    const c = rest[0];
    if (c === undefined) return fail('ValueError', 'bad escape (end of pattern)');
    let len = 2;
    let text: string;
    const hex = /^(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8})/.exec(rest);
    const octal = /^(0[0-7]{0,2}|[0-7]{3})/.exec(rest);
    if (hex) {
      text = `\\u{${parseInt((hex[1] ?? '').slice(1), 16).toString(16)}}`;
      len = 1 + (hex[1] ?? '').length;
    } else if (octal) {
      text = `\\u{${parseInt(octal[1] ?? '0', 8).toString(16)}}`;
      len = 1 + (octal[1] ?? '').length;
    } else text = this.simpleEscape(c, inClass);
    if (!inClass && /^[1-9]/.test(c)) {
      const digits = /^[1-9]\d?/.exec(rest)?.[0] ?? c;
      text = `\\${digits}`;
      len = 1 + digits.length;
    }
    this.out += text;
    this.i += len;
  }

  private simpleEscape(c: string, inClass: boolean): string {
    switch (c) {
      case 'd':
        return '\\p{Nd}';
      case 'D':
        return '\\P{Nd}';
      case 'w':
        return inClass ? '\\p{L}\\p{N}_' : '[\\p{L}\\p{N}_]';
      case 'W':
        return inClass ? '\\W' : '[^\\p{L}\\p{N}_]';
      case 'A':
        return '(?<![\\s\\S])';
      case 'Z':
        return '(?![\\s\\S])';
      case 'a':
        return '\\x07';
      case 'b':
        return inClass ? '\\x08' : '\\b';
      case 'B':
      case 's':
      case 'S':
      case 'n':
      case 'r':
      case 't':
      case 'f':
      case 'v':
        return `\\${c}`;
    }
    if (/[A-Za-z]/.test(c)) return fail('ValueError', `bad escape \\${c}`);
    if (SYNTAX.has(c) || (inClass && c === '-')) return `\\${c}`;
    return `\\u{${(c.codePointAt(0) ?? 0).toString(16)}}`;
  }
}

/** The groups of a match as Python numbers them (1-based), '' … undefined when unmatched. */
function groupValue(m: RegExpExecArray, ref: string, rx: PyRegex): string | undefined {
  if (/^\d+$/.test(ref)) {
    const n = Number(ref);
    if (n > rx.groupCount) return fail('IndexError', `invalid group reference ${n}`);
    return m[n];
  }
  if (!rx.groupNames.includes(ref)) return fail('IndexError', `unknown group name '${ref}'`);
  return m.groups?.[ref];
}

/** Expands a re.sub replacement template for one match. */
export function expandTemplate(template: string, m: RegExpExecArray, rx: PyRegex): string {
  return template.replace(/\\(g<([^>]*)>|\d{1,2}|[\s\S])/g, (whole, esc: string, gname: string | undefined) => {
    if (gname !== undefined) return groupValue(m, gname, rx) ?? '';
    if (/^\d/.test(esc)) return groupValue(m, esc, rx) ?? '';
    const simple: Record<string, string> = {
      n: '\n',
      t: '\t',
      r: '\r',
      f: '\f',
      v: '\v',
      a: '\x07',
      b: '\b',
      '\\': '\\',
    };
    if (simple[esc] !== undefined) return simple[esc];
    if (/[A-Za-z]/.test(esc)) return fail('ValueError', `bad escape ${whole}`);
    return whole;
  });
}

/** re.sub(pattern, repl, text, count). */
export function pySub(rx: PyRegex, template: string, text: string, count = 0): string {
  const g = new RegExp(rx.re.source, `${rx.re.flags}g`);
  let n = 0;
  let out = '';
  let last = 0;
  for (let m = g.exec(text); m; m = g.exec(text)) {
    out += text.slice(last, m.index) + expandTemplate(template, m, rx);
    last = m.index + m[0].length;
    if (m[0] === '') g.lastIndex++;
    if (count && ++n >= count) break;
  }
  return out + text.slice(last);
}

/** re.findall: whole matches, one group's text, or tuples of groups. */
export function pyFindall(rx: PyRegex, text: string): (string | string[])[] {
  const g = new RegExp(rx.re.source, `${rx.re.flags}g`);
  const out: (string | string[])[] = [];
  for (let m = g.exec(text); m; m = g.exec(text)) {
    if (rx.groupCount === 0) out.push(m[0]);
    else if (rx.groupCount === 1) out.push(m[1] ?? '');
    else out.push(m.slice(1, rx.groupCount + 1).map((x) => x ?? ''));
    if (m[0] === '') g.lastIndex++;
  }
  return out;
}

/** re.search (anywhere) or re.match (at the start). */
export function pySearch(rx: PyRegex, text: string, anchored: boolean): RegExpExecArray | null {
  const r = new RegExp(rx.re.source, rx.re.flags + (anchored ? 'y' : ''));
  r.lastIndex = 0;
  return r.exec(text);
}
