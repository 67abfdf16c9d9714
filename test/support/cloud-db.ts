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
// Rows that change by design: the services' heartbeats, nova-compute's resource tracker (its
// compute_nodes row each period), and the expired tokens backup flushes.
const LIVE = ['nova.services', 'nova.compute_nodes', 'cinder.services', 'neutron.agents', 'keystone.token'];

export interface CloudDb {
  rows(db: string, sql: string): Row[];
  /** CHECKSUM TABLE of `tables` (default: those no upgrade step changes); on PostgreSQL the md5
   *  of the rows' md5s in order. */
  checksums(tables?: string[]): Row[];
  /** Every table of the Juno databases with its exact row count and checksum. */
  wholeDatabase(): Row[];
  /** Live instances: uuid, vm_state, power_state, flavorid. */
  instances(): Row[];
  /** Live instances' flavor rows still in system metadata (instance_type_*): 0 once migrated. */
  sysmetaFlavors(): string;
  /** Live instances: uuid and the flavorid of instance_extra.flavor, as migrate_flavor_data wrote it. */
  migratedFlavors(): Row[];
  /** Each database's schema version, as `nova=302 nova_api=3 …`. */
  versions(): string;
}

const JUNO_DATABASES = ['nova', 'keystone', 'glance', 'cinder', 'neutron', 'heat'];

export function cloudDb(lab: TestJunoLab): CloudDb {
  const rows = (db: string, sql: string): Row[] => lab.rows(db, sql);
  const pg = lab.database === 'postgresql';
  // PostgreSQL has no CHECKSUM TABLE and no cross-database query: one query per database, the
  // md5 of the rows' md5s in order over the columns the table had when this test first read it
  // (a column a migration adds, NULL in every row, is not a change to the rows: keystone 061's
  // project.parent_id; MariaDB's CHECKSUM TABLE does not see it either)
  const columns = new Map<string, string[]>();
  const columnsOf = (db: string, table: string): string[] => {
    const key = `${db}.${table}`;
    if (!columns.has(key))
      columns.set(
        key,
        rows(
          db,
          `SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = '${table}' ORDER BY ordinal_position`,
        ).map((r) => r[0]!),
      );
    return columns.get(key)!;
  };
  const pgChecksums = (tables: string[]): Row[] =>
    tables.flatMap((t) => {
      const [db, table] = t.split('.') as [string, string];
      const row = `md5(ROW(${columnsOf(db, table)
        .map((c) => `r."${c}"`)
        .join(', ')})::text)`;
      return rows(db, `SELECT '${t}', md5(COALESCE(string_agg(${row}, '' ORDER BY ${row}), '')) FROM "${table}" r`);
    });
  const checksums = (tables = UNTOUCHED): Row[] =>
    pg ? pgChecksums(tables) : rows('mysql', `CHECKSUM TABLE ${tables.join(', ')}`);
  const allTables = (): string[] =>
    (pg
      ? JUNO_DATABASES.flatMap((db) =>
          rows(
            db,
            `SELECT '${db}.' || table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
          ),
        )
      : rows(
          'mysql',
          `SELECT CONCAT(table_schema, '.', table_name) FROM information_schema.tables WHERE table_schema IN (${JUNO_DATABASES.map((d) => `'${d}'`).join(', ')})`,
        )
    )
      .map((r) => r[0]!)
      .filter((t) => !LIVE.includes(t))
      .sort();
  const counts = (tables: string[]): Row[] =>
    pg
      ? tables.flatMap((t) => rows(t.split('.')[0]!, `SELECT '${t}', COUNT(*) FROM "${t.split('.')[1]!}"`))
      : rows('mysql', tables.map((t) => `SELECT '${t}', COUNT(*) FROM ${t}`).join(' UNION ALL '));
  const version = (db: string, repo: string): string =>
    lab.query(db, `SELECT version FROM migrate_version WHERE repository_id = '${repo}'`);
  return {
    rows,
    checksums,
    wholeDatabase() {
      const tables = allTables();
      return [...counts(tables), ...checksums(tables)];
    },
    instances: () =>
      rows(
        'nova',
        'SELECT i.uuid, i.vm_state, i.power_state, t.flavorid FROM instances i JOIN instance_types t ON t.id = i.instance_type_id WHERE i.deleted = 0 ORDER BY i.id',
      ),
    sysmetaFlavors: () =>
      lab.query(
        'nova',
        `SELECT COUNT(*) FROM instance_system_metadata s JOIN instances i ON i.uuid = s.instance_uuid AND i.deleted = 0 WHERE s.${pg ? 'key' : '`key`'} LIKE 'instance\\_type\\_%' AND s.deleted = 0`,
      ),
    migratedFlavors: () =>
      rows(
        'nova',
        'SELECT i.uuid, e.flavor FROM instances i JOIN instance_extra e ON e.instance_uuid = i.uuid AND e.deleted = 0 WHERE i.deleted = 0 ORDER BY i.id',
      ).map(([uuid, json]) => [
        uuid!,
        (JSON.parse(json!) as { cur: { 'nova_object.data': { flavorid: string } } }).cur['nova_object.data'].flavorid,
      ]),
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
