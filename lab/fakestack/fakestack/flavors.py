"""nova-manage db migrate_flavor_data, as Kilo implemented it (OPENSTACK.md §2.3; nova @ 2015.1.4
nova/db/sqlalchemy/api.py migrate_flavor_data): sysmeta flavor copies -> instance_extra.flavor."""
import json

from . import db

PROPS = [('id', int), ('name', str), ('memory_mb', int), ('vcpus', int), ('root_gb', int), ('ephemeral_gb', int),
         ('flavorid', str), ('swap', int), ('rxtx_factor', float), ('vcpu_weight', int)]
NUMA = ('hw:numa_cpus.', 'hw:numa_mem.')


def _value(kind, v):
    if v is None or v == '' or v == 'None':
        return None
    return kind(v)


def _primitive(data):
    # A Flavor 1.1 versioned-object primitive; the fields set from sysmeta are its changes
    # (chosen: Kilo's _save_flavor serialised before obj_reset_changes).
    return {'nova_object.name': 'Flavor', 'nova_object.namespace': 'nova', 'nova_object.version': '1.1',
            'nova_object.data': data, 'nova_object.changes': sorted(data)}


def _from_sysmeta(meta, prefix):
    if prefix + 'instance_type_id' not in meta:
        return None
    data = {p: _value(k, meta.get(prefix + 'instance_type_' + p)) for p, k in PROPS}
    data['extra_specs'] = {k[len(prefix + 'instance_type_extra_'):]: v for k, v in meta.items()
                           if k.startswith(prefix + 'instance_type_extra_')}
    return data


def _from_table(conn, type_id):
    r = db.rows(conn, 'SELECT id, name, memory_mb, vcpus, root_gb, ephemeral_gb, flavorid, swap, rxtx_factor, vcpu_weight FROM instance_types WHERE id = %s', (type_id,))
    if not r:
        return None
    data = {p: _value(k, v) for (p, k), v in zip(PROPS, r[0])}
    data['extra_specs'] = {}
    return data


def _merge_specs(conn, data):
    """The original flavor's full extra_specs, looked up by flavorid, deleted flavors included."""
    if data is None:
        return None
    for k, v in db.rows(conn, 'SELECT s.`key`, s.value FROM instance_type_extra_specs s JOIN instance_types t ON t.id = s.instance_type_id WHERE t.flavorid = %s AND s.deleted = 0', (data['flavorid'],)):
        data['extra_specs'].setdefault(k, v)
    return _primitive(data)


def is_flavor_key(k):
    return any(k.startswith(p + 'instance_type_') for p in ('', 'old_', 'new_'))


def migrate(conn, max_number=None, force=False):
    """Returns (matched, completed)."""
    sql = ('SELECT i.uuid, i.instance_type_id, i.task_state, i.vm_state, instance_extra.id FROM instances i '
           'LEFT OUTER JOIN instance_extra ON instance_extra.instance_uuid = i.uuid AND instance_extra.deleted = 0 '
           'WHERE i.deleted = 0 AND instance_extra.flavor IS NULL ORDER BY i.id')
    if max_number:
        sql += ' LIMIT %d' % max_number
    found = db.rows(conn, sql)
    done = 0
    for uuid, type_id, task_state, vm_state, extra_id in found:
        if not force and (task_state is not None or vm_state in ('rescued', 'resized')):
            continue
        meta = dict(db.rows(conn, 'SELECT `key`, value FROM instance_system_metadata WHERE instance_uuid = %s AND deleted = 0', (uuid,)))
        cur = _from_sysmeta(meta, '') or _from_table(conn, type_id)
        if cur is None:
            continue  # "Unable to lookup flavor for legacy instance; migration is not possible without manual intervention"
        doc = {'cur': _merge_specs(conn, cur), 'old': _merge_specs(conn, _from_sysmeta(meta, 'old_')), 'new': _merge_specs(conn, _from_sysmeta(meta, 'new_'))}
        with conn.cursor() as c:
            if extra_id is None:
                c.execute('INSERT INTO instance_extra (created_at, instance_uuid, flavor, deleted) VALUES (NOW(), %s, %s, 0)', (uuid, json.dumps(doc)))
            else:
                c.execute('UPDATE instance_extra SET flavor = %s, updated_at = NOW() WHERE id = %s', (json.dumps(doc), extra_id))
            keys = [k for k in meta if is_flavor_key(k)]
            for k in keys:
                c.execute('UPDATE instance_system_metadata SET deleted = id, deleted_at = NOW() WHERE instance_uuid = %s AND `key` = %s AND deleted = 0', (uuid, k))
        conn.commit()
        done += 1
    return len(found), done
