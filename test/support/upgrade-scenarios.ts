// Pieces of the upgrade e2e scenarios both lab engines run (MariaDB: upgrade.test.ts and
// reliability.test.ts; PostgreSQL: juno-lab-postgresql.test.ts).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Running, TestJunoLab } from './juno-lab.js';

/** Nova's own refusal at migration 291 (291_enforce_flavors_migrated.py @ 12.0.0). */
export const MIGRATION_291_REFUSAL =
  /There are still \d+ unmigrated flavor records\. Migration cannot continue until all instance flavor records have been migrated to the new format\. Please run `nova-manage db migrate_flavor_data' first\./;

/** A site directory whose roles/migrate-nova drops the flavor migration: 290, then db sync. */
export function siteWithoutFlavorMigration(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  mkdirSync(join(dir, 'roles/migrate-nova/tasks'), { recursive: true });
  writeFileSync(
    join(dir, 'roles/migrate-nova/tasks/main.yml'),
    '- ansible.builtin.command: nova-manage db sync --version 290\n- ansible.builtin.command: nova-manage db sync\n',
  );
  return dir;
}

/** The arguments of the resume command a failed run's stderr ends with (the lab's apply adds
 *  -f and -i itself), or undefined. */
export function resumeArgs(stderr: string): string[] | undefined {
  const command = /resume with:\n {2}(runbook apply --resume .*upgrade-juno-liberty\.yml)\s*$/.exec(stderr)?.[1];
  return command
    ?.split(' ')
    .slice(2)
    .filter((a, i, all) => !['-f', '-i'].includes(a) && !['-f', '-i'].includes(all[i - 1] ?? ''));
}

/** Once the run prints `banner`, runbook held still (SIGSTOP) while `command` strikes on the
 *  controller, so the fault lands inside that step; the command's exit code. */
export async function strikeAt(lab: TestJunoLab, run: Running, banner: RegExp, command: string): Promise<number> {
  await run.until(banner);
  run.child.kill('SIGSTOP');
  try {
    return lab.ssh('controller1', command).code;
  } finally {
    run.child.kill('SIGCONT');
  }
}

const OS = { juno: 'SUSE Linux Enterprise Server 11 SP3', liberty: 'SUSE Linux Enterprise Server 12 SP1' };

/** What `lab status` shows that is not `release` on its OS with every service active and
 *  enabled: one line per host and fault, none when the whole lab is there. */
export function offRelease(lab: TestJunoLab, release: 'juno' | 'liberty'): string[] {
  const st = JSON.parse(lab.cli('status', '--json').out) as {
    name: string;
    os: string;
    openstack: string;
    services: Record<string, { active: boolean; enabled: boolean }>;
  }[];
  return st.flatMap((h) => [
    ...(h.os === OS[release] ? [] : [`${h.name}: ${h.os}`]),
    ...(h.openstack === release ? [] : [`${h.name}: ${h.openstack}`]),
    ...Object.entries(h.services)
      .filter(([, s]) => !s.active || !s.enabled)
      .map(([name]) => `${h.name}: ${name} not active and enabled`),
  ]);
}

/** A tenant's write that changes no row count (rollback's guard must see it by checksum): the
 *  first live instance renamed. */
export function renameFirstInstance(lab: TestJunoLab): void {
  const uuid = lab.query('nova', 'SELECT uuid FROM instances WHERE deleted = 0 ORDER BY id LIMIT 1');
  lab.query('nova', `UPDATE instances SET display_name = 'renamed-by-a-tenant' WHERE uuid = '${uuid}'`);
}

/** What every full upgrade leaves, whichever its mode (upgrade.test.ts, non-disruptive.test.ts):
 *  the backup on this machine its owner's alone, each host reinstalled with exactly its recorded
 *  package set, the recorded services, RabbitMQ's accounts back, no BREAK or SILENT entry left. */
export function expectUpgradedCloud(lab: TestJunoLab, site: string, hosts: string[]): void {
  // the backup on this machine (dumps, /etc archives) is its owner's alone: files 0600, dirs 0700
  const modes = spawnSync('find', [join(site, 'backups'), '-printf', '%y %m %P\\n'], { encoding: 'utf8' })
    .stdout.trim()
    .split('\n');
  expect(modes.filter((l) => l.endsWith('.sql.gz')).length).toBe(6);
  expect(modes.filter((l) => !/^(f 600|d 700) /.test(l))).toEqual([]);
  // reinstalled through its BMC from its AutoYaST profile: exactly the node's recorded package set
  for (const h of hosts) {
    const recorded = readFileSync(join(site, 'backups', h, 'packages.txt'), 'utf8')
      .split('\n')
      .filter((p) => /^(openstack-|mariadb$|postgresql-server$|rabbitmq-server$)/.test(p));
    expect(lab.ssh(h, "rpm -qa --qf '%{NAME}\\n' | sort").out.trim().split('\n')).toEqual(recorded.sort());
    expect(lab.ssh(h, 'grep -c "<package>" /root/autoinst.xml').out.trim()).toBe(String(recorded.length));
  }
  // the services each host had enabled, recorded by backup, started by finalize — heat's
  // CloudWatch API included, which a fixed list of services left on Juno
  expect(readFileSync(join(site, 'backups/controller1/openstack-services.txt'), 'utf8')).toContain(
    'openstack-heat-api-cloudwatch\n',
  );
  // RabbitMQ's accounts back on the reinstalled broker (the services log in with them)
  expect(lab.ssh('controller1', 'rabbitmqctl -q list_users').out).toContain('nova\t[]');
  expect(lab.ssh('controller1', 'rabbitmqctl -q list_permissions -p /nova').out).toContain('nova\t.*\t.*\t.*');
  // every host on SLES 12 SP1 with Liberty, every service active and enabled
  expect(offRelease(lab, 'liberty')).toEqual([]);
  // no BREAK entry left, and no SILENT one: every service's effective config ignores nothing
  expect(lab.ssh('controller1', 'grep -l -e XmlBodyMiddleware -e .openstack.common.middleware. /etc/*/*.ini').out).toBe(
    '',
  );
  for (const h of hosts) {
    const files = lab
      .ssh(h, 'for f in /var/lib/fakestack/effective/*.json; do cat "$f"; echo; done')
      .out.trim()
      .split(/\n(?=\{)/);
    expect(files.length).toBeGreaterThan(1);
    expect(files.flatMap((j) => (JSON.parse(j) as { ignored: string[] }).ignored)).toEqual([]);
  }
}

/** The run report's Guests table (--guard with --report): name → [availability %, downtime s,
 *  restarted]. */
export function guestsTable(report: string): Record<string, [number, number, string]> {
  const rows = [
    ...readFileSync(report, 'utf8').matchAll(
      /<tr data-guest="([^"]+)" data-downtime="(\d+)" data-availability="([\d.]+)" data-restarted="(\w+)">/g,
    ),
  ];
  return Object.fromEntries(rows.map((m) => [m[1]!, [Number(m[3]), Number(m[2]), m[4]!]]));
}
