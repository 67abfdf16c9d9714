// Ansible's tests (plugins/test/core.py, mathstuff.py, 2.14): task result tests, regex
// tests, version comparison, set tests, truthy/falsy.
import { isVaultValue } from '../util/index.js';
import { VaultText } from './vault-text.js';
import { urlSplit } from './filters/ansible-urls.js';
import type { TestFn, CallContext } from './environment.js';
import { fail, TemplateError } from './errors.js';
import { isDict, dictGet, MISSING, isNumber, toJsNumber } from './py/values.js';
import { pyEquals } from './py/ops.js';
import { truthy, toText, iterate } from './runtime.js';
import { compilePython, pySearch } from './py/regex.js';
import { compareVersions, isVersionType, VERSION_TYPES, type VersionType } from './version.js';
import { existsSync, statSync, lstatSync, type Stats } from 'node:fs';

function statOf(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

function lstatOf(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

function result(v: unknown, test: string): Map<unknown, unknown> | Record<string, unknown> {
  if (!isDict(v)) return fail('FilterArgumentError', `The '${test}' test expects a dictionary`);
  return v;
}

function flag(ctx: CallContext, v: unknown, key: string, test: string): boolean {
  const x = dictGet(result(v, test), key);
  return x !== MISSING && truthy(x, ctx);
}

function changed(ctx: CallContext, v: unknown): boolean {
  const r = result(v, 'changed');
  const c = dictGet(r, 'changed');
  if (c !== MISSING) return truthy(c, ctx);
  const results = dictGet(r, 'results');
  return (
    Array.isArray(results) &&
    isDict(results[0]) &&
    results.some((x) => isDict(x) && truthy(dictGet(x, 'changed') === MISSING ? false : dictGet(x, 'changed'), ctx))
  );
}

function regexTest(ctx: CallContext, v: unknown, a: unknown[], k: Map<string, unknown>, anchored: boolean): boolean {
  const pattern = toText(a[0] ?? k.get('pattern') ?? '', ctx);
  const flags = `${(a[1] ?? k.get('ignorecase')) ? 'i' : ''}${(a[2] ?? k.get('multiline')) ? 'm' : ''}`;
  const matchType = k.get('match_type') ?? (anchored ? 'match' : 'search');
  return pySearch(compilePython(pattern, flags), toText(v, ctx), matchType === 'match') !== null;
}

const OPS: Record<string, string> = {
  '==': 'eq',
  '=': 'eq',
  eq: 'eq',
  '<': 'lt',
  lt: 'lt',
  '<=': 'le',
  le: 'le',
  '>': 'gt',
  gt: 'gt',
  '>=': 'ge',
  ge: 'ge',
  '!=': 'ne',
  '<>': 'ne',
  ne: 'ne',
};

function versionTest(ctx: CallContext, v: unknown, a: unknown[], k: Map<string, unknown>): boolean {
  const version = a[0] ?? k.get('version');
  const operator = String(a[1] ?? k.get('operator') ?? 'eq');
  const strict = a[2] ?? k.get('strict') ?? null;
  const versionType = (a[3] ?? k.get('version_type') ?? null) as VersionType | null;
  if (strict !== null && versionType !== null)
    return fail('FilterArgumentError', "Cannot specify both 'strict' and 'version_type'");
  if (!truthy(v, ctx)) return fail('FilterArgumentError', 'Input version value cannot be empty');
  if (!truthy(version, ctx)) return fail('FilterArgumentError', 'Version parameter to compare against cannot be empty');
  const op = OPS[operator];
  if (!op)
    return fail(
      'FilterArgumentError',
      `Invalid operator type (${operator}). Must be one of '==', '=', 'eq', '<', 'lt', '<=', 'le', '>', 'gt', '>=', 'ge', '!=', '<>', 'ne'`,
    );
  const type: unknown = strict ? 'strict' : (versionType ?? 'loose');
  if (!isVersionType(type))
    return fail(
      'FilterArgumentError',
      `Invalid version type (${String(type)}). Must be one of ${VERSION_TYPES.map((t) => `'${t}'`).join(', ')}`,
    );
  let c: number;
  try {
    c = compareVersions(toText(v, ctx), toText(version, ctx), type);
  } catch (err) {
    // test/core.py version_compare: any exception of the comparison is an AnsibleFilterError
    if (!(err instanceof TemplateError)) throw err;
    return fail('FilterArgumentError', `Version comparison failed: ${err.message}`);
  }
  return { eq: c === 0, ne: c !== 0, lt: c < 0, le: c <= 0, gt: c > 0, ge: c >= 0 }[op] ?? false;
}

// test/core.py truthy(convert_bool=True): module_utils' strict boolean(); a value it refuses
// (TypeError: "fred", a list) keeps its own Python truth
function convertBool(v: unknown): unknown {
  if (typeof v === 'boolean') return v;
  const x = typeof v === 'string' ? v.toLowerCase().trim() : isNumber(v) ? toJsNumber(v) : v;
  if (['y', 'yes', 'on', '1', 'true', 't', 1].includes(x as string)) return true;
  if (['n', 'no', 'off', '0', 'false', 'f', 0].includes(x as string)) return false;
  return v;
}

function subset(ctx: CallContext, a: unknown, b: unknown): boolean {
  const big = iterate(b, ctx);
  return iterate(a, ctx).every((x) => big.some((y) => pyEquals(x, y)));
}

// test/uri.py: urlparse never fails on text and its scheme is never None, so any string is a
// URI unless schemes are given; a URL also has a netloc (or is file:)
function isUri(v: unknown, schemes: unknown): boolean {
  if (typeof v !== 'string') return false;
  const scheme = String(urlSplit(v).get('scheme'));
  return !Array.isArray(schemes) || !schemes.length || schemes.includes(scheme);
}

export const ansibleTests: Record<string, TestFn> = {
  uri: (_ctx, v, a, k) => isUri(v, a[0] ?? k.get('schemes')),
  url: (_ctx, v, a, k) =>
    isUri(v, a[0] ?? k.get('schemes')) &&
    typeof v === 'string' &&
    (urlSplit(v).get('netloc') !== '' || urlSplit(v).get('scheme') === 'file'),
  urn: (_ctx, v) => isUri(v, ['urn']),
  failed: (ctx, v) => flag(ctx, v, 'failed', 'failed'),
  succeeded: (ctx, v) => !flag(ctx, v, 'failed', 'failed'),
  unreachable: (ctx, v) => flag(ctx, v, 'unreachable', 'unreachable'),
  reachable: (ctx, v) => !flag(ctx, v, 'unreachable', 'unreachable'),
  changed: (ctx, v) => changed(ctx, v),
  skipped: (ctx, v) => flag(ctx, v, 'skipped', 'skipped'),
  finished: (_ctx, v) => {
    const x = dictGet(result(v, 'finished'), 'finished');
    return x === MISSING || (isNumber(x) && toJsNumber(x) === 1);
  },
  started: (_ctx, v) => {
    const x = dictGet(result(v, 'started'), 'started');
    return x === MISSING || (isNumber(x) && toJsNumber(x) === 1);
  },
  match: (ctx, v, a, k) => regexTest(ctx, v, a, k, true),
  search: (ctx, v, a, k) => regexTest(ctx, v, a, k, false),
  regex: (ctx, v, a, k) => regexTest(ctx, v, a, k, false),
  version: versionTest,
  version_compare: versionTest,
  subset: (ctx, v, a) => subset(ctx, v, a[0]),
  issubset: (ctx, v, a) => subset(ctx, v, a[0]),
  superset: (ctx, v, a) => subset(ctx, a[0], v),
  issuperset: (ctx, v, a) => subset(ctx, a[0], v),
  // tests/core.py contains: `value in seq` (a substring for text)
  contains: (ctx, v, a) =>
    typeof v === 'string' && typeof a[0] === 'string'
      ? v.includes(a[0])
      : iterate(v, ctx).some((x) => pyEquals(x, a[0])),
  any: (ctx, v) => iterate(v, ctx).some((x) => truthy(x, ctx)),
  all: (ctx, v) => iterate(v, ctx).every((x) => truthy(x, ctx)),
  truthy: (ctx, v, a, k) => truthy((a[0] ?? k.get('convert_bool')) ? convertBool(v) : v, ctx),
  falsy: (ctx, v, a, k) => !truthy((a[0] ?? k.get('convert_bool')) ? convertBool(v) : v, ctx),
  nan: (_ctx, v) => isNumber(v) && Number.isNaN(toJsNumber(v)),
  isnan: (_ctx, v) => isNumber(v) && Number.isNaN(toJsNumber(v)),
  // The path tests run on the controller, as Ansible's files test plugin does.
  exists: (ctx, v) => existsSync(toText(v, ctx)),
  file: (ctx, v) => statOf(toText(v, ctx))?.isFile() ?? false,
  is_file: (ctx, v) => statOf(toText(v, ctx))?.isFile() ?? false,
  directory: (ctx, v) => statOf(toText(v, ctx))?.isDirectory() ?? false,
  is_dir: (ctx, v) => statOf(toText(v, ctx))?.isDirectory() ?? false,
  link: (ctx, v) => lstatOf(toText(v, ctx))?.isSymbolicLink() ?? false,
  is_link: (ctx, v) => lstatOf(toText(v, ctx))?.isSymbolicLink() ?? false,
  link_exists: (ctx, v) => lstatOf(toText(v, ctx)) !== undefined,
  same_file: (ctx, v, a) => {
    const x = statOf(toText(v, ctx));
    const y = statOf(toText(a[0], ctx));
    return Boolean(x && y && x.ino === y.ino && x.dev === y.dev);
  },
  mount: (ctx, v) => {
    const p = toText(v, ctx);
    const x = statOf(p);
    const up = statOf(`${p}/..`);
    return Boolean(x && up && (x.dev !== up.dev || x.ino === up.ino));
  },
  abs: (ctx, v) => toText(v, ctx).startsWith('/'),
  is_abs: (ctx, v) => toText(v, ctx).startsWith('/'),
  vault_encrypted: (_ctx, v) => v instanceof VaultText || isVaultValue(v),
};
ansibleTests.is_mount = ansibleTests.mount as TestFn;
ansibleTests.is_same_file = ansibleTests.same_file as TestFn;
for (const [alias, name] of [
  ['failure', 'failed'],
  ['success', 'succeeded'],
  ['successful', 'succeeded'],
  ['change', 'changed'],
  ['skip', 'skipped'],
] as const) {
  ansibleTests[alias] = ansibleTests[name] as TestFn;
}
