"""A fake OpenStack daemon (`fakestack-service NAME`): checks its config and its database as the
real service would at start-up, then heartbeats into its project's tables and, for the APIs,
answers a minimal HTTP API from the database (api.py)."""
import json
import os
import signal
import socket
import sys
import threading
import time

from . import catalog, db, effective, lifecycle, rabbitmqctl, state

CONF = {'nova': '/etc/nova/nova.conf', 'keystone': '/etc/keystone/keystone.conf', 'glance': '/etc/glance/glance-api.conf',
        'cinder': '/etc/cinder/cinder.conf', 'neutron': '/etc/neutron/neutron.conf', 'heat': '/etc/heat/heat.conf'}
# Schema each release's services need at least (their release's head; OPENSTACK.md §2.4 row 7).
NEEDS = {'juno': {'nova': 254, 'keystone': 55, 'glance': 36, 'cinder': 26, 'heat': 46},
         'liberty': {'nova': 302, 'keystone': 75, 'glance': 42, 'cinder': 60, 'heat': 65}}
API_PORTS = {'openstack-nova-api': 8774, 'openstack-keystone': 5000, 'openstack-glance-api': 9292,
             'openstack-cinder-api': 8776, 'openstack-neutron': 9696, 'openstack-heat-api': 8004}
NOVA_BINARY = {'openstack-nova-%s' % b: 'nova-%s' % b for b in ('scheduler', 'conductor', 'cert', 'consoleauth', 'compute')}
NEUTRON_AGENT = {'openstack-neutron-openvswitch-agent': ('Open vSwitch agent', 'neutron-openvswitch-agent'),
                 'openstack-neutron-dhcp-agent': ('DHCP agent', 'neutron-dhcp-agent'),
                 'openstack-neutron-l3-agent': ('L3 agent', 'neutron-l3-agent'),
                 'openstack-neutron-metadata-agent': ('Metadata agent', 'neutron-metadata-agent')}
CINDER_BINARY = {'openstack-cinder-%s' % b: 'cinder-%s' % b for b in ('scheduler', 'volume')}


class StartupError(Exception):
    pass


def project_of(name):
    return name.split('-')[1] if name.startswith('openstack-') else None


def fail(name, msg):
    with open(os.path.join(state.RUN, name + '.failed'), 'w') as f:
        f.write(msg + '\n')
    print('ERROR %s: %s' % (name, msg), flush=True)
    return 1


def release_needed(project, release):
    return NEEDS['juno' if release == 'juno' else 'liberty'].get(project)


def check_schema(project, release, conn):
    from .schema import neutron as nschema
    if project == 'neutron':
        want = set(nschema.HEADS[release])
        have = set(nschema.current(conn))
        if not want <= have:
            raise StartupError('database is at %s, %s needs %s' % (', '.join(sorted(have)) or 'nothing', release, ', '.join(sorted(want))))
        return
    repo_id = {'glance': 'Glance Migrations'}.get(project, project)
    need = release_needed(project, release)
    have = db.scalar(conn, 'SELECT version FROM migrate_version WHERE repository_id = %s', (repo_id,)) if db.has_table(conn, 'migrate_version') else None
    if have is None or have < need:
        # What an operator sees when Liberty code meets a Juno schema (§2.4: SQL errors on
        # columns that do not exist yet); chosen wording.
        raise StartupError('database schema version %s is older than %s needs (%s): run %s db sync' % (have, release, need, project))


# Services whose heartbeat travels over RPC: nova-compute reports its state through
# nova-conductor (objects' indirection_api, nova/cmd/compute.py @ 12.0.6), the neutron agents
# through neutron-server (report_state, neutron/agent/rpc.py PluginReportStateAPI @ 7.2.0).
# Without a broker that lets them in they never report in; the others write the database
# directly and keep reporting.
RPC_REPORTERS = {'openstack-nova-compute'} | set(NEUTRON_AGENT)


def broker_login(eff):
    """The service's RabbitMQ login from its effective config (oslo.messaging's defaults when unset)."""
    o = eff.get('options', {})
    host = (o.get('oslo_messaging_rabbit.rabbit_hosts') or o.get('oslo_messaging_rabbit.rabbit_host') or 'localhost').split(',')[0].strip()
    port = o.get('oslo_messaging_rabbit.rabbit_port') or 5672
    if ':' in host:
        host, port = host.rsplit(':', 1)
    answer = rabbitmqctl.connect(host, port, o.get('oslo_messaging_rabbit.rabbit_userid') or 'guest',
                                 o.get('oslo_messaging_rabbit.rabbit_password') or 'guest',
                                 o.get('oslo_messaging_rabbit.rabbit_virtual_host') or '/')
    if answer != 'OK':
        # oslo.messaging @ 2.5.0 impl_rabbit.py, Connection.ensure's on_error
        print('AMQP server on %s:%s is unreachable: %s. Trying again in 1 seconds.' % (host, port, answer), flush=True)
    return answer == 'OK'


def heartbeat(name, release, conn, eff=None):
    host = socket.gethostname()
    if name in RPC_REPORTERS and not broker_login(eff or {}):
        return
    with conn.cursor() as c:
        if name in NOVA_BINARY:
            extra = ', last_seen_up = UTC_TIMESTAMP()' if release != 'juno' else ''
            if c.execute('UPDATE services SET updated_at = UTC_TIMESTAMP(), report_count = report_count + 1%s WHERE host = %%s AND `binary` = %%s AND deleted = 0' % extra, (host, NOVA_BINARY[name])) == 0:
                c.execute("INSERT INTO services (created_at, updated_at, host, `binary`, topic, report_count, disabled, deleted) VALUES (UTC_TIMESTAMP(), UTC_TIMESTAMP(), %s, %s, %s, 1, 0, 0)", (host, NOVA_BINARY[name], NOVA_BINARY[name][5:]))
        elif name in CINDER_BINARY:
            if c.execute('UPDATE services SET updated_at = UTC_TIMESTAMP(), report_count = report_count + 1 WHERE host = %s AND `binary` = %s AND deleted = 0', (host, CINDER_BINARY[name])) == 0:
                c.execute("INSERT INTO services (created_at, updated_at, host, `binary`, topic, report_count, disabled, availability_zone, deleted) VALUES (UTC_TIMESTAMP(), UTC_TIMESTAMP(), %s, %s, %s, 1, 0, 'nova', 0)", (host, CINDER_BINARY[name], CINDER_BINARY[name][7:]))
        elif name in NEUTRON_AGENT:
            kind, binary = NEUTRON_AGENT[name]
            if c.execute('UPDATE agents SET heartbeat_timestamp = UTC_TIMESTAMP() WHERE host = %s AND `binary` = %s', (host, binary)) == 0:
                c.execute("INSERT INTO agents (id, agent_type, `binary`, topic, host, admin_state_up, created_at, started_at, heartbeat_timestamp, configurations) VALUES (UUID(), %s, %s, 'N/A', %s, 1, UTC_TIMESTAMP(), UTC_TIMESTAMP(), UTC_TIMESTAMP(), '{}')", (kind, binary, host))
    conn.commit()


def main(argv):
    name = argv[0]
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        run = prepare(name)
    except StartupError as e:
        return fail(name, str(e))
    except Exception as e:  # a database that cannot be reached, a config that cannot be read
        return fail(name, '%s: %s' % (type(e).__name__, e))
    with open(os.path.join(state.RUN, name + '.ready'), 'w') as f:
        f.write(str(os.getpid()))
    print('%s started' % name, flush=True)
    interval = 10
    while not stop.is_set():
        try:
            run()
        except Exception as e:  # the database went away: keep trying, as the services do
            print('heartbeat failed: %s' % e, flush=True)
        stop.wait(interval)
    return 0


def connect_retrying(conf_path, tries=30, pause=2):
    """oslo.db's start-up retries ([database] max_retries, retry_interval): a compute that boots
    before the controller's database waits for it instead of dying."""
    for i in range(tries):
        try:
            return db.connect_conf(conf_path)
        except Exception as e:  # pymysql.err.OperationalError: (2003, "Can't connect ...")
            if i == tries - 1:
                raise
            print('database not reachable (%s), retrying in %d s' % (e, pause), flush=True)
            time.sleep(pause)


def prepare(name):
    """Start-up checks; returns the periodic task."""
    project = project_of(name)
    if name == 'rabbitmq-server':
        rabbitmqctl.serve(lifecycle.host_address())
        return lambda: None
    if project is None:  # other infra: nothing to check
        return lambda: None
    release = state.release(project)
    conf_path = CONF[project]
    eff = effective.compute(project, release, conf_path)
    os.makedirs(os.path.join(state.STATE, 'effective'), exist_ok=True)
    with open(os.path.join(state.STATE, 'effective', name + '.json'), 'w') as f:
        json.dump(eff, f, indent=1, sort_keys=True)
    broken = effective.breaks(project, release, name)
    if broken:
        raise StartupError(broken)
    conn = connect_retrying(conf_path)
    if conn is None:
        raise StartupError('no [database] connection in %s' % conf_path)
    check_schema(project, release, conn)
    if name in API_PORTS:
        from . import api
        api.serve(name, project, release, API_PORTS[name], eff)
    if name == 'openstack-nova-compute':
        from . import compute
        compute.start_worker(lambda: db.connect_conf(conf_path), threading.Event())
        return lambda: (heartbeat(name, release, conn, eff), compute.track(conn))
    return lambda: heartbeat(name, release, conn, eff)
