// pkg_mgr as Ansible's PkgMgrFactCollector decides it (module_utils/facts/system/pkg_mgr.py @
// 2.14): the LAST manager of PKG_MGRS whose binary exists, then the OS family — Debian is always
// apt, RedHat dnf from major version 8 (Fedora from 23, an ostree-booted host atomic_container)
// else yum — and apt on a host whose rpm provides apt-get is apt_rpm. A setup fact
// (ansible_pkg_mgr), and what package and yum use when `use` is auto.
import type { ModuleContext } from '../define.js';
import { run } from './host-run.js';

const PKG_MGRS = [
  '/usr/bin/rpm-ostree:atomic_container',
  '/usr/bin/yum:yum',
  '/usr/bin/dnf:dnf',
  '/usr/bin/apt-get:apt',
  '/usr/bin/zypper:zypper',
  '/usr/sbin/urpmi:urpmi',
  '/usr/bin/pacman:pacman',
  '/bin/opkg:opkg',
  '/sbin/apk:apk',
  '/usr/bin/emerge:portage',
  '/usr/bin/xbps-install:xbps',
  '/usr/bin/swupd:swupd',
];

/** Shell lines that print the probe's key=value answers (joined into the setup program too), no subshell. */
export const PKG_MGR_PROBE = [
  `printf pm_bins=; for p in ${PKG_MGRS.join(' ')}; do [ -e "\${p%%:*}" ] && printf '%s ' "\${p#*:}"; done; echo`,
  // _check_apt_flavor asks rpm whether a package provides apt-get (apt-rpm); an apt-get that dpkg
  // installed (its apt.list names it, read by the shell) is Debian's, and rpm (~20 ms) is not asked;
  // without rpm there is nothing to ask (and apt.list, read a byte per system call, is not read)
  'dp=; [ -e /usr/bin/rpm ] && { while read -r l; do [ "$l" = /usr/bin/apt-get ] && { dp=1; break; }; done < /var/lib/dpkg/info/apt.list; } 2>/dev/null',
  'if [ -e /usr/bin/rpm ] && [ -z "$dp" ] && /usr/bin/rpm -q --whatprovides /usr/bin/apt-get >/dev/null 2>&1; then echo pm_apt_rpm=1; fi',
  'if [ -e /run/ostree-booted ]; then echo pm_ostree=1; fi',
];

/** The manager from the probe's answers and the distribution facts. */
export function pkgMgrFrom(
  answers: Map<string, string>,
  os: { family: string; distribution: string; major: string },
): string {
  const bins = (answers.get('pm_bins') ?? '').trim().split(/\s+/).filter(Boolean);
  let name = bins[bins.length - 1] ?? 'unknown';
  const has = (m: string): boolean => bins.includes(m);
  const major = Number.parseInt(os.major, 10);
  if (os.family === 'RedHat') {
    if (answers.get('pm_ostree') === '1') name = 'atomic_container';
    else if (os.distribution === 'Fedora' || os.distribution === 'Amazon') {
      const first = os.distribution === 'Fedora' ? 23 : 2022;
      if (Number.isNaN(major)) name = 'dnf';
      else if (major < first) name = has('yum') ? 'yum' : name;
      else name = has('dnf') ? 'dnf' : name;
    } else name = major < 8 ? 'yum' : 'dnf';
  } else if (os.family === 'Debian') name = 'apt';
  if (name === 'apt' && answers.get('pm_apt_rpm') === '1') name = 'apt_rpm';
  return name;
}

const FAMILY: Record<string, string> = {
  debian: 'Debian',
  ubuntu: 'Debian',
  rhel: 'RedHat',
  centos: 'RedHat',
  fedora: 'RedHat',
  rocky: 'RedHat',
  almalinux: 'RedHat',
  ol: 'RedHat',
  amzn: 'RedHat',
};

/** ansible_facts.pkg_mgr when known, else as the fact collector would find it on the host. */
export async function pkgMgr(ctx: ModuleContext): Promise<string> {
  const known = ctx.evaluate("ansible_facts.pkg_mgr | default('')");
  if (typeof known === 'string' && known) return known;
  const r = await run(
    ctx,
    [
      ...PKG_MGR_PROBE,
      '. /etc/os-release 2>/dev/null; echo "id=$ID"; echo "like=$ID_LIKE"; echo "ver=$VERSION_ID"; echo "name=$NAME"',
    ].join('; '),
  );
  const answers = new Map(
    r.out
      .split('\n')
      .filter((l) => l.includes('='))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)] as [string, string]),
  );
  const id = answers.get('id') ?? '';
  const family =
    FAMILY[id] ??
    (answers.get('like') ?? '')
      .split(' ')
      .map((x) => FAMILY[x])
      .find(Boolean) ??
    '';
  const distribution = id === 'amzn' ? 'Amazon' : ((answers.get('name') ?? '').split(' ')[0] ?? '');
  return pkgMgrFrom(answers, { family, distribution, major: (answers.get('ver') ?? '').split('.')[0] ?? '' });
}
