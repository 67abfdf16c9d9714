// The lab repositories' packages that carry real content: python-nova of each release, with the
// nova/cmd/manage.py code a check can read (lab/fakestack/fakestack/files: nova's DbCommands at
// 2014.2.4 and 12.0.6, and for SUSE's 12.0.6 with Kilo's migrate_flavor_data appended), built as
// real RPMs with rpmbuild into DIR/repos/<release>/noarch (once; the hosts get them with the
// installation medium under /srv/lab-repos, where their zypper downloads from).
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FAKESTACK } from './juno-seed.js';

/** Release → python-nova version (catalog.py's VERSIONS). */
const NOVA: Record<string, string> = { juno: '2014.2.4', liberty: '12.0.6', 'liberty-upstream': '12.0.6' };

function spec(version: string, vendor: string): string {
  return [
    'Name: python-nova',
    `Version: ${version}`,
    'Release: 1.1',
    'Summary: OpenStack Compute (the lab: nova/cmd/manage.py only)',
    'License: Apache-2.0',
    `Vendor: ${vendor}`,
    'BuildArch: noarch',
    '%description',
    'The nova Python package of the lab repository: its nova-manage commands.',
    '%install',
    'mkdir -p %{buildroot}/usr/lib/python2.7/site-packages/nova/cmd',
    'cp %{_sourcedir}/manage.py %{buildroot}/usr/lib/python2.7/site-packages/nova/cmd/manage.py',
    '%files',
    '/usr/lib/python2.7/site-packages/nova/cmd/manage.py',
    '',
  ].join('\n');
}

const FILES = join(FAKESTACK, 'fakestack/files');

/** nova/cmd/manage.py's DbCommands of a release; SUSE's Liberty is upstream's with Kilo's command appended. */
function managePy(release: string): string {
  if (release !== 'liberty') return readFileSync(join(FILES, `manage-${release}.py`), 'utf8');
  const upstream = readFileSync(join(FILES, 'manage-liberty-upstream.py'), 'utf8').trimEnd();
  const kilo = readFileSync(join(FILES, 'kilo-migrate-flavor-data.py'), 'utf8')
    .split('\n')
    .filter((l) => !l.startsWith('#'))
    .join('\n');
  return `${upstream}\n\n${kilo}`;
}

/** Builds the packages missing under DIR/repos; returns that directory. */
export function buildLabPackages(dir: string): string {
  const repos = join(dir, 'repos');
  for (const [release, version] of Object.entries(NOVA)) {
    const out = join(repos, release, 'noarch');
    if (existsSync(out) && readdirSync(out).some((f) => f.endsWith('.rpm'))) continue;
    const top = mkdtempSync(join(tmpdir(), 'rb-rpm-'));
    try {
      for (const d of ['SOURCES', 'SPECS', 'BUILD', 'RPMS', 'SRPMS', 'BUILDROOT']) mkdirSync(join(top, d));
      writeFileSync(join(top, 'SOURCES/manage.py'), managePy(release));
      writeFileSync(
        join(top, 'SPECS/python-nova.spec'),
        spec(version, release === 'liberty-upstream' ? 'OpenStack' : 'SUSE LLC'),
      );
      execFileSync('rpmbuild', ['-bb', '--quiet', '--define', `_topdir ${top}`, join(top, 'SPECS/python-nova.spec')], {
        stdio: 'ignore',
      });
      mkdirSync(out, { recursive: true });
      const rpm = `python-nova-${version}-1.1.noarch.rpm`;
      copyFileSync(join(top, 'RPMS/noarch', rpm), join(out, rpm));
    } finally {
      rmSync(top, { recursive: true, force: true });
    }
  }
  return repos;
}
