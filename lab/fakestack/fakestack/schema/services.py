"""keystone, glance, cinder and heat: sqlalchemy-migrate repositories at the versions of
OPENSTACK.md §1, with the schema changes the lab's checks and services rely on."""
from .. import db, dialect
from ..migrate import Repo, noop

SOFT = 'created_at DATETIME NULL, updated_at DATETIME NULL, deleted_at DATETIME NULL, deleted TINYINT(1) NOT NULL DEFAULT 0'
T = 'ENGINE=InnoDB DEFAULT CHARSET=utf8'


def create(tables):
    def run(conn):
        for name, cols in tables.items():
            db.execute(conn, 'CREATE TABLE `%s` (%s) %s' % (name, cols, T))
    return run


def add(table, column):
    return lambda conn: db.execute(conn, 'ALTER TABLE %s ADD COLUMN %s' % (table, column))


def drop_col(table, column):
    return lambda conn: db.execute(conn, 'ALTER TABLE %s DROP COLUMN %s' % (table, column))


def drop(*tables):
    return lambda conn: db.execute(conn, *['DROP TABLE `%s`' % t for t in tables])


# keystone (sanity_check=False; refuses downgrades up front in Liberty).
KEYSTONE_HEAD = {'juno': 55, 'liberty': 75, 'liberty-upstream': 75}
KEYSTONE_BASE = create({
    'project': 'id VARCHAR(64) PRIMARY KEY, name VARCHAR(64) NOT NULL, extra TEXT, description TEXT, enabled TINYINT(1), domain_id VARCHAR(64) NOT NULL',
    'user': 'id VARCHAR(64) PRIMARY KEY, name VARCHAR(255) NOT NULL, extra TEXT, password VARCHAR(128), enabled TINYINT(1), domain_id VARCHAR(64) NOT NULL, default_project_id VARCHAR(64)',
    'role': 'id VARCHAR(64) PRIMARY KEY, name VARCHAR(255) NOT NULL, extra TEXT',
    'assignment': "type ENUM('UserProject','GroupProject','UserDomain','GroupDomain') NOT NULL, actor_id VARCHAR(64) NOT NULL, target_id VARCHAR(64) NOT NULL, role_id VARCHAR(64) NOT NULL, inherited TINYINT(1) NOT NULL DEFAULT 0, PRIMARY KEY (type, actor_id, target_id, role_id)",
    'token': 'id VARCHAR(64) PRIMARY KEY, expires DATETIME, extra TEXT, valid TINYINT(1) NOT NULL, trust_id VARCHAR(64), user_id VARCHAR(64), KEY ix_token_expires (expires)',
    'service': 'id VARCHAR(64) PRIMARY KEY, type VARCHAR(255), enabled TINYINT(1) NOT NULL DEFAULT 1, extra TEXT',
    'endpoint': 'id VARCHAR(64) PRIMARY KEY, legacy_endpoint_id VARCHAR(64), interface VARCHAR(8) NOT NULL, region_id VARCHAR(255), service_id VARCHAR(64) NOT NULL, url TEXT NOT NULL, extra TEXT, enabled TINYINT(1) NOT NULL DEFAULT 1',
})
KEYSTONE_STEPS = {
    61: (add('project', 'parent_id VARCHAR(64) NULL'), drop_col('project', 'parent_id')),
    75: (create({'config_register': '`type` VARCHAR(64) PRIMARY KEY, domain_id VARCHAR(64) NOT NULL'}), drop('config_register')),
}
# Extension repositories (keystone/common/sql/migration_helpers.py): Juno synced revoke only
# without --extension; Kilo/Liberty sync all five.
EXTENSIONS = {
    'revoke': (2, {'revocation_event': 'id VARCHAR(64) PRIMARY KEY, domain_id VARCHAR(64), project_id VARCHAR(64), user_id VARCHAR(64), role_id VARCHAR(64), trust_id VARCHAR(64), consumer_id VARCHAR(64), access_token_id VARCHAR(64), issued_before DATETIME NOT NULL, expires_at DATETIME, revoked_at DATETIME NOT NULL'}),
    'endpoint_filter': (2, {'project_endpoint': 'endpoint_id VARCHAR(64) NOT NULL, project_id VARCHAR(64) NOT NULL, PRIMARY KEY (endpoint_id, project_id)', 'endpoint_group': 'id VARCHAR(64) PRIMARY KEY, name VARCHAR(255) NOT NULL, description TEXT, filters TEXT NOT NULL'}),
    'endpoint_policy': (1, {'policy_association': 'id VARCHAR(64) PRIMARY KEY, policy_id VARCHAR(64) NOT NULL, endpoint_id VARCHAR(64), service_id VARCHAR(64), region_id VARCHAR(64)'}),
    'federation': ({'juno': 3, 'liberty': 8}, {'identity_provider': 'id VARCHAR(64) PRIMARY KEY, enabled TINYINT(1) NOT NULL, description TEXT', 'federation_protocol': 'id VARCHAR(64) NOT NULL, idp_id VARCHAR(64) NOT NULL, mapping_id VARCHAR(64) NOT NULL, PRIMARY KEY (id, idp_id)', 'mapping': 'id VARCHAR(64) PRIMARY KEY, rules TEXT NOT NULL'}),
    'oauth1': (5, {'consumer': 'id VARCHAR(64) PRIMARY KEY, description VARCHAR(64), secret VARCHAR(64) NOT NULL, extra TEXT NOT NULL'}),
}
KS = '/usr/lib/python2.7/site-packages/keystone'


def keystone_repo(release):
    head = KEYSTONE_HEAD[release]
    steps = {v: s for v, s in KEYSTONE_STEPS.items() if v <= head}
    return Repo('keystone', KS + '/common/sql/migrate_repo', 43, head, 55, KEYSTONE_BASE, steps)


def extension_repo(name, release):
    head, tables = EXTENSIONS[name]
    if isinstance(head, dict):
        head = head['juno' if release == 'juno' else 'liberty']
    base_version = head if not isinstance(EXTENSIONS[name][0], dict) else 3
    return Repo(name, '%s/contrib/%s/migrate_repo' % (KS, name), 0, head, base_version, create(tables), {})


# glance: 'Glance Migrations', utf8 sanity check, downgrades still present in Liberty.
GLANCE_HEAD = {'juno': 36, 'liberty': 42, 'liberty-upstream': 42}
GLANCE_BASE = create({
    'images': 'id VARCHAR(36) PRIMARY KEY, name VARCHAR(255), size BIGINT, status VARCHAR(30) NOT NULL, is_public TINYINT(1) NOT NULL, location TEXT, disk_format VARCHAR(20), container_format VARCHAR(20), checksum VARCHAR(32), owner VARCHAR(255), min_disk INT NOT NULL DEFAULT 0, min_ram INT NOT NULL DEFAULT 0, protected TINYINT(1) NOT NULL DEFAULT 0, virtual_size BIGINT, ' + SOFT,
    'image_properties': 'id INT AUTO_INCREMENT PRIMARY KEY, image_id VARCHAR(36) NOT NULL, name VARCHAR(255) NOT NULL, value TEXT, ' + SOFT,
    'image_locations': 'id INT AUTO_INCREMENT PRIMARY KEY, image_id VARCHAR(36) NOT NULL, value TEXT NOT NULL, meta_data TEXT, status VARCHAR(30) NOT NULL DEFAULT \'active\', ' + SOFT,
    'image_members': 'id INT AUTO_INCREMENT PRIMARY KEY, image_id VARCHAR(36) NOT NULL, member VARCHAR(255) NOT NULL, can_share TINYINT(1) NOT NULL, status VARCHAR(20) NOT NULL DEFAULT \'pending\', ' + SOFT,
    'image_tags': 'id INT AUTO_INCREMENT PRIMARY KEY, image_id VARCHAR(36) NOT NULL, value VARCHAR(255) NOT NULL, ' + SOFT,
})
GLANCE_STEPS = {
    41: (create({'artifacts': 'id VARCHAR(36) PRIMARY KEY, name VARCHAR(255) NOT NULL, type_name VARCHAR(255) NOT NULL, type_version_prefix BIGINT NOT NULL, state VARCHAR(20) NOT NULL, owner VARCHAR(255) NOT NULL, created_at DATETIME NOT NULL, updated_at DATETIME NOT NULL, deleted_at DATETIME'}), drop('artifacts')),
}


def glance_repo(release):
    head = GLANCE_HEAD[release]
    return Repo('Glance Migrations', '/usr/lib/python2.7/site-packages/glance/db/sqlalchemy/migrate_repo', 0, head, 36, GLANCE_BASE, {v: s for v, s in GLANCE_STEPS.items() if v <= head})


# cinder: 026 at Juno, 060 at Liberty (056-060 placeholders); 040 moves attachments inline.
CINDER_HEAD = {'juno': 26, 'liberty': 60, 'liberty-upstream': 60}
CINDER_BASE = create({
    'volumes': 'id VARCHAR(36) PRIMARY KEY, ec2_id VARCHAR(255), user_id VARCHAR(255), project_id VARCHAR(255), host VARCHAR(255), size INT, availability_zone VARCHAR(255), status VARCHAR(255), attach_status VARCHAR(255), instance_uuid VARCHAR(36), mountpoint VARCHAR(255), attached_host VARCHAR(255), attach_time VARCHAR(255), display_name VARCHAR(255), volume_type_id VARCHAR(36), bootable TINYINT(1) DEFAULT 0, ' + SOFT,
    'services': 'id INT AUTO_INCREMENT PRIMARY KEY, host VARCHAR(255), `binary` VARCHAR(255), topic VARCHAR(255), report_count INT NOT NULL DEFAULT 0, disabled TINYINT(1), availability_zone VARCHAR(255), disabled_reason VARCHAR(255), ' + SOFT,
    'snapshots': 'id VARCHAR(36) PRIMARY KEY, volume_id VARCHAR(36) NOT NULL, user_id VARCHAR(255), project_id VARCHAR(255), status VARCHAR(255), volume_size INT, display_name VARCHAR(255), ' + SOFT,
    'quotas': 'id INT AUTO_INCREMENT PRIMARY KEY, project_id VARCHAR(255), resource VARCHAR(255) NOT NULL, hard_limit INT, ' + SOFT,
})


def cinder_040(conn):
    # Juno's volumes.attach_time is a string column; 040 copies it into a DateTime one, which
    # MySQL converts by itself and PostgreSQL only with a cast (SQLAlchemy binds it as a literal)
    attach_time = 'attach_time::timestamp' if dialect.of(conn) == 'postgresql' else 'attach_time'
    db.execute(conn, 'CREATE TABLE volume_attachment (id VARCHAR(36) PRIMARY KEY, volume_id VARCHAR(36) NOT NULL, attached_host VARCHAR(255), instance_uuid VARCHAR(36), mountpoint VARCHAR(255), attach_time DATETIME, detach_time DATETIME, attach_mode VARCHAR(36), attach_status VARCHAR(255), ' + SOFT + ') ' + T,
               "INSERT INTO volume_attachment (id, volume_id, attached_host, instance_uuid, mountpoint, attach_time, attach_mode, attach_status, created_at, deleted) SELECT UUID(), id, attached_host, instance_uuid, mountpoint, " + attach_time + ", 'rw', attach_status, NOW(), 0 FROM volumes WHERE attach_status = 'attached'",
               'ALTER TABLE volumes DROP COLUMN mountpoint, DROP COLUMN attached_host, DROP COLUMN instance_uuid, DROP COLUMN attach_time, ADD COLUMN multiattach TINYINT(1) DEFAULT 0')


CINDER_STEPS = {
    40: (cinder_040, None),
    41: (add('services', 'modified_at DATETIME NULL'), drop_col('services', 'modified_at')),
}


def cinder_repo(release):
    head = CINDER_HEAD[release]
    return Repo('cinder', '/usr/lib/python2.7/site-packages/cinder/db/sqlalchemy/migrate_repo', 0, head, 26, CINDER_BASE, {v: s for v, s in CINDER_STEPS.items() if v <= head})


# heat: 046 at Juno, 065 at Liberty; no downgrades in Liberty.
HEAT_HEAD = {'juno': 46, 'liberty': 65, 'liberty-upstream': 65}
HEAT_BASE = create({
    'raw_template': 'id INT AUTO_INCREMENT PRIMARY KEY, template LONGTEXT, files LONGTEXT, created_at DATETIME, updated_at DATETIME',
    'stack': 'id VARCHAR(36) PRIMARY KEY, name VARCHAR(255), raw_template_id INT NOT NULL, username VARCHAR(256), tenant VARCHAR(256), action VARCHAR(255), status VARCHAR(255), status_reason TEXT, owner_id VARCHAR(36), created_at DATETIME, updated_at DATETIME, deleted_at DATETIME',
    'resource': 'id INT AUTO_INCREMENT PRIMARY KEY, uuid VARCHAR(36), nova_instance VARCHAR(255), name VARCHAR(255), stack_id VARCHAR(36) NOT NULL, action VARCHAR(255), status VARCHAR(255), properties_data LONGTEXT, created_at DATETIME, updated_at DATETIME',
    'event': 'id INT AUTO_INCREMENT PRIMARY KEY, uuid VARCHAR(36), stack_id VARCHAR(36) NOT NULL, resource_action VARCHAR(255), resource_status VARCHAR(255), resource_name VARCHAR(255), created_at DATETIME, updated_at DATETIME',
})
HEAT_STEPS = {
    62: (add('stack', 'parent_resource_name VARCHAR(255) NULL'), None),
    65: (add('resource', 'root_stack_id VARCHAR(36) NULL'), None),
}


def heat_repo(release):
    head = HEAT_HEAD[release]
    steps = {v: (s[0], None) for v, s in HEAT_STEPS.items() if v <= head}
    steps.update({v: (noop, None) for v in range(47, head + 1) if v not in steps})
    return Repo('heat', '/usr/lib/python2.7/site-packages/heat/db/sqlalchemy/migrate_repo', 27, head, 46, HEAT_BASE, steps, downgrades=head < 60)
