"""Creating an instance row set the way each release's nova-api / conductor wrote it: Juno keeps
the flavor as `instance_type_*` system metadata (and an empty instance_extra row); Liberty writes
the flavor JSON into instance_extra.flavor (OPENSTACK.md §2.3)."""
import json
import uuid as uuidlib

from . import db
from .flavors import PROPS, _primitive

FLAVOR_COLS = 'id, name, memory_mb, vcpus, root_gb, ephemeral_gb, flavorid, swap, rxtx_factor, vcpu_weight'


def flavor(conn, flavorid):
    r = db.rows(conn, 'SELECT %s FROM instance_types WHERE flavorid = %%s ORDER BY deleted LIMIT 1' % FLAVOR_COLS, (str(flavorid),))
    return dict(zip([p for p, _ in PROPS], r[0])) if r else None


def sysmeta(f, prefix='', numa=None):
    out = {'%sinstance_type_%s' % (prefix, k): '' if v is None else str(v) for k, v in f.items()}
    for k, v in (numa or {}).items():
        out['%sinstance_type_extra_%s' % (prefix, k)] = v
    return out


def insert(conn, release, project, user, name, f, host=None, vm_state='active', power_state=1, task_state=None,
           extra=True, meta=None, uuid=None):
    uuid = uuid or str(uuidlib.uuid4())
    with conn.cursor() as c:
        c.execute('INSERT INTO instances (created_at, uuid, instance_type_id, vm_state, task_state, power_state, host, node, project_id, user_id, display_name, image_ref, memory_mb, vcpus, root_gb, ephemeral_gb, launched_at, deleted) '
                  'VALUES (UTC_TIMESTAMP(), %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, UTC_TIMESTAMP(), 0)',
                  (uuid, f['id'], vm_state, task_state, power_state, host, host, project, user, name, 'cirros', f['memory_mb'], f['vcpus'], f['root_gb'], f['ephemeral_gb']))
        keys = {'image_disk_format': 'qcow2', 'image_min_ram': '0'}
        if release == 'juno':
            keys.update(meta if meta is not None else sysmeta(f))
        for k, v in keys.items():
            c.execute('INSERT INTO instance_system_metadata (created_at, instance_uuid, `key`, value, deleted) VALUES (UTC_TIMESTAMP(), %s, %s, %s, 0)', (uuid, k, v))
        if extra or release != 'juno':
            doc = None
            if release != 'juno':
                data = dict(f, extra_specs={})
                doc = json.dumps({'cur': _primitive(data), 'old': None, 'new': None})
                c.execute('INSERT INTO instance_extra (created_at, instance_uuid, flavor, deleted) VALUES (UTC_TIMESTAMP(), %s, %s, 0)', (uuid, doc))
            else:
                c.execute('INSERT INTO instance_extra (created_at, instance_uuid, deleted) VALUES (UTC_TIMESTAMP(), %s, 0)', (uuid,))
    return uuid


def create(conn, release, project, server):
    f = flavor(conn, server.get('flavorRef', '1'))
    if f is None:
        return {'error': 'flavor not found'}
    user = db.scalar(conn, 'SELECT user_id FROM instances WHERE project_id = %s LIMIT 1', (project,)) or 'admin'
    host = db.scalar(conn, "SELECT host FROM services WHERE `binary` = 'nova-compute' AND deleted = 0 ORDER BY id LIMIT 1")
    uuid = insert(conn, release, project, user, server.get('name', 'server'), f, host=host)
    conn.commit()
    return {'id': uuid, 'name': server.get('name', 'server')}
