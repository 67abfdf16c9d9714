// Ansible's core filters (ansible/plugins/filter/core.py, 2.14): bool, ternary, mandatory,
// JSON, base64, paths, quoting, hashes, comment, type_debug.
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import { expandUser } from '../../util/index.js';
import type { FilterFn } from '../environment.js';
import { params } from './args.js';
import { toText, truthy } from '../runtime.js';
import { fail } from '../errors.js';
import { tuple, typeName, pyTypeRepr, isNumber, toJsNumber } from '../py/values.js';
import { pyJsonDumps, pyJsonLoads } from '../py/json.js';
import { pySplit } from '../py/str-methods.js';
import { isUndefined, Undefined } from '../undefined.js';
import { pyStr } from '../py/repr.js';
import { strftime } from '../py/strftime.js';
import { strptime } from '../py/datetime.js';

type Ctx = Parameters<FilterFn>[0];
const text = (ctx: Ctx, v: unknown): string => toText(v, ctx);

/** Ansible's to_bool: yes/on/1/true (any case) and 1 are true, everything else false. */
export function toBool(v: unknown): unknown {
  if (v === null || typeof v === 'boolean') return v;
  const x = typeof v === 'string' ? v.toLowerCase() : v;
  if (typeof x === 'string') return ['yes', 'on', '1', 'true'].includes(x);
  return isNumber(x) && toJsNumber(x) === 1;
}

/** shlex.quote. */
export function shellQuote(s: string): string {
  if (s === '') return "''";
  if (!/[^\w@%+=:,./-]/.test(s)) return s;
  return `'${s.replace(/'/g, `'"'"'`)}'`;
}

function hashOf(ctx: Ctx, v: unknown, algo: string): string {
  const known = ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512', 'blake2b', 'blake2s', 'sha3_256', 'sha3_512'];
  if (!known.includes(algo)) return fail('FilterArgumentError', `unsupported hash type ${algo}`);
  const nodeAlgo = algo === 'blake2b' ? 'blake2b512' : algo === 'blake2s' ? 'blake2s256' : algo.replace('_', '-');
  return createHash(nodeAlgo).update(text(ctx, v), 'utf8').digest('hex');
}

// filter/core.py comment(): the style's parameters, then the keyword ones, composed as Ansible does
const COMMENT_STYLES: Record<string, Record<string, string>> = {
  plain: { decoration: '# ' },
  erlang: { decoration: '% ' },
  c: { decoration: '// ' },
  cblock: { beginning: '/*', decoration: ' * ', end: ' */' },
  xml: { beginning: '<!--', decoration: ' - ', end: '-->' },
};

function comment(ctx: Ctx, v: unknown, style: string, k: Map<string, unknown>): string {
  const styleParams = COMMENT_STYLES[style] ?? fail('KeyError', `'${style}'`);
  const kw = new Map([...k].map(([a, b]) => [a, b]));
  const prepostfix = pyStr(kw.has('decoration') ? kw.get('decoration') : styleParams.decoration);
  const p = new Map<string, unknown>([
    ['newline', '\n'],
    ['beginning', ''],
    ['prefix', prepostfix.trimEnd()],
    ['prefix_count', 1],
    ['decoration', ''],
    ['postfix', prepostfix.trimEnd()],
    ['postfix_count', 1],
    ['end', ''],
    ...Object.entries(styleParams),
    ...kw,
  ]);
  const str = (key: string): string => pyStr(p.get(key));
  const count = (key: string): number => Math.trunc(Number(str(key)));
  const nl = str('newline');
  const deco = str('decoration');
  const beginning = str('beginning') ? `${str('beginning')}${nl}` : '';
  const prefix = str('prefix')
    ? (str('prefix') !== nl ? `${str('prefix')}${nl}` : nl).repeat(Math.max(0, count('prefix_count')))
    : '';
  const body = `${deco}${text(ctx, v).split(nl).join(`${nl}${deco}`)}`
    .split(`${deco}${nl}`)
    .join(`${deco.trimEnd()}${nl}`);
  const postfix = ['', ...Array.from({ length: Math.max(0, count('postfix_count')) }, () => str('postfix'))].join(nl);
  const end = str('end') ? `${nl}${str('end')}` : '';
  return `${beginning}${prefix}${body}${postfix}${end}`;
}

/** uuid.UUID(namespace)'s hex, with to_uuid's "Invalid value" error. */
function namespaceHex(ns: unknown): string {
  const invalid = (why: string): never =>
    fail('FilterArgumentError', `Invalid value '${pyStr(ns)}' for 'namespace': ${why}`);
  if (typeof ns !== 'string') return invalid(`'${typeName(ns)}' object has no attribute 'replace'`);
  const hex = ns
    .replace('urn:', '')
    .replace('uuid:', '')
    .replace(/^[{}]+|[{}]+$/g, '')
    .replace(/-/g, '');
  if (hex.length !== 32 || !/^[0-9a-fA-F]+$/.test(hex)) return invalid('badly formed hexadecimal UUID string');
  return hex.toLowerCase();
}

function toUuid(ctx: Ctx, v: unknown, ns: unknown): string {
  const nsHex = namespaceHex(ns ?? '361E6D51-FAEC-444A-9079-341386DA8E2E');
  const h = createHash('sha1').update(Buffer.from(nsHex, 'hex')).update(text(ctx, v), 'utf8').digest();
  h[6] = ((h[6] ?? 0) & 0x0f) | 0x50;
  h[8] = ((h[8] ?? 0) & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function expandVars(s: string): string {
  return s.replace(
    /\$(\w+)|\$\{([^}]+)\}/g,
    (whole, a: string | undefined, b: string | undefined) => process.env[a ?? b ?? ''] ?? whole,
  );
}

// Python codec names (encodings.aliases) for the ones Node's Buffer has
const CODECS: Record<string, BufferEncoding> = {
  utf8: 'utf8',
  u8: 'utf8',
  utf: 'utf8',
  utf16le: 'utf16le',
  utf16: 'utf16le',
  latin1: 'latin1',
  latin: 'latin1',
  l1: 'latin1',
  iso88591: 'latin1',
  ascii: 'ascii',
  usascii: 'ascii',
};

function codec(encoding: string): [BufferEncoding, boolean] {
  const name = encoding.toLowerCase().replace(/[-_\s]/g, '');
  const found = CODECS[name] ?? fail('LookupError', `unknown encoding: ${encoding}`);
  // Python's plain utf-16 writes a byte order mark first (little-endian here)
  return [found, name === 'utf16'];
}

function encode(s: string, encoding: string): Buffer {
  const [enc, bom] = codec(encoding);
  const wide = enc === 'ascii' ? [...s].findIndex((c) => (c.codePointAt(0) ?? 0) > 0x7f) : -1;
  if (wide >= 0) fail('UnicodeEncodeError', `'ascii' codec can't encode character in position ${wide}`);
  const body = Buffer.from(s, enc);
  return bom ? Buffer.concat([Buffer.from([0xff, 0xfe]), body]) : body;
}

function decode(b: Buffer, encoding: string): string {
  const [enc, bom] = codec(encoding);
  return (bom && b[0] === 0xff && b[1] === 0xfe ? b.subarray(2) : b).toString(enc);
}

// strftime's float(second): a number, a bool, or text that reads as one
function epochSeconds(second: unknown): number {
  const n =
    isNumber(second) || typeof second === 'boolean'
      ? toJsNumber(second)
      : typeof second === 'string' && second.trim() !== ''
        ? Number(second.trim())
        : NaN;
  return Number.isNaN(n) ? fail('FilterArgumentError', `Invalid value for epoch value (${pyStr(second)})`) : n;
}

export const ansibleCoreFilters: Record<string, FilterFn> = {
  bool: (_ctx, v) => toBool(v),
  ternary: (ctx, v, a, k) => {
    const [t, f, none] = params('ternary', [['true_val'], ['false_val'], ['none_val', null]], a, k);
    if (v === null && none !== null) return none;
    return truthy(v, ctx) ? t : f;
  },
  mandatory: (_ctx, v, a, k) => {
    const [msg] = params('mandatory', [['msg', null]], a, k);
    // an AnsibleFilterError, not an undefined error: its text is the task's message as it is
    // ("'%s' " % _undefined_name before " not defined." makes Ansible's double space)
    if (isUndefined(v)) {
      const name = v.origin.name ? `'${v.origin.name}' ` : '';
      return fail('FilterArgumentError', msg !== null ? pyStr(msg) : `Mandatory variable ${name} not defined.`);
    }
    return v;
  },
  to_json: (_ctx, v, a, k) =>
    pyJsonDumps(v, {
      indent: k.get('indent') as number | undefined,
      sortKeys: Boolean(k.get('sort_keys')),
      ensureAscii: k.has('ensure_ascii') ? Boolean(k.get('ensure_ascii')) : true,
    }),
  to_nice_json: (_ctx, v, a, k) => {
    const [indent, sortKeys] = params(
      'to_nice_json',
      [
        ['indent', 4],
        ['sort_keys', true],
      ],
      a,
      k,
    );
    return pyJsonDumps(v, {
      indent: indent as number,
      sortKeys: Boolean(sortKeys),
      separators: [',', ': '],
      ensureAscii: k.has('ensure_ascii') ? Boolean(k.get('ensure_ascii')) : true,
    });
  },
  from_json: (ctx, v) => pyJsonLoads(text(ctx, v)),
  b64encode: (ctx, v, a, k) => {
    const [encoding] = params('b64encode', [['encoding', 'utf-8']], a, k);
    return encode(text(ctx, v), pyStr(encoding)).toString('base64');
  },
  b64decode: (ctx, v, a, k) => {
    const [encoding] = params('b64decode', [['encoding', 'utf-8']], a, k);
    return decode(Buffer.from(text(ctx, v), 'base64'), pyStr(encoding));
  },
  basename: (ctx, v) =>
    posix.basename(text(ctx, v)) === '' ? '' : text(ctx, v).endsWith('/') ? '' : posix.basename(text(ctx, v)),
  dirname: (ctx, v) => {
    const s = text(ctx, v);
    const i = s.lastIndexOf('/');
    if (i < 0) return '';
    const head = s.slice(0, i + 1);
    return /^\/+$/.test(head) ? head : head.replace(/\/+$/, '');
  },
  splitext: (ctx, v) => {
    const s = text(ctx, v);
    const base = s.slice(s.lastIndexOf('/') + 1);
    const dot = base.lastIndexOf('.');
    if (dot <= 0 || /^\.+$/.test(base.slice(0, dot + 1))) return tuple([s, '']);
    const cut = s.length - base.length + dot;
    return tuple([s.slice(0, cut), s.slice(cut)]);
  },
  path_join: (ctx, v) => {
    const parts =
      typeof v === 'string'
        ? [v]
        : Array.isArray(v)
          ? v.map((x) => text(ctx, x))
          : fail('TypeError', `|path_join expects string or sequence, got ${pyTypeRepr(v)} instead.`);
    return parts.reduce(
      (acc: string, p: string) => (p.startsWith('/') || acc === '' ? p : acc.endsWith('/') ? acc + p : `${acc}/${p}`),
      '',
    );
  },
  expanduser: (ctx, v) => expandUser(text(ctx, v)),
  expandvars: (ctx, v) => expandVars(text(ctx, v)),
  realpath: (ctx, v) => posix.resolve(text(ctx, v)),
  relpath: (ctx, v, a) => posix.relative(a[0] === undefined ? process.cwd() : text(ctx, a[0]), text(ctx, v)) || '.',
  // filter/core.py quote: None is the empty string
  quote: (ctx, v) => shellQuote(v === null ? '' : text(ctx, v)),
  hash: (ctx, v, a, k) => {
    const [algo] = params('hash', [['hashtype', 'sha1']], a, k);
    return hashOf(ctx, v, String(algo));
  },
  checksum: (ctx, v) => hashOf(ctx, v, 'sha1'),
  sha1: (ctx, v) => hashOf(ctx, v, 'sha1'),
  md5: (ctx, v) => hashOf(ctx, v, 'md5'),
  comment: (ctx, v, a, k) => {
    const style = pyStr(a[0] ?? k.get('style') ?? 'plain');
    return comment(ctx, v, style, new Map([...k].filter(([key]) => key !== 'style')));
  },
  type_debug: (_ctx, v) => (isUndefined(v) ? 'AnsibleUndefined' : typeName(v)),
  to_uuid: (ctx, v, a, k) => {
    const [ns] = params('to_uuid', [['namespace', null]], a, k);
    return toUuid(ctx, v, ns);
  },
  split: (ctx, v, a) => pySplit(text(ctx, v), a[0] ?? null, a[1] === undefined ? -1 : toJsNumber(a[1])),
  // filter/core.py strftime(string_format, second=None, utc=False): second is float()ed
  strftime: (ctx, v, a, k) => {
    const [second, utc] = params(
      'strftime',
      [
        ['second', null],
        ['utc', false],
      ],
      a,
      k,
    );
    const when = second === null || second === undefined ? new Date() : new Date(epochSeconds(second) * 1000);
    return strftime(text(ctx, v), when, truthy(utc, ctx));
  },
  // filter/core.py to_datetime: datetime.datetime.strptime(string, format)
  to_datetime: (ctx, v, a, k) => {
    const [format] = params('to_datetime', [['format', '%Y-%m-%d %H:%M:%S']], a, k);
    return strptime(text(ctx, v), pyStr(format));
  },
  undef: (_ctx, v) =>
    new Undefined({ name: 'undef', hint: v ? String(v) : 'Mandatory variable has not been overridden' }, 'undef'),
};
