"""Config files: the site's Juno configuration as SUSE Cloud 5's Chef templates wrote it (with
every Juno spelling of OPENSTACK.md §7), and the Liberty packages' defaults. Every service talks to
RabbitMQ as the rabbitmq barclamp's one user and vhost (`nova` on `/nova`; crowbar-openstack @
stable/3.0, the services' templates fill rabbit_userid/rabbit_virtual_host from
fetch_rabbitmq_settings)."""
import os

JUNO_PASTE_FILTER = '[filter:request_id]\npaste.filter_factory = %s.openstack.common.middleware.request_id:RequestIdMiddleware.factory\n'
LIBERTY_PASTE_FILTER = '[filter:request_id]\npaste.filter_factory = oslo_middleware:RequestId.factory\n'

JUNO = {
    '/etc/nova/nova.conf': """[DEFAULT]
verbose = True
lock_path = /var/run/nova
rpc_backend = nova.openstack.common.rpc.impl_kombu
notification_driver = nova.openstack.common.notifier.rpc_notifier
rabbit_host = {ctl}
rabbit_userid = nova
rabbit_password = {rabbit_pw}
rabbit_virtual_host = /nova
instances_path = /var/lib/nova/instances
neutron_url = http://{ctl}:9696
neutron_admin_username = neutron
neutron_admin_password = {svc_pw}
neutron_admin_tenant_name = service
neutron_admin_auth_url = http://{ctl}:35357/v2.0
service_neutron_metadata_proxy = True
neutron_metadata_proxy_shared_secret = {svc_pw}
glance_host = {ctl}
glance_port = 9292
os_region_name = RegionOne
vnc_enabled = True
vncserver_listen = 0.0.0.0
novncproxy_base_url = http://{ctl}:6080/vnc_auto.html

[database]
connection = {db_scheme}://nova:{nova_pw}@{ctl}/nova{db_query}

[osapi_v3]
enabled = true

[cinder]
catalog_info = volumev2:cinder:internalURL

[keystone_authtoken]
auth_uri = http://{ctl}:5000/v2.0
identity_uri = http://{ctl}:35357
admin_user = nova
admin_password = {svc_pw}
admin_tenant_name = service
""",
    '/etc/nova/api-paste.ini': """[composite:osapi_compute]
use = call:nova.api.openstack.urlmap:urlmap_factory
/v2 = openstack_compute_api_v2

[composite:openstack_compute_api_v2]
use = call:nova.api.auth:pipeline_factory
keystone = request_id faultwrap sizelimit authtoken keystonecontext ratelimit osapi_compute_app_v2

""" + JUNO_PASTE_FILTER % 'nova',
    '/etc/keystone/keystone.conf': """[DEFAULT]
verbose = True
admin_token = {svc_pw}
public_port = 5000
admin_port = 35357

[database]
connection = {db_scheme}://keystone:{keystone_pw}@{ctl}/keystone{db_query}

[token]
provider = keystone.token.providers.uuid.Provider
driver = keystone.token.persistence.backends.sql.Token

[identity]
driver = keystone.identity.backends.sql.Identity

[revoke]
driver = keystone.contrib.revoke.backends.sql.Revoke

[ec2]
driver = keystone.contrib.ec2.backends.sql.Ec2
""",
    '/etc/keystone/keystone-paste.ini': """[filter:xml_body]
paste.filter_factory = keystone.middleware:XmlBodyMiddleware.factory

[filter:xml_body_v2]
paste.filter_factory = keystone.middleware:XmlBodyMiddlewareV2.factory

[filter:json_body]
paste.filter_factory = keystone.middleware:JsonBodyMiddleware.factory

[pipeline:public_api]
pipeline = sizelimit url_normalize build_auth_context token_auth admin_token_auth xml_body_v2 json_body ec2_extension user_crud_extension public_service
""",
    '/etc/glance/glance-api.conf': """[DEFAULT]
verbose = True
default_store = rbd
known_stores = glance.store.filesystem.Store,glance.store.http.Store
filesystem_store_datadir = /var/lib/glance/images
rbd_store_pool = images
rbd_store_user = glance
rbd_store_ceph_conf = /etc/ceph/ceph.conf
rabbit_host = {ctl}
rabbit_userid = nova
rabbit_password = {rabbit_pw}
rabbit_virtual_host = /nova

[database]
connection = {db_scheme}://glance:{glance_pw}@{ctl}/glance{db_query}

[keystone_authtoken]
identity_uri = http://{ctl}:35357
admin_user = glance
admin_password = {svc_pw}
admin_tenant_name = service
""",
    '/etc/cinder/cinder.conf': """[DEFAULT]
verbose = True
rabbit_host = {ctl}
rabbit_userid = nova
rabbit_password = {rabbit_pw}
rabbit_virtual_host = /nova
volume_driver = cinder.volume.drivers.lvm.LVMISCSIDriver
notification_driver = cinder.openstack.common.notifier.rpc_notifier

[database]
connection = {db_scheme}://cinder:{cinder_pw}@{ctl}/cinder{db_query}

[keystone_authtoken]
identity_uri = http://{ctl}:35357
admin_user = cinder
admin_password = {svc_pw}
admin_tenant_name = service
""",
    '/etc/cinder/api-paste.ini': JUNO_PASTE_FILTER % 'cinder',
    '/etc/neutron/neutron.conf': """[DEFAULT]
verbose = True
core_plugin = ml2
rabbit_host = {ctl}
rabbit_userid = nova
rabbit_password = {rabbit_pw}
rabbit_virtual_host = /nova
nova_url = http://{ctl}:8774/v2
nova_admin_username = nova
nova_admin_password = {svc_pw}
nova_admin_tenant_name = service
nova_admin_auth_url = http://{ctl}:35357/v2.0

[database]
connection = {db_scheme}://neutron:{neutron_pw}@{ctl}/neutron{db_query}

[agent]
root_helper = sudo neutron-rootwrap /etc/neutron/rootwrap.conf
""",
    '/etc/neutron/plugins/ml2/ml2_conf.ini': '[ml2]\ntype_drivers = vxlan,flat\ntenant_network_types = vxlan\nmechanism_drivers = openvswitch\n',
    '/etc/neutron/api-paste.ini': JUNO_PASTE_FILTER % 'neutron' + '\n[filter:catch_errors]\npaste.filter_factory = neutron.openstack.common.middleware.catch_errors:CatchErrorsMiddleware.factory\n',
    '/etc/heat/heat.conf': """[DEFAULT]
verbose = True
rabbit_host = {ctl}
rabbit_userid = nova
rabbit_password = {rabbit_pw}
rabbit_virtual_host = /nova

[database]
connection = {db_scheme}://heat:{heat_pw}@{ctl}/heat{db_query}
""",
    '/etc/heat/api-paste.ini': JUNO_PASTE_FILTER % 'heat',
}

LIBERTY_DEFAULTS = {
    '/etc/nova/nova.conf': '[DEFAULT]\n\n[database]\n#connection = <None>\n\n[api_database]\n#connection = <None>\n\n[oslo_messaging_rabbit]\n\n[keystone_authtoken]\n',
    '/etc/nova/api-paste.ini': JUNO['/etc/nova/api-paste.ini'].replace(JUNO_PASTE_FILTER % 'nova', LIBERTY_PASTE_FILTER),
    '/etc/keystone/keystone.conf': '[DEFAULT]\n\n[database]\n#connection = <None>\n\n[token]\n#provider = uuid\n',
    '/etc/keystone/keystone-paste.ini': '[filter:json_body]\nuse = egg:keystone#json_body\n\n[pipeline:public_api]\npipeline = sizelimit url_normalize request_id build_auth_context token_auth admin_token_auth json_body ec2_extension public_service\n',
    '/etc/glance/glance-api.conf': '[DEFAULT]\n\n[database]\n#connection = <None>\n\n[glance_store]\n#default_store = file\n',
    '/etc/cinder/cinder.conf': '[DEFAULT]\n\n[database]\n#connection = <None>\n',
    '/etc/cinder/api-paste.ini': LIBERTY_PASTE_FILTER,
    '/etc/neutron/neutron.conf': '[DEFAULT]\n\n[database]\n#connection = <None>\n\n[nova]\n',
    '/etc/neutron/plugins/ml2/ml2_conf.ini': '[ml2]\n',
    '/etc/neutron/api-paste.ini': LIBERTY_PASTE_FILTER + '\n[filter:catch_errors]\npaste.filter_factory = oslo_middleware:CatchErrors.factory\n',
    '/etc/heat/heat.conf': '[DEFAULT]\n\n[database]\n#connection = <None>\n',
    '/etc/heat/api-paste.ini': LIBERTY_PASTE_FILTER,
}


def files_of(project, release):
    src = JUNO if release == 'juno' else LIBERTY_DEFAULTS
    return {p: t for p, t in src.items() if p.startswith('/etc/%s/' % project)}


def write(path, text, mode=0o640):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = path + '.rbtmp'
    with open(tmp, 'w') as f:
        f.write(text)
    os.chmod(tmp, mode)
    os.replace(tmp, path)


def render(text, site):
    """A Juno file with the site's values; the database URL's engine from db_engine (a site
    without it is a MariaDB one, as every lab was before PostgreSQL)."""
    pg = site.get('db_engine') == 'postgresql'
    return text.format(**{'db_scheme': 'postgresql' if pg else 'mysql', 'db_query': '' if pg else '?charset=utf8', **site})


def install_defaults(project, release, site=None):
    """rpm's %config(noreplace): a file the site changed stays, the new default lands as .rpmnew.

    The Juno files carry the site's values (the lab's stand-in for Chef); Liberty's are bare."""
    for path, text in files_of(project, release).items():
        if site is not None:
            text = render(text, site)
        if os.path.exists(path):
            write(path + '.rpmnew', text)
        else:
            write(path, text)
