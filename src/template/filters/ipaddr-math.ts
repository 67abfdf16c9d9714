// ansible.utils' ipmath, nthhost, next_nth_usable, previous_nth_usable, network_in_usable and
// network_in_network (plugins/filter/*.py), built on the ipaddr filter's queries as they are.
import type { FilterFn } from '../environment.js';
import { typeName } from '../py/values.js';
import { IPAddr, parseAddress, parseNetwork, type IPNet } from '../py/netaddr.js';
import { at, checked, filterError, firstLast, ipaddr, truthy } from './ipaddr-core.js';

const ipmathFilter: FilterFn = (_ctx, value, args) => {
  const text = String(value);
  let ip: IPAddr;
  try {
    ip = text.includes('/') ? parseNetwork(text).ip : parseAddress(text);
  } catch {
    return filterError(`You must pass a valid IP address; ${text} is invalid`);
  }
  const amount = intArg('amount', args[0]);
  const n = ip.value + BigInt(amount);
  const max = (1n << BigInt(ip.version === 4 ? 32 : 128)) - 1n;
  if (n < 0n || n > max) return filterError(`You must pass a valid IP address; ${text} is invalid`);
  return new IPAddr(n, ip.version).toString();
};

/** AnsibleArgSpecValidator's int (check_type_int: an int, or a str int() reads); its error list. */
function intArg(name: string, v: unknown): number {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string' && /^\s*[+-]?\d+\s*$/.test(v)) return Number(v);
  const t = `<class '${typeName(v)}'>`;
  return filterError(
    `["argument '${name}' is of type ${t} and we were unable to convert to int: ${t} cannot be converted to an int"]`,
  );
}

/** The value as a network: an address as its /32 (/128), a network as its subnet (nthhost's first step). */
function asNetwork(value: unknown): IPNet | undefined {
  try {
    const t = ipaddr(value, 'type');
    const s = t === 'address' ? ipaddr(value, 'cidr') : t === 'network' ? ipaddr(value, 'subnet') : undefined;
    return typeof s === 'string' ? parseNetwork(s) : undefined;
  } catch {
    return undefined;
  }
}

const nthhostFilter: FilterFn = (_ctx, value, args) => {
  const v = asNetwork(checked('nthhost', value));
  const q = args[0];
  if (!v || q === undefined || q === null || q === '') return false;
  const n = Number(q);
  if (!Number.isInteger(n) || BigInt(n) >= v.size) return false;
  return v.at(BigInt(n))?.toString() ?? false;
};

/** next_nth_usable / previous_nth_usable: the address `offset` away inside the usable range. */
function nthUsable(sign: 1n | -1n): FilterFn {
  return (_ctx, value, args) => {
    const v = asNetwork(checked('nth_usable', value));
    if (!v) return false;
    const offset = args[0];
    if (typeof offset !== 'number' || !Number.isInteger(offset)) return filterError('Must pass in an integer');
    const fl = v.size > 1n ? firstLast(v) : undefined;
    if (!fl) return null;
    const n = v.value + sign * BigInt(offset);
    return n >= fl[0] && n <= fl[1] ? at(v, n) : null;
  };
}

/** _address_normalizer: an address or network as its subnet, else False. */
function normalized(value: unknown): unknown {
  try {
    const t = ipaddr(value, 'type');
    return t === 'address' || t === 'network' ? ipaddr(value, 'subnet') : false;
  } catch {
    return false;
  }
}

/** ipaddr(ipaddr(x, a) or ipaddr(x, b), 'int'): the bounds network_in_* compare. */
const bound = (x: unknown, a: string, b: string): unknown => {
  const first = ipaddr(x, a);
  return ipaddr(truthy(first) ? first : ipaddr(x, b), 'int');
};

/** network_in_usable / network_in_network: test's range inside value's (usable, or whole). */
function networkIn(usableOnly: boolean): FilterFn {
  return (_ctx, value, args) => {
    const v = normalized(value);
    const w = normalized(args[0]);
    const vFirst = bound(v, usableOnly ? 'first_usable' : 'network', 'address');
    const vLast = bound(v, usableOnly ? 'last_usable' : 'broadcast', 'address');
    const wFirst = bound(w, 'network', 'address');
    const wLast = bound(w, 'broadcast', 'address');
    const n = (x: unknown): number => (typeof x === 'number' ? x : NaN);
    const inside = (x: unknown): boolean => n(vFirst) <= n(x) && n(x) <= n(vLast);
    return inside(wFirst) && inside(wLast);
  };
}

export const IP_MATH_FILTERS: Record<string, FilterFn> = {
  ipmath: ipmathFilter,
  nthhost: nthhostFilter,
  next_nth_usable: nthUsable(1n),
  previous_nth_usable: nthUsable(-1n),
  network_in_usable: networkIn(true),
  network_in_network: networkIn(false),
};
