// ansible.utils' ipaddr filter and its queries (plugins/plugin_utils/base/ipaddr_utils.py,
// Debian 12's ansible collections, on netaddr 0.8: ../py/netaddr.ts), with ipv4, ipv6 and ipwrap.
import type { FilterFn } from '../environment.js';
import { fail } from '../errors.js';
import { isUndefined, failUndefined } from '../undefined.js';
import { typeName } from '../py/values.js';
import {
  IPAddr,
  IPNet,
  isHostmask,
  isLinkLocal,
  isLoopback,
  isMulticast,
  isNetmask,
  isPrivate,
  parseNetwork,
  toV4,
  toV6,
  type Version,
} from '../py/netaddr.js';

type VType = 'address' | 'network' | undefined;
type Result = string | number | boolean | undefined;
type Query = (v: IPNet, vtype: VType, value: string) => Result;

// an AnsibleFilterError's message is the task's as it is
export const filterError = (msg: string): never => fail('AnsibleError', msg);

export function firstLast(v: IPNet): [bigint, bigint] | undefined {
  if (v.size === 2n) return [v.first, v.last];
  if (v.size > 1n) return [v.first + 1n, v.last - 1n];
  return undefined;
}

export const at = (v: IPNet, n: bigint): string => new IPAddr(n, v.version).toString();
const notNetwork = (vtype: VType): void => {
  if (vtype === 'address') filterError('Not a network address');
};

/** _address_prefix_query (address/prefix, gateway, gw, host/prefix, hostnet, router). */
const addressPrefix: Query = (v) =>
  v.size > 2n && (v.value === v.first || v.value === v.last) ? false : `${v.ip.toString()}/${v.prefixlen}`;

const ipQuery: Query = (v) => {
  if (v.size === 1n) return v.ip.toString();
  if (v.value !== v.first || !v.broadcast || v.version === 6) return v.ip.toString();
  return undefined;
};

const usable = (v: IPNet, vtype: VType, pick: (fl: [bigint, bigint]) => Result): Result => {
  notNetwork(vtype);
  const fl = vtype === 'network' ? firstLast(v) : undefined;
  return fl ? pick(fl) : undefined;
};

/** ipaddr_utils' query_func_map. */
const QUERIES: Record<string, Query> = {
  '': (v, vtype) => (vtype === 'address' ? v.ip.toString() : vtype === 'network' ? v.toString() : undefined),
  address: ipQuery,
  ip: ipQuery,
  'address/prefix': addressPrefix,
  gateway: addressPrefix,
  gw: addressPrefix,
  'host/prefix': addressPrefix,
  hostnet: addressPrefix,
  router: addressPrefix,
  bool: () => true,
  broadcast: (v) => (v.size > 2n ? v.broadcast?.toString() : undefined),
  cidr: (v) => v.toString(),
  first_usable: (v, vtype) => usable(v, vtype, () => at(v, v.size === 2n ? v.first : v.first + 1n)),
  last_usable: (v, vtype) => usable(v, vtype, ([, last]) => at(v, last)),
  next_usable: (v, vtype) =>
    usable(v, vtype, ([first, last]) =>
      v.value + 1n >= first && v.value + 1n <= last ? at(v, v.value + 1n) : undefined,
    ),
  previous_usable: (v, vtype) =>
    usable(v, vtype, ([first, last]) =>
      v.value - 1n >= first && v.value - 1n <= last ? at(v, v.value - 1n) : undefined,
    ),
  range_usable: (v, vtype) => usable(v, vtype, ([first, last]) => `${at(v, first)}-${at(v, last)}`),
  host: (v) =>
    v.size === 1n
      ? v.toString()
      : v.value !== v.first || !v.broadcast
        ? `${v.ip.toString()}/${v.prefixlen}`
        : undefined,
  hostmask: (v) => v.hostmask.toString(),
  wildcard: (v) => v.hostmask.toString(),
  int: (v, vtype) =>
    vtype === 'address' ? Number(v.value) : vtype === 'network' ? `${v.value}/${v.prefixlen}` : undefined,
  'ip/prefix': (v) =>
    v.size === 2n || (v.size > 1n && v.value !== v.first) ? `${v.ip.toString()}/${v.prefixlen}` : undefined,
  ip_netmask: (v) =>
    v.size === 2n || (v.size > 1n && v.value !== v.first) ? `${v.ip.toString()} ${v.netmask.toString()}` : undefined,
  ipv4: (v, _t, value) => (v.version === 6 ? v4Of(v) : value),
  v4: (v, _t, value) => (v.version === 6 ? v4Of(v) : value),
  ipv6: (v, _t, value) => (v.version === 4 ? toV6(v).toString() : value),
  v6: (v, _t, value) => (v.version === 4 ? toV6(v).toString() : value),
  'link-local': (v, _t, value) => (isLinkLocal(new IPNet(v.value, v.width, v.version)) ? value : undefined),
  lo: (v, _t, value) => (isLoopback(v.ip) ? value : undefined),
  loopback: (v, _t, value) => (isLoopback(v.ip) ? value : undefined),
  multicast: (v, _t, value) => (isMulticast(v) ? value : undefined),
  unicast: (v, _t, value) => (!isMulticast(v) ? value : undefined),
  private: (v, _t, value) => (isPrivate(v) ? value : undefined),
  public: (v, _t, value) => {
    const ip = new IPNet(v.value, v.width, v.version);
    return !isMulticast(ip) && !isPrivate(ip) && !isLoopback(v.ip) && !isNetmask(v.ip) && !isHostmask(v.ip)
      ? value
      : undefined;
  },
  net: (v) => (v.size > 1n && v.value === v.first ? `${v.network.toString()}/${v.prefixlen}` : undefined),
  netmask: (v) => v.netmask.toString(),
  network: (v) => v.network.toString(),
  network_id: (v) => v.network.toString(),
  'network/prefix': (v) => v.cidr.toString(),
  subnet: (v) => v.cidr.toString(),
  network_netmask: (v) => `${v.network.toString()} ${v.netmask.toString()}`,
  network_wildcard: (v) => `${v.network.toString()} ${v.hostmask.toString()}`,
  peer: (v, vtype) => {
    notNetwork(vtype);
    if (vtype !== 'network') return undefined;
    if (v.size === 2n) return at(v, v.value ^ 1n);
    if (v.size === 4n) {
      if (v.value % 4n === 0n) filterError('Network address of /30 has no peer');
      if (v.value % 4n === 3n) filterError('Broadcast address of /30 has no peer');
      return at(v, v.value ^ 3n);
    }
    return filterError('Not a point-to-point network');
  },
  prefix: (v) => v.prefixlen,
  revdns: (v) => v.ip.reverseDns,
  size: (v) => Number(v.size),
  size_usable: (v) => (v.size === 1n ? 0 : v.size === 2n ? 2 : Number(v.size - 2n)),
  type: (v) => (v.size === 1n || v.value !== v.first ? 'address' : 'network'),
  version: (v) => v.version,
  wrap: (v, vtype, value) =>
    v.version !== 6
      ? value
      : vtype === 'address'
        ? `[${v.ip.toString()}]`
        : vtype === 'network'
          ? `[${v.ip.toString()}]/${v.prefixlen}`
          : undefined,
};

function v4Of(v: IPNet): Result {
  try {
    return toV4(v).toString();
  } catch {
    return false;
  }
}

/** The value as an IPNetwork and how it was written, or undefined when it is none. */
function parseValue(value: string, version: Version | false): { v: IPNet; vtype: VType; value: string } | undefined {
  if (/^\d+$/.test(value)) {
    // a number: an IPv4 address when it fits (and IPv4 is wanted), else IPv6
    const n = BigInt(value);
    const v =
      version !== 6 && n <= 0xffffffffn ? new IPNet(n, 32, 4) : n < 1n << 128n ? new IPNet(n, 128, 6) : undefined;
    return v ? { v, vtype: 'address', value: v.toString() } : undefined;
  }
  try {
    return { v: parseNetwork(value), vtype: value.split('/').length === 2 ? 'network' : 'address', value };
  } catch {
    // a numerical CIDR: INT/PREFIX
    const m = /^(\d+)\/(\d+)$/.exec(value);
    if (!m) return undefined;
    const [n, p] = [BigInt(m[1] ?? '0'), Number(m[2])];
    const v =
      n <= 0xffffffffn && p <= 32 ? new IPNet(n, p, 4) : n < 1n << 128n && p <= 128 ? new IPNet(n, p, 6) : undefined;
    return v ? { v, vtype: 'network', value: v.toString() } : undefined;
  }
}

/** ipaddr_utils.ipaddr(value, query, version, alias). */
export function ipaddr(value: unknown, query = '', version: Version | false = false, alias = 'ipaddr'): unknown {
  if (Array.isArray(value)) return value.map((e) => ipaddr(e, query, version)).filter((r) => truthy(r));
  if (!value || value === true) return false;
  const parsed = parseValue(String(value), version);
  if (!parsed) return false;
  const { v, vtype } = parsed;
  let q = query;
  let lookup: IPNet | undefined;
  // a query that is a network of its own: is the value inside it?
  if (q && (!(q in QUERIES) || q === 'cidr_lookup') && !/^\d+$/.test(q) && ipaddr(q, 'network')) {
    lookup = parseNetwork(q);
    q = 'cidr_lookup';
  }
  if (version && v.version !== version) return false;
  if (q === 'cidr_lookup') return lookup?.contains(v) ? parsed.value : null;
  const fn = QUERIES[q];
  if (fn) return fn(v, vtype, parsed.value) ?? null;
  return nthQuery(v, vtype, q, alias, parsed.value);
}

/** A query that is a number: the nth address of a network, with its prefix. */
function nthQuery(v: IPNet, vtype: VType, q: string, alias: string, value: string): unknown {
  if (!/^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(q))
    // the ipaddr filter passes no alias: `None + ": unknown…"` is the TypeError Ansible shows
    return alias
      ? filterError(`${alias}: unknown filter type: ${q}`)
      : fail('TypeError', "unsupported operand type(s) for +: 'NoneType' and 'str'");
  if (v.size === 1n) return vtype === 'address' ? v.ip.toString() : vtype === 'network' ? v.toString() : null;
  if (v.size > 1n) {
    if (!/^\s*[+-]?\d+\s*$/.test(q)) return false;
    const a = v.at(BigInt(q.trim()));
    return a ? `${a.toString()}/${v.prefixlen}` : false;
  }
  return value;
}

export const truthy = (r: unknown): boolean => r !== undefined && r !== null && r !== false && r !== '' && r !== 0;

/** _ipaddr's check of the value's type, then AnsibleArgSpecValidator's of query (str). */
export function checked(name: string, value: unknown): unknown {
  if (isUndefined(value)) failUndefined(value, true);
  if (typeof value === 'string' || Array.isArray(value) || typeof value === 'number' || typeof value === 'boolean')
    return value;
  return filterError(`Unrecognized type <<class '${typeName(value)}'>> for ${name} filter <value>`);
}

const queryArg = (args: unknown[], kwargs: Map<string, unknown> | Record<string, unknown>): string => {
  const q = args[0] ?? (kwargs instanceof Map ? kwargs.get('query') : kwargs.query);
  return q === undefined || q === null ? '' : String(q);
};

export const ipaddrFilter: FilterFn = (_ctx, value, args, kwargs) =>
  ipaddr(
    checked('ipaddr', value),
    queryArg(args, kwargs),
    Number(args[1] ?? 0) === 4 ? 4 : Number(args[1] ?? 0) === 6 ? 6 : false,
    // _ipaddr passes the alias its argument spec leaves None; a list's items get the default
    '',
  );
export const ipv4Filter: FilterFn = (_ctx, value, args, kwargs) =>
  ipaddr(checked('ipv4', value), queryArg(args, kwargs), 4, 'ipv4');
export const ipv6Filter: FilterFn = (_ctx, value, args, kwargs) =>
  ipaddr(checked('ipv6', value), queryArg(args, kwargs), 6, 'ipv6');

export const ipwrapFilter: FilterFn = (_ctx, value, args, kwargs) => {
  const v = checked('ipwrap', value);
  const q = queryArg(args, kwargs);
  try {
    if (Array.isArray(v))
      return (v as unknown[]).map((e): unknown => (truthy(ipaddr(e, q, false, 'ipwrap')) ? ipaddr(e, 'wrap') : e));
    const r = ipaddr(v, q, false, 'ipwrap');
    return truthy(r) ? ipaddr(r, 'wrap') : v;
  } catch {
    return v;
  }
};
