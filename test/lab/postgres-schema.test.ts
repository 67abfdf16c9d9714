// The lab's fake OpenStack tools on a PostgreSQL cloud (issue 19, the database layer): every
// service's schema created at Juno and migrated to Liberty by the same nova-manage, keystone-,
// glance-, cinder-, heat-manage and neutron-db-manage code the MariaDB lab runs, their statements
// translated by fakestack/dialect.py — on a real PostgreSQL 15 started for the test (Debian's
// postgresql and python3-psycopg2, installed with apt as root when missing). 302 adds the
// instance_system_metadata index 216 gave MySQL only; 291 counts unmigrated flavors there too.
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDebianPackage } from '../support/debian-package.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const FAKESTACK = join(ROOT, 'lab/fakestack');
const BIN = '/usr/lib/postgresql/15/bin';
const DATABASES = ['nova', 'nova_api', 'keystone', 'glance', 'cinder', 'heat', 'neutron'];

let dir: string;
const asPostgres = (cmd: string): string => {
  const r = spawnSync('su', ['postgres', '-s', '/bin/sh', '-c', cmd], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd}: ${r.stderr}`);
  return r.stdout;
};

/** One fake tool run as the hosts run it; its exit code and output. */
function tool(release: string, name: string, args: string[]): { code: number; out: string } {
  const code = `
import sys
from fakestack import manage_nova, manage_other
tool, release = sys.argv[1], sys.argv[2]
argv = sys.argv[3:]
sys.exit(manage_nova.main(argv, release) if tool == 'nova-manage' else manage_other.main(tool, argv, release))
`;
  const r = spawnSync('/usr/bin/python3', ['-c', code, name, release, ...args], {
    env: {
      ...process.env,
      PYTHONPATH: FAKESTACK,
      FAKESTACK_LOG: join(dir, 'logs'),
      FAKESTACK_STATE: join(dir, 'state'),
      FAKESTACK_RUN: join(dir, 'run'),
    },
    encoding: 'utf8',
  });
  return { code: r.status ?? -1, out: `${r.stdout}${r.stderr}` };
}

function conf(db: string): string {
  const file = join(dir, `${db}.conf`);
  const url = (name: string): string => `postgresql://postgres@/${name}?host=${join(dir, 'sock')}`;
  // nova's file names its API database too ([api_database], read by api_db sync)
  const api = db === 'nova' ? `[api_database]\nconnection = ${url('nova_api')}\n` : '';
  writeFileSync(file, `[database]\nconnection = ${url(db)}\n${api}`);
  return file;
}

const sql = (db: string, query: string): string =>
  asPostgres(`/usr/bin/psql -h ${join(dir, 'sock')} -d ${db} -Atc "${query}"`).trim();

describe('the fake OpenStack tools on PostgreSQL', () => {
  beforeAll(() => {
    if (process.getuid?.() !== 0)
      throw new Error('runs PostgreSQL as the postgres user: run the tests as root (CI does)');
    for (const [path, pkg] of [
      [`${BIN}/initdb`, 'postgresql'],
      ['/usr/lib/python3/dist-packages/psycopg2/__init__.py', 'python3-psycopg2'],
    ] as const) {
      const missing = ensureDebianPackage(path, pkg);
      if (missing) throw new Error(missing);
    }
    dir = mkdtempSync(join(tmpdir(), 'rb-pg-lab-'));
    for (const d of ['', 'sock', 'logs']) {
      mkdirSync(join(dir, d), { recursive: true });
      chownSync(join(dir, d), Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })), 0);
    }
    asPostgres(`${BIN}/initdb -D ${dir}/data -A trust -U postgres >/dev/null`);
    asPostgres(
      `${BIN}/pg_ctl -D ${dir}/data -o "-k ${dir}/sock -c listen_addresses=''" -l ${dir}/log -w start >/dev/null`,
    );
    for (const d of DATABASES) asPostgres(`${BIN}/createdb -h ${dir}/sock ${d}`);
  }, 120_000);
  afterAll(() => {
    if (!dir) return;
    spawnSync('su', ['postgres', '-s', '/bin/sh', '-c', `${BIN}/pg_ctl -D ${dir}/data -m fast stop`]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates every Juno schema and migrates it to Liberty as the upgrade does (nova to 290, flavors, the rest); the versions, 292, 302 and the 291 check as on MariaDB', () => {
    const juno: [string, string[]][] = [
      ['nova-manage', ['--config-file', conf('nova'), 'db', 'sync']],
      ['keystone-manage', ['--config-file', conf('keystone'), 'db_sync']],
      ['glance-manage', ['--config-file', conf('glance'), 'db_sync']],
      ['cinder-manage', ['--config-file', conf('cinder'), 'db', 'sync']],
      ['heat-manage', ['--config-file', conf('heat'), 'db_sync']],
      ['neutron-db-manage', ['--config-file', conf('neutron'), 'upgrade', 'head']],
    ];
    for (const [name, args] of juno) expect(tool('juno', name, args), name).toMatchObject({ code: 0 });
    expect(sql('nova', "SELECT version FROM migrate_version WHERE repository_id = 'nova'")).toBe('254');
    // a live instance whose flavor is still in system_metadata: 291 refuses until it is migrated
    sql(
      'nova',
      "INSERT INTO instance_types (name, flavorid, memory_mb, vcpus, deleted) VALUES ('m1.tiny', '1', 512, 1, 0)",
    );
    sql('nova', "INSERT INTO instances (uuid, instance_type_id, vm_state, deleted) VALUES ('i-1', 1, 'active', 0)");
    for (const [k, v] of [
      ['instance_type_id', '1'],
      ['instance_type_flavorid', '1'],
      ['instance_type_name', 'm1.tiny'],
      ['instance_type_memory_mb', '512'],
      ['instance_type_vcpus', '1'],
      ['instance_type_root_gb', '1'],
      ['instance_type_ephemeral_gb', '0'],
      ['instance_type_swap', '0'],
      ['instance_type_rxtx_factor', '1.0'],
      ['instance_type_vcpu_weight', ''],
    ])
      sql(
        'nova',
        `INSERT INTO instance_system_metadata (instance_uuid, key, value, deleted) VALUES ('i-1', '${k}', '${v}', 0)`,
      );
    const nova = conf('nova');
    expect(tool('liberty', 'nova-manage', ['--config-file', nova, 'db', 'sync', '--version', '290'])).toMatchObject({
      code: 0,
    });
    const refused = tool('liberty', 'nova-manage', ['--config-file', nova, 'db', 'sync']);
    expect(refused.code).not.toBe(0);
    expect(refused.out).toContain('There are still 1 unmigrated flavor records');
    expect(tool('liberty', 'nova-manage', ['--config-file', nova, 'db', 'migrate_flavor_data'])).toMatchObject({
      code: 0,
    });
    const liberty: [string, string[]][] = [
      ['nova-manage', ['--config-file', nova, 'db', 'sync']],
      ['nova-manage', ['--config-file', nova, 'api_db', 'sync']],
      ['keystone-manage', ['--config-file', conf('keystone'), 'db_sync']],
      ['glance-manage', ['--config-file', conf('glance'), 'db_sync']],
      ['cinder-manage', ['--config-file', conf('cinder'), 'db', 'sync']],
      ['heat-manage', ['--config-file', conf('heat'), 'db_sync']],
      ['neutron-db-manage', ['--config-file', conf('neutron'), 'upgrade', 'heads']],
    ];
    for (const [name, args] of liberty) {
      const r = tool('liberty', name, args);
      expect(r.code, `${name} ${args.join(' ')}: ${r.out}`).toBe(0);
    }
    const version = (db: string, repo: string): string =>
      sql(db, `SELECT version FROM migrate_version WHERE repository_id = '${repo}'`);
    expect([version('nova', 'nova'), version('nova_api', 'nova_api'), version('keystone', 'keystone')]).toEqual([
      '302',
      '3',
      '75',
    ]);
    expect([version('glance', 'Glance Migrations'), version('cinder', 'cinder'), version('heat', 'heat')]).toEqual([
      '42',
      '60',
      '65',
    ]);
    expect(sql('neutron', 'SELECT version_num FROM alembic_version ORDER BY 1').split('\n')).toEqual([
      '34af2b5c5a59',
      '4af11ca47297',
    ]);
    expect(sql('nova', "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'volumes'")).toBe('0');
    expect(
      sql(
        'nova',
        "SELECT indexname FROM pg_indexes WHERE tablename = 'instance_system_metadata' AND indexname = 'instance_uuid'",
      ),
    ).toBe('instance_uuid');
  }, 300_000);

  it("takes the services' own statements: explicit ids move the SERIAL past them (as AUTO_INCREMENT does), keystone's `user` table, UTC_TIMESTAMP and INTERVAL", () => {
    const code = `
import json
from fakestack import db
conn = db.connect_url('postgresql://postgres@/keystone?host=${join(dir, 'sock')}')
with conn.cursor() as c:
    c.execute("INSERT INTO project VALUES (%s, %s, '{}', %s, 1, 'default')", ('p-id', 'p', 'p project'))
    c.execute("INSERT INTO user VALUES (%s, %s, '{}', %s, 1, 'default', %s)", ('u-id', 'u', 'hash', 'p-id'))
    c.execute("INSERT INTO token VALUES (%s, UTC_TIMESTAMP() + INTERVAL %s HOUR, '{}', 1, NULL, 'u-id')", ('t1', 5))
conn.commit()
nova = db.connect_url('postgresql://postgres@/nova?host=${join(dir, 'sock')}')
with nova.cursor() as c:
    c.execute("INSERT INTO instance_types (created_at, id, name, memory_mb, vcpus, flavorid, deleted) VALUES (UTC_TIMESTAMP(), %s, 'x', 1, 1, 'x', 0)", (40,))
    c.execute("INSERT INTO instance_types (name, memory_mb, vcpus, flavorid, deleted) VALUES ('y', 1, 1, 'y', 0)")
nova.commit()
print(json.dumps({
    'user': db.scalar(conn, 'SELECT name FROM user WHERE id = %s', ('u-id',)),
    'valid': db.scalar(conn, 'SELECT COUNT(*) FROM token WHERE expires > UTC_TIMESTAMP()'),
    'next': db.scalar(nova, "SELECT id FROM instance_types WHERE name = 'y'"),
}))
`;
    const r = spawnSync('/usr/bin/python3', ['-c', code], {
      env: { ...process.env, PYTHONPATH: FAKESTACK },
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ user: 'u', valid: 1, next: 41 });
  }, 60_000);
});
