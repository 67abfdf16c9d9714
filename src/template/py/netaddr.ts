// The part of Python's netaddr 0.8 (Debian 12's python3-netaddr, what ansible.utils' ipaddr
// filters run on) those filters use: IPNetwork parsing (a partial IPv4 address padded with
// zeros, a netmask or hostmask as the prefix), glibc inet_ntop's IPv6 text, and the network's
// parts and address classes.

export class AddrFormatError extends Error {}

const WIDTH = { 4: 32, 6: 128 } as const;

/** Python int() of a decimal token (surrounding whitespace allowed). */
function pyInt(s: string): number | undefined {
  const t = s.trim();
  return /^[+]?\d+$/.test(t) ? Number(t) : undefined;
}

/** expand_partial_address then inet_pton: 1 to 4 decimal octets, missing ones zero. */
function parseV4(text: string): bigint | undefined {
  if (text.includes(':')) return undefined;
  const parts = text.split('.').map(pyInt);
  if (parts.length > 4 || parts.some((p) => p === undefined || p > 255)) return undefined;
  while (parts.length < 4) parts.push(0);
  return parts.reduce<bigint>((n, p) => (n << 8n) | BigInt(p ?? 0), 0n);
}

/** inet_pton(AF_INET6): eight hex words, one `::`, an IPv4 tail. */
function parseV6(text: string): bigint | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(text) || text.split('::').length > 2) return undefined;
  let tail: bigint[] = [];
  let body = text;
  const v4 = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const n = /^\d{1,3}(\.\d{1,3}){3}$/.test(v4[2] ?? '') ? parseV4(v4[2] ?? '') : undefined;
    if (n === undefined) return undefined;
    tail = [n >> 16n, n & 0xffffn];
    body = (v4[1] ?? '').endsWith('::') ? (v4[1] ?? '') : (v4[1] ?? '').slice(0, -1);
  }
  const [head = '', rest] = body.split('::');
  const words = (s: string): string[] | undefined => {
    if (s === '') return [];
    const w = s.split(':');
    return w.every((x) => /^[0-9a-fA-F]{1,4}$/.test(x)) ? w : undefined;
  };
  const left = words(head);
  const right = rest === undefined ? [] : words(rest);
  if (!left || !right) return undefined;
  const given = left.length + right.length + tail.length;
  if (rest === undefined ? given !== 8 : given > 7) return undefined;
  const all = [
    ...left.map((w) => BigInt(parseInt(w, 16))),
    ...Array<bigint>(8 - given).fill(0n),
    ...right.map((w) => BigInt(parseInt(w, 16))),
    ...tail,
  ];
  return all.reduce((n, w) => (n << 16n) | w, 0n);
}

function v4Text(n: bigint): string {
  return [24n, 16n, 8n, 0n].map((s) => String((n >> s) & 0xffn)).join('.');
}

/** glibc inet_ntop6: the longest run (the first of equals) of two or more zero words as ::, IPv4 tails. */
function v6Text(n: bigint): string {
  const w = [...Array(8).keys()].map((i) => Number((n >> BigInt(112 - 16 * i)) & 0xffffn));
  let best = { base: -1, len: 0 };
  for (let i = 0; i < 8;) {
    if (w[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && w[j] === 0) j++;
    if (j - i > best.len) best = { base: i, len: j - i };
    i = j;
  }
  if (best.len < 2) best = { base: -1, len: 0 };
  const v4tail =
    best.base === 0 && (best.len === 6 || (best.len === 7 && w[7] !== 1) || (best.len === 5 && w[5] === 0xffff));
  let out = '';
  for (let i = 0; i < 8; i++) {
    if (best.base >= 0 && i >= best.base && i < best.base + best.len) {
      if (i === best.base) out += ':';
      continue;
    }
    if (i !== 0) out += ':';
    if (i === 6 && v4tail) {
      out += v4Text(n & 0xffffffffn);
      break;
    }
    out += (w[i] ?? 0).toString(16);
  }
  if (best.base >= 0 && best.base + best.len === 8) out += ':';
  return out;
}

export type Version = 4 | 6;

/** An IPAddress: a value and its version. */
export class IPAddr {
  constructor(
    readonly value: bigint,
    readonly version: Version,
  ) {}
  toString(): string {
    return this.version === 4 ? v4Text(this.value) : v6Text(this.value);
  }
  /** reverse_dns */
  get reverseDns(): string {
    if (this.version === 4) return `${v4Text(this.value).split('.').reverse().join('.')}.in-addr.arpa.`;
    return `${[...this.value.toString(16).padStart(32, '0')].reverse().join('.')}.ip6.arpa.`;
  }
}

/** An IPNetwork: an address with a prefix length. */
export class IPNet {
  constructor(
    readonly value: bigint,
    readonly prefixlen: number,
    readonly version: Version,
  ) {}

  get width(): number {
    return WIDTH[this.version];
  }
  private get maxInt(): bigint {
    return (1n << BigInt(this.width)) - 1n;
  }
  get hostmaskInt(): bigint {
    return (1n << BigInt(this.width - this.prefixlen)) - 1n;
  }
  get netmaskInt(): bigint {
    return this.maxInt ^ this.hostmaskInt;
  }
  get first(): bigint {
    return this.value & this.netmaskInt;
  }
  get last(): bigint {
    return this.value | this.hostmaskInt;
  }
  get size(): bigint {
    return 1n << BigInt(this.width - this.prefixlen);
  }
  get ip(): IPAddr {
    return new IPAddr(this.value, this.version);
  }
  get network(): IPAddr {
    return new IPAddr(this.first, this.version);
  }
  /** None for a /31 or /32 (/127, /128). */
  get broadcast(): IPAddr | undefined {
    return this.width - this.prefixlen <= 1 ? undefined : new IPAddr(this.last, this.version);
  }
  get netmask(): IPAddr {
    return new IPAddr(this.netmaskInt, this.version);
  }
  get hostmask(): IPAddr {
    return new IPAddr(this.hostmaskInt, this.version);
  }
  get cidr(): IPNet {
    return new IPNet(this.first, this.prefixlen, this.version);
  }
  /** v[n]: the nth address (from the end when negative); undefined out of range. */
  at(n: bigint): IPAddr | undefined {
    const v = n < 0n ? this.last + n + 1n : this.first + n;
    return v < this.first || v > this.last ? undefined : new IPAddr(v, this.version);
  }
  toString(): string {
    return `${this.ip.toString()}/${this.prefixlen}`;
  }
  /** `other in self`: every address of other within self (same version). */
  contains(other: IPNet): boolean {
    return other.version === this.version && other.first >= this.first && other.last <= this.last;
  }
}

/** netaddr's address-class ranges (ip/__init__.py). */
const net = (s: string): IPNet => parseNetwork(s);
const V4_PRIVATE = [
  '10.0.0.0/8',
  '100.64.0.0/10',
  '172.16.0.0/12',
  '192.0.0.0/24',
  '192.168.0.0/16',
  '198.18.0.0/15',
  '239.0.0.0/8',
];
const V6_PRIVATE = ['fc00::/7', 'fec0::/10'];

export function isMulticast(v: IPNet): boolean {
  return net(v.version === 4 ? '224.0.0.0/4' : 'ff00::/8').contains(v);
}
export function isLinkLocal(v: IPNet): boolean {
  return net(v.version === 4 ? '169.254.0.0/16' : 'fe80::/10').contains(v);
}
export function isPrivate(v: IPNet): boolean {
  return (v.version === 4 ? V4_PRIVATE : V6_PRIVATE).some((c) => net(c).contains(v)) || isLinkLocal(v);
}
export function isLoopback(a: IPAddr): boolean {
  return a.version === 4 ? net('127.0.0.0/8').contains(new IPNet(a.value, 32, 4)) : a.value === 1n;
}
export function isNetmask(a: IPAddr): boolean {
  const max = (1n << BigInt(WIDTH[a.version])) - 1n;
  const x = (a.value ^ max) + 1n;
  return (x & (x - 1n)) === 0n;
}
export function isHostmask(a: IPAddr): boolean {
  const x = a.value + 1n;
  return (x & (x - 1n)) === 0n;
}

/** The prefix of `/x`: a length, or a netmask or hostmask in the address's version. */
function prefixOf(text: string, version: Version): number | undefined {
  const width = WIDTH[version];
  const n = pyInt(text);
  if (n !== undefined) return n <= width ? n : undefined;
  const mask = version === 4 ? parseV4(text) : parseV6(text);
  if (mask === undefined) return undefined;
  const a = new IPAddr(mask, version);
  const ones = (x: bigint): number => x.toString(2).replace(/0/g, '').length;
  if (isNetmask(a)) return ones(mask);
  if (isHostmask(a)) return width - ones(mask);
  return undefined;
}

/** IPNetwork(text). */
export function parseNetwork(text: string): IPNet {
  const [addr = '', prefix, extra] = text.split('/');
  if (extra !== undefined) throw new AddrFormatError(`invalid IPNetwork ${text}`);
  const v4 = parseV4(addr);
  const value = v4 ?? parseV6(addr.trim());
  if (value === undefined) throw new AddrFormatError(`invalid IPNetwork ${text}`);
  const version: Version = v4 !== undefined ? 4 : 6;
  const len = prefix === undefined ? WIDTH[version] : prefixOf(prefix, version);
  if (len === undefined) throw new AddrFormatError(`invalid IPNetwork ${text}`);
  return new IPNet(value, len, version);
}

/** IPAddress(text): one address, no prefix. */
export function parseAddress(text: string): IPAddr {
  const v4 = /^\d{1,3}(\.\d{1,3}){3}$/.test(text) ? parseV4(text) : undefined;
  const value = v4 ?? parseV6(text);
  if (value === undefined) throw new AddrFormatError(`failed to detect a valid IP address from '${text}'`);
  return new IPAddr(value, v4 !== undefined ? 4 : 6);
}

/** ipv4() of a network: the mapped or compatible IPv6 one as IPv4, else an error. */
export function toV4(v: IPNet): IPNet {
  if (v.version === 4) return v;
  if (v.value <= 0xffffffffn) return new IPNet(v.value, v.prefixlen - 96, 4);
  if (v.value <= 0xffffffffffffn) return new IPNet(v.value - 0xffff00000000n, v.prefixlen - 96, 4);
  throw new AddrFormatError(`IPv6 address ${v.ip.toString()} unsuitable for conversion to IPv4!`);
}

/** ipv6() of a network: an IPv4 one as IPv4-mapped. */
export function toV6(v: IPNet): IPNet {
  return v.version === 6 ? v : new IPNet(0xffff00000000n + v.value, v.prefixlen + 96, 6);
}
