// pkg_mgr as PkgMgrFactCollector (facts/system/pkg_mgr.py @ 2.14) decides it: the last binary of
// PKG_MGRS present, then the OS family's rule.
import { describe, expect, it } from 'vitest';
import { pkgMgrFrom } from './pkg-mgr.js';

const CASES: [
  bins: string,
  family: string,
  distribution: string,
  major: string,
  want: string,
  extra?: Record<string, string>,
][] = [
  ['dnf apt zypper', 'Debian', 'Debian', '12', 'apt'],
  ['apt zypper', 'Suse', 'SLES', '11', 'zypper'],
  ['yum', 'RedHat', 'CentOS', '7', 'yum'],
  ['yum dnf', 'RedHat', 'Rocky', '9', 'dnf'],
  ['yum dnf', 'RedHat', 'Fedora', '22', 'yum'],
  ['yum dnf', 'RedHat', 'Fedora', '38', 'dnf'],
  ['apt', 'Debian', 'Debian', '12', 'apt_rpm', { pm_apt_rpm: '1' }],
  ['dnf', 'RedHat', 'RedHat', '9', 'atomic_container', { pm_ostree: '1' }],
  ['', 'Linux', 'Linux', '', 'unknown'],
  ['pacman', 'Archlinux', 'Archlinux', '', 'pacman'],
];

describe('pkg_mgr', () => {
  it.each(CASES)('%s on %s %s %s: %s', (bins, family, distribution, major, want, extra = {}) => {
    const answers = new Map(Object.entries({ pm_bins: bins, ...extra }));
    expect(pkgMgrFrom(answers, { family, distribution, major })).toBe(want);
  });
});
