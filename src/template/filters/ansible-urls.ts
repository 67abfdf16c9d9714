// Ansible's URL filters (plugins/filter/urls.py, urlsplit.py): urldecode is Python's
// unquote_plus; urlsplit is urllib.parse.urlsplit as a dict, or one component of it.
import type { FilterFn } from '../environment.js';
import { toText } from '../runtime.js';
import { fail } from '../errors.js';
import { makeDict } from '../py/values.js';

/** urllib.parse.unquote_plus: '+' is a space, %XX bytes decoded as UTF-8 (bad bytes replaced). */
export function unquotePlus(s: string): string {
  const bytes: number[] = [];
  const src = Buffer.from(s.replace(/\+/g, ' '), 'utf8');
  for (let i = 0; i < src.length; i++) {
    const hex = src.subarray(i + 1, i + 3).toString('latin1');
    if (src[i] === 0x25 && /^[0-9a-fA-F]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(src[i] ?? 0);
  }
  return new TextDecoder('utf-8').decode(Uint8Array.from(bytes));
}

/** urllib.parse.urlsplit, with SplitResult's properties (username, password, hostname, port). */
export function urlSplit(url: string): Map<string, unknown> {
  let rest = url;
  let scheme = '';
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(rest);
  if (m) {
    scheme = (m[1] ?? '').toLowerCase();
    rest = rest.slice(m[0].length);
  }
  let netloc = '';
  if (rest.startsWith('//')) {
    const end = rest.slice(2).search(/[/?#]/);
    netloc = end < 0 ? rest.slice(2) : rest.slice(2, end + 2);
    rest = end < 0 ? '' : rest.slice(end + 2);
  }
  let fragment = '';
  const hash = rest.indexOf('#');
  if (hash >= 0) [rest, fragment] = [rest.slice(0, hash), rest.slice(hash + 1)];
  let query = '';
  const q = rest.indexOf('?');
  if (q >= 0) [rest, query] = [rest.slice(0, q), rest.slice(q + 1)];
  const at = netloc.lastIndexOf('@');
  const userinfo = at >= 0 ? netloc.slice(0, at) : undefined;
  const hostport = at >= 0 ? netloc.slice(at + 1) : netloc;
  const colon = userinfo?.indexOf(':') ?? -1;
  const username = userinfo === undefined ? null : colon >= 0 ? userinfo.slice(0, colon) : userinfo;
  const password = userinfo !== undefined && colon >= 0 ? userinfo.slice(colon + 1) : null;
  const hp = /^(\[[^\]]*\]|[^:]*)(?::(\d*))?$/.exec(hostport);
  const hostname = hp?.[1] ? hp[1].replace(/^\[|\]$/g, '').toLowerCase() : null;
  const port = hp?.[2] ? Number(hp[2]) : null;
  return makeDict([
    ['fragment', fragment],
    ['hostname', hostname],
    ['netloc', netloc],
    ['password', password],
    ['path', rest],
    ['port', port],
    ['query', query],
    ['scheme', scheme],
    ['username', username],
  ]) as Map<string, unknown>;
}

export const ansibleUrlFilters: Record<string, FilterFn> = {
  urldecode: (ctx, v) => unquotePlus(toText(v, ctx)),
  urlsplit: (ctx, v, args) => {
    const parts = urlSplit(toText(v, ctx));
    const query = args[0] === undefined || args[0] === null ? '' : toText(args[0], ctx);
    if (!query) return parts;
    if (!parts.has(query)) return fail('FilterArgumentError', `urlsplit: unknown URL component: ${query}`);
    return parts.get(query);
  },
};
