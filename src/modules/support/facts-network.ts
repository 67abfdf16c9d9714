// The network facts of setup's default subset (facts/network/linux.py at stable-2.14): the
// default routes with their interface's address, netmask, MAC, MTU and type, every address and
// interface — from /proc (route, ipv6_route, fib_trie, if_inet6, net/dev) read whole by the facts
// program, and the sysfs files it read for the default interfaces (mac_/mtu_/type_<iface>).

interface Address {
  iface: string;
  family: 'inet' | 'inet6';
  address: string;
  prefix: number;
  broadcast?: string;
  scope: string;
  label: string;
}

/** A little-endian hex word of /proc/net/route as a number. */
function leWord(hex: string): number {
  const n = parseInt(hex, 16);
  return (((n & 255) << 24) | (((n >>> 8) & 255) << 16) | (((n >>> 16) & 255) << 8) | ((n >>> 24) & 255)) >>> 0;
}

/**
 * The IPv4 addresses the kernel has (fib_trie's /32 host LOCAL entries), each on the interface
 * whose route covers it most narrowly (/proc/net/route; 127.x on lo), with its prefix and
 * broadcast — what `ip addr` tells get_interfaces_info, read without starting it.
 */
function ipv4Addresses(files: Map<string, string[]>): Address[] {
  const routes = (files.get('/proc/net/route') ?? [])
    .slice(1)
    .map((l) => l.trim().split(/\s+/))
    .map((f) => ({ iface: f[0] ?? '', dest: leWord(f[1] ?? '0'), mask: leWord(f[7] ?? '0') }))
    .filter((r) => r.mask !== 0);
  const seen = new Set<string>();
  const out: Address[] = [];
  let last = '';
  for (const line of files.get('/proc/net/fib_trie') ?? []) {
    const ip = /^\s*\|-- (\d+\.\d+\.\d+\.\d+)$/.exec(line);
    if (ip) {
      last = ip[1] ?? '';
      continue;
    }
    if (!/^\s*\/32 host LOCAL/.test(line) || seen.has(last)) continue;
    seen.add(last);
    const n = last.split('.').reduce((a, o) => ((a << 8) | Number(o)) >>> 0, 0);
    const route = routes.filter((r) => (n & r.mask) >>> 0 === r.dest).sort((a, b) => b.mask - a.mask)[0];
    const loopback = last.startsWith('127.');
    const mask = route?.mask ?? (loopback ? 0xff000000 : 0xffffffff);
    const prefix = mask.toString(2).replace(/0/g, '').length;
    const iface = route?.iface ?? (loopback ? 'lo' : '');
    out.push({
      iface,
      family: 'inet',
      address: last,
      prefix,
      ...(prefix < 31 && !loopback ? { broadcast: dotted((n | ~mask) >>> 0) } : {}),
      scope: loopback ? 'host' : 'global',
      label: iface,
    });
  }
  return out;
}

const IPV6_SCOPES: Record<string, string> = { '00': 'global', '10': 'host', '20': 'link', '40': 'site' };

/** /proc/net/if_inet6: each IPv6 address, its prefix, scope and interface. */
function ipv6Addresses(lines: string[]): Address[] {
  return lines
    .map((l) => l.trim().split(/\s+/))
    .filter((f) => f.length >= 6 && (f[0] ?? '').length === 32)
    .map((f) => ({
      iface: f[5] ?? '',
      family: 'inet6' as const,
      address: ipv6Text(f[0] ?? ''),
      prefix: parseInt(f[2] ?? '0', 16),
      scope: IPV6_SCOPES[f[3] ?? ''] ?? 'global',
      label: '',
    }));
}

/** INTERFACE_TYPE of facts/network/linux.py: /sys/class/net/<iface>/type's names. */
const LINK_TYPES: Record<string, string> = {
  '1': 'ether',
  '32': 'infiniband',
  '512': 'ppp',
  '772': 'loopback',
  '65534': 'tunnel',
};

function dotted(n: number): string {
  return [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');
}

/**
 * default_ipv4/default_ipv6 (the default route's interface and gateway, its first address of
 * the family with netmask, network, broadcast, prefix, MAC, MTU and type), all_ipv4_addresses
 * (no 127.x) and all_ipv6_addresses (no ::1), and the interfaces — facts/network/linux.py's.
 */
export function networkFacts(files: Map<string, string[]>, single: Map<string, string>): [string, unknown][] {
  const route4 = (files.get('/proc/net/route') ?? [])
    .map((l) => l.trim().split(/\s+/))
    .find((f) => f[1] === '00000000');
  const v4: [string, string] | undefined = route4 ? [route4[0] ?? '', hexAddress(route4[2] ?? '0')] : undefined;
  const route6 = (files.get('/proc/net/ipv6_route') ?? [])
    .map((l) => l.trim().split(/\s+/))
    .find((f) => f[0] === '0'.repeat(32) && f[1] === '00' && f[4] !== '0'.repeat(32) && f[9] !== 'lo');
  const all = [...ipv4Addresses(files), ...ipv6Addresses(files.get('/proc/net/if_inet6') ?? [])];
  const link = (iface: string): [string, unknown][] => {
    const type = single.get(`type_${iface}`);
    const mtu = single.get(`mtu_${iface}`);
    return [
      ...(single.get(`mac_${iface}`) ? [['macaddress', single.get(`mac_${iface}`)] as [string, unknown]] : []),
      ...(mtu ? [['mtu', Number(mtu)] as [string, unknown]] : []),
      ...(type ? [['type', LINK_TYPES[type] ?? 'unknown'] as [string, unknown]] : []),
    ];
  };
  const def4 = new Map<string, unknown>();
  if (v4) {
    const [iface, gateway] = v4;
    const a = all.find((x) => x.family === 'inet' && x.iface === iface);
    if (a) {
      const mask = a.prefix ? (0xffffffff << (32 - a.prefix)) >>> 0 : 0;
      const ip = a.address.split('.').reduce((n, o) => (n << 8) + Number(o), 0) >>> 0;
      def4.set('address', a.address).set('alias', a.label || iface);
      if (a.broadcast) def4.set('broadcast', a.broadcast);
      def4
        .set('netmask', dotted(mask))
        .set('network', dotted((ip & mask) >>> 0))
        .set('prefix', String(a.prefix));
    }
    def4.set('gateway', gateway).set('interface', iface);
    for (const [k, v] of link(iface)) def4.set(k, v);
  }
  const def6 = new Map<string, unknown>();
  const [iface6, hop] = route6 ? [route6[9], route6[4]] : [];
  if (iface6 && hop) {
    const a = all.find((x) => x.family === 'inet6' && x.iface === iface6 && x.scope === 'global');
    if (a) def6.set('address', a.address).set('prefix', String(a.prefix)).set('scope', a.scope);
    def6.set('gateway', ipv6Text(hop)).set('interface', iface6);
    for (const [k, v] of link(iface6)) def6.set(k, v);
  }
  const listed = (files.get('/proc/net/dev') ?? [])
    .slice(2)
    .filter((l) => l.includes(':'))
    .map((l) => l.slice(0, l.indexOf(':')).trim());
  const names = [...new Set([...listed, ...all.map((x) => x.iface)])];
  return [
    ['default_ipv4', def4],
    ['default_ipv6', def6],
    [
      'all_ipv4_addresses',
      all.filter((x) => x.family === 'inet' && !x.address.startsWith('127.')).map((x) => x.address),
    ],
    ['all_ipv6_addresses', all.filter((x) => x.family === 'inet6' && x.address !== '::1').map((x) => x.address)],
    ['interfaces', names],
  ];
}

/** /proc/net/ipv6_route's 32 hex digits as IPv6 text, the longest run of zero groups as ::. */
function ipv6Text(hex: string): string {
  const groups = (hex.match(/.{4}/g) ?? []).map((g) => parseInt(g, 16).toString(16));
  let best = [-1, 0];
  for (let i = 0; i < groups.length;) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < groups.length && groups[j] === '0') j++;
    if (j - i > (best[1] ?? 0) && j - i > 1) best = [i, j - i];
    i = j;
  }
  const [start = -1, len = 0] = best;
  if (start < 0) return groups.join(':');
  return `${groups.slice(0, start).join(':')}::${groups.slice(start + len).join(':')}`;
}

/** /proc/net/route's little-endian hex address as dotted quads. */
function hexAddress(hex: string): string {
  const n = parseInt(hex, 16);
  return [0, 8, 16, 24].map((shift) => (n >>> shift) & 255).join('.');
}
