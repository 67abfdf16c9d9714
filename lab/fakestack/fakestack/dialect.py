"""The lab's SQL on PostgreSQL: the services' statements are written once, in the MySQL dialect the
lab started with, and translated here for a PostgreSQL cloud (SUSE Cloud 5's default engine,
OPENSTACK.md §0 fact 10), as SQLAlchemy's dialects give each engine its own DDL.

Chosen (the lab's approximation of what nova/keystone/... create on PostgreSQL): AUTO_INCREMENT
ids are SERIAL, TINYINT(1) SMALLINT, MEDIUMTEXT TEXT, DATETIME TIMESTAMP, ENUM a VARCHAR(255);
an inline KEY becomes a CREATE INDEX named <table>_<key> (index names are per schema in
PostgreSQL), a UNIQUE KEY a named UNIQUE constraint."""
import re

TYPES = [
    (re.compile(r'\bINT\s+AUTO_INCREMENT\b', re.I), 'SERIAL'),
    (re.compile(r'\bAUTO_INCREMENT\b', re.I), ''),
    (re.compile(r'\bTINYINT\(1\)', re.I), 'SMALLINT'),
    (re.compile(r'\b(MEDIUM|LONG)TEXT\b', re.I), 'TEXT'),
    (re.compile(r'\bDATETIME\b', re.I), 'TIMESTAMP'),
    (re.compile(r"\bENUM\((?:'[^']*'(?:\s*,\s*)?)+\)", re.I), 'VARCHAR(255)'),
]
TABLE_OPTIONS = re.compile(r'\s*(ENGINE\s*=\s*\w+|DEFAULT\s+CHARSET\s*=\s*\w+|CHARSET\s*=\s*\w+|COLLATE\s*=?\s*\w+)', re.I)


def _types(text):
    for pattern, repl in TYPES:
        text = pattern.sub(repl, text)
    return text


def _split_top(body):
    """The comma-separated parts of a parenthesised list, commas inside parentheses kept."""
    parts, depth, cur, quote = [], 0, '', False
    for ch in body:
        if ch == "'":
            quote = not quote
        elif not quote and ch == '(':
            depth += 1
        elif not quote and ch == ')':
            depth -= 1
        if ch == ',' and depth == 0 and not quote:
            parts.append(cur.strip())
            cur = ''
        else:
            cur += ch
    if cur.strip():
        parts.append(cur.strip())
    return parts


def _create_table(m):
    head, table, body = m.group(1), m.group(2).strip('"'), m.group(3)
    cols, after = [], []
    for part in _split_top(body):
        key = re.match(r'(UNIQUE\s+)?KEY\s+(\S+)\s*\((.*)\)$', part, re.I)
        if key and key.group(1):
            cols.append('CONSTRAINT %s UNIQUE (%s)' % (key.group(2), key.group(3)))
        elif key:
            after.append('CREATE INDEX "%s_%s" ON "%s" (%s)' % (table, key.group(2).strip('"'), table, key.group(3)))
        else:
            cols.append(_types(part))
    return ['%s"%s" (%s)' % (head, table, ', '.join(cols))] + after


def translate(sql):
    """One MySQL statement as the PostgreSQL statements that do the same."""
    s = sql.replace('`', '"')
    s = re.sub(r'UTC_TIMESTAMP\(\)', "(NOW() AT TIME ZONE 'UTC')", s, flags=re.I)
    s = re.sub(r'\bINTERVAL\s+(\d+)\s+(SECOND|MINUTE|HOUR|DAY)\b', r"INTERVAL '\1 \2'", s, flags=re.I)
    s = re.sub(r'\bINTERVAL\s+(%s|%\(\w+\)s)\s+(SECOND|MINUTE|HOUR|DAY)\b', r"(\1 * INTERVAL '1 \2')", s, flags=re.I)
    s = re.sub(r'\bLAST_INSERT_ID\(\)', 'lastval()', s, flags=re.I)
    s = re.sub(r'\bUUID\(\)', 'gen_random_uuid()::text', s, flags=re.I)
    s = re.sub(r'\bDATABASE\(\)', 'current_schema()', s, flags=re.I)
    s = re.sub(r"GROUP_CONCAT\((.+?) ORDER BY (.+?) SEPARATOR ('[^']*')\)", r'string_agg(\1, \3 ORDER BY \2)', s, flags=re.I)
    # keystone's `user` table: a reserved word in PostgreSQL wherever the lab names it bare
    s = re.sub(r'\b(FROM|INTO|UPDATE|JOIN|TABLE)\s+user\b', r'\1 "user"', s, flags=re.I)
    if re.match(r'\s*SHOW\s+DATABASES\s*$', s, re.I):
        return ['SELECT datname FROM pg_database WHERE NOT datistemplate']
    m = re.match(r'(\s*CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?)(\S+)\s*\((.*)\)([^)]*)$', s, re.I | re.S)
    if m:
        return _create_table(m)
    m = re.match(r'\s*ALTER\s+TABLE\s+(\S+)\s+ADD\s+UNIQUE\s+KEY\s+(\S+)\s*\((.*)\)\s*$', s, re.I)
    if m:
        return ['ALTER TABLE %s ADD CONSTRAINT %s UNIQUE (%s)' % m.groups()]
    m = re.match(r'\s*ALTER\s+TABLE\s+(\S+)\s+MODIFY\s+(\S+)\s+(.+?)(\s+NOT\s+NULL|\s+NULL)?\s*$', s, re.I)
    if m:
        table, col, typ, null = m.groups()
        out = 'ALTER TABLE %s ALTER COLUMN %s TYPE %s' % (table, col, _types(typ))
        if null:
            out += ', ALTER COLUMN %s %s NOT NULL' % (col, 'SET' if 'NOT' in null.upper() else 'DROP')
        return [out]
    if re.match(r'\s*ALTER\s+TABLE\s', s, re.I):
        return [_types(s)]  # ADD COLUMN definitions, several actions in one statement
    return [TABLE_OPTIONS.sub('', s) if re.match(r'\s*CREATE\s', s, re.I) else s]


class Cursor:
    """A psycopg2 cursor that takes the lab's MySQL statements; execute() returns the row count,
    as pymysql's does."""

    def __init__(self, cur):
        self._c = cur

    def execute(self, sql, args=None):
        count = 0
        for s in translate(sql):
            self._c.execute(s, args)
            count = self._c.rowcount
            self._follow_ids(s)
        return count

    def _follow_ids(self, statement):
        """An INSERT that gave the ids itself (seed rows, INSERT ... SELECT): MySQL's
        AUTO_INCREMENT moves past them, a SERIAL's sequence does not — moved here, as a dump's
        setval does, so that the next row without an id gets a free one."""
        m = re.match(r'\s*INSERT\s+INTO\s+("?\w+"?)\s*(\(([^)]*)\))?', statement, re.I)
        if not m or (m.group(3) is not None and not re.search(r'(^|[\s,"])id([\s,"]|$)', m.group(3))):
            return
        table = m.group(1).strip('"')
        with self._c.connection.cursor() as c:  # the INSERT's own results stay with its cursor
            c.execute("SELECT pg_get_serial_sequence(quote_ident(table_name), 'id') FROM information_schema.columns "
                      "WHERE table_schema = current_schema() AND table_name = %s AND column_name = 'id' "
                      "AND column_default LIKE 'nextval%%'", (table,))
            row = c.fetchone()
            if row and row[0]:
                c.execute('SELECT setval(%%s, GREATEST((SELECT MAX(id) FROM "%s"), 1))' % table, (row[0],))

    def executemany(self, sql, rows):
        for r in rows:
            self.execute(sql, r)

    def fetchone(self):
        return self._c.fetchone()

    def fetchall(self):
        return self._c.fetchall()

    @property
    def rowcount(self):
        return self._c.rowcount

    @property
    def lastrowid(self):
        return None

    def close(self):
        self._c.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False


class Connection:
    """A psycopg2 connection the lab's code drives as it drives pymysql's."""

    dialect = 'postgresql'

    def __init__(self, conn):
        self._conn = conn

    def cursor(self):
        return Cursor(self._conn.cursor())

    def commit(self):
        self._conn.commit()

    def rollback(self):
        self._conn.rollback()

    def close(self):
        self._conn.close()

    def autocommit(self, on):
        self._conn.autocommit = bool(on)


def connect(url_parts):
    """postgresql[+psycopg2]://user:password@host[:port]/db -> a lab Connection."""
    import psycopg2  # here: reading a config needs no database driver
    import urllib.parse

    u = url_parts
    q = urllib.parse.parse_qs(u.query)
    host = q.get('host', [u.hostname or None])[0]
    return Connection(psycopg2.connect(
        host=host, port=u.port or 5432, user=urllib.parse.unquote(u.username or ''),
        password=urllib.parse.unquote(u.password or ''), dbname=u.path.lstrip('/')))


def of(conn):
    """'postgresql' for a lab PostgreSQL connection, else 'mysql'."""
    return getattr(conn, 'dialect', 'mysql')
