"""Database access as the services do it: the URL of a config file's [database] connection."""
import configparser
import urllib.parse

from . import dialect


def read_conf(path):
    """An oslo.config-style INI file (DEFAULT is a section like the others; keys keep case)."""
    cp = configparser.ConfigParser(interpolation=None, strict=False, default_section='__none__')
    cp.optionxform = str
    cp.read(path)
    return cp


def conf_get(cp, section, key, default=None):
    if cp.has_section(section) and cp.has_option(section, key):
        return cp.get(section, key)
    return default


def connect_url(url):
    """mysql[+driver]://user:password@host[:port]/db[?charset=utf8] -> a pymysql connection;
    postgresql[+driver]://... -> a psycopg2 one taking the same statements (dialect.py)."""
    u = urllib.parse.urlsplit(url)
    if u.scheme.startswith('postgresql'):
        return dialect.connect(u)
    import pymysql  # here: reading a config needs no database driver (effective.py, its tests)

    if not u.scheme.startswith('mysql'):
        raise NotImplementedError('the lab has MySQL and PostgreSQL (%s)' % u.scheme)
    q = urllib.parse.parse_qs(u.query)
    return pymysql.connect(
        host=u.hostname or 'localhost', port=u.port or 3306,
        user=urllib.parse.unquote(u.username or ''), password=urllib.parse.unquote(u.password or ''),
        database=u.path.lstrip('/'), charset=q.get('charset', ['utf8'])[0], autocommit=False,
        unix_socket=q.get('unix_socket', [None])[0])


def connect_conf(path, section='database', key='connection'):
    cp = read_conf(path)
    url = conf_get(cp, section, key)
    if url is None and section == 'database':
        # oslo.db's deprecated spellings (OPENSTACK.md §7 row 7).
        url = conf_get(cp, 'DEFAULT', 'sql_connection') or conf_get(cp, 'sql', 'connection')
    if not url:
        return None
    return connect_url(url)


def scalar(conn, sql, args=()):
    with conn.cursor() as c:
        c.execute(sql, args)
        row = c.fetchone()
        return row[0] if row else None


def rows(conn, sql, args=()):
    with conn.cursor() as c:
        c.execute(sql, args)
        return list(c.fetchall())


def execute(conn, *statements):
    with conn.cursor() as c:
        for s in statements:
            c.execute(s)


def has_table(conn, table):
    return scalar(conn, 'SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = %s', (table,)) > 0


def has_column(conn, table, column):
    return scalar(conn, 'SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = %s AND column_name = %s', (table, column)) > 0


def tables(conn):
    return [r[0] for r in rows(conn, 'SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()')]
