// The flagship on the lab (issue 7): `runbook apply upgrade-juno-liberty.yml` by name from a
// site directory, end to end on 1 controller + 2 computes; the outcome counted by this test's
// own queries (not by finalize); a second run changes nothing; the upstream Liberty package set
// is refused by preflight before anything stops. Own lab on 127.0.2.51+.
import { spawnSync } from 'node:child_process';
import { statSync, mkdirSync, readdirSync, readFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CHROMIUM, chromiumUnavailable } from '../support/chromium.js';

/** The DOM of a timeline row, as much as the test reads (the test code has no DOM types). */
interface TimelineRow {
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): { length: number };
}
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { junoLabUnavailable, startJunoLab, type TestJunoLab } from '../support/juno-lab.js';
import { CLI, recap } from '../support/ssh-lab.js';
import { cloudDb, type CloudDb, type Row } from '../support/cloud-db.js';
import {
  expectUpgradedCloud,
  guestsTable,
  MIGRATION_291_REFUSAL,
  offRelease,
  renameFirstInstance,
  resumeArgs,
  siteWithoutFlavorMigration,
} from '../support/upgrade-scenarios.js';

const skip = junoLabUnavailable();
const CHECKOUT = fileURLToPath(new URL('../..', import.meta.url));
let lab: TestJunoLab;
let site: string;
let db: CloudDb;
const checksums = (): Row[] => db.checksums();
const wholeDatabase = (): Row[] => db.wholeDatabase();
const instances = (): Row[] => db.instances();
const rows = (name: string, sql: string): Row[] => db.rows(name, sql);

/** The result lines of every run of the task named `name` in a run's output. */
function taskBlocks(out: string, name: string): string[] {
  return out
    .split('\nTASK [')
    .filter((b) => b.startsWith(`${name}]`))
    .map((b) => b.split('\n\n')[0] ?? '');
}

describe.skipIf(skip)('runbook apply upgrade-juno-liberty.yml on the lab', () => {
  let before: { checksums: Row[]; instances: Row[]; whole: Row[]; domains: string[] };
  /** The instances running on the computes, as libvirt (the lab's virsh) sees them. */
  const domains = (): string[] =>
    ['compute1', 'compute2'].flatMap((h) =>
      lab
        .ssh(h, 'virsh list --name')
        .out.split('\n')
        .filter(Boolean)
        .map((d) => `${h}:${d}`),
    );
  beforeAll(() => {
    lab = startJunoLab('default', 51, 2);
    db = cloudDb(lab);
    site = mkdtempSync(join(tmpdir(), 'rb-site-'));
    before = { checksums: checksums(), instances: instances(), whole: wholeDatabase(), domains: domains() };
    expect(before.domains.length).toBeGreaterThan(4);
  }, 600_000);
  afterAll(() => lab?.down(), 120_000);

  it('ansible-playbook 2.14 runs the shipped preflight (--check, by path from the checkout) on the lab with the same result as runbook', (t) => {
    const ansible = spawnSync('ansible-playbook', ['--version'], { encoding: 'utf8' });
    const collection = spawnSync('ansible-doc', ['-t', 'module', 'community.mysql.mysql_query'], { encoding: 'utf8' });
    if (ansible.status !== 0 || collection.status !== 0) {
      console.warn(
        "ansible-playbook or community.mysql missing: apt-get install -y ansible-core ansible (Debian's ansible brings the collections)",
      );
      t.skip();
      return;
    }
    expect(ansible.stdout).toMatch(/core 2\.14\./);
    const args = ['-i', join(lab.dir, 'inventory.ini'), 'playbooks/upgrade/00-preflight.yml', '--check'];
    // the discovery warning is Ansible's own about Python on the hosts, which runbook does not use
    const env = { ...process.env, ANSIBLE_NOCOLOR: '1', ANSIBLE_PYTHON_INTERPRETER: 'auto_silent' };
    const run = (cmd: string, argv: string[]): { code: number | null; lines: string[]; out: string } => {
      const r = spawnSync(cmd, argv, { encoding: 'utf8', cwd: CHECKOUT, env, timeout: 300_000 });
      const out = r.stdout + r.stderr;
      return {
        code: r.status,
        out,
        // the hosts of an `included: FILE for A, B` line come in the order their results did
        lines: out
          .split('\n')
          .filter((l) => l.trim())
          .map((l) =>
            l.replace(
              /^(included: \S+ for )(.*)$/,
              (_m, head: string, hosts: string) => head + hosts.split(', ').sort().join(', '),
            ),
          )
          .sort(),
      };
    };
    const a = run('ansible-playbook', args);
    const b = run('node', [CLI, 'apply', ...args]);
    expect(a.code, a.out.slice(-3000)).toBe(0);
    expect(b.code, b.out.slice(-3000)).toBe(a.code);
    for (const h of ['controller1', 'compute1', 'compute2']) expect(recap(b.out, h)).toEqual(recap(a.out, h));
    // the same banners and result lines (hosts answer in any order within a task)
    expect(b.lines).toEqual(a.lines);
  }, 600_000);

  it('refuses by name what the path does not handle — an Oracle database, pacemaker/DRBD, LBaaS — in --check and not, changing nothing', () => {
    const files = ['/etc/nova/nova.conf', '/etc/neutron/neutron.conf'];
    const keep = lab.ssh('controller1', files.map((f) => `cp -p ${f} ${f}.rb-test`).join(' && '));
    expect(keep.code).toBe(0);
    try {
      const setUp = lab.ssh(
        'controller1',
        [
          "sed -i 's|^connection *=.*|connection = oracle://nova:secret@db/nova|' /etc/nova/nova.conf",
          "sed -i 's|^service_plugins *=.*|service_plugins = router,lbaas|' /etc/neutron/neutron.conf",
          'grep -q ^service_plugins /etc/neutron/neutron.conf || sed -i "/^\\[DEFAULT\\]/a service_plugins = router,lbaas" /etc/neutron/neutron.conf',
          'touch /etc/drbd.conf',
        ].join(' && '),
      );
      expect(setUp.code, setUp.err).toBe(0);
      const sums = lab.ssh('controller1', 'md5sum /etc/*/*.conf /etc/*/*.ini | sort').out;
      for (const check of [['--check'], []]) {
        const r = lab.apply([...check, 'upgrade-juno-liberty.yml'], site);
        expect(r.code, r.out.slice(-2000)).toBe(2);
        expect(r.out).toMatch(
          /controller1 is outside what this upgrade handles: a pacemaker\/DRBD HA control plane \(drbd\); the oracle database engine \(MariaDB\/MySQL or PostgreSQL only\); neutron subproject databases \(router,lbaas: LBaaS\/FWaaS\/VPNaaS need neutron-db-manage --subproject\); nothing was changed\./,
        );
        expect(r.out).not.toContain('TASK [backup');
      }
      expect(lab.ssh('controller1', 'md5sum /etc/*/*.conf /etc/*/*.ini | sort').out).toBe(sums);
      const st = JSON.parse(lab.cli('status', '--json').out) as { services: Record<string, { active: boolean }> }[];
      expect(st.every((h) => Object.values(h.services).every((x) => x.active))).toBe(true);
    } finally {
      lab.ssh('controller1', `rm -f /etc/drbd.conf; ${files.map((f) => `mv -f ${f}.rb-test ${f}`).join('; ')}`);
    }
  }, 300_000);

  it("refuses the upstream Liberty package set in preflight by its package's content, before any service is stopped; SUSE's is accepted", () => {
    const r = lab.apply(
      [
        '-e',
        '{"upgrade_cloud_repo": {"name": "Liberty", "url": "lab:///liberty-upstream"}}',
        'upgrade-juno-liberty.yml',
      ],
      site,
    );
    expect(r.code, r.out.slice(-2000)).toBe(2);
    // told apart by the package's own code: python-nova downloaded, its manage.py read
    expect(r.out).toContain(
      'ships upstream Liberty nova (python-nova-12.0.6-1.1.noarch.rpm), whose nova-manage has no `db migrate_flavor_data` in DbCommands',
    );
    expect(r.out).not.toContain('TASK [backup');
    const st = JSON.parse(lab.cli('status', '--json').out) as { services: Record<string, { active: boolean }> }[];
    expect(st.every((h) => Object.values(h.services).every((s) => s.active))).toBe(true);
    // the same check on SUSE Cloud 6's repository finds the command in the same class of the same file
    const suse = lab.apply(['--check', 'upgrade/00-preflight.yml'], site);
    expect(suse.code, suse.out.slice(-2000)).toBe(0);
    expect(taskBlocks(suse.out, 'preflight : the target nova keeps the flavor migration').join('')).toContain(
      'skipping: [controller1]',
    );
  }, 300_000);

  it("a site directory with only roles/backup runs the shipped playbook with the site's backup role", () => {
    const own = mkdtempSync(join(tmpdir(), 'rb-site-override-'));
    mkdirSync(join(own, 'roles/backup/tasks'), { recursive: true });
    writeFileSync(
      join(own, 'roles/backup/tasks/main.yml'),
      '- ansible.builtin.fail:\n    msg: the site backup role ran\n',
    );
    writeFileSync(
      join(own, 'roles/backup/tasks/database.yml'),
      '- ansible.builtin.fail:\n    msg: the site backup role ran\n',
    );
    const r = lab.apply(['upgrade-juno-liberty.yml'], own);
    expect(r.code, r.out.slice(-2000)).toBe(2);
    expect(r.out).toContain('TASK [preflight : ');
    expect(r.out).toContain('"msg": "the site backup role ran"');
    const roles = spawnSync('node', [CLI, 'roles'], { encoding: 'utf8', cwd: own }).stdout;
    expect(roles).toMatch(
      new RegExp(`^backup\\s+site\\s+${own}/roles/backup {2}\\(replaces the shipped backup\\)$`, 'm'),
    );
    expect(roles).toMatch(/^migrate-nova\s+shipped\s+\S+\/roles\/migrate-nova$/m);
  }, 300_000);

  it('a site roles/backup without tasks/database.yml is refused when the playbook loads, naming the file — in --syntax-check, --list-tasks and a run — before anything runs', () => {
    const own = mkdtempSync(join(tmpdir(), 'rb-site-half-'));
    mkdirSync(join(own, 'roles/backup/tasks'), { recursive: true });
    writeFileSync(
      join(own, 'roles/backup/tasks/main.yml'),
      '- ansible.builtin.debug:\n    msg: a generic backup role\n',
    );
    for (const mode of [['--syntax-check'], ['--list-tasks'], []]) {
      const r = lab.apply([...mode, 'upgrade-juno-liberty.yml'], own);
      expect(r.code, r.out + r.err).toBe(4);
      expect(r.out + r.err).toContain(
        `the role 'backup' at ${own}/roles/backup replaces the shipped one but has no tasks/database.yml, which playbooks/upgrade/10-backup.yml uses`,
      );
      expect(r.out).not.toContain('TASK [');
    }
  }, 120_000);

  it('a database backup that fails ends the upgrade there: no host is reinstalled, every host stays on Juno with its services', () => {
    // The site's backup role does nothing on the service hosts and fails the dump: the play
    // "backup — databases" (controller1 alone) fails, and ansible-playbook ends the playbook
    // when every host of a batch failed (PlaybookExecutor) — runbook went on to reinstall.
    const own = mkdtempSync(join(tmpdir(), 'rb-site-failed-dump-'));
    mkdirSync(join(own, 'roles/backup/tasks'), { recursive: true });
    writeFileSync(
      join(own, 'roles/backup/tasks/main.yml'),
      '- ansible.builtin.debug:\n    msg: services left running\n',
    );
    writeFileSync(join(own, 'roles/backup/tasks/database.yml'), '- ansible.builtin.command: /bin/false\n');
    type Status = {
      name: string;
      os: string;
      openstack: string;
      services: Record<string, { active: boolean }>;
      databases?: unknown;
    }[];
    const status = (): Status =>
      (JSON.parse(lab.cli('status', '--json').out) as Status).map((h) => ({
        name: h.name,
        os: h.os,
        openstack: h.openstack,
        services: h.services,
        databases: h.databases,
      }));
    const statusBefore = status();
    const r = lab.apply(['upgrade-juno-liberty.yml'], own);
    expect(r.code, r.out.slice(-2000)).toBe(2);
    expect(r.out).toContain('PLAY [backup — databases]');
    expect(r.out).toMatch(/fatal: \[controller1\]: FAILED!/);
    expect(r.out).not.toContain('PLAY [reinstall]');
    expect(r.out).not.toContain('TASK [reinstall');
    const hosts = status();
    expect(hosts.length).toBeGreaterThan(2);
    for (const h of hosts) {
      expect({ host: h.name, os: h.os, openstack: h.openstack }).toEqual({
        host: h.name,
        os: 'SUSE Linux Enterprise Server 11 SP3',
        openstack: 'juno',
      });
      expect(
        Object.values(h.services).every((s) => s.active),
        `${h.name}: services running`,
      ).toBe(true);
    }
    expect(hosts).toEqual(statusBefore);
  }, 300_000);

  it('a site migrate-nova that drops the flavor migration fails at db sync with the real 291 message, nova at 290; --resume completes; rollback-juno.yml returns to Juno', () => {
    const own = siteWithoutFlavorMigration('rb-site-simplified-');
    const r = lab.apply(['upgrade-juno-liberty.yml'], own);
    expect(r.code, r.out.slice(-2000)).toBe(2);
    expect(r.out).toMatch(MIGRATION_291_REFUSAL);
    expect(lab.query('nova', "SELECT version FROM migrate_version WHERE repository_id = 'nova'")).toBe('290');
    expect(domains()).toEqual([]); // shut down cleanly by backup, not yet started again
    // the output ends with what is left and the command that resumes; the state is in .runbook/
    expect(r.err).toMatch(/controller1: failed at "[^"]*" \(\S*roles\/migrate-nova\/tasks\/main\.yml:2\)\n/);
    const resume = resumeArgs(r.err);
    expect(resume, r.err).toBeDefined();
    expect(
      readdirSync(join(own, '.runbook')).filter((f) => f.startsWith('upgrade-juno-liberty-') && f.endsWith('.json')),
    ).toHaveLength(1);
    // the override removed, --resume goes on from where it stopped: steps that changed the cloud
    // are not run twice (no new dump over the Juno backup, no second reinstall or restore)
    rmSync(join(own, 'roles'), { recursive: true });
    const again = lab.apply(resume!, own);
    expect(again.code, again.out.slice(-3000)).toBe(0);
    expect(again.out).toMatch(
      /TASK \[migrate-services : each service's database synced\][^\n]*\nok: \[controller1\]\n/,
    );
    for (const t of [
      'backup : dumps on the database host',
      'restore : each database dropped and imported from its dump',
      'restore : imported',
    ]) {
      expect(taskBlocks(again.out, t).join('')).not.toContain('changed:');
    }
    expect(lab.query('nova', "SELECT version FROM migrate_version WHERE repository_id = 'nova'")).toBe('302');
    // rollback-juno.yml from there: the cloud back on Juno with the data of before
    const back = lab.apply(['rollback-juno.yml'], own);
    expect(back.code, back.out.slice(-3000)).toBe(0);
    expect(wholeDatabase()).toEqual(before.whole);
    expect(domains()).toEqual(before.domains);
    expect(lab.query('mysql', "SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = 'nova_api'")).toBe(
      '0',
    );
    expect(offRelease(lab, 'juno')).toEqual([]);
  }, 900_000);

  it('rollback refuses without a verified backup', () => {
    const empty = mkdtempSync(join(tmpdir(), 'rb-site-nobackup-'));
    const r = lab.apply(['rollback-juno.yml'], empty);
    expect(r.code, r.out.slice(-2000)).toBe(2);
    expect(r.out).toContain('rollback refuses, it would have nothing to return to');
  }, 120_000);

  it('upgrades the cloud: Liberty versions, flavors migrated to their original flavor, nothing lost', () => {
    const guard = ['--guard', join(lab.dir, 'guests.yml')];
    const r = lab.apply(['--report', join(site, 'run.html'), ...guard, 'upgrade-juno-liberty.yml'], site);
    expect(r.code, r.out.slice(-3000)).toBe(0);
    // the default path's cost to the tenants, measured: every guest that ran was down (shut down
    // in backup, started in finalize) and restarted; the footer gives the total
    const guests = guestsTable(join(site, 'run.html'));
    expect(Object.keys(guests).sort()).toEqual(before.domains.map((d) => d.split(':')[1]).sort());
    for (const [name, [, downtime, restarted]] of Object.entries(guests)) {
      expect(downtime, name).toBeGreaterThan(0);
      expect(restarted, name).toBe('yes');
    }
    expect(r.err).toMatch(/guardian: \d+ guests probed every second[^\n]*; guest downtime [1-9]\d* s in total/);
    for (const h of ['controller1', 'compute1', 'compute2']) expect(recap(r.out, h).failed).toBe(0);
    const v = (db: string, repo: string): string =>
      lab.query(db, `SELECT version FROM migrate_version WHERE repository_id = '${repo}'`);
    expect([
      v('nova', 'nova'),
      v('nova_api', 'nova_api'),
      v('keystone', 'keystone'),
      v('glance', 'Glance Migrations'),
      v('cinder', 'cinder'),
      v('heat', 'heat'),
    ]).toEqual(['302', '3', '75', '42', '60', '65']);
    expect(lab.query('neutron', 'SELECT GROUP_CONCAT(version_num ORDER BY version_num) FROM alembic_version')).toBe(
      '34af2b5c5a59,4af11ca47297',
    );
    expect(db.sysmetaFlavors()).toBe('0');
    // every live instance's flavor JSON is the flavor it had before, and its states are unchanged
    expect(instances()).toEqual(before.instances);
    expect(db.migratedFlavors()).toEqual(before.instances.map((i) => [i[0], i[3]]));
    expect(checksums()).toEqual(before.checksums);
    // the instances that ran before run again (shut down in backup, started before nova-compute)
    expect(domains()).toEqual(before.domains);
    // guests without ACPI (the pre-Juno ones) ignored the clean shutdown: preflight named them,
    // backup powered them off after guest_shutdown_timeout and recorded them; they run again
    const deaf = rows(
      'nova',
      "SELECT uuid, host FROM instances WHERE deleted = 0 AND display_name LIKE '%-pre-juno' ORDER BY id",
    );
    expect(deaf.length).toBeGreaterThan(0);
    for (const h of ['compute1', 'compute2']) {
      const names = deaf.filter((d) => d[1] === h).map((d) => `instance-${d[0]!.slice(0, 8)}`);
      if (!names.length) continue;
      expect(r.out).toContain(`guest(s) without ACPI on ${h}: ${[...names].sort().join(', ')}`);
      const file = readFileSync(join(site, 'backups', h, 'forced-off-domains.txt'), 'utf8')
        .trim()
        .split('\n');
      expect(file.sort()).toEqual([...names].sort());
    }
    expectUpgradedCloud(lab, site, ['controller1', 'compute1', 'compute2']);
  }, 900_000);

  it('the run report opens in headless Chromium with its stages, hosts and timeline', async (t) => {
    const why = chromiumUnavailable();
    if (why) {
      console.warn(why);
      t.skip();
      return;
    }
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(pathToFileURL(join(site, 'run.html')).href);
      expect(await page.locator('#outcome').innerText()).toBe('ok');
      // the guardian's table: a row per guest that ran, and the total in the header
      expect(await page.locator('#guests tr[data-guest]').count()).toBe(before.domains.length);
      expect(await page.locator('#guest-downtime').innerText()).toMatch(/^[1-9]\d* s$/);
      const stages = (await page.locator('#stages tr td:first-child').allInnerTexts()).map((t) => t.trim());
      expect(stages).toEqual(
        expect.arrayContaining([
          'preflight',
          'backup — databases',
          'reinstall',
          'restore',
          'migrate-services',
          'migrate-nova',
          'finalize — verify',
        ]),
      );
      // the forecast beside the actual, from preflight's downtime_forecast
      expect(await page.locator('#stages tr', { hasText: 'migrate-nova' }).first().innerText()).toMatch(
        /\d+\.\d s\s+\d+ s \(migrate-nova\)/,
      );
      const rows = await page
        .locator('#timeline .row')
        .evaluateAll((els: TimelineRow[]) =>
          els.map(
            (e) =>
              [
                e.getAttribute('data-host'),
                e.querySelectorAll('.seg').length,
                e.querySelectorAll('.window').length,
              ] as const,
          ),
        );
      expect(rows.map((r) => r[0]).sort()).toEqual(['compute1', 'compute2', 'controller1']);
      for (const [, segments, window] of rows) {
        expect(segments).toBeGreaterThan(3);
        expect(window).toBe(1);
      }
      const shot = join(site, 'run.png');
      await page.screenshot({ path: shot, fullPage: true });
      expect(statSync(shot).size).toBeGreaterThan(10_000);
      console.log(`report screenshot: ${shot}`);
    } finally {
      await browser.close();
    }
  }, 120_000);

  it('a second run changes nothing', () => {
    const r = lab.apply(['upgrade-juno-liberty.yml'], site);
    expect(r.code, r.out.slice(-3000)).toBe(0);
    for (const h of ['controller1', 'compute1', 'compute2'])
      expect(recap(r.out, h)).toMatchObject({ changed: 0, failed: 0 });
  }, 600_000);

  it('rollback refuses after an UPDATE that changes no row count, naming the table; nothing is stopped', () => {
    renameFirstInstance(lab);
    const r = lab.apply(['rollback-juno.yml'], site);
    expect(r.code, r.out.slice(-2000)).toBe(2);
    expect(r.out).toMatch(
      /a rollback would lose them: nova\.instances: rows changed since the upgrade finished \(checksum \d+, now \d+\)/,
    );
    expect(r.out).not.toContain('TASK [rollback : services disabled and stopped]');
    expect(offRelease(lab, 'liberty')).toEqual([]);
  }, 300_000);
});
