"""neutron's alembic history as Juno, Kilo and Liberty ship it (OPENSTACK.md §1, §4):
one `alembic_version` row up to Kilo, two (expand and contract heads) in Liberty."""
from .. import db
from ..errors import upstream

T = 'ENGINE=InnoDB DEFAULT CHARSET=utf8'


DuplicateSecurityGroupsNamedDefault = upstream('DuplicateSecurityGroupsNamedDefault', 'neutron.db.migration.alembic_migrations.versions.14be42f3d0a5_default_sec_group_table')


def create_juno(conn):
    for name, cols in {
        'networks': 'tenant_id VARCHAR(255), id VARCHAR(36) PRIMARY KEY, name VARCHAR(255), status VARCHAR(16), admin_state_up TINYINT(1), shared TINYINT(1)',
        'subnets': 'tenant_id VARCHAR(255), id VARCHAR(36) PRIMARY KEY, name VARCHAR(255), network_id VARCHAR(36), ip_version INT NOT NULL, cidr VARCHAR(64) NOT NULL, gateway_ip VARCHAR(64), enable_dhcp TINYINT(1)',
        'ports': 'tenant_id VARCHAR(255), id VARCHAR(36) PRIMARY KEY, name VARCHAR(255), network_id VARCHAR(36) NOT NULL, mac_address VARCHAR(32) NOT NULL, admin_state_up TINYINT(1) NOT NULL, status VARCHAR(16) NOT NULL, device_id VARCHAR(255) NOT NULL, device_owner VARCHAR(255) NOT NULL',
        'securitygroups': 'tenant_id VARCHAR(255), id VARCHAR(36) PRIMARY KEY, name VARCHAR(255), description VARCHAR(255)',
        'securitygrouprules': 'tenant_id VARCHAR(255), id VARCHAR(36) PRIMARY KEY, security_group_id VARCHAR(36) NOT NULL, remote_group_id VARCHAR(36), direction ENUM(\'ingress\',\'egress\'), ethertype VARCHAR(40), protocol VARCHAR(40), port_range_min INT, port_range_max INT, remote_ip_prefix VARCHAR(255)',
        'agents': 'id VARCHAR(36) PRIMARY KEY, agent_type VARCHAR(255) NOT NULL, `binary` VARCHAR(255) NOT NULL, topic VARCHAR(255) NOT NULL, host VARCHAR(255) NOT NULL, admin_state_up TINYINT(1) NOT NULL DEFAULT 1, created_at DATETIME NOT NULL, started_at DATETIME NOT NULL, heartbeat_timestamp DATETIME NOT NULL, description VARCHAR(255), configurations VARCHAR(4095) NOT NULL',
        'routers': 'tenant_id VARCHAR(255), id VARCHAR(36) PRIMARY KEY, name VARCHAR(255), status VARCHAR(16), admin_state_up TINYINT(1)',
        'ovs_network_bindings': 'network_id VARCHAR(36) PRIMARY KEY, network_type VARCHAR(32) NOT NULL, physical_network VARCHAR(64), segmentation_id INT',
    }.items():
        db.execute(conn, 'CREATE TABLE `%s` (%s) %s' % (name, cols, T))


def duplicate_defaults(conn):
    out = {}
    for tenant, ids in db.rows(conn, "SELECT tenant_id, GROUP_CONCAT(id ORDER BY id SEPARATOR ', ') FROM securitygroups WHERE name = 'default' GROUP BY tenant_id HAVING COUNT(*) > 1 ORDER BY tenant_id"):
        out[tenant] = ids
    return out


def check_sanity(conn):
    dups = duplicate_defaults(conn)
    if dups:
        # chosen: tenants joined with "; " (the message's shape: "tenant X: id1, id2").
        raise DuplicateSecurityGroupsNamedDefault("Some tenants have more than one security group named 'default': %s. All duplicate 'default' security groups must be resolved before upgrading the database." % '; '.join('tenant %s: %s' % kv for kv in dups.items()))


def default_sec_group(conn):
    db.execute(conn, 'CREATE TABLE default_security_group (tenant_id VARCHAR(255) PRIMARY KEY, security_group_id VARCHAR(36) NOT NULL) ' + T,
               "INSERT INTO default_security_group SELECT tenant_id, MIN(id) FROM securitygroups WHERE name = 'default' AND tenant_id IS NOT NULL GROUP BY tenant_id")


def rbac_network(conn):
    db.execute(conn, 'CREATE TABLE networkrbacs (id VARCHAR(36) PRIMARY KEY, object_id VARCHAR(36) NOT NULL, tenant_id VARCHAR(255), target_tenant VARCHAR(255) NOT NULL, action VARCHAR(255) NOT NULL) ' + T,
               "INSERT INTO networkrbacs SELECT UUID(), id, tenant_id, '*', 'access_as_shared' FROM networks WHERE shared = 1",
               'ALTER TABLE networks DROP COLUMN shared')


def noop(conn):
    pass


# (revision, down_revision, upgrade) in order; the Liberty branches hang off 'kilo'.
KILO = [('14be42f3d0a5', 'juno', default_sec_group), ('kilo', '14be42f3d0a5', noop)]
EXPAND = [('354db87e3225', 'kilo', noop), ('34af2b5c5a59', '354db87e3225', lambda c: db.execute(c, 'ALTER TABLE agents ADD COLUMN `load` INT NOT NULL DEFAULT 0'))]
CONTRACT = [('30018084ec99', 'kilo', noop), ('4ffceebfada', '30018084ec99', rbac_network),
            ('5498d17be016', '4ffceebfada', lambda c: db.execute(c, 'DROP TABLE ovs_network_bindings')), ('4af11ca47297', '5498d17be016', noop)]
HEADS = {'juno': ['juno'], 'liberty': ['34af2b5c5a59', '4af11ca47297'], 'liberty-upstream': ['34af2b5c5a59', '4af11ca47297']}
SANITY = {'14be42f3d0a5': check_sanity}


def current(conn):
    if not db.has_table(conn, 'alembic_version'):
        return []
    return [r[0] for r in db.rows(conn, 'SELECT version_num FROM alembic_version')]


def branch_order(release):
    if release == 'juno':
        return [], []
    return KILO + EXPAND, KILO + CONTRACT
