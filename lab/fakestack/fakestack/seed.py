"""The lab's Juno data (run once on the controller by `runbook lab up`): databases, users and
grants, Juno schemas via the Juno tools, then the scenario's rows (OPENSTACK.md §3)."""
import json
import os
import random
import subprocess
import sys
import time
import uuid as uuidlib

from . import boot, db, lifecycle
from .api import password_hash

DBS = ['nova', 'keystone', 'glance', 'cinder', 'neutron', 'heat']
FLAVORS = [(1, 'm1.tiny', 512, 1, 1, '1'), (2, 'm1.small', 2048, 1, 20, '2'), (3, 'm1.medium', 4096, 2, 40, '3'),
           (4, 'm1.large', 8192, 4, 80, '4'), (5, 'm1.xlarge', 16384, 8, 160, '5')]
NUMA = {'hw:numa_nodes': '2', 'hw:numa_cpus.0': '0,1', 'hw:numa_cpus.1': '2,3', 'hw:numa_mem.0': '4096', 'hw:numa_mem.1': '4096'}
PROJECTS = ['admin', 'demo', 'alt_demo', 'service']


def postgres(site):
    return site.get('db_engine') == 'postgresql'


def root_conn(site, database=None):
    if postgres(site):
        # the superuser over TCP with its password (pg_hba: scram-sha-256; the socket is peer)
        from urllib.parse import quote
        return db.connect_url('postgresql://postgres:%s@%s/%s' % (quote(site['mysql_root_pw'], safe=''), lifecycle.host_address(), database or 'postgres'))
    import pymysql
    return pymysql.connect(unix_socket='/run/mysqld/mysqld.sock', user='root', password=site['mysql_root_pw'], database=database, charset='utf8')


def pg_databases(site):
    """Each service's role (its password from the site) owning its database."""
    conn = root_conn(site)
    conn.autocommit(True)  # CREATE DATABASE runs outside a transaction
    for name in DBS:
        if not db.scalar(conn, 'SELECT COUNT(*) FROM pg_roles WHERE rolname = %s', (name,)):
            db.execute(conn, "CREATE ROLE %s LOGIN PASSWORD '%s'" % (name, site['%s_pw' % name].replace("'", "''")))
        if not db.scalar(conn, 'SELECT COUNT(*) FROM pg_database WHERE datname = %s', (name,)):
            db.execute(conn, 'CREATE DATABASE %s OWNER %s' % (name, name))
    conn.close()


def databases(site):
    if postgres(site):
        return pg_databases(site)
    import pymysql
    try:
        conn = pymysql.connect(unix_socket='/run/mysqld/mysqld.sock', user='root', password='', charset='utf8')
        db.execute(conn, "ALTER USER 'root'@'localhost' IDENTIFIED BY '%s'" % site['mysql_root_pw'])
    except pymysql.err.OperationalError:
        conn = root_conn(site)
    stmts = ["CREATE USER IF NOT EXISTS 'root'@'%%' IDENTIFIED BY '%s'" % site['mysql_root_pw'], "GRANT ALL ON *.* TO 'root'@'%' WITH GRANT OPTION"]
    for name in DBS:
        pw = site['%s_pw' % name]
        stmts += ['CREATE DATABASE IF NOT EXISTS %s CHARACTER SET utf8' % name,
                  "CREATE USER IF NOT EXISTS '%s'@'%%' IDENTIFIED BY '%s'" % (name, pw),
                  "CREATE USER IF NOT EXISTS '%s'@'localhost' IDENTIFIED BY '%s'" % (name, pw),
                  "GRANT ALL PRIVILEGES ON %s.* TO '%s'@'%%'" % (name, name),
                  "GRANT ALL PRIVILEGES ON %s.* TO '%s'@'localhost'" % (name, name)]
    db.execute(conn, *stmts)
    conn.commit()


def sync_juno():
    for cmd in (['nova-manage', 'db', 'sync'], ['keystone-manage', 'db_sync'], ['glance-manage', 'db_sync'],
                ['cinder-manage', 'db', 'sync'], ['heat-manage', 'db_sync'],
                ['neutron-db-manage', '--config-file', '/etc/neutron/neutron.conf', '--config-file', '/etc/neutron/plugins/ml2/ml2_conf.ini', 'upgrade', 'head']):
        subprocess.run(cmd, check=True)


def keystone(site):
    conn = root_conn(site, 'keystone')
    with conn.cursor() as c:
        for p in PROJECTS:
            c.execute("INSERT INTO project VALUES (%s, %s, '{}', %s, 1, 'default')", (p + '-id', p, p + ' project'))
        for u in ['admin', 'demo', 'nova', 'glance', 'cinder', 'neutron', 'heat']:
            pw = site['admin_pw'] if u == 'admin' else site['svc_pw']
            c.execute("INSERT INTO user VALUES (%s, %s, '{}', %s, 1, 'default', %s)", (u + '-id', u, password_hash(pw), 'admin-id' if u == 'admin' else 'service-id'))
        for r in ['admin', '_member_', 'heat_stack_owner']:
            c.execute("INSERT INTO role VALUES (%s, %s, '{}')", (r + '-id', r))
        c.execute("INSERT INTO assignment VALUES ('UserProject', 'admin-id', 'admin-id', 'admin-id', 0)")
        for i in range(40):  # tokens, half of them expired: what token_flush shrinks
            c.execute("INSERT INTO token VALUES (%s, UTC_TIMESTAMP() + INTERVAL %s HOUR, '{}', 1, NULL, 'demo-id')", (uuidlib.uuid4().hex, -5 if i % 2 else 5))
        for svc, port in [('identity', 5000), ('compute', 8774), ('image', 9292), ('volume', 8776), ('volumev2', 8776), ('network', 9696), ('orchestration', 8004)]:
            c.execute("INSERT INTO service VALUES (%s, %s, 1, '{}')", (svc + '-id', svc))
            c.execute("INSERT INTO endpoint VALUES (%s, NULL, 'public', 'RegionOne', %s, %s, '{}', 1)", (svc + '-pub', svc + '-id', 'http://%s:%d' % (site['controller_address'], port)))
    conn.commit()


def flavors(conn):
    with conn.cursor() as c:
        for i, name, mem, vcpus, root, fid in FLAVORS:
            c.execute('INSERT INTO instance_types (created_at, id, name, memory_mb, vcpus, root_gb, ephemeral_gb, flavorid, swap, rxtx_factor, deleted) VALUES (UTC_TIMESTAMP(), %s, %s, %s, %s, %s, 0, %s, 0, 1.0, 0)', (i, name, mem, vcpus, root, fid))
        # A NUMA flavor used by instances, then deleted (deleted = id): the extra_specs lookup
        # of migrate_flavor_data must read deleted flavors.
        c.execute('INSERT INTO instance_types (created_at, deleted_at, id, name, memory_mb, vcpus, root_gb, ephemeral_gb, flavorid, swap, rxtx_factor, deleted) VALUES (UTC_TIMESTAMP(), UTC_TIMESTAMP(), 6, %s, 8192, 4, 40, 0, %s, 0, 1.0, 6)', ('numa.large', 'numa-1'))
        for k, v in NUMA.items():
            c.execute('INSERT INTO instance_type_extra_specs (created_at, instance_type_id, `key`, value, deleted) VALUES (UTC_TIMESTAMP(), 6, %s, %s, 0)', (k, v))
    conn.commit()


def kinds(n):
    """The instance kinds of OPENSTACK.md §3, repeated to n instances."""
    base = ['live'] * 4 + ['stopped', 'pre-juno', 'deleted', 'task-state', 'resize', 'numa', 'legacy-no-sysmeta']
    return [base[i % len(base)] for i in range(n)]


def instances(conn, site, n, rng):
    computes = site['computes']
    made = []
    for i, kind in enumerate(kinds(n)):
        f = boot.flavor(conn, str(rng.choice([1, 2, 3])))
        host = computes[i % len(computes)]
        args = dict(host=host)
        meta = None
        if kind == 'stopped':
            args.update(vm_state='stopped', power_state=4)
        elif kind == 'pre-juno':
            args.update(extra=False)
        elif kind == 'task-state':
            args.update(task_state='rebooting')
        elif kind == 'numa':
            f = boot.flavor(conn, 'numa-1')
            meta = boot.sysmeta(f, numa={k: v for k, v in NUMA.items() if k.startswith(('hw:numa_cpus.', 'hw:numa_mem.'))})
        elif kind == 'resize':
            new = boot.flavor(conn, '4')
            args.update(vm_state='resized', power_state=1)
            meta = dict(boot.sysmeta(f), **boot.sysmeta(f, 'old_'))
            meta.update(boot.sysmeta(new, 'new_'))
        elif kind == 'legacy-no-sysmeta':
            meta = {}
        project = PROJECTS[i % 3]
        uuid = boot.insert(conn, 'juno', project + '-id', 'demo-id', 'vm-%02d-%s' % (i, kind), f, meta=meta, **args)
        if kind == 'deleted':
            db.execute(conn, "UPDATE instances SET deleted = id, deleted_at = UTC_TIMESTAMP(), vm_state = 'deleted', power_state = 0 WHERE uuid = '%s'" % uuid)
        if kind == 'resize':
            db.execute(conn, "INSERT INTO migrations (created_at, source_compute, dest_compute, instance_uuid, status, old_instance_type_id, new_instance_type_id, deleted) VALUES (UTC_TIMESTAMP(), '%s', '%s', '%s', 'finished', %d, 4, 0)" % (host, computes[(i + 1) % len(computes)], uuid, f['id']))
        made.append((uuid, kind, project, host))
    conn.commit()
    return made


def guest_network(site):
    """The guests' addresses: loopback addresses apart from the hosts' (the lab sets it: 127.0.N.F -> 127.(200+N).F), chosen."""
    return site.get('guest_network') or '127.200.' + site['controller_address'].split('.')[2]


def disks(made, site):
    """Instance disks on the shared instances path (kept across reinstalls)."""
    n = 0
    for uuid, kind, _, host in made:
        if kind == 'deleted':
            continue
        n += 1
        d = '/var/lib/nova/instances/%s' % uuid
        os.makedirs(d, exist_ok=True)
        with open(d + '/disk', 'w') as f:
            f.write('QFI\xfb lab disk of %s\n' % uuid)
        with open(d + '/disk.info', 'w') as f:
            json.dump({d + '/disk': 'qcow2'}, f)
        # the hypervisor's view (virsh.py): running unless nova has the instance stopped; the
        # pre-Juno guests were defined without ACPI and ignore a clean shutdown
        with open(d + '/lab-domain.json', 'w') as f:
            json.dump({'uuid': uuid, 'name': 'instance-' + uuid[:8], 'host': host, 'state': 'shut off' if kind == 'stopped' else 'running',
                       'acpi': kind != 'pre-juno', 'address': '%s.%d' % (guest_network(site), 10 + n), 'started_at': time.time()}, f)


def others(site, made, rng):
    g = root_conn(site, 'glance')
    images = [(str(uuidlib.uuid4()), n) for n in ('cirros-0.3.4', 'sles12sp1', 'ubuntu-14.04', 'fedora-22')]
    with g.cursor() as c:
        for i, n in images:
            c.execute("INSERT INTO images (id, name, size, status, is_public, disk_format, container_format, owner, created_at, deleted) VALUES (%s, %s, %s, 'active', 1, 'qcow2', 'bare', 'admin-id', UTC_TIMESTAMP(), 0)", (i, n, 13287936))
            c.execute("INSERT INTO image_locations (image_id, value, created_at, deleted) VALUES (%s, %s, UTC_TIMESTAMP(), 0)", (i, 'file:///var/lib/glance/images/' + i))
    g.commit()
    cd = root_conn(site, 'cinder')
    live = [m for m in made if m[1] not in ('deleted',)]
    with cd.cursor() as c:
        for i in range(max(4, len(made) // 6)):
            vid = str(uuidlib.uuid4())
            if i % 2 == 0 and live:
                u, _, p, h = live[i % len(live)]
                c.execute("INSERT INTO volumes (id, project_id, host, size, status, attach_status, instance_uuid, mountpoint, attached_host, attach_time, display_name, created_at, deleted) VALUES (%s, %s, 'controller1@lvm', 1, 'in-use', 'attached', %s, '/dev/vdb', %s, UTC_TIMESTAMP(), %s, UTC_TIMESTAMP(), 0)", (vid, p + '-id', u, h, 'vol-%d' % i))
            else:
                c.execute("INSERT INTO volumes (id, project_id, host, size, status, attach_status, display_name, created_at, deleted) VALUES (%s, 'demo-id', 'controller1@lvm', 2, 'available', 'detached', %s, UTC_TIMESTAMP(), 0)", (vid, 'vol-%d' % i))
    cd.commit()
    nt = root_conn(site, 'neutron')
    with nt.cursor() as c:
        c.execute("INSERT INTO networks VALUES ('admin-id', %s, 'ext-net', 'ACTIVE', 1, 1)", (str(uuidlib.uuid4()),))
        for p in PROJECTS[:3]:
            net = str(uuidlib.uuid4())
            c.execute("INSERT INTO networks VALUES (%s, %s, %s, 'ACTIVE', 1, 0)", (p + '-id', net, p + '-net'))
            c.execute("INSERT INTO subnets VALUES (%s, %s, %s, %s, 4, %s, %s, 1)", (p + '-id', str(uuidlib.uuid4()), p + '-subnet', net, '10.%d.0.0/24' % PROJECTS.index(p), '10.%d.0.1' % PROJECTS.index(p)))
            sg = str(uuidlib.uuid4())
            c.execute("INSERT INTO securitygroups VALUES (%s, %s, 'default', 'Default security group')", (p + '-id', sg))
            c.execute("INSERT INTO securitygrouprules VALUES (%s, %s, %s, NULL, 'ingress', 'IPv4', 'tcp', 22, 22, '0.0.0.0/0')", (p + '-id', str(uuidlib.uuid4()), sg))
    nt.commit()
    h = root_conn(site, 'heat')
    with h.cursor() as c:
        for i in range(3):
            c.execute("INSERT INTO raw_template (template, created_at) VALUES ('heat_template_version: 2013-05-23', UTC_TIMESTAMP())")
            c.execute("INSERT INTO stack (id, name, raw_template_id, username, tenant, action, status, created_at) VALUES (%s, %s, LAST_INSERT_ID(), 'demo', 'demo-id', 'CREATE', 'COMPLETE', UTC_TIMESTAMP())", (str(uuidlib.uuid4()), 'stack-%d' % i))
    h.commit()


def rabbit(site):
    """SUSE Cloud's rabbitmq barclamp on a fresh broker: the services' user and vhost."""
    from . import rabbitmqctl
    b = rabbitmqctl.fresh()
    rabbitmqctl.add_user(b, 'nova', site['rabbit_pw'])
    b['vhosts'].append('/nova')
    b['permissions']['/nova'] = {'nova': ['.*', '.*', '.*']}
    rabbitmqctl.save(b)


def blockers(site):
    """The real-world blockers (OPENSTACK.md §0 fact 8), and an instance migrate_flavor_data cannot
    migrate (nova @ 2015.1.4 nova/db/sqlalchemy/api.py migrate_flavor_data: a legacy instance
    without flavor system metadata whose flavor row is gone, even as deleted — "Unable to lookup
    flavor for legacy instance"; 291 then refuses the run in the middle of the downtime)."""
    n = root_conn(site, 'nova')
    db.execute(n, "INSERT INTO block_device_mapping (created_at, instance_uuid, device_name, source_type, destination_type, deleted) VALUES (UTC_TIMESTAMP(), NULL, '/dev/vdc', 'volume', 'volume', 0)")
    # a second 267 blocker, in a table the nine usual ones leave out: a migration record whose
    # instance is gone (migrations.instance_uuid has Juno's foreign key to instances.uuid)
    db.execute(n, "INSERT INTO migrations (created_at, source_compute, dest_compute, instance_uuid, status, deleted) VALUES (UTC_TIMESTAMP(), 'compute1', 'compute1', NULL, 'error', 0)")
    legacy = boot.insert(n, 'juno', 'demo-id', 'demo-id', 'vm-legacy-purged-flavor', boot.flavor(n, '1'), host=site['computes'][0],
                         vm_state='stopped', power_state=4, meta={})
    # its flavor, id 99, purged by hand: not even a deleted row is left
    db.execute(n, "UPDATE instances SET instance_type_id = 99 WHERE uuid = '%s'" % legacy)
    n.commit()
    nt = root_conn(site, 'neutron')
    db.execute(nt, "INSERT INTO securitygroups VALUES ('demo-id', '%s', 'default', 'a second default')" % uuidlib.uuid4())
    nt.commit()
    g = root_conn(site, 'glance')
    db.execute(g, 'ALTER TABLE image_tags CONVERT TO CHARACTER SET latin1')
    g.commit()


def main(argv):
    site = json.load(open('/etc/fakestack/site.json'))
    scenario = argv[0] if argv else 'default'
    small = '--small' in argv
    rabbit(site)
    databases(site)
    sync_juno()
    keystone(site)
    nova = root_conn(site, 'nova')
    flavors(nova)
    rng = random.Random(4)
    made = instances(nova, site, 12 if small else 66, rng)
    disks(made, site)
    others(site, made, rng)
    if scenario == 'blockers':
        blockers(site)
    print(json.dumps({'instances': len(made)}))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
