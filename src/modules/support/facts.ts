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

const PROGRAM = [
  READ,
  'echo "os_release<<"; { while IFS= read -r l || [ -n "$l" ]; do printf \'%s\\n\' "$l"; done < /etc/os-release; } 2>/dev/null; echo ">>"',
  'rb_r /proc/sys/kernel/hostname hostname',
  'echo "fqdn=$(hostname -f 2>/dev/null || hostname)"',
  'rb_r /proc/sys/kernel/osrelease kernel',
  'rb_r /proc/sys/kernel/version kernel_version',
  'if [ -r /proc/sys/kernel/arch ]; then rb_r /proc/sys/kernel/arch machine; else echo "machine=$(uname -m)"; fi',
  'rb_r /proc/sys/kernel/ostype system',
  // the CPUs /proc/cpuinfo lists are the online ones: their ranges, counted in parseFacts
  'rb_r /sys/devices/system/cpu/online cpus_online',
  '{ while read -r k v u; do case $k in MemTotal:) echo "memtotal_kb=$v";; MemFree:) echo "memfree_kb=$v"; break;; esac; done < /proc/meminfo; } 2>/dev/null',
  // os.getuid()/os.getgid() (the real ids), getpass.getuser() (LOGNAME, USER, LNAME, USERNAME, then passwd)
  'while read -r k a b; do case $k in Uid:) uid=$a;; Gid:) gid=$a; break;; esac; done < /proc/self/status',
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
  // the default route from the kernel's table (hex, decoded in parseFacts) instead of `ip`
  '{ while read -r i d g rest; do [ "$d" = 00000000 ] && { echo "route=$i $g"; break; }; done < /proc/net/route; } 2>/dev/null',
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
    if (eq > 0) single.set(line.slice(0, eq), line.slice(eq + 1));
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
  if (!single.has('pyver') && known && single.get('pyid') === known.id) single.set('pyver', known.ver);
  const os = kv(multi.get('os_release') ?? []);
  const id = os.get('ID') ?? 'linux';
  const version = os.get('VERSION_ID') ?? '';
  const [iface, gatewayHex] = (single.get('route') ?? '').split(' ');
  const epoch = Number(single.get('epoch') ?? Math.floor(Date.now() / 1000));
  const d = new Date(epoch * 1000);
  const p = (n: number): string => String(n).padStart(2, '0');
  const facts = new Map<string, unknown>([
    ['distribution', (os.get('NAME') ?? id).split(' ')[0] ?? id],
    ['distribution_version', version],
    ['distribution_major_version', version.split('.')[0] ?? ''],
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
    ['fqdn', single.get('fqdn') ?? ''],
    ['kernel', single.get('kernel') ?? ''],
    ['kernel_version', single.get('kernel_version') ?? ''],
    ['architecture', single.get('machine') ?? ''],
    ['machine', single.get('machine') ?? ''],
    ['system', single.get('system') ?? 'Linux'],
    ['processor_vcpus', cpuCount(single.get('cpus_online'))],
    ['processor_count', cpuCount(single.get('cpus_online'))],
    ['memtotal_mb', Math.floor(Number(single.get('memtotal_kb') || 0) / 1024)],
    ['memfree_mb', Math.floor(Number(single.get('memfree_kb') || 0) / 1024)],
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
    [
      'default_ipv4',
      iface && gatewayHex
        ? new Map([
            ['gateway', hexAddress(gatewayHex)],
            ['interface', iface],
            ['address', ''],
          ])
        : new Map(),
    ],
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
    ['mounts', []],
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
