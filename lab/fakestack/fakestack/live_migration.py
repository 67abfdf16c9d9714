"""nova-api's os-migrateLive and nova-conductor's checks before the cast to the source compute
(nova/api/openstack/compute/contrib/admin_actions.py _migrate_live, nova/compute/api.py
live_migrate, nova/conductor/tasks/live_migrate.py @ 2014.2.4): the instance must be active
with no task (409 otherwise), running, on an up source; the destination must be another up
compute with more free RAM than the instance has and a hypervisor at least as new (400 with
the conductor's message otherwise, and the task_state set back to NULL). Then the cast:
compute.py's worker on the source does the migration."""
import datetime
import json
import os

from . import db, guest

SERVICE_DOWN_TIME = 60  # [DEFAULT] service_down_time


def is_up(conn, host):
    row = db.rows(conn, "SELECT updated_at, created_at FROM services WHERE host = %s AND `binary` = 'nova-compute' AND deleted = 0", (host,))
    if not row:
        return False
    last = row[0][0] or row[0][1]
    return last is not None and (datetime.datetime.utcnow() - last).total_seconds() <= SERVICE_DOWN_TIME


def _node(conn, host):
    rows = db.rows(conn, 'SELECT free_ram_mb, hypervisor_type, hypervisor_version FROM compute_nodes WHERE hypervisor_hostname = %s AND deleted = 0', (host,))
    return rows[0] if rows else None


def _checks(conn, uuid, source, dest, power_state, memory_mb):
    if power_state not in (1, 3):
        return 'Instance %s is not running.' % uuid
    if not is_up(conn, source):
        return 'Compute service of %s is unavailable at this time.' % source
    if dest == source:
        return 'Unable to migrate instance (%s) to current host (%s).' % (uuid, source)
    if not is_up(conn, dest):
        return 'Compute service of %s is unavailable at this time.' % dest
    d, s = _node(conn, dest), _node(conn, source)
    if d is None:
        return 'Compute host %s could not be found.' % dest
    if not memory_mb or d[0] <= memory_mb:
        return 'Migration pre-check error: Unable to migrate %s to %s: Lack of memory(host:%s <= instance:%s)' % (uuid, dest, d[0], memory_mb)
    if s is not None and (s[1] != d[1]):
        return 'The supplied hypervisor type of is invalid.'
    if s is not None and s[2] > d[2]:
        return 'The instance requires a newer hypervisor version than has been provided.'
    return None


def _set_task(conn, uuid, task):
    # the uuid comes from the request's path: a parameter, never part of the statement
    with conn.cursor() as c:
        c.execute('UPDATE instances SET task_state = %s WHERE uuid = %s', (task, uuid))
    conn.commit()


def request(conn, uuid, args):
    rows = db.rows(conn, 'SELECT vm_state, task_state, power_state, host, memory_mb FROM instances WHERE uuid = %s AND deleted = 0', (uuid,))
    if not rows:
        return 404, 'Instance %s could not be found.' % uuid
    vm_state, task_state, power_state, source, memory_mb = rows[0]
    if vm_state != 'active':
        return 409, "Cannot 'os-migrateLive' instance %s while it is in vm_state %s" % (uuid, vm_state)
    if task_state is not None:
        return 409, 'Conflict updating instance %s. Expected: {\'task_state\': [None]}. Actual: {\'task_state\': %r}' % (uuid, task_state)
    dest = args.get('host')
    if not dest:
        return 400, 'The lab schedules no live migration: name the destination host'
    _set_task(conn, uuid, 'migrating')
    why = _checks(conn, uuid, source, dest, power_state, memory_mb)
    if why is not None:
        _set_task(conn, uuid, None)
        return 400, why
    path = os.path.join(guest.ROOT, uuid, 'lab-migrate.json')
    with open(path + '.part', 'w') as f:
        json.dump({'uuid': uuid, 'dest': dest}, f)
    os.replace(path + '.part', path)
    return 202, ''
