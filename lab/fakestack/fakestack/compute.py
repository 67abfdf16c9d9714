"""nova-compute's parts that live migration needs: the resource tracker's compute_nodes row and
the source side of a live migration.

Resource tracker (nova/compute/resource_tracker.py @ 2014.2.4 _update_usage_from_instances,
_report_final_resource_view): memory_mb_used = reserved_host_memory_mb (512, the default) + the
memory of every instance on this host that is not deleted, vcpus_used their vcpus,
free_ram_mb = memory_mb - memory_mb_used, running_vms their number. The hypervisor's size is
/etc/fakestack/hypervisor.json ({"vcpus", "memory_mb", "local_gb"}) or 8 vCPUs, 16 GiB, 200 GB
(chosen); hypervisor_type QEMU and hypervisor_version the qemu of the OS, encoded as libvirt's
driver reports it (major * 1000000 + minor * 1000 + micro; the versions chosen: SLES 11 SP3
1.4.2 -> 1004002, SLES 12 SP1 2.3.1 -> 2003001 — only their order matters to the conductor).

Live migration: nova-api and nova-conductor accept the request (api.py), conductor casts
`live_migration` to the source compute over RabbitMQ; the lab has no message bus, so the cast
is a file beside the instance on the shared instances path (lab-migrate.json, chosen) that this
compute's nova-compute picks up within a second. It runs the libvirt migration to
live_migration_uri (qemu+tcp://%s/system) and then does what post_live_migration_at_destination
does to the instance (nova/compute/manager.py @ 2014.2.4 and 12.0.0): host and node become the
destination's, power_state RUNNING, vm_state active, task_state NULL. A failure is
_rollback_live_migration's: vm_state active, task_state NULL, the instance stays where it was."""
import glob
import json
import os
import socket
import subprocess
import threading

from . import db, guest, state

RESERVED_MB = 512
QEMU = {'11': 1004002, '12': 2003001}


def size():
    try:
        with open('/etc/fakestack/hypervisor.json') as f:
            s = json.load(f)
    except (OSError, ValueError):
        s = {}
    return {'vcpus': s.get('vcpus', 8), 'memory_mb': s.get('memory_mb', 16384), 'local_gb': s.get('local_gb', 200)}


def track(conn):
    """The compute_nodes row of this host, as the resource tracker reports it each period."""
    host = socket.gethostname()
    used = db.rows(conn, 'SELECT COALESCE(SUM(memory_mb), 0), COALESCE(SUM(vcpus), 0), COUNT(*) FROM instances WHERE host = %s AND deleted = 0', (host,))[0]
    s = size()
    mem_used = RESERVED_MB + int(used[0])
    version = QEMU.get(state.os_release()[1].split('.')[0].split('-')[0], QEMU['11'])
    service = db.scalar(conn, "SELECT id FROM services WHERE host = %s AND `binary` = 'nova-compute' AND deleted = 0", (host,))
    values = (service, s['vcpus'], s['memory_mb'], s['local_gb'], int(used[1]), mem_used, s['memory_mb'] - mem_used, 'QEMU', version, int(used[2]))
    with conn.cursor() as c:
        if c.execute('UPDATE compute_nodes SET updated_at = UTC_TIMESTAMP(), service_id = %s, vcpus = %s, memory_mb = %s, local_gb = %s, vcpus_used = %s, memory_mb_used = %s, free_ram_mb = %s, hypervisor_type = %s, hypervisor_version = %s, running_vms = %s WHERE hypervisor_hostname = %s AND deleted = 0', values + (host,)) == 0:
            c.execute('INSERT INTO compute_nodes (created_at, updated_at, service_id, vcpus, memory_mb, local_gb, vcpus_used, memory_mb_used, free_ram_mb, hypervisor_type, hypervisor_version, running_vms, hypervisor_hostname, deleted) VALUES (UTC_TIMESTAMP(), UTC_TIMESTAMP(), %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, 0)', values + (host,))
    conn.commit()


def address_of(name):
    """A host's address as the site's DNS has it (site.json's hosts stand in for Crowbar's DNS
    server: the lab's hosts do not resolve each other's names), else the name for the resolver."""
    try:
        with open('/etc/fakestack/site.json') as f:
            known = json.load(f).get('hosts', {})
    except (OSError, ValueError):
        known = {}
    return known.get(name) or name


def migrate_one(conn, request_path):
    with open(request_path) as f:
        req = json.load(f)
    os.unlink(request_path)
    uuid, dest = req['uuid'], req['dest']
    name = guest.read(uuid)['name']
    r = subprocess.run(['/usr/bin/virsh', 'migrate', '--live', name, 'qemu+tcp://%s/system' % dest],
                       capture_output=True, text=True)
    with conn.cursor() as c:
        if r.returncode == 0:
            c.execute("UPDATE instances SET updated_at = UTC_TIMESTAMP(), host = %s, node = %s, power_state = 1, vm_state = 'active', task_state = NULL WHERE uuid = %s AND task_state = 'migrating'", (dest, dest, uuid))
            print('Migrating instance to %s finished successfully.' % dest, flush=True)
        else:
            c.execute("UPDATE instances SET updated_at = UTC_TIMESTAMP(), vm_state = 'active', task_state = NULL WHERE uuid = %s", (uuid,))
            c.execute('INSERT INTO instance_faults (created_at, instance_uuid, code, message, deleted) VALUES (UTC_TIMESTAMP(), %s, 500, %s, 0)', (uuid, r.stderr.strip()[:255]))
            print('Live migration failed: %s' % r.stderr.strip(), flush=True)
    conn.commit()


def worker(conn_factory, stop):
    """The source side: every request for a domain on this host, one at a time."""
    me = socket.gethostname()
    conn = None
    while not stop.is_set():
        for path in sorted(glob.glob(os.path.join(guest.ROOT, '*', 'lab-migrate.json'))):
            try:
                if guest.read(os.path.basename(os.path.dirname(path))).get('host') != me:
                    continue
                conn = conn or conn_factory()
                migrate_one(conn, path)
            except Exception as e:  # the database went away: the next round tries again
                print('live migration: %s' % e, flush=True)
                conn = None
        stop.wait(1)


def start_worker(conn_factory, stop):
    threading.Thread(target=worker, args=(conn_factory, stop), daemon=True).start()
