"""What a service makes of its config. Under Liberty, oslo.config hands an option the value of its
name or of one of its deprecated names and groups, and every other key of the file is read by
nobody, without a word (oslo_config/cfg.py @ liberty-eol: Opt._get_from_namespace): the SILENT
effect of OPENSTACK.md §7, for any option, listed there or not. Which names a Liberty service
reads comes from liberty-options.json, extracted from the Liberty source of the service and the
libraries it loads by tools/extract_options.py; a deprecated name still works and is reported
(WARN). A Juno paste pipeline (BREAK rows P1-P4) stops the API from starting."""
import json
import os
import re

from . import db

TABLE_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'liberty-options.json')

# Juno read these spellings, Liberty does not (§7's SILENT rows): under Juno the fakes take the
# value from the old key, so a Juno cloud works as configured.
JUNO_ONLY = [
    ('nova', 'DEFAULT', 'neutron_url', 'neutron', 'url'),
    ('nova', 'DEFAULT', 'neutron_admin_username', 'neutron', 'admin_username'),
    ('nova', 'DEFAULT', 'neutron_admin_password', 'neutron', 'admin_password'),
    ('nova', 'DEFAULT', 'neutron_admin_tenant_name', 'neutron', 'admin_tenant_name'),
    ('nova', 'DEFAULT', 'neutron_admin_auth_url', 'neutron', 'admin_auth_url'),
    ('nova', 'DEFAULT', 'service_neutron_metadata_proxy', 'neutron', 'service_metadata_proxy'),
    ('nova', 'DEFAULT', 'neutron_metadata_proxy_shared_secret', 'neutron', 'metadata_proxy_shared_secret'),
    ('nova', 'DEFAULT', 'glance_host', 'glance', 'host'),
    ('nova', 'DEFAULT', 'glance_port', 'glance', 'port'),
    ('nova', 'DEFAULT', 'os_region_name', 'cinder', 'os_region_name'),
    ('glance', 'DEFAULT', 'default_store', 'glance_store', 'default_store'),
    ('glance', 'DEFAULT', 'known_stores', 'glance_store', 'stores'),
]
# Liberty defaults of the options the fakes read (glance_store/backend.py _STORE_OPTS @ liberty-eol).
DEFAULTS = {'glance': {'glance_store.default_store': 'file'}}

# nova: notification_driver alias entry points removed in Kilo (§7 row 3): no notifications.
DEAD_NOTIFIERS = {'nova': 'nova.openstack.common.notifier.rpc_notifier'}

PASTE = {'nova': '/etc/nova/api-paste.ini', 'keystone': '/etc/keystone/keystone-paste.ini', 'cinder': '/etc/cinder/api-paste.ini',
         'neutron': '/etc/neutron/api-paste.ini', 'heat': '/etc/heat/api-paste.ini'}
PASTE_SERVICES = {'openstack-nova-api', 'openstack-keystone', 'openstack-cinder-api', 'openstack-neutron', 'openstack-heat-api'}

_index = {}


def table():
    with open(TABLE_PATH) as f:
        return json.load(f)


def index(project):
    """(group, key) → (group, option) it reaches, and the groups that load keystoneclient auth plugins."""
    if project not in _index:
        t = table()
        names, auth_groups = {}, set()
        for src in t['uses'][project]:
            s = t['sources'][src]
            auth_groups.update(s['auth_groups'])
            for g, opts in s['groups'].items():
                for o, aliases in opts.items():
                    names[(g, o)] = (g, o)
        for src in t['uses'][project]:
            for g, opts in t['sources'][src]['groups'].items():
                for o, aliases in opts.items():
                    for ag, an in aliases:
                        names.setdefault((ag, an), (g, o))
        _index[project] = (names, auth_groups, t['auth_plugins'])
    return _index[project]


def group_of(section):
    # oslo_config/cfg.py @ liberty-eol _normalize_group_name
    return section if section == 'DEFAULT' else section.lower()


def reaches(project, cp):
    """Every (section, key) of the file mapped to the Liberty option it sets, or None (ignored)."""
    names, auth_groups, plugins = index(project)
    extra = {}
    # keystoneclient auth plugins: the options of the plugin a group names in auth_plugin (in the
    # group auth_section names, if any) exist only then (keystoneclient/auth/conf.py @ liberty-eol).
    for g in auth_groups:
        pg = group_of(db.conf_get(cp, g, 'auth_section') or g)
        plugin = db.conf_get(cp, pg, 'auth_plugin')
        for o, aliases in plugins['plugins'].get(plugin or '', {}).items():
            extra[(pg, o)] = (pg, o)
            for a in aliases:
                extra.setdefault((pg, a), (pg, o))
    # cinder: a backend section named in enabled_backends takes the volume options
    # (cinder/volume/configuration.py @ 7.0.0: Configuration registers them in that group).
    backends = set()
    if project == 'cinder':
        backends = {group_of(b.strip()) for b in (db.conf_get(cp, 'DEFAULT', 'enabled_backends') or '').split(',') if b.strip()}
    out = {}
    for section in cp.sections():
        for key in cp.options(section):
            g, k = group_of(section), key.replace('-', '_')
            hit = extra.get((g, k)) or names.get((g, k))
            if hit is None and g in backends:
                hit = names.get(('DEFAULT', k))
                hit = (g, hit[1]) if hit else None
            out[(section, key)] = hit
    return out


def compute(project, release, conf_path):
    cp = db.read_conf(conf_path)
    out = {'release': release, 'options': dict(DEFAULTS.get(project, {})), 'ignored': [], 'deprecated': []}
    if release == 'juno':
        for p, osec, okey, nsec, nkey in JUNO_ONLY:
            v = db.conf_get(cp, osec, okey)
            if p == project and v is not None and db.conf_get(cp, nsec, nkey) is None:
                out['options']['%s.%s' % (nsec, nkey)] = v
    current = set()
    for (section, key), hit in sorted(reaches(project, cp).items()):
        value = db.conf_get(cp, section, key)
        if hit is None:
            if release != 'juno':
                out['ignored'].append('%s.%s' % (section, key))
            continue
        name = '%s.%s' % hit
        if (group_of(section), key) == hit:
            current.add(name)
            out['options'][name] = value
        elif name not in current:
            out['options'].setdefault(name, value)
            if release != 'juno':
                out['deprecated'].append('Option "%s" from group "%s" is deprecated. Use option "%s" from group "%s".' % (key, section, hit[1], hit[0]))
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
