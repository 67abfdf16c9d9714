// Facts from one short shell program (issue 21): the shell's own `read` of small files, one
// `head` for the rest of /proc, /sys and /etc that setup's collectors read, instead of a process
// per fact — the processes left are `head`, one `stat` (/, the interpreter and capsh), `stat -f`
// (the mounts' statvfs), one `date` (facts-date.ts), one `ip addr show` and a subshell for the
// interfaces, `getent` only where the hostname is not in /etc/hosts, `uname -m` where
// /proc/sys/kernel/arch is missing, the probes of service-mgr.ts and pkg-mgr.ts, and where
// setup's collectors would run them: ethtool (two per interface), LVM's vgs/lvs/pvs. The
// environment is the shell's own `export -p` (facts-env.ts). The Python interpreter's version
// (~20–50 ms to start it) and capsh's answer (~4 ms) are asked only when their identity — the
// boot, the binary's inode and mtime, for capsh the shell's ids and capability sets — is not the
// one the controller remembers for the host (probe-cache.ts). Names and types follow Ansible's
// setup module; facts-hardware.ts, facts-network.ts, facts-system.ts, facts-storage.ts,
// facts-restrictive.ts and facts-virtual.ts read the collectors' parts of the answer.

import { SERVICE_MGR_PROBE, serviceMgrFrom } from './service-mgr.js';
import { PKG_MGR_PROBE, pkgMgrFrom } from './pkg-mgr.js';
import { shellProgram } from './shell-program.js';
import { localFacts, localFactsProbe } from './facts-local.js';
import { fnmatchRegExp } from '../../util/index.js';
import { gatheredBy } from './fact-subsets.js';
import { DMI, hardwareFacts } from './facts-hardware.js';
import { DEVICES_LINKS, DEVICES_LIST, DEVICES_PROBE, STORAGE_PROBE, deviceFacts, lvmFacts } from './facts-storage.js';
import { NETWORK_LINKS, NETWORK_LIST, NETWORK_PROBE, networkFacts } from './facts-network.js';
import { VIRTUAL_FILES, VIRTUAL_PROBE, virtualFacts } from './facts-virtual.js';
import { CAPS_PROBE, CAPSH_PATH, RESTRICTIVE_FILES, RESTRICTIVE_PROBE, restrictiveFacts } from './facts-restrictive.js';
import { bestVersion, debianMinor, getfqdn, systemFacts } from './facts-system.js';
import { dateProbe, dateTimeFacts } from './facts-date.js';
import { ENV_PROBE, envFacts } from './facts-env.js';
import type { Probe, Remembered } from './probe-cache.js';

const PY_VERSION = `'import sys; v = sys.version_info; print(v.major, v.minor, v.micro, v.releaselevel, v.serial)'`;

/** `KEY=first line of FILE` with the shell's own read. */
const READ = `rb_r() { v=; IFS= read -r v < "$1"; printf '%s=%s\\n' "$2" "$v"; } 2>/dev/null`;

/**
 * os.getuid()/os.getgid() (the real ids), getpass.getuser() (LOGNAME, USER, LNAME, USERNAME, then
 * passwd) and os.sched_getaffinity(0) (processor_nproc) from /proc/self/status; a Linux-VServer's
 * context (VxID); and the capability sets and ids capsh's answer depends on (cm: the key it is
 * remembered by). The file is head's second, read whole: head has the shell's ids, capability
 * sets and affinity (a child inherits them, and exec of a binary without file capabilities keeps
 * them) — the shell's own `read` would take a system call per byte of its ~1.4 kB.
 */
const IDS_PROBE = [
  `cm=; uid=; gid=; w=; f=$IFS; IFS='
'; set -f`,
  "for l in $hx; do case $l in '==> /proc/self/status <==') w=1; continue;; '==> '*' <=='*) [ -z \"$w\" ] || break; continue;; esac",
  `  [ -n "$w" ] || continue; IFS=' \t'; set -- $l; IFS='
'`,
  '  case $1 in Uid:) uid=$2; cm="$cm$2.$3."; echo "ids=$2 $3";; Gid:) gid=$2; echo "gids=$2 $3";; Cpus_allowed_list:) echo "cpus_allowed=$2";; VxID:) echo "vxid=$2";; Cap???:) cm="$cm$2.";; esac',
  'done; set +f; IFS=$f',
  'un=${LOGNAME:-${USER:-${LNAME:-$USERNAME}}}',
  'if [ -z "$un" ]; then { while IFS=: read -r n x u rest; do [ "$u" = "$uid" ] && { un=$n; break; }; done < /etc/passwd; } 2>/dev/null; fi',
  'echo "user_id=$un"; echo "user_uid=$uid"; echo "user_gid=$gid"',
];

/** The mounts' statvfs: one stat -f for the mount points /etc/mtab (head's first file) lists. */
const MOUNTS_PROBE = [
  `set --; w=; f=$IFS; IFS='
'; set -f`,
  // /etc/mtab is head's first file: the loop ends at the second's header
  "for l in $hx; do case $l in '==> '*' <=='*) [ -n \"$w\" ] && break; w=${l#'==> '}; w=${w%' <=='*}; continue;; esac; case $w in",
  '  /etc/mtab) dv=${l%% *}; r=${l#* }; mt=${r%% *}; r=${r#* }; fs=${r%% *}',
  '    case $dv in /*|\'\\\'*|*:/*) [ "$fs" = none ] || set -- "$@" "$mt";; esac;;',
  'esac; done; set +f; IFS=$f',
  `[ $# = 0 ] || { echo "statfs<<"; stat -f -c '%s %S %b %f %a %c %d' -- "$@" 2>/dev/null; echo ">>"; }`,
];

/**
 * The program's lines for the collectors gather_subset selected: a collector not selected costs
 * nothing where it would start a process or read many files (the devices, mounts' statvfs, ip,
 * capsh, the interpreter's version, local facts); the rest is read whatever the subset.
 */
function programLines(has: (collector: string) => boolean): string[] {
  const hardware = has('hardware');
  const network = has('network');
  return [
    READ,
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
    'echo "user_dir=$HOME"',
    'echo "user_shell=$SHELL"',
    ...SERVICE_MGR_PROBE,
    ...PKG_MGR_PROBE,
    // /usr/bin/python3 first, as Ansible's interpreter discovery picks it on Debian and SUSE
    // (a PATH lookup can land on a slow pyenv shim)
    'py=/usr/bin/python3; [ -x "$py" ] || py=$(command -v python3 2>/dev/null); echo "python=$py"',
    // stderr first: redirections apply left to right, and a missing file's message is the `<`'s
    '{ read -r boot < /proc/sys/kernel/random/boot_id; } 2>/dev/null',
    ...(has('caps') ? CAPSH_PATH : []),
    // one stat for the interpreter's and capsh's identities and /'s inode (is_chroot's fallback,
    // facts-restrictive.ts); each printed line is one of them, in that order
    'set -- $(stat -L -c %i.%Y -- / ${py:+"$py"} ${cs:+"$cs"} 2>/dev/null); ri=${1%%.*}; [ $# = 0 ] || shift',
    'if [ -n "$py" ] && [ $# -gt 0 ]; then pyid=$boot.$1; shift; fi; [ -z "$cs" ] || csid=$1; echo "pyid=$pyid"',
    ...(has('python')
      ? ['if [ -n "$py" ] && [ "$pyid" != "$kpy" ]; then echo "pyver=$("$py" -c ' + PY_VERSION + ' 2>/dev/null)"; fi']
      : []),
    // One head reads whole the files the shell's own read would take a byte per system call of
    // (~8 ms of the host's CPU; an awk costs ~6 ms to start, head ~2), and its answer goes back as
    // it is (`head<<`), sorted out by parseFacts: the mounts get_mount_facts keeps (a device path,
    // not fstype none), cpuinfo's lines for get_cpu_facts, the IPv4 and IPv6 default routes,
    // memory, the kernel's command line, uptime, load, machine id, FIPS, lsb-release, resolv.conf,
    // passwd (gecos), the SSH host keys, DMI, and each interface's and block device's sysfs files
    // (facts-network.ts, facts-storage.ts: named as head's positional parameters). Each mount's
    // statvfs after (one stat -f for all; uuid is not looked up with lsblk, nor bind mounts marked
    // with findmnt).
    'set --',
    ...(network ? NETWORK_LIST : []),
    ...(hardware ? DEVICES_LIST : []),
    // DMI where the machine has it (not every virtual machine does: no twenty opens that fail)
    `[ -d /sys/devices/virtual/dmi/id ] && set -- "$@" ${DMI.map((n) => `/sys/devices/virtual/dmi/id/${n}`).join(' ')}`,
    `o=$(head -v -n 100000 /etc/mtab /proc/self/status /etc/os-release /usr/lib/os-release /proc/cpuinfo /proc/net/route /proc/net/ipv6_route /proc/meminfo /proc/cmdline /proc/uptime /proc/loadavg /etc/machine-id /proc/sys/crypto/fips_enabled /etc/lsb-release /etc/resolv.conf /etc/passwd /etc/ssh/ssh_host_*_key.pub ${RESTRICTIVE_FILES.join(' ')} ${VIRTUAL_FILES.join(' ')} "$@" 2>/dev/null)`,
    // head's first two files, /etc/mtab and /proc/self/status, for the shell's loops: splitting
    // all of head's answer into lines would be most of their work
    "hx=${o%%'==> /etc/os-release <=='*}",
    ...IDS_PROBE,
    // one subshell resolves the sysfs links cd -P can (no readlink process per link)
    ...(network || hardware
      ? [
          `echo "sysfslinks<<"; (${[...(network ? NETWORK_LINKS : []), ...(hardware ? DEVICES_LINKS : [])].join('\n')}); echo ">>"`,
        ]
      : []),
    'echo "head<<"; printf "%s\\n" "$o"; echo ">>"',
    ...RESTRICTIVE_PROBE,
    ...(has('caps') ? CAPS_PROBE : []),
    ...VIRTUAL_PROBE,
    'command -v lsb_release >/dev/null 2>&1 && echo lsb_bin=1; [ -e /sys/kernel/security/apparmor ] && echo apparmor=1',
    ...(network ? NETWORK_PROBE : []),
    ...(hardware ? [...STORAGE_PROBE, ...DEVICES_PROBE] : []),
    ...(hardware ? MOUNTS_PROBE : []),
    ...dateProbe(Date.now() / 1000),
    ENV_PROBE,
  ];
}

/**
 * The facts program; `known` has the identities (probe-cache.ts) whose answers the controller
 * already has for this host: then the interpreter or capsh is not started.
 * `collectors`: those gather_subset selects (fact-subsets.ts); all when not given.
 */
export function factsProgram(
  known: Partial<Record<Probe, Remembered>> = {},
  factPath = '/etc/ansible/facts.d',
  collectors?: ReadonlySet<string>,
): string {
  const has = (c: string): boolean => !collectors || collectors.has(c);
  const id = (p: Probe): string => (known[p]?.id ?? '').replace(/[^\w.-]/g, '');
  return shellProgram('rb_facts', [
    `kpy=${id('python')}; kcaps=${id('caps')}`,
    ...programLines(has),
    ...(has('local') ? localFactsProbe(factPath) : []),
  ]);
}

/** The local facts (ansible_local) in the program's answer, and the warnings setup gives for them. */
export function localFactsOf(text: string): { local?: Map<string, unknown>; warnings: string[] } {
  return localFacts(blocks(text).multi.get('localfacts'));
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

/** The answers this run's program got from the interpreter and capsh, with their identities. */
export function probeAnswers(text: string): Partial<Record<Probe, Remembered>> {
  const { single, multi } = blocks(text);
  const out: Partial<Record<Probe, Remembered>> = {};
  const pyid = single.get('pyid');
  const ver = single.get('pyver');
  if (pyid && ver) out.python = { id: pyid, value: ver };
  const capsid = single.get('capsid');
  const caps = multi.get('caps');
  // caps.py reads only the Current: line
  const current = caps?.filter((l) => l.startsWith('Current:'));
  if (capsid && current) out.caps = { id: capsid, value: JSON.stringify({ rc: single.get('caps_rc'), caps: current }) };
  return out;
}

/** What the program did not ask again: the remembered answers whose identity still holds. */
function fillRemembered(
  single: Map<string, string>,
  multi: Map<string, string[]>,
  known: Partial<Record<Probe, Remembered>>,
): void {
  if (!single.has('pyver') && known.python && single.get('pyid') === known.python.id)
    single.set('pyver', known.python.value);
  if (!multi.has('caps') && known.caps && single.get('capsid') === known.caps.id) {
    const { rc, caps } = rememberedCaps(known.caps.value);
    multi.set('caps', caps);
    if (rc !== undefined) single.set('caps_rc', rc);
  }
}

/** capsh's remembered answer; a cache edited into something else is no answer (caps N/A). */
function rememberedCaps(value: string): { rc?: string; caps: string[] } {
  try {
    const v = JSON.parse(value) as { rc?: unknown; caps?: unknown };
    const caps = Array.isArray(v.caps) ? v.caps.filter((l): l is string => typeof l === 'string') : [];
    return { ...(typeof v.rc === 'string' ? { rc: v.rc } : {}), caps };
  } catch {
    return { caps: [] };
  }
}

/**
 * The facts dict (names without the ansible_ prefix); `known`: the remembered answers the program
 * was told about (it did not start the interpreter or capsh where their identity matched).
 */
export function parseFacts(text: string, known: Partial<Record<Probe, Remembered>> = {}): Map<string, unknown> {
  const { single, multi } = blocks(text);
  const files = headFiles(multi.get('head') ?? []);
  fillRemembered(single, multi, known);
  // distro.py's os-release: /etc/os-release, else /usr/lib/os-release (both read by head)
  const os = kv(files.get('/etc/os-release') ?? files.get('/usr/lib/os-release') ?? []);
  const id = os.get('ID') ?? 'linux';
  const version = os.get('VERSION_ID') ?? '';
  const fqdn = getfqdn(single.get('hostname') ?? '', single.get('fqdn_names'));
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
    ...hardwareFacts(files, single, multi.get('statfs') ?? []),
    lvmFacts(single, multi),
    ...deviceFacts(files, single, multi),
    ...systemFacts(files, single, os),
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
    ...networkFacts(files, single, multi),
    ...restrictiveFacts(files, single, multi, rootFsType(files)),
    ...virtualFacts(files, single),
    ['date_time', dateTimeFacts(multi.get('date') ?? [])],
    ['env', envFacts(multi.get('env') ?? [], single.get('python'), single.has('sh_bash'))],
  ]);
  const local = localFacts(multi.get('localfacts')).local;
  if (local) facts.set('local', local);
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

/** The type of the file system mounted last on / (chroot.py asks stat -f for it). */
function rootFsType(files: Map<string, string[]>): string | undefined {
  return (files.get('/etc/mtab') ?? [])
    .map((l) => l.split(' '))
    .filter((f) => f[1] === '/')
    .pop()?.[2];
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

/** Facts every subset keeps: CollectorMetaDataCollector's, added after the collectors. */
const META = new Set(['gather_subset', 'module_setup']);

/** A fact's name in setup's answer: ansible_-prefixed, but for the meta collector's (it has no namespace). */
export function resultKey(fact: string): string {
  return META.has(fact) ? fact : `ansible_${fact}`;
}

/**
 * The collectors gather_subset selected (fact-subsets.ts), and filter, as setup applies them: the filter
 * (AnsibleFactCollector._filter) matches each fact's name in the answer (resultKey) with fnmatch,
 * and a pattern without the ansible_ prefix also as ansible_<pattern>; an empty filter or '*'
 * keeps everything.
 */
export function filterFacts(
  facts: Map<string, unknown>,
  filters: string[],
  collectors: ReadonlySet<string>,
): Map<string, unknown> {
  // the network collector's facts include one per interface, named as the interface
  const ifaces = new Set((facts.get('interfaces') as string[] | undefined) ?? []);
  let out = [...facts].filter(
    ([k]) => META.has(k) || gatheredBy(k, collectors) || (ifaces.has(k) && collectors.has('network')),
  );
  if (filters.length && !(filters.length === 1 && filters[0] === '*')) {
    const res = filters.flatMap((f) =>
      !f
        ? [/^/]
        : /^(ansible_|facter|ohai)/.test(f)
          ? [fnmatchRegExp(f)]
          : [fnmatchRegExp(f), fnmatchRegExp(`ansible_${f}`)],
    );
    out = out.filter(([k]) => res.some((r) => r.test(resultKey(k))));
  }
  return new Map(out);
}
