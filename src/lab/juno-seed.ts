// What a Juno lab host holds before its first boot, written into its overlay's upper layer: the
// fake OpenStack packages (lab/fakestack, copied: hosts do not see the checkout), the lab's init,
// SLES 11 SP3's identity, the package repositories (SUSE Cloud 5 = Juno) and the site's data
// (passwords, roles) that stands in for SUSE Cloud's Chef.
import { cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** lab/fakestack in the checkout (dist/lab/*.js and src/lab/*.ts are both two levels down). */
export const FAKESTACK = resolve(dirname(fileURLToPath(import.meta.url)), '../../lab/fakestack');

export interface Site {
  controller_address: string;
  computes: string[];
  roles: Record<string, 'controller' | 'compute'>;
  mysql_root_pw: string;
  [password: string]: unknown;
}

const SLES11 = {
  NAME: 'SLES',
  VERSION: '11.3',
  VERSION_ID: '11.3',
  PRETTY_NAME: 'SUSE Linux Enterprise Server 11 SP3',
  ID: 'sles',
};
const WRAP = (tool: string): string =>
  `#!/bin/sh\nPYTHONPATH=/usr/lib/fakestack exec /usr/bin/python3 -m fakestack.cli ${tool} "$@"\n`;

function put(file: string, text: string, mode = 0o644): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text, { mode });
}

/**
 * What the installation medium brings to a wiped disk: the lab's fake packages and init, its
 * settings, and the repositories' packages with content (packages.ts) under /srv/lab-repos.
 */
export function seedMedium(up: string, site: Site, secondsPerPackage: number, repos?: string): void {
  cpSync(FAKESTACK, join(up, 'usr/lib/fakestack'), { recursive: true, filter: (s) => !s.includes('__pycache__') });
  if (repos) cpSync(repos, join(up, 'srv/lab-repos'), { recursive: true });
  put(join(up, 'usr/sbin/lab-init'), WRAP('lab-init'), 0o755);
  put(join(up, 'etc/zypp/lab.conf'), `${JSON.stringify({ seconds_per_package: secondsPerPackage })}\n`);
  put(join(up, 'etc/fakestack/site.json'), `${JSON.stringify(site, null, 1)}\n`, 0o600);
}

/** Seeds one host's upper layer `up` (idempotent: a seeded host keeps what it has). */
export function seedJunoHost(up: string, site: Site, secondsPerPackage: number, repos?: string): void {
  if (existsSync(join(up, 'usr/lib/fakestack'))) return;
  seedMedium(up, site, secondsPerPackage, repos);
  put(
    join(up, 'etc/os-release'),
    Object.entries(SLES11)
      .map(([k, v]) => `${k}="${v}"\n`)
      .join(''),
  );
  put(join(up, 'etc/SuSE-release'), 'SUSE Linux Enterprise Server 11 (x86_64)\nVERSION = 11\nPATCHLEVEL = 3\n');
  put(
    join(up, 'etc/zypp/repos.d/SLES11-SP3.repo'),
    '[SLES11-SP3]\nname=SLES11-SP3\nenabled=1\nautorefresh=0\nbaseurl=lab:///sles11sp3\n',
  );
  put(
    join(up, 'etc/zypp/repos.d/Cloud-5.repo'),
    '[Cloud-5]\nname=SUSE-Cloud-5-Pool\nenabled=1\nautorefresh=0\nbaseurl=lab:///juno\n',
  );
}
