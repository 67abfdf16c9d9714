"""nova-manage (nova/cmd/manage.py @ 2014.2.4 / 12.0.6, and SUSE's patched Liberty with
`db migrate_flavor_data` forward-ported): OPENSTACK.md §2, §5."""
import argparse
import datetime
import sys

from . import db, flavors, logs
from .errors import upstream
from .schema import nova as schema

CONF = '/etc/nova/nova.conf'


NovaException = upstream('NovaException', 'nova.exception')
RequiredOptError = upstream('RequiredOptError', 'oslo_config.cfg')


def actions(release):
    """The `db` actions each release's nova-manage offers (argparse lists them in this order)."""
    if release == 'juno':
        return ['archive_deleted_rows', 'sync', 'version']
    acts = ['archive_deleted_rows', 'contract', 'expand', 'migrate', 'null_instance_uuid_scan', 'sync', 'version']
    if release == 'liberty':  # SUSE Cloud 6's patched nova (crowbar-openstack e9ea86d4e)
        acts.insert(acts.index('null_instance_uuid_scan'), 'migrate_flavor_data')
    return acts


def parser(release):
    p = argparse.ArgumentParser(prog='nova-manage')
    p.add_argument('--config-file', default=CONF)
    cats = p.add_subparsers(dest='category')
    cats.required = True
    dbp = cats.add_parser('db')
    acts = dbp.add_subparsers(dest='action')
    acts.required = True
    for a in actions(release):
        sp = acts.add_parser(a)
        if a == 'sync':
            sp.add_argument('--version', dest='version', default=None)
            sp.add_argument('version_pos', nargs='?', default=None)
        elif a == 'archive_deleted_rows':
            sp.add_argument('--max_rows', '--max-rows', type=int, default=1000)
        elif a == 'migrate_flavor_data':
            sp.add_argument('--max-number', '--max_number', dest='max_number', type=int, default=None)
            sp.add_argument('--force', action='store_true')
        elif a == 'null_instance_uuid_scan':
            sp.add_argument('--delete', action='store_true')
    if release != 'juno':
        api = cats.add_parser('api_db')
        apia = api.add_subparsers(dest='action')
        apia.required = True
        s = apia.add_parser('sync')
        s.add_argument('--version', dest='version', default=None)
        s.add_argument('version_pos', nargs='?', default=None)
        apia.add_parser('version')
    svc = cats.add_parser('service')
    sa = svc.add_subparsers(dest='action')
    sa.required = True
    ls = sa.add_parser('list')
    ls.add_argument('--host', default=None)
    return p


def main_db(args, release, conn):
    repo = schema.repo(release)
    if args.action == 'version':
        v = repo.version(conn)
        if v is None:
            if db.tables(conn):
                raise NovaException('Upgrade DB using Essex release first.')
            v = repo.version_control(conn)
        print(v)
    elif args.action == 'sync':
        target = args.version or args.version_pos
        if repo.version(conn) is None and db.tables(conn):
            raise NovaException('Upgrade DB using Essex release first.')
        repo.sync(conn, None if target is None else int(target), 'nova-manage')
    elif args.action == 'migrate_flavor_data':
        if args.max_number is not None and args.max_number < 0:
            print('Must supply a positive value for max_number')
            return 1
        matched, done = flavors.migrate(conn, args.max_number, args.force)
        print('%d instances matched query, %d completed' % (matched, done))
    elif args.action == 'null_instance_uuid_scan':
        null_scan(conn, args.delete)
    elif args.action == 'archive_deleted_rows':
        archive(conn, args.max_rows)
    else:
        print('%s is experimental and not supported in the lab' % args.action)  # chosen
        return 1
    return 0


def null_scan(conn, delete):
    found = False
    for table, n in schema.null_uuid_counts(conn).items():
        if not n:
            continue
        found = True
        if delete:
            col = 'uuid' if table in ('instances', 'shadow_instances') else 'instance_uuid'
            db.execute(conn, 'DELETE FROM `%s` WHERE `%s` IS NULL' % (table, col))
            conn.commit()
            print("Deleted %d records from table '%s'." % (n, table))
        else:
            print("There are %d records in the '%s' table where the uuid or instance_uuid column is NULL. Run this command again with the --delete option after you have backed up any necessary data." % (n, table))
    if not found:
        print('There were no records found where instance_uuid was NULL.')


def archive(conn, max_rows):
    """Moves soft-deleted rows to the shadow tables the lab has."""
    for t in db.tables(conn):
        if t.startswith('shadow_') and t[7:] in db.tables(conn):
            cols = ', '.join('`%s`' % r[0] for r in db.rows(conn, 'SELECT column_name FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = %s ORDER BY ordinal_position', (t,)))
            ids = [r[0] for r in db.rows(conn, 'SELECT id FROM `%s` WHERE deleted != 0 LIMIT %d' % (t[7:], max_rows))]
            if ids:
                marks = ', '.join(['%s'] * len(ids))
                with conn.cursor() as c:
                    c.execute('INSERT INTO `%s` (%s) SELECT %s FROM `%s` WHERE id IN (%s)' % (t, cols, cols, t[7:], marks), ids)
                    c.execute('DELETE FROM `%s` WHERE id IN (%s)' % (t[7:], marks), ids)
                conn.commit()


def main_api(args, release):
    cp = db.read_conf(args.config_file)
    url = db.conf_get(cp, 'api_database', 'connection')
    if not url:
        # chosen (OPENSTACK.md §2.4: message unverified): oslo.config's missing-option error.
        raise RequiredOptError('value required for option: connection in group [api_database]')
    conn = db.connect_url(url)
    repo = schema.api_repo(release)
    if args.action == 'version':
        v = repo.version(conn)
        print(repo.version_control(conn) if v is None else v)
    else:
        target = args.version or args.version_pos
        repo.sync(conn, None if target is None else int(target), 'nova-manage-api')
    return 0


def service_list(conn, host, down_time=60):
    last = 'last_seen_up' if db.has_column(conn, 'services', 'last_seen_up') else 'NULL'
    fmt = '%-16s %-36s %-16s %-10s %-5s %-10s'
    print(fmt % ('Binary', 'Host', 'Zone', 'Status', 'State', 'Updated_At'))
    now = datetime.datetime.utcnow()
    for binary, h, disabled, updated, created, seen in db.rows(conn, 'SELECT `binary`, host, disabled, updated_at, created_at, %s FROM services WHERE deleted = 0 ORDER BY id' % last):
        if host and h != host:
            continue
        beat = seen or updated or created
        alive = beat is not None and (now - beat).total_seconds() <= down_time
        zone = 'nova' if binary == 'nova-compute' else 'internal'
        print(fmt % (binary, h, zone, 'disabled' if disabled else 'enabled', ':-)' if alive else 'XXX', updated))


def main(argv, release):
    args = parser(release).parse_args(argv)
    logs.log('nova-manage', 'nova-manage %s' % ' '.join(argv))
    try:
        if args.category == 'api_db':
            return main_api(args, release)
        conn = db.connect_conf(args.config_file)
        if args.category == 'service':
            service_list(conn, args.host)
            return 0
        return main_db(args, release, conn)
    except Exception:
        print('Command failed, please check log for more info')
        logs.exception('nova-manage')
        raise
