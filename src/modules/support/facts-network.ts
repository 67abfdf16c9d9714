// The network facts (facts/network/linux.py at stable-2.14, LinuxNetwork.populate): nothing
// without `ip` (as there); else a fact per interface from its sysfs files and `ip addr show`
// (one for all interfaces where Ansible runs a primary and a secondary one per interface: the
// lines flagged secondary/temporary are the second run's), ethtool's features where it is
// installed, the default routes (/proc/net/route and ipv6_route, where Ansible asks `ip route
// get`) with their interface's address, every address, and the interfaces.

/**
 * Before the facts program's head: each interface (glob order) with its bridge/bonding parts
 * into `nd` (';' between interfaces), and the sysfs files of each into the positional
 * parameters head reads — exact paths, no glob per attribute (a glob costs a stat per entry).
 */
export const NETWORK_LIST = [
  'nd=; for p in /sys/class/net/*; do [ -d "$p" ] || continue; s=${p##*/}',
  '  set -- "$@" "$p/address" "$p/mtu" "$p/operstate" "$p/type" "$p/flags" "$p/speed"',
  '  [ -e "$p/bridge" ] && { s="$s bridge"; set -- "$@" "$p/bridge/bridge_id" "$p/bridge/stp_state"; for b in "$p"/brif/*; do [ -e "$b" ] && s="$s brif=${b##*/}"; done; }',
  '  [ -e "$p/bonding" ] && { s="$s bonding"; for a in slaves mode miimon lacp_rate primary all_slaves_active; do set -- "$@" "$p/bonding/$a"; done; }',
  '  [ -e "$p/bonding_slave" ] && { s="$s bonding_slave"; set -- "$@" "$p/bonding_slave/perm_hwaddr"; }',
  '  nd="$nd$s;"; done',
];

/** In the facts program's subshell of cd -P: each interface's device and driver module (sysfs links). */
export const NETWORK_LINKS = [
  'for p in /sys/class/net/*; do [ -e "$p/device" ] || continue; s="net ${p##*/}"',
  '  cd -P "$p/device" 2>/dev/null && s="$s pciid=${PWD##*/}"',
  '  cd -P "$p/device/driver/module" 2>/dev/null && s="$s module=${PWD##*/}"; echo "$s"; done',
];

/** After head: ip's and ethtool's answers, and the interfaces `nd` listed. */
export const NETWORK_PROBE = [
  'if command -v ip >/dev/null 2>&1; then',
  '  echo "ipaddr<<"; ip addr show 2>/dev/null; echo ">>"; echo "netdevs=$nd"',
  '  if command -v ethtool >/dev/null 2>&1; then echo "ethtool<<"; for p in /sys/class/net/*; do [ -d "$p" ] || continue',
  '    for t in k T; do echo "@@ ${p##*/} $t"; ethtool -$t "${p##*/}" 2>/dev/null; echo "@@rc $?"; done; done; echo ">>"; fi',
  'fi',
];

/** INTERFACE_TYPE of facts/network/linux.py: /sys/class/net/<iface>/type's names. */
const LINK_TYPES: Record<string, string> = {
  '1': 'ether',
  '32': 'infiniband',
  '512': 'ppp',
  '772': 'loopback',
  '65534': 'tunnel',
};

type Dict = Map<string, unknown>;

interface Defaults {
  v4: Dict;
  v6: Dict;
  all4: string[];
  all6: string[];
}

function dotted(n: number): string {
  return [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');
}

function ipv4Number(text: string): number {
  return text.split('.').reduce((n, o) => ((n << 8) | Number(o)) >>> 0, 0);
}

/** `ip addr show`'s lines by interface (the name before any @link). */
function ipBlocks(lines: string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of lines) {
    const head = /^\d+:\s+([^:@\s]+)(@\S+)?:/.exec(line);
    if (head) out.set(head[1] ?? '', (current = []));
    else if (line.trim()) current?.push(line.trim());
  }
  return out;
}

/** An interface's facts from its sysfs attributes and what the program's netdevs line says. */
function sysfsFacts(device: string, attr: (a: string) => string | undefined, links: string[]): Dict {
  const d: Dict = new Map([['device', device]]);
  const mac = attr('address');
  if (mac && mac !== '00:00:00:00:00:00') d.set('macaddress', mac);
  if (attr('mtu') !== undefined) d.set('mtu', parseInt(attr('mtu') ?? '', 10));
  if (attr('operstate') !== undefined) d.set('active', attr('operstate') !== 'down');
  const link = (k: string): string | undefined => links.find((l) => l.startsWith(`${k}=`))?.slice(k.length + 1);
  if (link('module')) d.set('module', link('module'));
  if (attr('type') !== undefined) d.set('type', LINK_TYPES[attr('type') ?? ''] ?? 'unknown');
  if (links.includes('bridge')) {
    d.set('type', 'bridge');
    d.set(
      'interfaces',
      links.filter((l) => l.startsWith('brif=')).map((l) => l.slice(5)),
    );
    if (attr('bridge/bridge_id') !== undefined) d.set('id', attr('bridge/bridge_id'));
    if (attr('bridge/stp_state') !== undefined) d.set('stp', attr('bridge/stp_state') === '1');
  }
  if (links.includes('bonding')) {
    d.set('type', 'bonding');
    d.set('slaves', (attr('bonding/slaves') ?? '').split(/\s+/).filter(Boolean));
    for (const k of ['mode', 'miimon', 'lacp_rate']) d.set(k, (attr(`bonding/${k}`) ?? '').split(/\s+/)[0]);
    const primary = attr('bonding/primary');
    if (primary) {
      d.set('primary', primary);
      if (attr('bonding/all_slaves_active') !== undefined)
        d.set('all_slaves_active', attr('bonding/all_slaves_active') === '1');
    }
  }
  if (links.includes('bonding_slave')) d.set('perm_macaddress', attr('bonding_slave/perm_hwaddr') ?? '');
  if (link('pciid')) d.set('pciid', link('pciid'));
  const speed = attr('speed');
  if (speed !== undefined && speed !== '') d.set('speed', parseInt(speed, 10));
  // the second byte of the flags: IFF_PROMISC
  if (attr('flags') !== undefined) d.set('promisc', (parseInt(attr('flags') ?? '0', 16) & 0x100) > 0);
  return d;
}

/** parse_ip_output: one `ip addr` line for `device`, as the primary or the secondary run reads it. */
function ipLine(
  words: string[],
  secondary: boolean,
  device: string,
  interfaces: Map<string, Dict>,
  defaults: Defaults,
): void {
  const dev = interfaces.get(device)!;
  if (words[0] === 'inet') {
    const [address = '', prefix = '32'] = (words[1] ?? '').includes('/')
      ? (words[1] ?? '').split('/')
      : [words[1], '32'];
    const broadcast = (words[1] ?? '').includes('/') && words.length > 3 && words[2] === 'brd' ? (words[3] ?? '') : '';
    const maskBits = Number(prefix);
    const mask = maskBits ? (0xffffffff << (32 - maskBits)) >>> 0 : 0;
    const entry = (): Dict =>
      new Map<string, unknown>([
        ['address', address],
        ['broadcast', broadcast],
        ['netmask', dotted(mask)],
        ['network', dotted((ipv4Number(address) & mask) >>> 0)],
        ['prefix', prefix],
      ]);
    const iface = words[words.length - 1] ?? '';
    if (iface !== device) interfaces.set(iface, new Map());
    const target = interfaces.get(iface)!;
    if (!secondary && !target.has('ipv4')) target.set('ipv4', entry());
    else target.set('ipv4_secondaries', [...((target.get('ipv4_secondaries') as Dict[]) ?? []), entry()]);
    if (secondary) {
      if (!dev.has('ipv4_secondaries')) dev.set('ipv4_secondaries', []);
      if (device !== iface) dev.set('ipv4_secondaries', [...(dev.get('ipv4_secondaries') as Dict[]), entry()]);
    }
    if (defaults.v4.get('address') === address) {
      for (const [k, v] of entry()) if (k !== 'address') defaults.v4.set(k, v);
      defaults.v4.set('macaddress', dev.get('macaddress') ?? '').set('mtu', dev.get('mtu'));
      defaults.v4.set('type', dev.get('type') ?? 'unknown').set('alias', iface);
    }
    if (!address.startsWith('127.')) defaults.all4.push(address);
  } else if (words[0] === 'inet6') {
    const peer = words[2] === 'peer';
    const address = peer ? (words[1] ?? '') : (words[1] ?? '').split('/')[0]!;
    const prefix = (peer ? (words[3] ?? '') : (words[1] ?? '')).split('/')[1] ?? '';
    const scope = (peer ? words[5] : words[3]) ?? '';
    dev.set('ipv6', [
      ...((dev.get('ipv6') as Dict[]) ?? []),
      new Map([
        ['address', address],
        ['prefix', prefix],
        ['scope', scope],
      ]),
    ]);
    if (defaults.v6.get('address') === address) {
      defaults.v6.set('prefix', prefix).set('scope', scope);
      defaults.v6.set('macaddress', dev.get('macaddress') ?? '').set('mtu', dev.get('mtu'));
      defaults.v6.set('type', dev.get('type') ?? 'unknown');
    }
    if (address !== '::1') defaults.all6.push(address);
  }
}

/** get_ethtool_data: `ethtool -k` features and `ethtool -T` timestamping, where each answered. */
function ethtoolFacts(lines: string[] | undefined): Map<string, Dict> {
  const out = new Map<string, Dict>();
  let at: { dev: string; opt: string; body: string[] } | undefined;
  for (const line of lines ?? []) {
    const start = /^@@ (\S+) ([kT])$/.exec(line);
    if (start) {
      at = { dev: start[1] ?? '', opt: start[2] ?? '', body: [] };
      continue;
    }
    if (!line.startsWith('@@rc ')) {
      at?.body.push(line);
      continue;
    }
    if (!at || line !== '@@rc 0') continue;
    const d = out.get(at.dev) ?? new Map<string, unknown>();
    out.set(at.dev, d);
    if (at.opt === 'k') {
      const features = new Map<string, unknown>();
      for (const l of at.body.join('\n').trim().split('\n')) {
        if (!l || l.endsWith(':')) continue;
        const [key = '', value = ''] = l.split(': ');
        if (value) features.set(key.trim().replace(/-/g, '_'), value.trim());
      }
      d.set('features', features);
    } else {
      const text = at.body.join('\n');
      d.set(
        'timestamping',
        [...text.matchAll(/SOF_TIMESTAMPING_(\w+)/g)].map((m) => (m[1] ?? '').toLowerCase()),
      );
      d.set(
        'hw_timestamp_filters',
        [...text.matchAll(/HWTSTAMP_FILTER_(\w+)/g)].map((m) => (m[1] ?? '').toLowerCase()),
      );
      const phc = /PTP Hardware Clock: (\d+)/.exec(text);
      if (phc) d.set('phc_index', Number(phc[1]));
    }
  }
  return out;
}

/** The default routes (/proc) as get_default_interfaces' gateway, interface and source address. */
function defaultRoutes(files: Map<string, string[]>, blocks: Map<string, string[]>): { v4: Dict; v6: Dict } {
  const firstAddress = (iface: string, family: string, ok: (w: string[]) => boolean = () => true): string | undefined =>
    (blocks.get(iface) ?? [])
      .map((l) => l.split(/\s+/))
      .find((w) => w[0] === family && !w.includes('secondary') && !w.includes('temporary') && ok(w))?.[1]
      ?.split('/')[0];
  const v4: Dict = new Map();
  const route4 = (files.get('/proc/net/route') ?? [])
    .map((l) => l.trim().split(/\s+/))
    .find((f) => f[1] === '00000000');
  if (route4) {
    const iface = route4[0] ?? '';
    const src = firstAddress(iface, 'inet');
    const gw = parseInt(route4[2] ?? '0', 16);
    if (src) v4.set('address', src);
    v4.set('gateway', [0, 8, 16, 24].map((s) => (gw >>> s) & 255).join('.')).set('interface', iface);
  }
  const v6: Dict = new Map();
  const route6 = (files.get('/proc/net/ipv6_route') ?? [])
    .map((l) => l.trim().split(/\s+/))
    .find((f) => f[0] === '0'.repeat(32) && f[1] === '00' && f[4] !== '0'.repeat(32) && f[9] !== 'lo');
  if (route6) {
    const iface = route6[9] ?? '';
    const src = firstAddress(iface, 'inet6', (w) => w[3] === 'global' || w[5] === 'global');
    if (src) v6.set('address', src);
    v6.set('gateway', ipv6Text(route6[4] ?? '')).set('interface', iface);
  }
  return { v4, v6 };
}

/**
 * default_ipv4/default_ipv6, a fact per interface (':' in a name as '_'), all_ipv4_addresses
 * (no 127.x), all_ipv6_addresses (no ::1) and interfaces — none where the host has no `ip`.
 */
export function networkFacts(
  files: Map<string, string[]>,
  single: Map<string, string>,
  multi: Map<string, string[]>,
): [string, unknown][] {
  const ip = multi.get('ipaddr');
  if (!ip) return [];
  const blocks = ipBlocks(ip);
  const defaults: Defaults = { ...defaultRoutes(files, blocks), all4: [], all6: [] };
  const ethtool = ethtoolFacts(multi.get('ethtool'));
  const interfaces = new Map<string, Dict>();
  // each interface's sysfs links (pciid=, module=) from the subshell's `net` lines
  const sysLinks = new Map(
    (multi.get('sysfslinks') ?? [])
      .filter((l) => l.startsWith('net '))
      .map((l) => {
        const [, name = '', ...rest] = l.split(' ');
        return [name, rest] as const;
      }),
  );
  for (const line of (single.get('netdevs') ?? '').split(';')) {
    const [device = '', ...parts] = line.split(' ');
    const links = [...parts, ...(sysLinks.get(device) ?? [])];
    if (!device) continue;
    const attr = (a: string): string | undefined => {
      const lines = files.get(`/sys/class/net/${device}/${a}`);
      return lines === undefined ? undefined : lines.join('\n').trim();
    };
    interfaces.set(device, sysfsFacts(device, attr, links));
    const words = (blocks.get(device) ?? []).map((l) => l.split(/\s+/));
    const flagged = (w: string[]): boolean => w.includes(w[0] === 'inet' ? 'secondary' : 'temporary');
    for (const w of words.filter((x) => !flagged(x))) ipLine(w, false, device, interfaces, defaults);
    for (const w of words.filter(flagged)) ipLine(w, true, device, interfaces, defaults);
    for (const [k, v] of ethtool.get(device) ?? []) interfaces.get(device)!.set(k, v);
  }
  const named = [...interfaces].map(([name, facts]) => [name.replace(/:/g, '_'), facts] as [string, Dict]);
  return [
    ['interfaces', named.map(([name]) => name)],
    ...named,
    ['default_ipv4', defaults.v4],
    ['default_ipv6', defaults.v6],
    ['all_ipv4_addresses', defaults.all4],
    ['all_ipv6_addresses', defaults.all6],
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
