// What the e2e tests read from a Juno lab's cloud with their own queries (not the roles'): rows,
// checksums of the tables no upgrade step may change, every table's count, the instances.
import type { TestJunoLab } from './juno-lab.js';

export type Row = string[];

// Tables no step of the upgrade may change (no migration between Juno and Liberty touches them).
const UNTOUCHED = [
  'keystone.user',
  'keystone.role',
  'keystone.project',
  'glance.image_locations',
  'neutron.subnets',
  'nova.instance_types',
  'nova.instance_type_extra_specs',
];
// Rows that change by design: the services' heartbeats, and the expired tokens backup flushes.
const LIVE = ['nova.services', 'cinder.services', 'neutron.agents', 'keystone.token'];

export interface CloudDb {
  rows(db: string, sql: string): Row[];
  /** CHECKSUM TABLE of `tables` (default: those no upgrade step changes). */
  checksums(tables?: string[]): Row[];
  /** Every table of the Juno databases with its exact row count and CHECKSUM TABLE. */
  wholeDatabase(): Row[];
  /** Live instances: uuid, vm_state, power_state, flavorid. */
  instances(): Row[];
  /** Each database's schema version, as `nova=302 nova_api=3 …`. */
  versions(): string;
}

export function cloudDb(lab: TestJunoLab): CloudDb {
  const rows = (db: string, sql: string): Row[] => {
    const r = lab.ssh('controller1', `mysql -N -B ${db}`, sql);
    if (r.code !== 0) throw new Error(`${sql}: ${r.err}`);
    return r.out
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split('\t'));
  };
  const checksums = (tables = UNTOUCHED): Row[] => rows('mysql', `CHECKSUM TABLE ${tables.join(', ')}`);
  const version = (db: string, repo: string): string =>
    lab.query(db, `SELECT version FROM migrate_version WHERE repository_id = '${repo}'`);
  return {
    rows,
    checksums,
    wholeDatabase() {
      const tables = rows(
        'mysql',
        "SELECT CONCAT(table_schema, '.', table_name) FROM information_schema.tables WHERE table_schema IN ('nova', 'keystone', 'glance', 'cinder', 'neutron', 'heat') ORDER BY 1",
      )
        .map((r) => r[0]!)
        .filter((t) => !LIVE.includes(t));
      const counts = rows('mysql', tables.map((t) => `SELECT '${t}', COUNT(*) FROM ${t}`).join(' UNION ALL '));
      return [...counts, ...checksums(tables)];
    },
    instances: () =>
      rows(
        'nova',
        'SELECT i.uuid, i.vm_state, i.power_state, t.flavorid FROM instances i JOIN instance_types t ON t.id = i.instance_type_id WHERE i.deleted = 0 ORDER BY i.id',
      ),
    versions: () =>
      [
        ['nova', 'nova'],
        ['nova_api', 'nova_api'],
        ['keystone', 'keystone'],
        ['glance', 'Glance Migrations'],
        ['cinder', 'cinder'],
        ['heat', 'heat'],
      ]
        .map(([db, repo]) => `${db}=${version(db!, repo!)}`)
        .join(' '),
  };
}
