// The Juno lab against OPENSTACK.md: every "wrong order" of §2.4 and the blockers of the
// `blockers` scenario, driven with plain shell commands over ssh, outcome and message checked
// (messages verbatim from OPENSTACK.md's quoted text); then the correct manual sequence of §2.5
// plus the other services' syncs, ending at the Liberty versions with every flavor migrated,
// counted by this test's own queries. Tests start from lab snapshots.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { junoLabUnavailable, startJunoLab, type TestJunoLab } from '../support/juno-lab.js';

const skip = junoLabUnavailable();
let lab: TestJunoLab;

// The 291 count of OPENSTACK.md §2.2, as the test's own query.
const UNMIGRATED =
  "SELECT COUNT(*) FROM instance_system_metadata s JOIN instances i ON i.uuid = s.instance_uuid WHERE s.`key` = 'instance_type_id' AND s.deleted != s.id AND i.deleted != i.id";
const msg291 = (n: number | string): string =>
  `There are still ${n} unmigrated flavor records. Migration cannot continue until all instance flavor records have been migrated to the new format. Please run \`nova-manage db migrate_flavor_data' first.`;
const NEUTRON =
  'neutron-db-manage --config-file /etc/neutron/neutron.conf --config-file /etc/neutron/plugins/ml2/ml2_conf.ini';
// Disable and stop every OpenStack service on a host (as the backup role will).
const STOP_ALL =
  'for s in $(chkconfig --list | cut -d" " -f1 | grep ^openstack); do chkconfig $s off; /etc/init.d/$s stop >/dev/null; done';
const toRelease = (rel: string): string =>
  `zypper -n rr Cloud-5 >/dev/null; zypper -n ar lab:///${rel} Cloud-6 >/dev/null; LAB_PACKAGE_SECONDS=0 zypper -n up >/dev/null`;

function nova(cmd: string): { code: number; out: string } {
  const r = lab.ssh('controller1', `nova-manage ${cmd}`);
  return { code: r.code, out: r.out + r.err };
}

// Each test drives a few ssh round trips and database queries on the lab (seconds each on a busy
// machine); none may lean on vitest's 5 s default.
describe.skipIf(skip)('the Juno lab', { timeout: 120_000 }, () => {
  beforeAll(() => {
    lab = startJunoLab('blockers');
    lab.cli('snapshot', 'blockers');
  }, 600_000);
  afterAll(() => lab?.down(), 120_000);

  describe('OPENSTACK.md §2.4 wrong orders and the blockers scenario', () => {
    it('status shows every host reachable, Juno installed, services active, databases at Juno versions', () => {
      const r = lab.cli('status', '--json');
      expect(r.code).toBe(0);
      const st = JSON.parse(r.out) as {
        name: string;
        reachable: boolean;
        os: string;
        openstack: string;
        services: Record<string, { active: boolean; enabled: boolean }>;
        databases?: Record<string, unknown>;
      }[];
      expect(st.map((h) => h.name)).toEqual(['controller1', 'compute1']);
      for (const h of st) {
        expect(h.reachable).toBe(true);
        expect(h.os).toBe('SUSE Linux Enterprise Server 11 SP3');
        expect(h.openstack).toBe('juno');
        expect(Object.values(h.services).every((s) => s.active && s.enabled)).toBe(true);
      }
      expect(Object.keys(st[0]!.services)).toContain('openstack-nova-api');
      expect(Object.keys(st[1]!.services)).toEqual(['openstack-neutron-openvswitch-agent', 'openstack-nova-compute']);
      expect(st[0]!.databases).toEqual({
        nova: 254,
        keystone: 55,
        glance: 36,
        cinder: 26,
        heat: 46,
        neutron: ['juno'],
      });
      const services = lab.ssh('controller1', 'nova-manage service list').out;
      expect(services).toMatch(/nova-compute\s+compute1\s+nova\s+enabled\s+:-\)/);
      expect(services).toMatch(/nova-conductor\s+controller1\s+internal\s+enabled\s+:-\)/);
    });

    it('blocker: rows with a NULL instance_uuid stop migration 267 (nova stays at 266)', () => {
      lab.ssh('controller1', toRelease('liberty'));
      const r = nova('db sync');
      expect(r.code).not.toBe(0);
      expect(r.out).toContain(
        "There are 1 records in the 'block_device_mapping' table where the uuid or instance_uuid column is NULL. These must be manually cleaned up before the migration will pass. Consider running the 'nova-manage db null_instance_uuid_scan' command.",
      );
      expect(nova('db version').out.trim()).toBe('266');
      expect(nova('db null_instance_uuid_scan').out).toContain(
        "There are 1 records in the 'block_device_mapping' table where the uuid or instance_uuid column is NULL.",
      );
      expect(nova('db null_instance_uuid_scan --delete').out).toContain(
        "Deleted 1 records from table 'block_device_mapping'.",
      );
      expect(nova('db null_instance_uuid_scan').out.trim()).toBe(
        'There were no records found where instance_uuid was NULL.',
      );
    });

    it('blocker: a tenant with two "default" security groups stops neutron\'s Kilo migration', () => {
      const ids = lab.query(
        'neutron',
        "SELECT GROUP_CONCAT(id ORDER BY id SEPARATOR ', ') FROM securitygroups WHERE tenant_id = 'demo-id' AND name = 'default'",
      );
      const r = lab.ssh('controller1', `${NEUTRON} upgrade heads`);
      expect(r.code).not.toBe(0);
      expect(r.out + r.err).toContain(
        `Some tenants have more than one security group named 'default': tenant demo-id: ${ids}. All duplicate 'default' security groups must be resolved before upgrading the database.`,
      );
      expect(lab.query('neutron', 'SELECT version_num FROM alembic_version')).toBe('juno');
    });

    it('blocker: a latin1 table stops glance-manage db_sync (oslo.db sanity check)', () => {
      const r = lab.ssh('controller1', 'glance-manage db_sync');
      expect(r.code).not.toBe(0);
      expect(r.err).toContain(
        'Tables "image_tags" have non utf8 collation, please make sure all tables are CHARSET=utf8',
      );
      expect(lab.query('glance', "SELECT version FROM migrate_version WHERE repository_id = 'Glance Migrations'")).toBe(
        '36',
      );
    });

    it('preflight of upgrade-juno-liberty.yml reports every blocker with counts and stops, in --check as well, changing nothing', () => {
      lab.restore('blockers');
      for (const check of [['--check'], []]) {
        const r = lab.apply([...check, 'upgrade-juno-liberty.yml']);
        expect(r.code).toBe(2);
        expect(r.out).toContain(
          'nova migration 267: 1 row(s) in nova.block_device_mapping with a NULL uuid/instance_uuid',
        );
        // outside the nine usual tables: found from the schema's foreign keys, as 267 finds it
        expect(r.out).toContain('nova migration 267: 1 row(s) in nova.migrations with a NULL uuid/instance_uuid');
        expect(r.out).toMatch(
          /nova flavor migration: instance [0-9a-f-]{36} \(vm-legacy-purged-flavor\) cannot be migrated, legacy instance whose flavor id no row of nova.instance_types has \(99\)/,
        );
        expect(r.out).toMatch(/neutron migration 14be42f3d0a5: tenant demo-id has 2 security groups named 'default'/);
        expect(r.out).toContain(
          'oslo.db utf8 check (glance-manage db_sync): table glance.image_tags is latin1_swedish_ci',
        );
        expect(r.out).not.toContain('TASK [backup');
        // read-only until every check passed: configuration management is left alone
        expect(r.out).not.toContain('configuration management stopped');
      }
      const st = JSON.parse(lab.cli('status', '--json').out) as { services: Record<string, { active: boolean }> }[];
      expect(st.every((h) => Object.values(h.services).every((s) => s.active))).toBe(true);
    }, 300_000);

    it('the blockers fixed, a clean Juno snapshot is taken', () => {
      lab.restore('blockers');
      lab.query('nova', 'DELETE FROM block_device_mapping WHERE instance_uuid IS NULL');
      lab.query('nova', 'DELETE FROM migrations WHERE instance_uuid IS NULL');
      // the purged flavor back as a deleted row, as the preflight message says
      lab.query(
        'nova',
        "INSERT INTO instance_types (created_at, deleted_at, id, name, memory_mb, vcpus, root_gb, ephemeral_gb, flavorid, swap, rxtx_factor, deleted) VALUES (UTC_TIMESTAMP(), UTC_TIMESTAMP(), 99, 'm1.retired', 512, 1, 1, 0, 'retired-1', 0, 1.0, 99)",
      );
      lab.query('neutron', "DELETE FROM securitygroups WHERE description = 'a second default'");
      lab.query('glance', 'ALTER TABLE image_tags CONVERT TO CHARACTER SET utf8');
      expect(lab.cli('snapshot', 'juno').code).toBe(0);
    }, 120_000);

    it('Liberty db sync on a Juno (254) database with instances: 255..290 applied, 291 refuses, version 290', () => {
      lab.restore('juno');
      lab.ssh('controller1', `${STOP_ALL}; ${toRelease('liberty')}`);
      const n = lab.query('nova', UNMIGRATED);
      expect(Number(n)).toBeGreaterThan(0);
      const r = nova('db sync');
      expect(r.code).toBe(1);
      expect(r.out).toContain('Command failed, please check log for more info');
      expect(r.out).toContain(`ValidationError: ${msg291(n)}`);
      expect(nova('db version').out.trim()).toBe('290');
    }, 120_000);

    it('db sync --version 290 when the database is past 290: a downgrade, which Liberty cannot do; equal is a no-op', () => {
      // continues from 290: migrate, sync to 302, then ask for 290
      expect(nova('db migrate_flavor_data --force').code).toBe(0);
      expect(nova('db sync').code).toBe(0);
      expect(nova('db version').out.trim()).toBe('302');
      const r = nova('db sync --version 290');
      expect(r.code).not.toBe(0);
      expect(r.out).toContain("ScriptError: Function 'downgrade' is not defined in this script");
      expect(nova('db version').out.trim()).toBe('302');
      expect(nova('db sync --version 302').code).toBe(0);
    });

    it('migrate_flavor_data before any sync (254): instance_extra.flavor does not exist yet', () => {
      lab.restore('juno');
      lab.ssh('controller1', `${STOP_ALL}; ${toRelease('liberty')}`);
      const r = nova('db migrate_flavor_data --force');
      expect(r.code).not.toBe(0);
      expect(r.out).toMatch(/\(1054, "Unknown column 'instance_extra\.flavor'/);
      expect(nova('db version').out.trim()).toBe('254');
    }, 120_000);

    it('migrate_flavor_data without --force leaves instances with a task_state: 291 still fails, with a smaller N', () => {
      expect(nova('db sync --version 290').code).toBe(0);
      const before = Number(lab.query('nova', UNMIGRATED));
      const busy = Number(
        lab.query(
          'nova',
          "SELECT COUNT(*) FROM instances i JOIN instance_system_metadata s ON s.instance_uuid = i.uuid AND s.`key` = 'instance_type_id' AND s.deleted = 0 WHERE i.deleted = 0 AND (i.task_state IS NOT NULL OR i.vm_state IN ('rescued', 'resized'))",
        ),
      );
      expect(busy).toBeGreaterThan(0);
      const matched = Number(
        lab.query(
          'nova',
          'SELECT COUNT(*) FROM instances i LEFT JOIN instance_extra e ON e.instance_uuid = i.uuid AND e.deleted = 0 WHERE i.deleted = 0 AND e.flavor IS NULL',
        ),
      );
      const skipped = Number(
        lab.query(
          'nova',
          "SELECT COUNT(*) FROM instances WHERE deleted = 0 AND (task_state IS NOT NULL OR vm_state IN ('rescued', 'resized'))",
        ),
      );
      expect(nova('db migrate_flavor_data').out.trim()).toBe(
        `${matched} instances matched query, ${matched - skipped} completed`,
      );
      const r = nova('db sync');
      expect(r.code).toBe(1);
      expect(r.out).toContain(msg291(busy));
      expect(busy).toBeLessThan(before);
      expect(nova('db version').out.trim()).toBe('290');
    });

    it('upstream Liberty nova-manage has no migrate_flavor_data: argparse error, exit 2', () => {
      lab.ssh(
        'controller1',
        'zypper -n rr Cloud-6 >/dev/null; zypper -n ar lab:///liberty-upstream Liberty >/dev/null; LAB_PACKAGE_SECONDS=0 zypper -n up >/dev/null',
      );
      const r = nova('db migrate_flavor_data --force');
      expect(r.code).toBe(2);
      expect(r.out).toContain(
        "nova-manage db: error: argument action: invalid choice: 'migrate_flavor_data' (choose from 'archive_deleted_rows', 'contract', 'expand', 'migrate', 'null_instance_uuid_scan', 'sync', 'version')",
      );
    });

    it('Liberty nova services started before db sync refuse to start; Liberty nova-api also refuses a Juno paste pipeline', () => {
      lab.restore('juno');
      lab.ssh('controller1', `${STOP_ALL}; ${toRelease('liberty')}`);
      const r = lab.ssh('controller1', 'service openstack-nova-conductor start');
      expect(r.code).not.toBe(0);
      expect(r.out).toContain('database schema version 254 is older than liberty needs (302)');
      expect(lab.ssh('controller1', 'service openstack-nova-conductor status').code).toBe(3);
      expect(
        nova('db sync --version 290').code + nova('db migrate_flavor_data --force').code + nova('db sync').code,
      ).toBe(0);
      expect(lab.ssh('controller1', 'service openstack-nova-conductor start').code).toBe(0);
      const api = lab.ssh('controller1', 'service openstack-nova-api start');
      expect(api.code).not.toBe(0);
      expect(api.out).toContain('No module named openstack.common.middleware.request_id');
    }, 120_000);

    it('Juno services left running while flavors are migrated write new sysmeta flavors: 291 fails again', () => {
      lab.restore('juno');
      // the Liberty tools are installed, but the running Juno nova-api was neither disabled nor stopped
      lab.ssh('controller1', toRelease('liberty'));
      expect(nova('db sync --version 290').code).toBe(0);
      expect(nova('db migrate_flavor_data --force').code).toBe(0);
      expect(lab.query('nova', UNMIGRATED)).toBe('0');
      const ctl = lab.site.controller_address;
      const token = lab.ssh(
        'controller1',
        `curl -s -X POST -H 'Content-Type: application/json' --data-binary @- http://${ctl}:5000/v2.0/tokens`,
        JSON.stringify({
          auth: { passwordCredentials: { username: 'admin', password: lab.site.admin_pw }, tenantName: 'admin' },
        }),
      );
      const id = (JSON.parse(token.out) as { access: { token: { id: string } } }).access.token.id;
      const boot = lab.ssh(
        'controller1',
        `curl -s -o /dev/null -w '%{http_code}' -X POST -H 'X-Auth-Token: ${id}' -H 'Content-Type: application/json' --data-binary @- http://${ctl}:8774/v2/demo-id/servers`,
        '{"server": {"name": "late", "flavorRef": "1"}}',
      );
      expect(boot.out).toBe('202');
      const r = nova('db sync');
      expect(r.code).toBe(1);
      expect(r.out).toContain(msg291(1));
    }, 120_000);

    it('api_db sync without [api_database] connection fails', () => {
      const r = nova('api_db sync');
      expect(r.code).not.toBe(0);
      expect(r.out).toContain('Command failed, please check log for more info');
      expect(r.out).toContain('value required for option: connection in group [api_database]');
    });

    it('db version on an empty database version-controls it at 215; a non-empty one without migrate_version needs Essex first', () => {
      lab.query(
        'mysql',
        "CREATE DATABASE scratch CHARACTER SET utf8; CREATE DATABASE scratch2 CHARACTER SET utf8; GRANT ALL ON scratch.* TO 'nova'@'%'; GRANT ALL ON scratch2.* TO 'nova'@'%'",
      );
      const conf = (db: string): string =>
        `sed 's#/nova?#/${db}?#' /etc/nova/nova.conf > /tmp/${db}.conf && nova-manage --config-file /tmp/${db}.conf db version`;
      const empty = lab.ssh('controller1', conf('scratch'));
      expect(empty.out.trim()).toBe('215');
      lab.query('scratch2', 'CREATE TABLE instances (id INT)');
      const r = lab.ssh('controller1', conf('scratch2'));
      expect(r.code).not.toBe(0);
      expect(r.out + r.err).toContain('Upgrade DB using Essex release first.');
    });
  });

  describe('the correct manual sequence (OPENSTACK.md §2.5 and the other services)', () => {
    it('ends with every database at its Liberty version and every flavor migrated', () => {
      lab.restore('juno');
      for (const h of ['controller1', 'compute1']) lab.ssh(h, `${STOP_ALL}; ${toRelease('liberty')}`);
      const live = Number(lab.query('nova', 'SELECT COUNT(*) FROM instances WHERE deleted = 0'));
      expect(nova('db version').out.trim()).toBe('254');
      expect(nova('db null_instance_uuid_scan').out.trim()).toBe(
        'There were no records found where instance_uuid was NULL.',
      );
      expect(nova('db sync --version 290').code).toBe(0);
      let rounds = 0;
      for (; rounds < 5; rounds++) {
        const out = nova('db migrate_flavor_data --force --max-number 5').out.trim();
        const m = /^(\d+) instances matched query, (\d+) completed$/.exec(out);
        expect(m, out).not.toBeNull();
        if (m![1] === '0') break;
      }
      expect(rounds).toBeGreaterThan(1);
      expect(lab.query('nova', UNMIGRATED)).toBe('0');
      expect(nova('db sync').code).toBe(0);
      // 298 on MySQL: the flavors' extra specs compared case-sensitively
      expect(
        lab.query(
          'nova',
          "SELECT table_collation FROM information_schema.tables WHERE table_schema = 'nova' AND table_name = 'instance_type_extra_specs'",
        ),
      ).toBe('utf8mb3_bin');
      lab.query(
        'mysql',
        "CREATE DATABASE nova_api CHARACTER SET utf8; GRANT ALL PRIVILEGES ON nova_api.* TO 'nova'@'%'",
      );
      lab.ssh(
        'controller1',
        `printf '\\n[api_database]\\nconnection = %s\\n' "$(sed -n 's#^connection = \\(.*\\)/nova?#\\1/nova_api?#p' /etc/nova/nova.conf)" >> /etc/nova/nova.conf`,
      );
      expect(nova('api_db sync').code).toBe(0);
      for (const cmd of [
        'keystone-manage db_sync',
        'glance-manage db_sync',
        'cinder-manage db sync',
        'heat-manage db_sync',
        `${NEUTRON} upgrade heads`,
      ]) {
        const r = lab.ssh('controller1', cmd);
        expect(r.code, `${cmd}: ${r.err}`).toBe(0);
      }
      const version = (db: string, repo: string): string =>
        lab.query(db, `SELECT version FROM migrate_version WHERE repository_id = '${repo}'`);
      expect(version('nova', 'nova')).toBe('302');
      expect(version('nova_api', 'nova_api')).toBe('3');
      expect(version('keystone', 'keystone')).toBe('75');
      expect(version('glance', 'Glance Migrations')).toBe('42');
      expect(version('cinder', 'cinder')).toBe('60');
      expect(version('heat', 'heat')).toBe('65');
      expect(lab.query('neutron', 'SELECT GROUP_CONCAT(version_num ORDER BY version_num) FROM alembic_version')).toBe(
        '34af2b5c5a59,4af11ca47297',
      );
      expect(lab.ssh('controller1', `${NEUTRON} current`).out).toMatch(/34af2b5c5a59 \(head\)\n4af11ca47297 \(head\)/);
      // every live instance has its flavor JSON; the moved sysmeta rows are soft-deleted
      expect(
        Number(
          lab.query(
            'nova',
            'SELECT COUNT(*) FROM instances i JOIN instance_extra e ON e.instance_uuid = i.uuid AND e.deleted = 0 WHERE i.deleted = 0 AND e.flavor IS NOT NULL',
          ),
        ),
      ).toBe(live);
      expect(
        lab.query(
          'nova',
          "SELECT COUNT(*) FROM instance_system_metadata s JOIN instances i ON i.uuid = s.instance_uuid AND i.deleted = 0 WHERE s.`key` LIKE '%instance\\_type\\_%' AND s.deleted = 0",
        ),
      ).toBe('0');
      // a deleted instance keeps its sysmeta flavor (ignored by the migration and by 291)
      expect(
        Number(
          lab.query(
            'nova',
            "SELECT COUNT(*) FROM instance_system_metadata s JOIN instances i ON i.uuid = s.instance_uuid AND i.deleted = i.id WHERE s.`key` = 'instance_type_id' AND s.deleted = 0",
          ),
        ),
      ).toBeGreaterThan(0);
      const numa = JSON.parse(
        lab.query(
          'nova',
          "SELECT e.flavor FROM instances i JOIN instance_extra e ON e.instance_uuid = i.uuid WHERE i.display_name LIKE '%-numa' LIMIT 1",
        ),
      ) as {
        cur: { 'nova_object.name': string; 'nova_object.data': { name: string; extra_specs: Record<string, string> } };
      };
      expect(numa.cur['nova_object.name']).toBe('Flavor');
      expect(numa.cur['nova_object.data'].name).toBe('numa.large');
      expect(numa.cur['nova_object.data'].extra_specs).toMatchObject({ 'hw:numa_nodes': '2', 'hw:numa_cpus.0': '0,1' });
      const resize = JSON.parse(
        lab.query(
          'nova',
          "SELECT e.flavor FROM instances i JOIN instance_extra e ON e.instance_uuid = i.uuid WHERE i.display_name LIKE '%-resize' LIMIT 1",
        ),
      ) as { old: unknown; new: { 'nova_object.data': { flavorid: string } } };
      expect(resize.old).not.toBeNull();
      expect(resize.new['nova_object.data'].flavorid).toBe('4');
      // cinder 040 moved the attachments
      expect(
        Number(lab.query('cinder', "SELECT COUNT(*) FROM volume_attachment WHERE attach_status = 'attached'")),
      ).toBeGreaterThan(0);
    }, 300_000);
  });
});
