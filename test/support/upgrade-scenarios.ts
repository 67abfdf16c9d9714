// Pieces of the upgrade e2e scenarios both lab engines run (MariaDB: upgrade.test.ts and
// reliability.test.ts; PostgreSQL: juno-lab-postgresql.test.ts).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
