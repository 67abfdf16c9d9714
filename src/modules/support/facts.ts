// Facts from one short shell program (issue 21): the shell's own `read` of /proc, /sys and /etc
// files instead of a process per fact — the processes left are `hostname -f` (the resolver, as
// socket.getfqdn() asks it), `uname -m` where /proc/sys/kernel/arch is missing, `ip` for the
// default route, `date`, `env`, and the probes of service-mgr.ts and pkg-mgr.ts. The Python
// interpreter's version needs the interpreter to start (~20–50 ms): it runs only when the
// interpreter (inode and mtime) or the boot is not the one the controller remembers for the host
// (python-cache.ts). Names and types follow Ansible's setup module (distribution, os_family,
// processor_vcpus, …).

import { SERVICE_MGR_PROBE, serviceMgrFrom } from './service-mgr.js';
import { PKG_MGR_PROBE, pkgMgrFrom } from './pkg-mgr.js';
import { shellProgram } from './shell-program.js';

const PY_VERSION = `'import sys; v = sys.version_info; print(v.major, v.minor, v.micro, v.releaselevel, v.serial)'`;

/** `KEY=first line of FILE` with the shell's own read. */
const READ = `rb_r() { v=; IFS= read -r v < "$1"; printf '%s=%s\\n' "$2" "$v"; } 2>/dev/null`;

/** get_dmi_facts's files under /sys/devices/virtual/dmi/id (a fact each, chassis_type the form factor). */
const DMI = [
  'bios_date',
  'bios_vendor',
  'bios_version',
  'board_asset_tag',
  'board_name',
  'board_serial',
  'board_vendor',
  'board_version',
  'chassis_asset_tag',
  'chassis_serial',
  'chassis_vendor',
  'chassis_version',
  'chassis_type',
  'product_name',
  'product_serial',
  'product_uuid',
  'product_version',
  'sys_vendor',
];

const FORM_FACTOR = [
  'Unknown',
  'Other',
  'Unknown',
  'Desktop',
  'Low Profile Desktop',
  'Pizza Box',
  'Mini Tower',
  'Tower',
  'Portable',
  'Laptop',
  'Notebook',
  'Hand Held',
  'Docking Station',
  'All In One',
  'Sub Notebook',
  'Space-saving',
  'Lunch Box',
  'Main Server Chassis',
  'Expansion Chassis',
  'Sub Chassis',
  'Bus Expansion Chassis',
  'Peripheral Chassis',
  'RAID Chassis',
  'Rack Mount Chassis',
  'Sealed-case PC',
  'Multi-system',
  'CompactPCI',
  'AdvancedTCA',
  'Blade',
  'Blade Enclosure',
  'Tablet',
  'Convertible',
  'Detachable',
  'IoT Gateway',
  'Embedded PC',
  'Mini PC',
  'Stick PC',
];

const PROGRAM = [
  READ,
  'echo "os_release<<"; { while IFS= read -r l || [ -n "$l" ]; do printf \'%s\\n\' "$l"; done < /etc/os-release; } 2>/dev/null; echo ">>"',
  'rb_r /proc/sys/kernel/hostname hostname',
  // socket.getfqdn(): the name's first address, then that address's names (gethostbyaddr):
  // the first with a dot among the canonical name and its aliases, else the canonical name
  // — from /etc/hosts with the shell's own reads where the name is there (NSS's files), else getent
  "{ read -r h < /proc/sys/kernel/hostname; a=; set -f; while read -r ip names; do case $ip in '#'*|'') continue;; esac; for n in $names; do case $n in '#'*) break;; esac; [ \"$n\" = \"$h\" ] && { a=$ip; break 2; }; done; done < /etc/hosts; set +f; } 2>/dev/null",
  '{ if [ -n "$a" ]; then while read -r ip names; do [ "$ip" = "$a" ] && { echo "fqdn_names=${names%%#*}"; break; }; done < /etc/hosts; else set -- $(getent ahosts "$h"); [ -n "$1" ] && set -- $(getent hosts "$1") && shift && echo "fqdn_names=$*"; fi; } 2>/dev/null',
  // distro.version(best=True) for Debian and CentOS (ansible's get_distribution_version)
  'rb_r /etc/debian_version debian_version',
  'rb_r /etc/centos-release centos_release',
  'rb_r /proc/sys/kernel/osrelease kernel',
  'rb_r /proc/sys/kernel/version kernel_version',
  'if [ -r /proc/sys/kernel/arch ]; then rb_r /proc/sys/kernel/arch machine; else echo "machine=$(uname -m)"; fi',
  'rb_r /proc/sys/kernel/ostype system',
  // os.getuid()/os.getgid() (the real ids), getpass.getuser() (LOGNAME, USER, LNAME, USERNAME, then passwd)
  // and os.sched_getaffinity(0) (processor_nproc) from the same file
  'while read -r k a b c; do case $k in Uid:) uid=$a; echo "ids=$a $b";; Gid:) gid=$a; echo "gids=$a $b";; Cpus_allowed_list:) echo "cpus_allowed=$a"; break;; esac; done < /proc/self/status',
  'un=${LOGNAME:-${USER:-${LNAME:-$USERNAME}}}',
  'if [ -z "$un" ]; then { while IFS=: read -r n x u rest; do [ "$u" = "$uid" ] && { un=$n; break; }; done < /etc/passwd; } 2>/dev/null; fi',
  'echo "user_id=$un"; echo "user_uid=$uid"; echo "user_gid=$gid"',
  'echo "user_dir=$HOME"',
  'echo "user_shell=$SHELL"',
  ...SERVICE_MGR_PROBE,
  ...PKG_MGR_PROBE,
  // /usr/bin/python3 first, as Ansible's interpreter discovery picks it on Debian and SUSE
  // (a PATH lookup can land on a slow pyenv shim)
  'py=/usr/bin/python3; [ -x "$py" ] || py=$(command -v python3 2>/dev/null); echo "python=$py"',
  // stderr first: redirections apply left to right, and a missing file's message is the `<`'s
  '{ read -r boot < /proc/sys/kernel/random/boot_id; } 2>/dev/null',
  '[ -z "$py" ] || pyid=$boot.$(stat -L -c %i.%Y -- "$py" 2>/dev/null); echo "pyid=$pyid"',
  'if [ -n "$py" ] && [ "$pyid" != "$known" ]; then echo "pyver=$("$py" -c ' + PY_VERSION + ' 2>/dev/null)"; fi',
  // One head reads whole what the shell's own read would take a byte per system call of (~8 ms
  // of the host's CPU; an awk costs ~6 ms to start, head ~2), and the shell sorts its lines:
  // cpuinfo's that get_cpu_facts reads; the interfaces; the mounts get_mount_facts keeps (a
  // device path, not fstype none), each one's statvfs after (one stat -f for all; uuid is not
  // looked up with lsblk, nor bind mounts marked with findmnt); the IPv4 and IPv6 default
  // routes (hex, decoded in parseFacts; a next hop, not lo) instead of `ip route get`.
  // — and the small files whose lines parseFacts reads (`raw=file|line`): memory, the kernel's
  // command line, uptime, load, machine id, FIPS, /etc/lsb-release, the SSH host keys
  `o=$(head -v -n 100000 /proc/cpuinfo /proc/net/dev /etc/mtab /proc/net/route /proc/net/ipv6_route /proc/net/fib_trie /proc/net/if_inet6 /proc/meminfo /proc/cmdline /proc/uptime /proc/loadavg /etc/machine-id /proc/sys/crypto/fips_enabled /etc/lsb-release /etc/resolv.conf /etc/passwd /etc/ssh/ssh_host_*_key.pub ${DMI.map((n) => `/sys/devices/virtual/dmi/id/${n}`).join(' ')} 2>/dev/null)`,
  'echo "head<<"; printf "%s\\n" "$o"; echo ">>"',
  'command -v lsb_release >/dev/null 2>&1 && echo lsb_bin=1; [ -e /sys/kernel/security/apparmor ] && echo apparmor=1',
  // the shell needs the mount points (for stat -f) and the default routes' interfaces (for sysfs)
  `set --; w=; r4=; r6=; f=$IFS; IFS='
'; set -f`,
  "for l in $o; do case $l in '==> '*' <=='*) w=${l#'==> '}; w=${w%' <=='*}; continue;; esac; case $w in",
  '  /etc/mtab) dv=${l%% *}; r=${l#* }; mt=${r%% *}; r=${r#* }; fs=${r%% *}',
  '    case $dv in /*|\'\\\'*|*:/*) [ "$fs" = none ] || set -- "$@" "$mt";; esac;;',
  '  /proc/net/route) i=${l%%[[:space:]]*}; r=${l#*[[:space:]]}; [ -z "$r4" ] && [ "${r%%[[:space:]]*}" = 00000000 ] && r4=$i;;',
  "  /proc/net/ipv6_route) case $l in '00000000000000000000000000000000 00 '*) r=${l#* * * * }; i=${l##* }",
  '    [ -z "$r6" ] && [ "${r%% *}" != 00000000000000000000000000000000 ] && [ "$i" != lo ] && r6=$i;; esac;;',
  'esac; done; set +f; IFS=$f',
  // each default interface's MAC, MTU and type
  'for x in $r4 $r6; do rb_r /sys/class/net/$x/address "mac_$x"; rb_r /sys/class/net/$x/mtu "mtu_$x"; rb_r /sys/class/net/$x/type "type_$x"; done',
  `[ $# = 0 ] || { echo "statfs<<"; stat -f -c '%s %S %b %f %a %c %d' -- "$@" 2>/dev/null; echo ">>"; }`,
  'date "+epoch=%s%ntz=%Z"',
  'echo "env<<"; env; echo ">>"',
].join('\n');

/**
 * The facts program; `knownPython` is the interpreter identity (boot id, inode, mtime) whose
 * version the controller already has for this host: then the interpreter is not started.
 */
export function factsProgram(knownPython = ''): string {
  return shellProgram('rb_facts', [`known=${knownPython.replace(/[^\w.-]/g, '')}`, PROGRAM]);
}

const FAMILIES: Record<string, string> = {
  debian: 'Debian',
  ubuntu: 'Debian',
  centos: 'RedHat',
  rhel: 'RedHat',
  fedora: 'RedHat',
  rocky: 'RedHat',
  almalinux: 'RedHat',
  opensuse: 'Suse',
  'opensuse-leap': 'Suse',
  sles: 'Suse',
  suse: 'Suse',
  alpine: 'Alpine',
  arch: 'Archlinux',
};

function blocks(text: string): { single: Map<string, string>; multi: Map<string, string[]> } {
  const single = new Map<string, string>();
  const multi = new Map<string, string[]>();
  let current: string | undefined;
  for (const line of text.split('\n')) {
    if (current !== undefined) {
      if (line === '>>') current = undefined;
      else multi.get(current)?.push(line);
      continue;
    }
    const open = /^(\w+)<<$/.exec(line);
    if (open) {
      current = open[1] ?? '';
      multi.set(current, []);
      continue;
    }
    const eq = line.indexOf('=');
    const key = eq > 0 ? line.slice(0, eq) : '';
    // cpuinfo's lines and the interfaces are many of one name: kept in order
    if (key === 'cpu' || key === 'iface' || key === 'mnt' || key === 'raw')
      multi.set(key, [...(multi.get(key) ?? []), line.slice(eq + 1)]);
    else if (eq > 0) single.set(key, line.slice(eq + 1));
  }
  return { single, multi };
}

function kv(lines: string[]): Map<string, string> {
  return new Map(
    lines
      .filter((l) => l.includes('='))
      .map((l) => {
        const i = l.indexOf('=');
        return [l.slice(0, i), l.slice(i + 1).replace(/^"|"$/g, '')];
      }),
  );
}

/** The interpreter's identity and, when the program started it, its version. */
export function pythonAnswer(text: string): { id?: string; ver?: string } {
  const { single } = blocks(text);
  const id = single.get('pyid');
  const ver = single.get('pyver');
  return { ...(id ? { id } : {}), ...(ver ? { ver } : {}) };
}

/**
 * The facts dict (names without the ansible_ prefix); `known` is the remembered interpreter
 * version the program was told about (it did not start the interpreter when it matched).
 */
export function parseFacts(text: string, known?: { id: string; ver: string }): Map<string, unknown> {
  const { single, multi } = blocks(text);
  fromHead(headFiles(multi.get('head') ?? []), single, multi);
  if (!single.has('pyver') && known && single.get('pyid') === known.id) single.set('pyver', known.ver);
  const os = kv(multi.get('os_release') ?? []);
  const id = os.get('ID') ?? 'linux';
  const version = os.get('VERSION_ID') ?? '';
  const fqdn = getfqdn(single.get('hostname') ?? '', single.get('fqdn_names'));
  const [iface, gatewayHex] = (single.get('route') ?? '').split(' ');
  const epoch = Number(single.get('epoch') ?? Math.floor(Date.now() / 1000));
  const d = new Date(epoch * 1000);
  const p = (n: number): string => String(n).padStart(2, '0');
  const facts = new Map<string, unknown>([
    ['distribution', (os.get('NAME') ?? id).split(' ')[0] ?? id],
    ['distribution_version', bestVersion(id, version, single)],
    ['distribution_major_version', version.split('.')[0] ?? ''],
    ...debianMinor(id, single.get('debian_version')),
    // the distribution file Ansible parsed (DistributionFiles): os-release's, for the Debian family
    ...(id === 'debian' || id === 'ubuntu'
      ? ([
          ['distribution_file_parsed', true],
          ['distribution_file_path', '/etc/os-release'],
          ['distribution_file_variety', 'Debian'],
        ] as [string, unknown][])
      : []),
    ['distribution_release', os.get('VERSION_CODENAME') ?? ''],
    [
      'os_family',
      FAMILIES[id] ??
        os
          .get('ID_LIKE')
          ?.split(' ')
          .map((x) => FAMILIES[x])
          .find(Boolean) ??
        'Linux',
    ],
    ['hostname', (single.get('hostname') ?? '').split('.')[0]],
    ['nodename', single.get('hostname') ?? ''],
    ['fqdn', fqdn],
    ['domain', fqdn.split('.').slice(1).join('.')],
    ['kernel', single.get('kernel') ?? ''],
    ['kernel_version', single.get('kernel_version') ?? ''],
    ['architecture', single.get('machine') ?? ''],
    ['machine', single.get('machine') ?? ''],
    ['system', single.get('system') ?? 'Linux'],
    ...cpuFacts(multi.get('cpu') ?? [], single.get('machine') ?? '', single.get('cpus_allowed')),
    ...smallFileFacts(filesOf(multi.get('raw') ?? []), single, os),
    ['user_id', single.get('user_id') ?? ''],
    ['user_uid', Number(single.get('user_uid') ?? 0)],
    ['user_gid', Number(single.get('user_gid') ?? 0)],
    ['user_dir', single.get('user_dir') ?? ''],
    ['user_shell', single.get('user_shell') ?? ''],
    ['service_mgr', serviceMgrFrom(single)],
    ['python', pythonFacts(single.get('python'), single.get('pyver'))],
    // the python facts collector's python_version (platform.python_version(): major.minor.micro)
    ...(single.get('pyver')
      ? [['python_version', (single.get('pyver') ?? '').split(' ').slice(0, 3).join('.')] as [string, unknown]]
      : []),
    ['local', new Map()],
    ...networkFacts(single, multi, iface && gatewayHex ? [iface, hexAddress(gatewayHex)] : undefined),
    [
      'date_time',
      new Map<string, unknown>([
        ['epoch', String(epoch)],
        ['date', `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`],
        ['time', `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`],
        ['year', String(d.getFullYear())],
        ['month', p(d.getMonth() + 1)],
        ['day', p(d.getDate())],
        ['hour', p(d.getHours())],
        ['minute', p(d.getMinutes())],
        ['second', p(d.getSeconds())],
        ['tz', single.get('tz') ?? 'UTC'],
        ['iso8601', d.toISOString().replace(/\.\d+Z$/, 'Z')],
      ]),
    ],
    ['env', kv(multi.get('env') ?? [])],
    ['mounts', mountFacts(multi.get('mnt') ?? [], multi.get('statfs') ?? [])],
  ]);
  facts.set(
    'pkg_mgr',
    pkgMgrFrom(single, {
      family: String(facts.get('os_family')),
      distribution: String(facts.get('distribution')),
      major: String(facts.get('distribution_major_version')),
    }),
  );
  return facts;
}

/**
 * socket.getfqdn(): among the canonical name and aliases of the hostname's first address, the
 * first with a dot, else the canonical name; the hostname itself where nothing resolves.
 */
function getfqdn(hostname: string, names: string | undefined): string {
  const all = (names ?? '').split(' ').filter(Boolean);
  if (!all.length) return hostname;
  return all.find((n) => n.includes('.')) ?? all[0] ?? hostname;
}

/** distro's version for a release file's text ("CentOS Linux release 7.9.2009 (Core)" → 7.9.2009). */
function releaseFileVersion(text: string | undefined): string {
  return /(?:^|\s)(\d[\d.]*)(?:\s|$)/.exec(text ?? '')?.[1] ?? '';
}

/**
 * get_distribution_version (facts/system/distribution.py): os-release's VERSION_ID, but for
 * Debian and CentOS distro.version(best=True) — the most precise of it and the release file's
 * (/etc/debian_version 12.11), CentOS's cut to major.minor.
 */
function bestVersion(id: string, version: string, single: Map<string, string>): string {
  if (id !== 'debian' && id !== 'centos') return version;
  const file = releaseFileVersion(single.get(id === 'debian' ? 'debian_version' : 'centos_release'));
  const best = file.split('.').length > version.split('.').length || !version ? file : version;
  return id === 'centos' ? best.split('.').slice(0, 2).join('.') : best;
}

/** parse_distribution_file_Debian: the minor version from /etc/debian_version. */
function debianMinor(id: string, text: string | undefined): [string, unknown][] {
  const m = id === 'debian' ? /(\d+)\.(\d+)/.exec(text ?? '') : null;
  return m ? [['distribution_minor_version', m[2]]] : [];
}

/** get_cpu_facts (facts/hardware/linux.py at stable-2.14) over the cpuinfo lines, not on Xen. */
function cpuFacts(lines: string[], arch: string, allowed: string | undefined): [string, unknown][] {
  const processor: string[] = [];
  let i = 0;
  let vendors = 0;
  let models = 0;
  let processors = 0;
  // physid and coreid start as the int 0, a key no line's text can equal
  let physid = '\u0000';
  let coreid = '\u0000';
  const sockets = new Map<string, number>();
  const cores = new Map<string, number>();
  for (const line of lines) {
    const at = line.indexOf(':');
    const key = (at < 0 ? line : line.slice(0, at)).trim();
    const val = at < 0 ? '' : line.slice(at + 1).trim();
    if (['model name', 'Processor', 'vendor_id', 'cpu', 'Vendor', 'processor'].includes(key)) {
      processor.push(val);
      if (key === 'vendor_id') vendors++;
      if (key === 'model name') models++;
      if (key === 'processor') processors++;
      i++;
    } else if (key === 'physical id') {
      physid = val;
      if (!sockets.has(physid)) sockets.set(physid, 1);
    } else if (key === 'core id') {
      coreid = val;
      // linux.py tests the socket dict here, and so does runbook
      if (!sockets.has(coreid)) cores.set(coreid, 1);
    } else if (key === 'cpu cores') sockets.set(physid, parseInt(val, 10));
    else if (key === 'siblings') cores.set(coreid, parseInt(val, 10));
  }
  if (vendors > 0 && vendors === models) i = vendors;
  if (/^(armv|aarch|ppc)/.test(arch)) i = processors;
  const count = sockets.size || i;
  const first = [...sockets.values()][0];
  const perSocket = first ? first : 1;
  const firstCore = [...cores.values()][0];
  const threads = Math.floor((firstCore ?? 1) / perSocket);
  return [
    ['processor', processor],
    ['processor_count', count],
    ['processor_cores', perSocket],
    ['processor_threads_per_core', threads],
    ['processor_vcpus', threads * count * perSocket],
    ['processor_nproc', allowed ? cpuCount(allowed) : processors],
  ];
}

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

/** linux.py's interface type names for /sys/class/net/<iface>/type (ARPHRD_*). */
const LINK_TYPES: Record<string, string> = {
  '1': 'ether',
  '772': 'loopback',
  '512': 'ppp',
  '776': 'tunnel6',
  '768': 'ipip',
  '65534': 'unknown',
};

function dotted(n: number): string {
  return [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');
}

/**
 * default_ipv4/default_ipv6 (the default route's interface and gateway, its first address of
 * the family with netmask, network, broadcast, prefix, MAC, MTU and type), all_ipv4_addresses
 * (no 127.x) and all_ipv6_addresses (no ::1), and the interfaces — facts/network/linux.py's.
 */
function networkFacts(
  single: Map<string, string>,
  multi: Map<string, string[]>,
  v4?: [string, string],
): [string, unknown][] {
  const files = filesOf(multi.get('raw') ?? []);
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
  const [iface6, hop] = (single.get('route6') ?? '').split(' ');
  if (iface6 && hop) {
    const a = all.find((x) => x.family === 'inet6' && x.iface === iface6 && x.scope === 'global');
    if (a) def6.set('address', a.address).set('prefix', String(a.prefix)).set('scope', a.scope);
    def6.set('gateway', ipv6Text(hop)).set('interface', iface6);
    for (const [k, v] of link(iface6)) def6.set(k, v);
  }
  const names = [...new Set([...(multi.get('iface') ?? []), ...all.map((x) => x.iface)])];
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

/** _replace_octal_escapes: mtab's \\040 and its kind as the characters. */
function unescapeOctal(text: string): string {
  return text.replace(/\\([0-7]{3})/g, (_m, o: string) => String.fromCharCode(parseInt(o, 8)));
}

/**
 * get_mount_facts (facts/hardware/linux.py): each kept mtab entry, one per mount point (the last
 * entry's, where the first was), with get_mount_size's statvfs figures; uuid as lsblk would not
 * say it (N/A).
 */
function mountFacts(entries: string[], statfs: string[]): Map<string, unknown>[] {
  const byMount = new Map<string, Map<string, unknown>>();
  entries.forEach((line, i) => {
    const [device = '', mount = '', fstype = '', options = ''] = line.split(' ').map(unescapeOctal);
    const info = new Map<string, unknown>([
      ['mount', mount],
      ['device', device],
      ['fstype', fstype],
      ['options', options],
    ]);
    const [bsize, frsize, blocks, , bavail, files, ffree] = (statfs[i] ?? '').split(' ').map(Number);
    if (statfs[i] && [bsize, frsize, blocks, bavail, files, ffree].every((n) => Number.isFinite(n))) {
      const n = (v: number | undefined): number => v ?? 0;
      info
        .set('size_total', n(frsize) * n(blocks))
        .set('size_available', n(frsize) * n(bavail))
        .set('block_size', n(bsize))
        .set('block_total', n(blocks))
        .set('block_available', n(bavail))
        .set('block_used', n(blocks) - n(bavail))
        .set('inode_total', n(files))
        .set('inode_available', n(ffree))
        .set('inode_used', n(files) - n(ffree));
    }
    info.set('uuid', 'N/A');
    byMount.set(mount, info);
  });
  return [...byMount.values()];
}

/** head -v's answer by file (its `==> file <==` lines between them). */
function headFiles(lines: string[]): Map<string, string[]> {
  const files = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of lines) {
    const m = /^==> (.*) <==$/.exec(line);
    if (m) files.set(m[1] ?? '', (current = []));
    else if (line !== '' || current?.length) current?.push(line);
  }
  // head -v puts an empty line between files: not a line of the file before
  for (const list of files.values()) while (list.length && list[list.length - 1] === '') list.pop();
  return files;
}

/**
 * What the facts read from head's files: cpuinfo's lines, the interfaces (/proc/net/dev), the
 * mounts get_mount_facts keeps (a device path, not fstype none: the order stat -f answered in),
 * the default routes, and the small files (`raw`).
 */
function fromHead(files: Map<string, string[]>, single: Map<string, string>, multi: Map<string, string[]>): void {
  multi.set('cpu', files.get('/proc/cpuinfo') ?? []);
  multi.set(
    'iface',
    (files.get('/proc/net/dev') ?? [])
      .slice(2)
      .filter((l) => l.includes(':'))
      .map((l) => l.slice(0, l.indexOf(':')).trim()),
  );
  multi.set(
    'mnt',
    (files.get('/etc/mtab') ?? [])
      .map((l) => l.split(' '))
      .filter(
        ([dev = '', , fs]) => (dev.startsWith('/') || dev.startsWith('\\') || dev.includes(':/')) && fs !== 'none',
      )
      .map((f) => f.slice(0, 4).join(' ')),
  );
  const v4 = (files.get('/proc/net/route') ?? []).map((l) => l.trim().split(/\s+/)).find((f) => f[1] === '00000000');
  if (v4) single.set('route', `${v4[0]} ${v4[2]}`);
  const v6 = (files.get('/proc/net/ipv6_route') ?? [])
    .map((l) => l.trim().split(/\s+/))
    .find((f) => f[0] === '0'.repeat(32) && f[1] === '00' && f[4] !== '0'.repeat(32) && f[9] !== 'lo');
  if (v6) single.set('route6', `${v6[9]} ${v6[4]}`);
  multi.set(
    'raw',
    [...files].flatMap(([file, lines]) => lines.map((l) => `${file}|${l}`)),
  );
}

/** The `raw=file|line` lines by file. */
function filesOf(raw: string[]): Map<string, string[]> {
  const files = new Map<string, string[]>();
  for (const r of raw) {
    const bar = r.indexOf('|');
    const file = r.slice(0, bar);
    files.set(file, [...(files.get(file) ?? []), r.slice(bar + 1)]);
  }
  return files;
}

/** get_memory_facts: the four *_mb, and memory_mb (real, nocache, swap) from /proc/meminfo. */
function memoryFacts(lines: string[]): [string, unknown][] {
  const mb = new Map<string, number>();
  for (const line of lines) {
    const at = line.indexOf(':');
    const key = line.slice(0, at);
    if (['MemTotal', 'SwapTotal', 'MemFree', 'SwapFree', 'Buffers', 'Cached', 'SwapCached'].includes(key))
      mb.set(key.toLowerCase(), Math.floor(parseInt(line.slice(at + 1).trim(), 10) / 1024));
  }
  const get = (k: string): number | null => mb.get(k) ?? null;
  const sub = (a: number | null, b: number | null): number | null => (a === null || b === null ? null : a - b);
  const nocacheFree =
    get('cached') === null || get('memfree') === null || get('buffers') === null
      ? null
      : (get('cached') ?? 0) + (get('memfree') ?? 0) + (get('buffers') ?? 0);
  const out: [string, unknown][] = ['memtotal', 'swaptotal', 'memfree', 'swapfree']
    .filter((k) => mb.has(k))
    .map((k) => [`${k}_mb`, mb.get(k)]);
  out.push([
    'memory_mb',
    new Map<string, unknown>([
      [
        'real',
        new Map<string, unknown>([
          ['total', get('memtotal')],
          ['used', sub(get('memtotal'), get('memfree'))],
          ['free', get('memfree')],
        ]),
      ],
      [
        'nocache',
        new Map<string, unknown>([
          ['free', nocacheFree],
          ['used', sub(get('memtotal'), nocacheFree)],
        ]),
      ],
      [
        'swap',
        new Map<string, unknown>([
          ['total', get('swaptotal')],
          ['free', get('swapfree')],
          ['used', sub(get('swaptotal'), get('swapfree'))],
          ['cached', get('swapcached')],
        ]),
      ],
    ]),
  ]);
  return out;
}

/** cmdline and proc_cmdline (facts/system/cmdline.py; its shlex split taken as a split on blanks). */
function cmdlineFacts(line: string | undefined): [string, unknown][] {
  if (!line?.trim()) return [];
  const cmdline = new Map<string, unknown>();
  const proc = new Map<string, unknown>();
  for (const piece of line.trim().split(/\s+/)) {
    const eq = piece.indexOf('=');
    if (eq < 0) {
      cmdline.set(piece, true);
      proc.set(piece, true);
      continue;
    }
    const [k, v] = [piece.slice(0, eq), piece.slice(eq + 1)];
    cmdline.set(k, v);
    const was = proc.get(k);
    proc.set(k, was === undefined ? v : Array.isArray(was) ? [...(was as unknown[]), v] : [was, v]);
  }
  return [
    ['cmdline', cmdline],
    ['proc_cmdline', proc],
  ];
}

/** lsb (facts/system/lsb.py): lsb_release's answer — here from os-release — else /etc/lsb-release. */
function lsbFacts(lines: string[] | undefined, hasBin: boolean, os: Map<string, string>): Map<string, unknown> {
  const lsb = new Map<string, unknown>();
  if (hasBin && os.size) {
    lsb.set('id', (os.get('NAME') ?? '').split(' ')[0]);
    if (os.get('PRETTY_NAME')) lsb.set('description', os.get('PRETTY_NAME'));
    if (os.get('VERSION_ID')) lsb.set('release', os.get('VERSION_ID'));
    if (os.get('VERSION_CODENAME')) lsb.set('codename', os.get('VERSION_CODENAME'));
  } else {
    const names: Record<string, string> = {
      DISTRIB_ID: 'id',
      DISTRIB_RELEASE: 'release',
      DISTRIB_DESCRIPTION: 'description',
      DISTRIB_CODENAME: 'codename',
    };
    for (const line of lines ?? []) {
      const eq = line.indexOf('=');
      const name = names[line.slice(0, eq)];
      if (name) lsb.set(name, line.slice(eq + 1).replace(/^"|"$/g, ''));
    }
  }
  if (typeof lsb.get('release') === 'string') lsb.set('major_release', String(lsb.get('release')).split('.')[0]);
  return lsb;
}

/** get_dmi_facts from sysfs: each file's content, 'NA' where it is missing or unreadable. */
function dmiFacts(files: Map<string, string[]>): [string, unknown][] {
  return DMI.map((name): [string, unknown] => {
    const lines = files.get(`/sys/devices/virtual/dmi/id/${name}`);
    const data = lines === undefined ? undefined : lines.join('\n').trim();
    if (name === 'chassis_type')
      return ['form_factor', data === undefined ? 'NA' : (FORM_FACTOR[parseInt(data, 10)] ?? `unknown (${data})`)];
    return [name === 'sys_vendor' ? 'system_vendor' : name, data ?? 'NA'];
  });
}

/** dns (facts/system/dns.py): nameservers, domain, search, sortlist and options from resolv.conf. */
function dnsFacts(lines: string[]): Map<string, unknown> {
  const dns = new Map<string, unknown>();
  for (const line of lines) {
    if (line.startsWith('#') || line.startsWith(';') || !line.trim()) continue;
    const [word, ...rest] = line.trim().split(/\s+/);
    if (word === 'nameserver')
      dns.set('nameservers', [...((dns.get('nameservers') as string[] | undefined) ?? []), ...rest]);
    else if (word === 'domain' && rest[0] !== undefined) dns.set('domain', rest[0]);
    else if (word === 'search') dns.set('search', rest);
    else if (word === 'sortlist') dns.set('sortlist', rest);
    else if (word === 'options')
      dns.set(
        'options',
        new Map(
          rest.map((o) => {
            const at = o.indexOf(':');
            return at < 0 ? [o, true] : [o.slice(0, at), o.slice(at + 1) || true];
          }),
        ),
      );
  }
  return dns;
}

/** The facts from the small files head read, and the ids and probes the shell printed. */
function smallFileFacts(
  files: Map<string, string[]>,
  single: Map<string, string>,
  os: Map<string, string>,
): [string, unknown][] {
  const first = (f: string): string | undefined => files.get(f)?.[0];
  const out: [string, unknown][] = [...memoryFacts(files.get('/proc/meminfo') ?? [])];
  out.push(...cmdlineFacts(first('/proc/cmdline')));
  const uptime = first('/proc/uptime');
  if (uptime) out.push(['uptime_seconds', Math.trunc(parseFloat(uptime))]);
  const load = (first('/proc/loadavg') ?? '').split(' ');
  if (load.length >= 3)
    out.push([
      'loadavg',
      new Map<string, unknown>([
        ['1m', Number(load[0])],
        ['5m', Number(load[1])],
        ['15m', Number(load[2])],
      ]),
    ]);
  if (first('/etc/machine-id')) out.push(['machine_id', first('/etc/machine-id')]);
  out.push(['fips', first('/proc/sys/crypto/fips_enabled')?.trim() === '1']);
  out.push(['apparmor', new Map([['status', single.has('apparmor') ? 'enabled' : 'disabled']])]);
  out.push(['lsb', lsbFacts(files.get('/etc/lsb-release'), single.has('lsb_bin'), os)]);
  const [ruid = '0', euid = ruid] = (single.get('ids') ?? '').split(' ');
  const [rgid = '0', egid = rgid] = (single.get('gids') ?? '').split(' ');
  out.push(['real_user_id', Number(ruid)], ['effective_user_id', Number(euid)]);
  out.push(['real_group_id', Number(rgid)], ['effective_group_id', Number(egid)]);
  out.push(...dmiFacts(files));
  out.push(['dns', dnsFacts(files.get('/etc/resolv.conf') ?? [])]);
  // pwd.getpwnam(user).pw_gecos
  const user = single.get('user_id') ?? '';
  const pw = (files.get('/etc/passwd') ?? []).find((l) => l.startsWith(`${user}:`))?.split(':');
  if (pw && pw.length >= 5) out.push(['user_gecos', pw[4]]);
  // platform.architecture() of the interpreter: the machine's word size here
  const machine = single.get('machine') ?? '';
  const bits = /64|s390x/.test(machine) ? '64' : '32';
  out.push(['userspace_bits', bits]);
  if (machine === 'x86_64') out.push(['userspace_architecture', bits === '64' ? 'x86_64' : 'i386']);
  // facts/system/ssh_pub_keys.py: each host key's data and type
  for (const algo of ['dsa', 'rsa', 'ecdsa', 'ed25519']) {
    const key = first(`/etc/ssh/ssh_host_${algo}_key.pub`)?.split(' ');
    if (key && key.length >= 2)
      out.push([`ssh_host_key_${algo}_public`, key[1]], [`ssh_host_key_${algo}_public_keytype`, key[0]]);
  }
  return out;
}

/** /proc/net/route's little-endian hex address as dotted quads. */
function hexAddress(hex: string): string {
  const n = parseInt(hex, 16);
  return [0, 8, 16, 24].map((shift) => (n >>> shift) & 255).join('.');
}

/** The CPUs in /sys/devices/system/cpu/online's list of ranges ("0-3,8-11"). */
function cpuCount(list: string | undefined): number {
  let n = 0;
  for (const part of (list ?? '').split(',').filter(Boolean)) {
    const [a = 0, b = a] = part.split('-').map(Number);
    n += b - a + 1;
  }
  return n || 1;
}

/** The target's python3, when it has one (runbook needs none). */
function pythonFacts(executable: string | undefined, version: string | undefined): Map<string, unknown> {
  if (!executable || !version) return new Map([['executable', null]]);
  const [major = 0, minor = 0, micro = 0, level = 'final', serial = 0] = version
    .split(' ')
    .map((x, i) => (i === 3 ? x : Number(x)));
  return new Map<string, unknown>([
    ['executable', executable],
    ['has_sslcontext', true],
    ['type', 'cpython'],
    [
      'version',
      new Map<string, unknown>([
        ['major', major],
        ['minor', minor],
        ['micro', micro],
        ['releaselevel', level],
        ['serial', serial],
      ]),
    ],
    ['version_info', [major, minor, micro, level, serial]],
  ]);
}

const MIN = new Set([
  'distribution',
  'distribution_version',
  'distribution_major_version',
  'distribution_release',
  'os_family',
  'hostname',
  'nodename',
  'fqdn',
  'kernel',
  'kernel_version',
  'architecture',
  'machine',
  'system',
  'user_id',
  'user_uid',
  'user_gid',
  'user_dir',
  'user_shell',
  'service_mgr',
  'pkg_mgr',
  'python',
  'date_time',
  'env',
  'local',
]);

/** gather_subset and filter, as setup applies them. */
export function filterFacts(facts: Map<string, unknown>, filters: string[], subsets: string[]): Map<string, unknown> {
  const minOnly = subsets.every((s) => s === 'min' || s.startsWith('!'));
  let out = [...facts].filter(([k]) => !minOnly || MIN.has(k));
  if (filters.length) {
    const res = filters.map(
      (f) =>
        new RegExp(
          `^${f
            .replace(/^ansible_/, '')
            .replace(/[.+^${}()|\\]/g, '\\$&')
            .replace(/\*/g, '.*')
            .replace(/\?/g, '.')}$`,
        ),
    );
    out = out.filter(([k]) => res.some((r) => r.test(k)));
  }
  return new Map(out);
}
