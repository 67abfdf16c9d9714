"""`lab-status`: one host's state as JSON for `runbook lab status` -- OS, OpenStack release,
services (active, enabled) and, where the database runs, each schema's version."""
import json
import os
import socket

from . import catalog, db, init, lifecycle, state

REPO_IDS = {'nova': 'nova', 'nova_api': 'nova_api', 'keystone': 'keystone', 'glance': 'Glance Migrations', 'cinder': 'cinder', 'heat': 'heat'}


def pg_databases():
    """The same on a PostgreSQL cloud: one connection per database (no select_db there)."""
    from . import seed
    try:
        with open('/etc/fakestack/site.json') as f:
            site = json.load(f)
        conn = seed.root_conn(site)
        present = {r[0] for r in db.rows(conn, 'SHOW DATABASES')}
    except Exception as e:  # psycopg2.OperationalError: the server is not answering
        return {'error': str(e)}
    out = {}
    for name, repo in list(REPO_IDS.items()) + [('neutron', None)]:
        if name not in present:
            continue
        c = seed.root_conn(site, name)
        if repo is None:
            out[name] = sorted(r[0] for r in db.rows(c, 'SELECT version_num FROM alembic_version')) if db.has_table(c, 'alembic_version') else None
        else:
            out[name] = db.scalar(c, 'SELECT version FROM migrate_version WHERE repository_id = %s', (repo,)) if db.has_table(c, 'migrate_version') else None
        c.close()
    return out


def databases():
    if lifecycle.running('postgresql'):
        return pg_databases()
    if not lifecycle.running('mysql'):
        return None
    import pymysql
    try:
        with open('/etc/fakestack/site.json') as f:
            pw = json.load(f)['mysql_root_pw']
        conn = pymysql.connect(unix_socket='/run/mysqld/mysqld.sock', user='root', password=pw)
    except (pymysql.err.OperationalError, FileNotFoundError, KeyError) as e:
        return {'error': str(e)}
    out = {}
    present = {r[0] for r in db.rows(conn, 'SHOW DATABASES')}
    for name, repo in REPO_IDS.items():
        if name not in present:
            continue
        conn.select_db(name)
        out[name] = db.scalar(conn, 'SELECT version FROM migrate_version WHERE repository_id = %s', (repo,)) if db.has_table(conn, 'migrate_version') else None
    if 'neutron' in present:
        conn.select_db('neutron')
        out['neutron'] = sorted(r[0] for r in db.rows(conn, 'SELECT version_num FROM alembic_version')) if db.has_table(conn, 'alembic_version') else None
    return out


def main(argv):
    name, version = state.os_release()
    pretty = dict(l.rstrip('\n').split('=', 1) for l in open('/etc/os-release') if '=' in l).get('PRETTY_NAME', '').strip('"')
    info = {
        'host': socket.gethostname(),
        'os': pretty,
        'init': state.init_system(),
        'openstack': state.release('nova'),
        'packages': {n: p['version'] for n, p in sorted(state.packages().items())},
        'services': {s: {'active': lifecycle.running(s), 'enabled': init.enabled(s)} for s in init.installed()},
    }
    dbs = databases()
    if dbs is not None:
        info['databases'] = dbs
    print(json.dumps(info, sort_keys=True))
    return 0
