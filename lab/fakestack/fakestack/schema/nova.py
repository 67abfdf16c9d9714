"""nova's main database: the Juno schema (254) with the tables the checks, migrations and
services touch (OPENSTACK.md §3), and the Kilo/Liberty steps 255..302 (§2.1)."""
from .. import db, dialect
from ..errors import upstream
from ..migrate import Repo, noop

SOFT = 'created_at DATETIME NULL, updated_at DATETIME NULL, deleted_at DATETIME NULL, deleted INT NOT NULL DEFAULT 0'
T = 'ENGINE=InnoDB DEFAULT CHARSET=utf8'

JUNO_TABLES = {
    'instances': 'id INT AUTO_INCREMENT PRIMARY KEY, uuid VARCHAR(36) NULL, UNIQUE KEY uuid (uuid), instance_type_id INT, vm_state VARCHAR(255), task_state VARCHAR(255), power_state INT, host VARCHAR(255), node VARCHAR(255), project_id VARCHAR(255), user_id VARCHAR(255), display_name VARCHAR(255), image_ref VARCHAR(255), memory_mb INT, vcpus INT, root_gb INT, ephemeral_gb INT, launched_at DATETIME NULL, terminated_at DATETIME NULL, KEY instances_host_deleted_idx (host, deleted)',
    'instance_system_metadata': 'id INT AUTO_INCREMENT PRIMARY KEY, instance_uuid VARCHAR(36) NOT NULL, `key` VARCHAR(255) NOT NULL, value VARCHAR(255), KEY instance_uuid (instance_uuid)',
    'instance_metadata': 'id INT AUTO_INCREMENT PRIMARY KEY, instance_uuid VARCHAR(36) NULL, `key` VARCHAR(255), value VARCHAR(255)',
    'instance_extra': 'id INT AUTO_INCREMENT PRIMARY KEY, instance_uuid VARCHAR(36) NOT NULL, numa_topology TEXT, pci_requests TEXT, KEY instance_extra_idx (instance_uuid)',
    'shadow_instance_extra': 'id INT PRIMARY KEY, instance_uuid VARCHAR(36) NOT NULL, numa_topology TEXT, pci_requests TEXT',
    'instance_info_caches': 'id INT AUTO_INCREMENT PRIMARY KEY, instance_uuid VARCHAR(36) NULL, network_info MEDIUMTEXT',
    'instance_faults': 'id INT AUTO_INCREMENT PRIMARY KEY, instance_uuid VARCHAR(36) NULL, code INT, message VARCHAR(255)',
    'instance_actions': 'id INT AUTO_INCREMENT PRIMARY KEY, instance_uuid VARCHAR(36) NULL, action VARCHAR(255), request_id VARCHAR(255)',
    'block_device_mapping': 'id INT AUTO_INCREMENT PRIMARY KEY, instance_uuid VARCHAR(36) NULL, device_name VARCHAR(255), volume_id VARCHAR(36), source_type VARCHAR(255), destination_type VARCHAR(255)',
    'virtual_interfaces': 'id INT AUTO_INCREMENT PRIMARY KEY, address VARCHAR(255), uuid VARCHAR(36), instance_uuid VARCHAR(36) NULL, network_id INT',
    'fixed_ips': 'id INT AUTO_INCREMENT PRIMARY KEY, address VARCHAR(39), instance_uuid VARCHAR(36) NULL, allocated TINYINT(1) DEFAULT 0',
    'instance_types': 'id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(255), flavorid VARCHAR(255), memory_mb INT NOT NULL, vcpus INT NOT NULL, root_gb INT, ephemeral_gb INT, swap INT NOT NULL DEFAULT 0, rxtx_factor FLOAT DEFAULT 1, vcpu_weight INT NULL, disabled TINYINT(1) DEFAULT 0, is_public TINYINT(1) DEFAULT 1',
    'instance_type_extra_specs': 'id INT AUTO_INCREMENT PRIMARY KEY, instance_type_id INT NOT NULL, `key` VARCHAR(255), value VARCHAR(255)',
    'services': 'id INT AUTO_INCREMENT PRIMARY KEY, host VARCHAR(255), `binary` VARCHAR(255), topic VARCHAR(255), report_count INT NOT NULL DEFAULT 0, disabled TINYINT(1) DEFAULT 0, disabled_reason VARCHAR(255)',
    'compute_nodes': 'id INT AUTO_INCREMENT PRIMARY KEY, service_id INT, hypervisor_hostname VARCHAR(255), vcpus INT, memory_mb INT, local_gb INT, vcpus_used INT, memory_mb_used INT, free_ram_mb INT, hypervisor_type VARCHAR(255), hypervisor_version INT, running_vms INT',
    'key_pairs': 'id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(255) NULL, user_id VARCHAR(255), fingerprint VARCHAR(255), public_key MEDIUMTEXT',
    'migrations': 'id INT AUTO_INCREMENT PRIMARY KEY, source_compute VARCHAR(255), dest_compute VARCHAR(255), instance_uuid VARCHAR(36), status VARCHAR(255), old_instance_type_id INT, new_instance_type_id INT',
    'quotas': 'id INT AUTO_INCREMENT PRIMARY KEY, project_id VARCHAR(255), resource VARCHAR(255), hard_limit INT',
    'pci_devices': 'id INT AUTO_INCREMENT PRIMARY KEY, compute_node_id INT, address VARCHAR(12), instance_uuid VARCHAR(36), request_id VARCHAR(36)',
    # nova-volume leftovers, dropped by Liberty's 292.
    'volumes': 'id VARCHAR(36) PRIMARY KEY, ec2_id VARCHAR(255), size INT',
    'iscsi_targets': 'id INT AUTO_INCREMENT PRIMARY KEY, target_num INT, volume_id VARCHAR(36)',
    'shadow_volumes': 'id VARCHAR(36) PRIMARY KEY, ec2_id VARCHAR(255), size INT',
    'shadow_iscsi_targets': 'id INT PRIMARY KEY, target_num INT, volume_id VARCHAR(36)',
}

# The foreign keys to instances.uuid that Juno's MySQL schema has (216_havana.py fkeys and
# consoles' column, 252_add_instance_extra_table.py @ 2014.2.4), for the tables the lab has;
# 267 and null_instance_uuid_scan find the tables to scan through them, as nova does.
INSTANCE_FKEYS = {
    'fixed_ips': 'fixed_ips_instance_uuid_fkey',
    'block_device_mapping': 'block_device_mapping_instance_uuid_fkey',
    'instance_info_caches': 'instance_info_caches_instance_uuid_fkey',
    'instance_metadata': 'instance_metadata_instance_uuid_fkey',
    'instance_system_metadata': 'instance_system_metadata_ibfk_1',
    'virtual_interfaces': 'virtual_interfaces_instance_uuid_fkey',
    'instance_actions': 'fk_instance_actions_instance_uuid',
    'instance_faults': 'fk_instance_faults_instance_uuid',
    'migrations': 'fk_migrations_instance_uuid',
    'instance_extra': 'instance_extra_instance_uuid_fkey',
}


def create_juno(conn):
    for name, cols in JUNO_TABLES.items():
        if name == 'instance_system_metadata' and dialect.of(conn) != 'mysql':
            # 216_havana.py adds this index for MySQL only; 302 adds it on the other engines
            cols = cols.replace(', KEY instance_uuid (instance_uuid)', '')
        db.execute(conn, 'CREATE TABLE `%s` (%s, %s) %s' % (name, cols, SOFT, T))
    for table, name in INSTANCE_FKEYS.items():
        db.execute(conn, 'ALTER TABLE `%s` ADD CONSTRAINT `%s` FOREIGN KEY (instance_uuid) REFERENCES instances (uuid)' % (table, name))


def uuid_tables(conn):
    """(table, column) pairs 267 and null_instance_uuid_scan look at (267_instance_uuid_non_nullable.py
    process_null_records and nova/db/sqlalchemy/migration.py db_null_instance_uuid_scan @ 2015.1.4):
    every table whose instance_uuid has a foreign key to instances, fixed_ips/shadow_fixed_ips
    excepted (nulled by design), then instances.uuid and shadow_instances.uuid. Nova walks the
    tables in reverse dependency order; chosen: by name (only the first table's count is in 267's
    message)."""
    sql = ("SELECT DISTINCT table_name FROM information_schema.key_column_usage WHERE table_schema = DATABASE() "
           "AND column_name = 'instance_uuid' AND referenced_table_name = 'instances' ORDER BY table_name")
    if dialect.of(conn) == 'postgresql':
        # PostgreSQL's key_column_usage has no referenced table: the constraint's columns say it
        sql = ("SELECT DISTINCT k.table_name FROM information_schema.key_column_usage k "
               "JOIN information_schema.constraint_column_usage c ON c.constraint_name = k.constraint_name "
               "AND c.constraint_schema = k.constraint_schema WHERE k.table_schema = current_schema() "
               "AND k.column_name = 'instance_uuid' AND c.table_name = 'instances' ORDER BY k.table_name")
    tables = [r[0] for r in db.rows(conn, sql) if r[0] not in ('fixed_ips', 'shadow_fixed_ips')]
    return [(t, 'instance_uuid') for t in tables] + [(t, 'uuid') for t in ('instances', 'shadow_instances') if db.has_table(conn, t)]


def null_uuid_counts(conn):
    """{table: rows whose uuid / instance_uuid is NULL} (267's check, null_instance_uuid_scan)."""
    return {t: db.scalar(conn, 'SELECT COUNT(*) FROM `%s` WHERE `%s` IS NULL' % (t, col)) for t, col in uuid_tables(conn)}


ValidationError = upstream('ValidationError', 'nova.exception')


def m267(conn):
    for t, n in null_uuid_counts(conn).items():
        if n:
            raise ValidationError("There are %d records in the '%s' table where the uuid or instance_uuid column is NULL. These must be manually cleaned up before the migration will pass. Consider running the 'nova-manage db null_instance_uuid_scan' command." % (n, t))
    db.execute(conn, 'ALTER TABLE instances MODIFY uuid VARCHAR(36) NOT NULL', 'ALTER TABLE instances ADD UNIQUE KEY uniq_instances0uuid (uuid)')


def unmigrated_flavors(conn):
    """291's count (OPENSTACK.md §2.2): live sysmeta `instance_type_id` rows of live instances."""
    return db.scalar(conn, "SELECT COUNT(*) FROM instance_system_metadata s JOIN instances i ON i.uuid = s.instance_uuid WHERE s.`key` = 'instance_type_id' AND s.deleted != s.id AND i.deleted != i.id")


def m291(conn):
    n = unmigrated_flavors(conn)
    if n:
        raise ValidationError("There are still %d unmigrated flavor records. Migration cannot continue until all instance flavor records have been migrated to the new format. Please run `nova-manage db migrate_flavor_data' first." % n)


def m298(conn):
    """298_mysql_extra_specs_binary_collation.py @ 12.0.0: on MySQL alone, the flavors' extra
    specs compared case-sensitively (utf8_bin); any other engine is left as it is."""
    if dialect.of(conn) == 'mysql':
        db.execute(conn, 'ALTER TABLE instance_type_extra_specs CONVERT TO CHARACTER SET utf8 COLLATE utf8_bin')


def m302(conn):
    """302_pgsql_add_instance_system_metadata_index.py @ 12.0.6: the index 216 gave MySQL only,
    added on any other engine when missing (oslo_db utils.index_exists / add_index)."""
    if dialect.of(conn) == 'mysql':
        return
    if not db.scalar(conn, "SELECT COUNT(*) FROM pg_indexes WHERE tablename = 'instance_system_metadata' AND indexname = 'instance_uuid'"):
        db.execute(conn, 'CREATE INDEX instance_uuid ON instance_system_metadata (instance_uuid)')


def add(table, column):
    return lambda conn: db.execute(conn, 'ALTER TABLE %s ADD COLUMN %s' % (table, column))


def both(*fns):
    def run(conn):
        for f in fns:
            f(conn)
    return run


KILO = {
    267: (m267, None),
    270: (both(add('instance_extra', 'flavor TEXT'), add('shadow_instance_extra', 'flavor TEXT')), None),
    275: (add('key_pairs', "type ENUM('ssh','x509') NOT NULL DEFAULT 'ssh'"), None),
    276: (both(add('instance_extra', 'vcpu_model TEXT'), add('shadow_instance_extra', 'vcpu_model TEXT')), None),
    280: (lambda conn: db.execute(conn, 'ALTER TABLE key_pairs MODIFY name VARCHAR(255) NOT NULL'), None),
}
LIBERTY = {
    291: (m291, None),
    292: (lambda conn: db.execute(conn, 'DROP TABLE volumes', 'DROP TABLE iscsi_targets', 'DROP TABLE shadow_volumes', 'DROP TABLE shadow_iscsi_targets'), None),
    293: (both(add('migrations', "migration_type ENUM('migration','resize','live-migration','evacuation') NULL"), add('migrations', 'hidden TINYINT(1) DEFAULT 0')), None),
    294: (add('services', 'last_seen_up DATETIME NULL'), None),
    297: (add('services', 'forced_down TINYINT(1) DEFAULT 0'), None),
    298: (m298, None),
    299: (add('services', 'version INT DEFAULT 0'), None),
    300: (both(add('instance_extra', 'migration_context TEXT'), add('shadow_instance_extra', 'migration_context TEXT')), None),
    301: (both(add('compute_nodes', 'cpu_allocation_ratio FLOAT NULL'), add('compute_nodes', 'ram_allocation_ratio FLOAT NULL')), None),
    302: (m302, None),
}
HEAD = {'juno': 254, 'kilo': 280, 'liberty': 302, 'liberty-upstream': 302}
PATH = '/usr/lib/python2.7/site-packages/nova/db/sqlalchemy/migrate_repo'


def repo(release):
    """The migrate repository of a release's nova. Liberty removed every downgrade() (nova commit
    e2e846f74b): steps carry none, so a lower --version fails with ScriptError. Juno's had them,
    but the lab never downgrades with Juno code (chosen: 255..HEAD are plain steps, no downgrade)."""
    steps = dict(KILO)
    if HEAD[release] > 280:
        steps.update(LIBERTY)
    ups = {v: (steps[v][0] if v in steps else noop, None) for v in range(255, HEAD[release] + 1)}
    return Repo('nova', PATH, 215, HEAD[release], 254, create_juno, ups)


API_HEAD = {'kilo': 2, 'liberty': 3, 'liberty-upstream': 3}


def api_repo(release):
    def m1(conn):
        db.execute(conn, 'CREATE TABLE cell_mappings (id INT AUTO_INCREMENT PRIMARY KEY, uuid VARCHAR(36) NOT NULL, name VARCHAR(255), transport_url MEDIUMTEXT, database_connection MEDIUMTEXT, created_at DATETIME, updated_at DATETIME) ' + T)

    def m2(conn):
        db.execute(conn, 'CREATE TABLE instance_mappings (id INT AUTO_INCREMENT PRIMARY KEY, instance_uuid VARCHAR(36) NOT NULL, cell_id INT, project_id VARCHAR(255), created_at DATETIME, updated_at DATETIME) ' + T)

    def m3(conn):
        db.execute(conn, 'CREATE TABLE host_mappings (id INT AUTO_INCREMENT PRIMARY KEY, cell_id INT, host VARCHAR(255), created_at DATETIME, updated_at DATETIME) ' + T)
    steps = {1: (m1, None), 2: (m2, None), 3: (m3, None)}
    return Repo('nova_api', PATH.replace('migrate_repo', 'api_migrations/migrate_repo'), 0, API_HEAD[release], 0, noop, steps, downgrades=False)
