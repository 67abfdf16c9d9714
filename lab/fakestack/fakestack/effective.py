"""What a service makes of its config (OPENSTACK.md §7): under Liberty, the removed Juno
aliases (SILENT rows) are ignored and the defaults used; the deprecated ones (WARN) still work
with a warning; a Juno paste pipeline (BREAK rows P1-P4) stops the API from starting."""
import os
import re

from . import db

# (project, old section, old key, new section, new key, effect, Liberty default)
ROWS = [
    ('nova', 'DEFAULT', 'neutron_url', 'neutron', 'url', 'SILENT', 'http://127.0.0.1:9696'),
    ('nova', 'DEFAULT', 'neutron_admin_username', 'neutron', 'admin_username', 'SILENT', None),
    ('nova', 'DEFAULT', 'neutron_admin_password', 'neutron', 'admin_password', 'SILENT', None),
    ('nova', 'DEFAULT', 'neutron_admin_tenant_name', 'neutron', 'admin_tenant_name', 'SILENT', None),
    ('nova', 'DEFAULT', 'neutron_admin_auth_url', 'neutron', 'admin_auth_url', 'SILENT', 'http://localhost:5000/v2.0'),
    ('nova', 'DEFAULT', 'service_neutron_metadata_proxy', 'neutron', 'service_metadata_proxy', 'SILENT', 'False'),
    ('nova', 'DEFAULT', 'neutron_metadata_proxy_shared_secret', 'neutron', 'metadata_proxy_shared_secret', 'SILENT', ''),
    ('nova', 'DEFAULT', 'glance_host', 'glance', 'host', 'SILENT', '$my_ip'),
    ('nova', 'DEFAULT', 'glance_port', 'glance', 'port', 'SILENT', '9292'),
    ('nova', 'DEFAULT', 'cinder_catalog_info', 'cinder', 'catalog_info', 'SILENT', 'volumev2:cinderv2:publicURL'),
    ('nova', 'DEFAULT', 'os_region_name', 'cinder', 'os_region_name', 'SILENT', None),
    ('nova', 'osapi_v3', 'enabled', 'osapi_v21', 'enabled', 'SILENT', 'True'),
    ('nova', 'DEFAULT', 'vnc_enabled', 'vnc', 'enabled', 'WARN', 'True'),
    ('nova', 'DEFAULT', 'vncserver_listen', 'vnc', 'vncserver_listen', 'WARN', '127.0.0.1'),
    ('nova', 'DEFAULT', 'novncproxy_base_url', 'vnc', 'novncproxy_base_url', 'WARN', 'http://127.0.0.1:6080/vnc_auto.html'),
    ('glance', 'DEFAULT', 'default_store', 'glance_store', 'default_store', 'SILENT', 'file'),
    ('glance', 'DEFAULT', 'known_stores', 'glance_store', 'stores', 'SILENT', 'file,http'),
    ('glance', 'DEFAULT', 'filesystem_store_datadir', 'glance_store', 'filesystem_store_datadir', 'SILENT', '/var/lib/glance/images/'),
    # glance_store's rbd driver options: Kilo moved them to [glance_store] with no alias left
    # (glance_store _drivers/rbd.py _RBD_OPTS @ 0.4.0 vs glance/store/rbd.py @ 2014.2.4)
    ('glance', 'DEFAULT', 'rbd_store_pool', 'glance_store', 'rbd_store_pool', 'SILENT', 'images'),
    ('glance', 'DEFAULT', 'rbd_store_user', 'glance_store', 'rbd_store_user', 'SILENT', None),
    ('glance', 'DEFAULT', 'rbd_store_ceph_conf', 'glance_store', 'rbd_store_ceph_conf', 'SILENT', '/etc/ceph/ceph.conf'),
    ('neutron', 'DEFAULT', 'nova_url', 'nova', 'url', 'WARN', 'http://127.0.0.1:8774/v2'),
    ('neutron', 'DEFAULT', 'nova_admin_username', 'nova', 'username', 'WARN', None),
    ('neutron', 'DEFAULT', 'nova_admin_password', 'nova', 'password', 'WARN', None),
]
for _p in ('nova', 'cinder', 'glance', 'neutron', 'heat', 'keystone'):
    for _k in ('rabbit_host', 'rabbit_hosts', 'rabbit_port', 'rabbit_userid', 'rabbit_password', 'rabbit_virtual_host'):
        ROWS.append((_p, 'DEFAULT', _k, 'oslo_messaging_rabbit', _k, 'WARN', None))
    ROWS.append((_p, 'DEFAULT', 'lock_path', 'oslo_concurrency', 'lock_path', 'WARN', None))
    ROWS.append((_p, 'DEFAULT', 'verbose', 'DEFAULT', 'verbose', 'WARN', 'True'))

# nova: notification_driver alias entry points removed in Kilo (§7 row 3): no notifications.
DEAD_NOTIFIERS = {'nova': 'nova.openstack.common.notifier.rpc_notifier'}

PASTE = {'nova': '/etc/nova/api-paste.ini', 'keystone': '/etc/keystone/keystone-paste.ini', 'cinder': '/etc/cinder/api-paste.ini',
         'neutron': '/etc/neutron/api-paste.ini', 'heat': '/etc/heat/api-paste.ini'}
PASTE_SERVICES = {'openstack-nova-api', 'openstack-keystone', 'openstack-cinder-api', 'openstack-neutron', 'openstack-heat-api'}


def compute(project, release, conf_path):
    cp = db.read_conf(conf_path)
    out = {'release': release, 'options': {}, 'ignored': [], 'deprecated': []}
    for p, osec, okey, nsec, nkey, effect, default in ROWS:
        if p != project:
            continue
        new = db.conf_get(cp, nsec, nkey)
        old = db.conf_get(cp, osec, okey)
        name = '%s.%s' % (nsec, nkey)
        if new is not None:
            out['options'][name] = new
        elif old is not None and (release == 'juno' or effect == 'WARN'):
            out['options'][name] = old
            if release != 'juno' and (osec, okey) != (nsec, nkey):
                out['deprecated'].append('Option "%s" from group "%s" is deprecated. Use option "%s" from group "%s".' % (okey, osec, nkey, nsec))
        else:
            out['options'][name] = default
            if old is not None:
                out['ignored'].append('%s.%s' % (osec, okey))
    drv = db.conf_get(cp, 'DEFAULT', 'notification_driver')
    if drv is not None:
        dead = release != 'juno' and drv == DEAD_NOTIFIERS.get(project)
        out['options']['DEFAULT.notification_driver'] = [] if dead else [drv]
        if dead:
            out['ignored'].append('DEFAULT.notification_driver')
    return out


def breaks(project, release, name):
    """Why a Liberty API cannot load its paste pipeline (rows P1-P4), or None."""
    if release == 'juno' or name not in PASTE_SERVICES or not os.path.exists(PASTE[project]):
        return None
    with open(PASTE[project]) as f:
        text = f.read()
    if project == 'keystone' and 'XmlBodyMiddleware' in text:
        return "Could not load paste app 'main' from %s: AttributeError: 'module' object has no attribute 'XmlBodyMiddleware'" % PASTE[project]
    m = re.search(r'\b%s\.(openstack\.common\.middleware\.\w+)' % project, text)
    if m:
        # Python 2 names the part of the dotted path that no longer exists.
        return "Could not load paste app from %s: ImportError: No module named %s" % (PASTE[project], m.group(1))
    return None
