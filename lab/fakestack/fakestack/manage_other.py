"""keystone-manage, glance-manage, cinder-manage, heat-manage and neutron-db-manage
(OPENSTACK.md §1, §4, §5): version commands print a bare integer, syncs print nothing."""
import argparse
import sys

from . import db, logs, migrate
from .errors import upstream
from .schema import neutron, services


DbMigrationError = upstream('DbMigrationError', 'oslo_db.exception')


def _target(v):
    return None if v is None else int(v)


def keystone(argv, release):
    p = argparse.ArgumentParser(prog='keystone-manage')
    p.add_argument('--config-file', default='/etc/keystone/keystone.conf')
    sub = p.add_subparsers(dest='command')
    sub.required = True
    s = sub.add_parser('db_sync')
    s.add_argument('version', nargs='?')
    s.add_argument('--extension')
    v = sub.add_parser('db_version')
    v.add_argument('--extension')
    sub.add_parser('token_flush')
    a = p.parse_args(argv)
    conn = db.connect_conf(a.config_file)
    if a.command == 'token_flush':
        db.execute(conn, 'DELETE FROM token WHERE expires < UTC_TIMESTAMP()')
        conn.commit()
        return 0
    if a.command == 'db_version':
        repo = services.extension_repo(a.extension, release) if a.extension else services.keystone_repo(release)
        v = repo.version(conn)
        if v is None:
            raise DbMigrationError('Unable to find the database version, is the database version controlled?')  # chosen
        print(v)
        return 0
    repo = services.extension_repo(a.extension, release) if a.extension else services.keystone_repo(release)
    target = _target(a.version)
    current = repo.version(conn)
    if target is not None and current is not None and target < current and release != 'juno':
        raise DbMigrationError('Unable to downgrade schema')  # chosen wording (migration_helpers @ 8.0.0)
    repo.sync(conn, target, 'keystone-manage')
    if a.extension is None and target is None:
        # Juno synced only `revoke` with the common repo; Kilo and Liberty sync all five.
        for ext in (['revoke'] if release == 'juno' else list(services.EXTENSIONS)):
            r = services.extension_repo(ext, release)
            r.sync(conn, None, 'keystone-manage')
    return 0


def _sqlmigrate_tool(prog, repo_fn, release, argv, sanity, positional_sync):
    p = argparse.ArgumentParser(prog=prog)
    p.add_argument('--config-file', default='/etc/%s/%s.conf' % (prog.split('-')[0], 'glance-api' if prog.startswith('glance') else prog.split('-')[0]))
    p.add_argument('words', nargs='+')
    a = p.parse_args(argv)
    words = a.words
    if words[0] == 'db' and len(words) > 1:  # "db sync" / "db version"
        words = ['db_' + words[1]] + words[2:]
    conn = db.connect_conf(a.config_file)
    repo = repo_fn(release)
    if words[0] == 'db_version':
        print(repo.version(conn))
        return 0
    if words[0] == 'db_sync':
        if sanity:
            migrate.utf8_sanity_check(conn)
        repo.sync(conn, _target(words[1] if len(words) > 1 else None), prog)
        if sanity:
            migrate.utf8_sanity_check(conn)
        return 0
    if words[:2] == ['service', 'list'] and prog == 'cinder-manage':
        fmt = '%-25s %-25s %-25s %-10s %-5s %-10s'
        print(fmt % ('Binary', 'Host', 'Zone', 'Status', 'State', 'Updated At'))
        for b, h, z, d, alive, u in db.rows(conn, 'SELECT `binary`, host, availability_zone, disabled, TIMESTAMPDIFF(SECOND, updated_at, UTC_TIMESTAMP()) <= 60, updated_at FROM services WHERE deleted = 0 ORDER BY id'):
            print(fmt % (b, h, z, 'disabled' if d else 'enabled', ':-)' if alive else 'XXX', u))
        return 0
    print('%s: error: unknown command %s' % (prog, ' '.join(a.words)), file=sys.stderr)
    return 2


def glance(argv, release):
    return _sqlmigrate_tool('glance-manage', services.glance_repo, release, argv, True, True)


def cinder(argv, release):
    return _sqlmigrate_tool('cinder-manage', services.cinder_repo, release, argv, True, True)


def heat(argv, release):
    return _sqlmigrate_tool('heat-manage', services.heat_repo, release, argv, True, True)


def neutron_db(argv, release):
    p = argparse.ArgumentParser(prog='neutron-db-manage')
    p.add_argument('--config-file', action='append', default=[])
    sub = p.add_subparsers(dest='command')
    sub.required = True
    u = sub.add_parser('upgrade')
    u.add_argument('revision', nargs='?')
    u.add_argument('--delta')
    u.add_argument('--expand', action='store_true')
    u.add_argument('--contract', action='store_true')
    d = sub.add_parser('downgrade')
    d.add_argument('revision', nargs='?')
    sub.add_parser('current')
    a = p.parse_args(argv)
    conn = db.connect_conf((a.config_file or ['/etc/neutron/neutron.conf'])[0])
    if a.command == 'downgrade':
        p.error('Downgrade no longer supported') if release != 'juno' else None
    if a.command == 'current':
        heads = neutron.HEADS[release]
        if release != 'juno':
            print('  Running current for neutron ...')
        for rev in neutron.current(conn):
            print('%s%s' % (rev, ' (head)' if rev in heads else ''))
        if release != 'juno':
            print('  OK')
        return 0
    if not (a.revision or a.delta or a.expand or a.contract):
        p.error('You must provide a revision or relative delta')
    if a.delta and a.delta.startswith('-') or (a.revision or '').startswith('-'):
        p.error('Negative delta (downgrade) not supported')
    return neutron_upgrade(conn, release, a)


def neutron_upgrade(conn, release, a):
    rows = neutron.current(conn)
    if not rows:
        neutron.create_juno(conn)
        db.execute(conn, 'CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL) ENGINE=InnoDB DEFAULT CHARSET=utf8')
        db.execute(conn, "INSERT INTO alembic_version VALUES ('juno')")
        conn.commit()
        rows = ['juno']
    if release == 'juno':
        return 0
    print('  Running upgrade for neutron ...')
    expand, contract = neutron.branch_order(release)
    branches = [expand] if a.expand else [contract] if a.contract else [expand, contract]
    target = None if a.revision in (None, 'head', 'heads') else a.revision
    applied = _ancestors(expand + contract, rows)
    for chain in branches:
        revs = [r for r, _, _ in chain]
        if target is not None and target not in revs:
            continue
        for rev, down, up in chain[:revs.index(target) + 1] if target else chain:
            if rev in applied:
                continue
            sanity = neutron.SANITY.get(rev)
            if sanity:
                sanity(conn)
            up(conn)
            applied.add(rev)
            _move(conn, down, rev)
    print('  OK')
    return 0


def _ancestors(steps, rows):
    down = {r: d for r, d, _ in steps}
    out = set()
    for r in rows:
        while r is not None and r not in out:
            out.add(r)
            r = down.get(r)
    return out


def _move(conn, down, rev):
    """One row per branch head: the row at down_revision moves on (a new row at a fork)."""
    with conn.cursor() as c:
        if c.execute('UPDATE alembic_version SET version_num = %s WHERE version_num = %s', (rev, down)) == 0:
            c.execute('INSERT INTO alembic_version VALUES (%s)', (rev,))
    conn.commit()


TOOLS = {'keystone-manage': keystone, 'glance-manage': glance, 'cinder-manage': cinder, 'heat-manage': heat, 'neutron-db-manage': neutron_db}


def main(tool, argv, release):
    logs.log(tool, '%s %s' % (tool, ' '.join(argv)))
    return TOOLS[tool](argv, release)
