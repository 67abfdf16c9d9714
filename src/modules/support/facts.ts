// Facts from one shell command: /etc/os-release, uname, /proc, hostname, the default route.
// Names and types follow Ansible's setup module (distribution, os_family, processor_vcpus, …).

import { SERVICE_MGR_PROBE, serviceMgrFrom } from './service-mgr.js';
import { PKG_MGR_PROBE, pkgMgrFrom } from './pkg-mgr.js';

export const FACTS_SCRIPT = [
  'echo "os_release<<"; cat /etc/os-release 2>/dev/null; echo ">>"',
  'echo "hostname=$(hostname 2>/dev/null)"',
  'echo "fqdn=$(hostname -f 2>/dev/null || hostname)"',
  'echo "kernel=$(uname -r)"',
  'echo "kernel_version=$(uname -v)"',
  'echo "machine=$(uname -m)"',
  'echo "system=$(uname -s)"',
  'echo "vcpus=$(grep -c ^processor /proc/cpuinfo 2>/dev/null)"',
  'echo "memtotal_kb=$(awk \'/MemTotal/ {print $2}\' /proc/meminfo 2>/dev/null)"',
  'echo "memfree_kb=$(awk \'/MemFree/ {print $2}\' /proc/meminfo 2>/dev/null)"',
  'echo "user_id=$(id -un)"',
  'echo "user_uid=$(id -u)"',
  'echo "user_gid=$(id -g)"',
  'echo "user_dir=$HOME"',
  'echo "user_shell=$SHELL"',
  // /usr/bin/python3 first, as Ansible's interpreter discovery picks it on Debian and SUSE
  // (a PATH lookup can land on a slow pyenv shim); one interpreter start for the version.
  ...SERVICE_MGR_PROBE,
  ...PKG_MGR_PROBE,
  'py=/usr/bin/python3; [ -x "$py" ] || py=$(command -v python3 2>/dev/null); echo "python=$py"',
  'echo "pyver=$([ -n "$py" ] && "$py" -c \'import sys; v = sys.version_info; print(v.major, v.minor, v.micro, v.releaselevel, v.serial)\' 2>/dev/null)"',
  'echo "default_route=$(ip -4 route show default 2>/dev/null | head -n1)"',
  'echo "epoch=$(date +%s)"',
  'echo "tz=$(date +%Z)"',
  'echo "env<<"; env; echo ">>"',
].join('; ');

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

/** The facts dict (names without the ansible_ prefix). */
export function parseFacts(text: string): Map<string, unknown> {
  const { single, multi } = blocks(text);
  const os = kv(multi.get('os_release') ?? []);
  const id = os.get('ID') ?? 'linux';
  const version = os.get('VERSION_ID') ?? '';
  const route = /via (\S+) dev (\S+)(?:.* src (\S+))?/.exec(single.get('default_route') ?? '');
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
    ['processor_vcpus', Number(single.get('vcpus') || 1)],
    ['processor_count', Number(single.get('vcpus') || 1)],
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
      route
        ? new Map([
            ['gateway', route[1]],
            ['interface', route[2]],
            ['address', route[3] ?? ''],
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
