// Jinja2's built-in string filters (jinja2/filters.py, 3.1).
import type { FilterFn } from '../environment.js';
import { params } from './args.js';
import { toText } from '../runtime.js';
import { fail } from '../errors.js';
import { pySplitLines } from '../../util/index.js';
import { formatPercent } from '../py/percent-format.js';
import { tuple, isDict, dictEntries, toJsNumber, typeName } from '../py/values.js';
import { VaultText } from '../vault-text.js';
import { pyStr, pyRepr } from '../py/repr.js';
import { isUndefined, failUndefined, type Undefined } from '../undefined.js';

const text = (ctx: Parameters<FilterFn>[0], v: unknown): string => toText(v, ctx);

/** Jinja2's do_title: split at runs of -, whitespace, (, {, [ and <, capitalise every part. */
function title(s: string): string {
  return s
    .split(/([-\s({[<]+)/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase())
    .join('');
}

/** A str for Python: a string, or the vault's encrypted text (AnsibleVaultEncryptedUnicode). */
function isPyStr(v: unknown): boolean {
  return typeof v === 'string' || v instanceof VaultText;
}

/** do_indent (Jinja2 3.1.2): `s + "\n"` split as str.splitlines, each non-empty line after the first indented (every one with blank), the first too with first. */
function indent(s: string, width: string, first: boolean, blank: boolean): string {
  const lines = pySplitLines(`${s}\n`);
  let rv: string;
  if (blank) rv = lines.join(`\n${width}`);
  else {
    rv = lines.shift() ?? '';
    if (lines.length) rv += `\n${lines.map((l) => (l ? width + l : l)).join('\n')}`;
  }
  return first ? width + rv : rv;
}

function truncate(s: string, length: number, killwords: boolean, end: string, leeway: number): string {
  if (s.length <= length + leeway) return s;
  if (killwords) return s.slice(0, length - end.length) + end;
  const cut = s.slice(0, length - end.length);
  const i = cut.lastIndexOf(' ');
  return (i >= 0 ? cut.slice(0, i) : cut) + end;
}

function wordwrap(s: string, width: number, breakLong: boolean, wrapstring: string): string {
  return s
    .split(/\r?\n/)
    .map((para) => {
      const words = para.split(/\s+/).filter(Boolean);
      const lines: string[] = [];
      let line = '';
      for (let w of words) {
        while (breakLong && w.length > width) {
          if (line) {
            lines.push(line);
            line = '';
          }
          lines.push(w.slice(0, width));
          w = w.slice(width);
        }
        if (!line) line = w;
        else if (line.length + 1 + w.length <= width) line += ` ${w}`;
        else {
          lines.push(line);
          line = w;
        }
      }
      if (line) lines.push(line);
      return lines.join(wrapstring);
    })
    .join(wrapstring);
}

function filesizeformat(value: unknown, binary: boolean): string {
  const bytes = toJsNumber(typeof value === 'string' ? Number(value) : value);
  const base = binary ? 1024 : 1000;
  const prefixes = binary
    ? ['KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB', 'ZiB', 'YiB']
    : ['kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'];
  if (bytes === 1) return '1 Byte';
  if (bytes < base) return `${bytes} Bytes`;
  let unit = base;
  for (let i = 0; i < prefixes.length; i++) {
    unit = base ** (i + 2);
    if (bytes < unit) return `${((base * bytes) / unit).toFixed(1)} ${prefixes[i] ?? ''}`;
  }
  return `${((base * bytes) / unit).toFixed(1)} ${prefixes[prefixes.length - 1] ?? ''}`;
}

// Jinja2's url_quote: quote_from_bytes with '/' safe, or for a query string nothing safe and
// spaces as '+'
function urlQuote(s: string, forQs: boolean): string {
  const quoted = encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return forQs ? quoted.replace(/%20/g, '+') : quoted.replace(/%2F/g, '/');
}

function urlencode(ctx: Parameters<FilterFn>[0], v: unknown): string {
  if (typeof v === 'string' || (!isDict(v) && !Array.isArray(v))) return urlQuote(text(ctx, v), false);
  const enc = (s: unknown): string => urlQuote(text(ctx, s), true);
  if (isDict(v))
    return [...(v instanceof Map ? v.entries() : Object.entries(v))].map(([k, x]) => `${enc(k)}=${enc(x)}`).join('&');
  if (Array.isArray(v))
    return v
      .map((pair) => {
        const [k, x] = pair as unknown[];
        return `${enc(k)}=${enc(x)}`;
      })
      .join('&');
  return enc(v);
}

export const jinjaStringFilters: Record<string, FilterFn> = {
  upper: (ctx, v) => text(ctx, v).toUpperCase(),
  lower: (ctx, v) => text(ctx, v).toLowerCase(),
  capitalize: (ctx, v) => {
    const s = text(ctx, v);
    return s.charAt(0).toUpperCase() + s.slice(1).toLowerCase();
  },
  title: (ctx, v) => title(text(ctx, v)),
  trim: (ctx, v, a, k) => {
    const [chars] = params('trim', [['chars', null]], a, k);
    const s = text(ctx, v);
    if (chars === null) return s.trim().replace(/^\s+|\s+$/g, '');
    const set = String(chars);
    let b = 0;
    let e = s.length;
    while (b < e && set.includes(s[b] ?? '')) b++;
    while (e > b && set.includes(s[e - 1] ?? '')) e--;
    return s.slice(b, e);
  },
  replace: (ctx, v, a, k) => {
    const [old, neu, count] = params('replace', [['old'], ['new'], ['count', null]], a, k);
    const s = text(ctx, v);
    if (count === null) return s.split(text(ctx, old)).join(text(ctx, neu));
    let n = toJsNumber(count);
    let out = s;
    let from = 0;
    while (n-- > 0) {
      const i = out.indexOf(text(ctx, old), from);
      if (i < 0) break;
      out = out.slice(0, i) + text(ctx, neu) + out.slice(i + text(ctx, old).length);
      from = i + text(ctx, neu).length;
    }
    return out;
  },
  center: (ctx, v, a, k) => {
    const [width] = params('center', [['width', 80]], a, k);
    const s = text(ctx, v);
    const w = toJsNumber(width);
    const room = Math.max(0, w - s.length);
    const left = Math.floor(room / 2) + (room % 2 && w % 2 ? 1 : 0);
    return ' '.repeat(left) + s + ' '.repeat(room - left);
  },
  indent: (ctx, v, a, k) => {
    const [width, first, blank] = params(
      'indent',
      [
        ['width', 4],
        ['first', false],
        ['blank', false],
      ],
      a,
      k,
    );
    const w = typeof width === 'string' ? width : ' '.repeat(toJsNumber(width));
    // do_indent's `s += "\n"`: a list takes the characters, then has no splitlines; other
    // non-strings refuse the +=
    if (isUndefined(v)) return failUndefined(v, ctx.env.isAnsible);
    if (Array.isArray(v)) return fail('AttributeError', `'${typeName(v)}' object has no attribute 'splitlines'`);
    if (!isPyStr(v)) return fail('TypeError', `unsupported operand type(s) for +=: '${typeName(v)}' and 'str'`);
    return indent(text(ctx, v), w, Boolean(first), Boolean(blank));
  },
  truncate: (ctx, v, a, k) => {
    const [length, killwords, end, leeway] = params(
      'truncate',
      [
        ['length', 255],
        ['killwords', false],
        ['end', '...'],
        ['leeway', 5],
      ],
      a,
      k,
    );
    // do_truncate's len(s): a sequence short enough comes back as it is, a number has no len()
    if (Array.isArray(v) || isDict(v)) {
      const n = Array.isArray(v) ? v.length : dictEntries(v).length;
      if (n <= toJsNumber(length) + toJsNumber(leeway)) return v;
      return fail('TypeError', `can only concatenate ${typeName(v)} (not "str") to ${typeName(v)}`);
    }
    if (!isPyStr(v) && !isUndefined(v)) return fail('TypeError', `object of type '${typeName(v)}' has no len()`);
    return truncate(text(ctx, v), toJsNumber(length), Boolean(killwords), String(end), toJsNumber(leeway));
  },
  wordwrap: (ctx, v, a, k) => {
    const [width, breakLong, wrapstring] = params(
      'wordwrap',
      [
        ['width', 79],
        ['break_long_words', true],
        ['wrapstring', null],
        ['break_on_hyphens', true],
      ],
      a,
      k,
    );
    return wordwrap(
      text(ctx, v),
      toJsNumber(width),
      Boolean(breakLong),
      wrapstring === null ? '\n' : String(wrapstring),
    );
  },
  wordcount: (ctx, v) => (text(ctx, v).match(/\w+/gu) ?? []).length,
  format: (ctx, v, a, k) => {
    if (a.length && k.size)
      return fail('FilterArgumentError', "can't handle positional and keyword arguments at the same time");
    // under Ansible an undefined argument prints as AnsibleUndefined's repr (%r)
    const shown = ctx.env.isAnsible ? a.map((x) => (isUndefined(x) ? new AnsibleUndefinedRepr(x) : x)) : a;
    return formatPercent(text(ctx, v), k.size ? new Map(k) : tuple(shown));
  },
  striptags: (ctx, v) =>
    text(ctx, v)
      .replace(/<!--[\s\S]*?-->|<[^>]*>/g, '')
      .replace(/\s+/g, ' ')
      .trim(),
  escape: (ctx, v) =>
    text(ctx, v)
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&#34;')
      .replace(/'/g, '&#39;'),
  e: (ctx, v) => jinjaStringFilters.escape?.(ctx, v, [], new Map()),
  forceescape: (ctx, v) => jinjaStringFilters.escape?.(ctx, v, [], new Map()),
  safe: (_ctx, v) => v,
  string: (ctx, v) => text(ctx, v),
  filesizeformat: (_ctx, v, a, k) => {
    const [binary] = params('filesizeformat', [['binary', false]], a, k);
    return filesizeformat(v, Boolean(binary));
  },
  urlencode: (ctx, v) => urlencode(ctx, v),
  pprint: (_ctx, v) => pyStr(v),
  urlize: (ctx, v) => text(ctx, v),
  xmlattr: (ctx, v) => {
    if (!isDict(v)) return fail('TypeError', `xmlattr needs a dict, got ${typeName(v)}`);
    const entries = v instanceof Map ? [...v.entries()] : Object.entries(v);
    const parts = entries
      .filter(([, x]) => x !== null && !(x instanceof Object && 'path' in x))
      .map(
        ([key, x]) =>
          `${String(key)}="${text(ctx, x).replace(/&/g, '&amp;').replace(/"/g, '&#34;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}"`,
      );
    return parts.length ? ` ${parts.join(' ')}` : '';
  },
};

/** AnsibleUndefined.__repr__ (template/__init__.py at stable-2.14): its hint, the object looked in, the name. */
class AnsibleUndefinedRepr {
  constructor(private readonly u: Undefined) {}
  toString(): string {
    const { hint, owner, name } = this.u.origin;
    const obj = owner ? pyRepr(owner.value) : 'missing';
    return `AnsibleUndefined(hint=${hint === undefined ? 'None' : pyRepr(hint)}, obj=${obj}, name=${pyRepr(name)})`;
  }
}
