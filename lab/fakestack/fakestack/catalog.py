"""The lab's package catalogue: what each package ships, per release and per OS.

Service names are SUSE Cloud 5/6's (OPENSTACK.md §8.1); mariadb and rabbitmq are the infra."""

VERSIONS = {
    'juno': {'nova': '2014.2.4', 'keystone': '2014.2.4', 'glance': '2014.2.4', 'cinder': '2014.2.4', 'neutron': '2014.2.4', 'heat': '2014.2.4'},
    'liberty': {'nova': '12.0.6', 'keystone': '8.0.0', 'glance': '11.0.2', 'cinder': '7.0.3', 'neutron': '7.2.0', 'heat': '5.0.1'},
}
VERSIONS['liberty-upstream'] = VERSIONS['liberty']

TOOLS = {'nova': ['nova-manage'], 'keystone': ['keystone-manage'], 'glance': ['glance-manage'],
         'cinder': ['cinder-manage'], 'neutron': ['neutron-db-manage'], 'heat': ['heat-manage']}

# package -> services it ships (its init script / unit)
SERVICES = {
    'openstack-nova-api': ['openstack-nova-api'],
    'openstack-nova-scheduler': ['openstack-nova-scheduler'],
    'openstack-nova-conductor': ['openstack-nova-conductor'],
    'openstack-nova-cert': ['openstack-nova-cert'],
    'openstack-nova-consoleauth': ['openstack-nova-consoleauth'],
    'openstack-nova-novncproxy': ['openstack-nova-novncproxy'],
    'openstack-nova-compute': ['openstack-nova-compute'],
    'openstack-keystone': ['openstack-keystone'],
    'openstack-glance': ['openstack-glance-api', 'openstack-glance-registry'],
    'openstack-cinder-api': ['openstack-cinder-api'],
    'openstack-cinder-scheduler': ['openstack-cinder-scheduler'],
    'openstack-cinder-volume': ['openstack-cinder-volume'],
    'openstack-neutron-server': ['openstack-neutron'],
    'openstack-neutron-openvswitch-agent': ['openstack-neutron-openvswitch-agent'],
    'openstack-neutron-dhcp-agent': ['openstack-neutron-dhcp-agent'],
    'openstack-neutron-l3-agent': ['openstack-neutron-l3-agent'],
    'openstack-neutron-metadata-agent': ['openstack-neutron-metadata-agent'],
    'openstack-heat-api': ['openstack-heat-api'],
    'openstack-heat-api-cfn': ['openstack-heat-api-cfn'],
    'openstack-heat-api-cloudwatch': ['openstack-heat-api-cloudwatch'],
    'openstack-heat-engine': ['openstack-heat-engine'],
    'mariadb': ['mysql'],
    'postgresql-server': ['postgresql'],
    'rabbitmq-server': ['rabbitmq-server'],
}


def project_of(package):
    if package.startswith('openstack-'):
        return package.split('-')[1]
    return None


CONTROLLER = ['mariadb', 'rabbitmq-server', 'openstack-keystone', 'openstack-glance',
              'openstack-cinder', 'openstack-cinder-api', 'openstack-cinder-scheduler', 'openstack-cinder-volume',
              'openstack-neutron', 'openstack-neutron-server', 'openstack-neutron-dhcp-agent', 'openstack-neutron-l3-agent',
              'openstack-neutron-metadata-agent', 'openstack-neutron-openvswitch-agent',
              'openstack-nova', 'openstack-nova-api', 'openstack-nova-scheduler', 'openstack-nova-conductor',
              'openstack-nova-cert', 'openstack-nova-consoleauth', 'openstack-nova-novncproxy',
              'openstack-heat', 'openstack-heat-api', 'openstack-heat-api-cfn', 'openstack-heat-api-cloudwatch',
              'openstack-heat-engine']
COMPUTE = ['openstack-nova', 'openstack-nova-compute', 'openstack-neutron', 'openstack-neutron-openvswitch-agent']
PACKAGES = sorted(set(CONTROLLER + COMPUTE + ['openstack-keystone']))

# Start order (OPENSTACK.md §8.2 "Generic ... Start order"); stop is the reverse.
START_ORDER = ['mysql', 'postgresql', 'rabbitmq-server', 'openstack-keystone', 'openstack-glance-registry', 'openstack-glance-api',
               'openstack-cinder-api', 'openstack-cinder-scheduler', 'openstack-cinder-volume', 'openstack-neutron',
               'openstack-nova-conductor', 'openstack-nova-api', 'openstack-nova-scheduler', 'openstack-nova-cert',
               'openstack-nova-consoleauth', 'openstack-nova-novncproxy', 'openstack-neutron-openvswitch-agent',
               'openstack-neutron-dhcp-agent', 'openstack-neutron-l3-agent', 'openstack-neutron-metadata-agent',
               'openstack-nova-compute', 'openstack-heat-api', 'openstack-heat-api-cfn', 'openstack-heat-api-cloudwatch',
               'openstack-heat-engine']

OS = {
    'sles11sp3': {'NAME': 'SLES', 'VERSION': '11.3', 'VERSION_ID': '11.3', 'PRETTY_NAME': 'SUSE Linux Enterprise Server 11 SP3', 'ID': 'sles'},
    'sles12sp1': {'NAME': 'SLES', 'VERSION': '12-SP1', 'VERSION_ID': '12.1', 'PRETTY_NAME': 'SUSE Linux Enterprise Server 12 SP1', 'ID': 'sles'},
}
