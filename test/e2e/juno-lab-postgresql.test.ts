// The Juno lab on PostgreSQL (issue 19): `runbook lab up --database postgresql` deploys SUSE
// Cloud 5 as Crowbar did by default — PostgreSQL on the controller, every service's database,
// role and Juno schema there, seeded, the services running on it — and the shipped upgrade runs
// on it end to end, counted by this test's own SQL: the 291 failure and --resume, rollback with
// every table back, the full upgrade, a second run changing nothing, the rollback guard's
// checksums, and the vaulted password in no output, report, state file or argv. One lab for all
// (the cases run in order, each leaving the cloud where the next starts). Own lab on 127.0.2.71+.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encryptVault } from '../../src/vault/index.js';
import { runUnderShims, secretIn } from '../support/argv-shims.js';
import { cloudDb, type CloudDb, type Row } from '../support/cloud-db.js';
import { junoLabUnavailable, startJunoLab, type TestJunoLab } from '../support/juno-lab.js';
import { recap } from '../support/ssh-lab.js';
import {
  MIGRATION_291_REFUSAL,
  offRelease,
  renameFirstInstance,
  resumeArgs,
  siteWithoutFlavorMigration,
  strikeAt,
} from '../support/upgrade-scenarios.js';

const skip = junoLabUnavailable('postgresql');
const HOSTS = ['controller1', 'compute1'];
let lab: TestJunoLab;
let db: CloudDb;

/** The guests running on the compute, as the lab's virsh sees them. */
const domains = (): string[] => lab.ssh('compute1', 'virsh list --name').out.split('\n').filter(Boolean).sort();

/** Each database's schema version, nova's first; neutron's alembic heads joined. */
function versions(): string[] {
  const v = (name: string, repo: string): string =>
    lab.query(name, `SELECT version FROM migrate_version WHERE repository_id = '${repo}'`);
  return [
    v('nova', 'nova'),
    v('nova_api', 'nova_api'),
    v('keystone', 'keystone'),
    v('glance', 'Glance Migrations'),
    v('cinder', 'cinder'),
    v('heat', 'heat'),
    lab.query('neutron', "SELECT string_agg(version_num, ',' ORDER BY version_num) FROM alembic_version"),
  ];
}

/** A site directory whose vault holds the PostgreSQL password (the lab's group_vars has it in
 *  plain text too, as a lab may; the run's own copy comes from the vault, -e @vault.yml). */
function vaultedSite(prefix: string): { dir: string; args: string[] } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  writeFileSync(join(dir, 'vault-pass'), 'the vault password\n');
  writeFileSync(
    join(dir, 'vault.yml'),
    encryptVault(`postgresql_password: ${lab.site.mysql_root_pw}\n`, {
      id: 'default',
      password: Buffer.from('the vault password'),
    }),
  );
  return { dir, args: ['--vault-password-file', 'vault-pass', '-e', '@vault.yml'] };
}

/** The run state files a run leaves in its directory (none after a run that finished). */
const stateFiles = (dir: string): string =>
  (existsSync(join(dir, '.runbook')) ? readdirSync(join(dir, '.runbook')) : [])
    .map((f) => readFileSync(join(dir, '.runbook', f), 'utf8'))
    .join('');

describe.skipIf(skip)('the Juno lab on PostgreSQL, and the upgrade on it', { timeout: 120_000 }, () => {
  let before: { checksums: Row[]; instances: Row[]; whole: Row[]; domains: string[] };
  beforeAll(() => {
    lab = startJunoLab('default', 71, 1, 'postgresql');
    db = cloudDb(lab);
    before = { checksums: db.checksums(), instances: db.instances(), whole: db.wholeDatabase(), domains: domains() };
    expect(before.domains.length).toBeGreaterThan(1);
  }, 600_000);
  afterAll(() => lab?.down(), 120_000);

  it('status: every service active on the controller, each database at its Juno version', () => {
    const r = lab.cli('status', '--json');
    expect(r.code, r.err).toBe(0);
    const st = JSON.parse(r.out) as {
      name: string;
      services: Record<string, { active: boolean }>;
      databases?: Record<string, unknown>;
    }[];
    expect(Object.keys(st[0]!.services)).toContain('postgresql');
    expect(Object.keys(st[0]!.services)).not.toContain('mysql');
    expect(Object.values(st[0]!.services).every((s) => s.active)).toBe(true);
    expect(st[0]!.databases).toEqual({
      nova: 254,
      keystone: 55,
      glance: 36,
      cinder: 26,
      heat: 46,
      neutron: ['juno'],
    });
  });

  it("the services' data is in PostgreSQL, owned by each service's role; the Juno tools read it through their configs", () => {
    expect(Number(lab.query('nova', 'SELECT COUNT(*) FROM instances WHERE deleted = 0'))).toBeGreaterThan(0);
    expect(
      lab.rows(
        'postgres',
        "SELECT datname || '=' || pg_get_userbyid(datdba) FROM pg_database WHERE datname IN ('nova', 'keystone') ORDER BY 1",
      ),
    ).toEqual([['keystone=keystone'], ['nova=nova']]);
    expect(lab.ssh('controller1', 'grep ^connection /etc/nova/nova.conf').out).toMatch(
      /^connection = postgresql:\/\/nova:/m,
    );
    const v = lab.ssh('controller1', 'nova-manage db version');
    expect(v.out.trim(), v.err).toBe('254');
  });

  it('the community.postgresql modules with a vaulted password at -vvvv, --report and a failing task: the password in no output, report, state file or argv, local or remote', async () => {
    const password = lab.site.mysql_root_pw!;
    expect(password.length).toBeGreaterThan(8);
    const { dir } = vaultedSite('rb-pg-secrets-');
    writeFileSync(
      join(dir, 'secrets.yml'),
      `- hosts: controller1
  gather_facts: false
  vars_files: [vault.yml]
  module_defaults:
    group/community.postgresql.all: { login_user: postgres, login_password: "{{ postgresql_password }}", login_host: "{{ ansible_host }}" }
  tasks:
    - community.postgresql.postgresql_query: { db: keystone, query: SELECT COUNT(*) AS n FROM "user" }
    - community.postgresql.postgresql_db: { name: keystone, state: dump, target: /tmp/rb-secret-keystone.sql.gz }
    - community.postgresql.postgresql_db: { name: rb_secret_scratch, state: present }
    - community.postgresql.postgresql_db: { name: rb_secret_scratch, state: restore, target: /tmp/rb-secret-keystone.sql.gz }
    - community.postgresql.postgresql_user: { name: rb_secret_user, password: "{{ postgresql_password }}" }
    - community.postgresql.postgresql_privs: { database: rb_secret_scratch, type: database, roles: rb_secret_user, privs: CONNECT }
    - community.postgresql.postgresql_privs: { database: rb_secret_scratch, type: database, roles: rb_secret_user, privs: CONNECT, state: absent }
    - community.postgresql.postgresql_user: { name: rb_secret_user, state: absent }
    - community.postgresql.postgresql_db: { name: rb_secret_scratch, state: absent }
    - ansible.builtin.file: { path: /tmp/rb-secret-keystone.sql.gz, state: absent }
    - ansible.builtin.debug: { msg: "logging in with {{ postgresql_password }}" }
- hosts: all
  gather_facts: false
  vars_files: [vault.yml]
  tasks:
    - name: a failing task that echoes the password
      ansible.builtin.shell: echo "{{ postgresql_password }}"; exit 4
      when: inventory_hostname == 'compute1'
`,
    );
    const { r, remote, local } = await runUnderShims(
      lab,
      HOSTS,
      ['-vvvv', '--vault-password-file', 'vault-pass', '--report', 'run.html', 'secrets.yml'],
      dir,
    );
    expect(r.code, r.out.slice(-3000)).toBe(2);
    expect(r.out).toContain('logging in with ********');
    expect(recap(r.out, 'controller1')).toMatchObject({ failed: 0 });
    // the shims saw the processes that get the password: pg_dump and psql, through a PGPASSFILE
    expect(remote).toMatch(/^pg_dump .*keystone/m);
    expect(remote).toMatch(/^psql /m);
    expect(
      secretIn(password, [
        ['stdout', r.out],
        ['stderr', r.err],
        ['report', readFileSync(join(dir, 'run.html'), 'utf8')],
        ['state file', stateFiles(dir)],
        ['argv on the hosts', remote],
        ['argv on this machine', local],
      ]),
    ).toEqual([]);
    // nothing left behind: no scratch database, no role, no password file
    expect(lab.query('postgres', "SELECT COUNT(*) FROM pg_database WHERE datname = 'rb_secret_scratch'")).toBe('0');
    expect(lab.query('postgres', "SELECT COUNT(*) FROM pg_roles WHERE rolname = 'rb_secret_user'")).toBe('0');
  }, 300_000);

  it('a site migrate-nova without the flavor migration fails at db sync with the real 291 message, nova at 290; --resume completes; rollback-juno.yml brings back every table', () => {
    const own = siteWithoutFlavorMigration('rb-pg-site-simplified-');
    const r = lab.apply(['upgrade-juno-liberty.yml'], own);
    expect(r.code, r.out.slice(-2000)).toBe(2);
    expect(r.out).toMatch(MIGRATION_291_REFUSAL);
    expect(lab.query('nova', "SELECT version FROM migrate_version WHERE repository_id = 'nova'")).toBe('290');
    // the backup as PostgreSQL's: its engine, the service roles with their hashes, the owners
    const manifest = JSON.parse(readFileSync(join(own, 'backups/manifest.json'), 'utf8')) as {
      engine: string;
      roles: { name: string; password: string }[];
      databases_owned: { db: string; owner: string }[];
    };
    expect(manifest.engine).toBe('postgresql');
    expect(manifest.roles.map((x) => x.name)).toEqual(['cinder', 'glance', 'heat', 'keystone', 'neutron', 'nova']);
    expect(manifest.roles.every((x) => x.password.startsWith('SCRAM-SHA-256$'))).toBe(true);
    expect(manifest.databases_owned.map((d) => `${d.db}=${d.owner}`)).toContain('nova=nova');
    const resume = resumeArgs(r.err);
    expect(resume, r.err).toBeDefined();
    rmSync(join(own, 'roles'), { recursive: true });
    const again = lab.apply(resume!, own);
    expect(again.code, again.out.slice(-3000)).toBe(0);
    expect(versions()).toEqual(['302', '3', '75', '42', '60', '65', '34af2b5c5a59,4af11ca47297']);
    const back = lab.apply(['rollback-juno.yml'], own);
    expect(back.code, back.out.slice(-3000)).toBe(0);
    // every table of every Juno database: the same rows (count and checksum) as before
    expect(db.wholeDatabase()).toEqual(before.whole);
    expect(domains()).toEqual(before.domains);
    expect(lab.query('postgres', "SELECT COUNT(*) FROM pg_database WHERE datname = 'nova_api'")).toBe('0');
    expect(offRelease(lab, 'juno')).toEqual([]);
  }, 1_200_000);

  let site: { dir: string; args: string[] };
  it('PostgreSQL stopped during restore: the run fails there, the restore marked unfinished; --resume starts PostgreSQL, restores again and upgrades the cloud — Liberty versions, flavors migrated, untouched tables equal, guests running; the vaulted password in no output, report or state file', async () => {
    site = vaultedSite('rb-pg-site-');
    const args = [...site.args, '--report', 'run.html', 'upgrade-juno-liberty.yml'];
    const run = lab.applyAsync(args, site.dir);
    expect(await strikeAt(lab, run, /TASK \[restore : restored from its dump\]/, 'systemctl stop postgresql')).toBe(0);
    const failed = await run.done;
    expect(failed.code, failed.out.slice(-3000) + failed.err).toBe(2);
    expect(failed.err).toMatch(
      /controller1: failed at "restore : [^"]+" \(\S*roles\/restore\/tasks\/(db\/postgresql\/[a-z]+|main)\.yml:\d+\)/,
    );
    expect(lab.ssh('controller1', 'cat /var/backups/openstack/restore-in-progress').code).toBe(0);
    const state = stateFiles(site.dir);
    const r = lab.apply(['--resume', ...args], site.dir);
    expect(r.code, r.out.slice(-3000)).toBe(0);
    for (const h of HOSTS) expect(recap(r.out, h).failed).toBe(0);
    // the restore ran again from the verified dumps, counted, its mark gone
    expect(r.out).toMatch(/TASK \[restore : restored from its dump\][^\n]*\nchanged: \[controller1\] => \(item=nova\)/);
    expect(r.out).toMatch(/TASK \[restore : the same rows as when the backup was taken\][^\n]*\nok: \[controller1\]/);
    expect(lab.ssh('controller1', 'test -e /var/backups/openstack/restore-in-progress').code).toBe(1);
    expect(versions()).toEqual(['302', '3', '75', '42', '60', '65', '34af2b5c5a59,4af11ca47297']);
    // no live instance keeps its flavor in system metadata; each has the flavor it had before
    expect(db.sysmetaFlavors()).toBe('0');
    expect(db.instances()).toEqual(before.instances);
    expect(db.migratedFlavors()).toEqual(before.instances.map((i) => [i[0], i[3]]));
    expect(db.checksums()).toEqual(before.checksums);
    expect(domains()).toEqual(before.domains);
    // the controller reinstalled with PostgreSQL (its package from the backup's record), running
    expect(lab.ssh('controller1', 'rpm -q postgresql-server mariadb').out).toMatch(
      /^postgresql-server-.*\npackage mariadb is not installed/,
    );
    expect(
      secretIn(
        lab.site.mysql_root_pw!,
        [
          ['stdout of the run that failed', failed.out],
          ['stderr of the run that failed', failed.err],
          ['state file after the failure', state],
          ['stdout', r.out],
          ['stderr', r.err],
          ['report', readFileSync(join(site.dir, 'run.html'), 'utf8')],
          ['state file', stateFiles(site.dir)],
        ],
        ['stderr', 'state file'],
      ),
    ).toEqual([]);
  }, 1_500_000);

  it('a second run changes nothing', () => {
    const r = lab.apply([...site.args, 'upgrade-juno-liberty.yml'], site.dir);
    expect(r.code, r.out.slice(-3000)).toBe(0);
    for (const h of HOSTS) expect(recap(r.out, h)).toMatchObject({ changed: 0, failed: 0 });
  }, 600_000);

  it("rollback refuses after an UPDATE that changes no row count, naming the table by PostgreSQL's checksum; nothing is stopped", () => {
    renameFirstInstance(lab);
    const r = lab.apply([...site.args, 'rollback-juno.yml'], site.dir);
    expect(r.code, r.out.slice(-2000)).toBe(2);
    expect(r.out).toMatch(
      /a rollback would lose them: nova\.instances: rows changed since the upgrade finished \(checksum [0-9a-f]{32}, now [0-9a-f]{32}\)/,
    );
    expect(r.out).not.toContain('TASK [rollback : services disabled and stopped]');
    expect(offRelease(lab, 'liberty')).toEqual([]);
  }, 300_000);
});
