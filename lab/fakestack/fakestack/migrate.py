"""sqlalchemy-migrate as the Juno..Liberty services use it (migrate/versioning @ 0.9.8):
a `migrate_version` row per repository, scripts applied one by one, the version bumped
after each, a lower target is a downgrade."""
from . import db, dialect
from .errors import upstream
from .state import pause_point


ScriptError = upstream('ScriptError', 'migrate.exceptions')


def noop(conn):
    pass


class Repo:
    """One migrate repository as one release's code ships it.

    steps: {version: (up, down)}; a version not in steps is a placeholder (no-op both ways,
    as nova's 255-264/281-290). `base` builds the whole schema of `base_version` in one step
    (chosen: the lab compresses e.g. nova 216..254 into one script)."""

    def __init__(self, repo_id, path, init, head, base_version, base, steps, downgrades=True):
        self.id, self.path, self.init, self.head = repo_id, path, init, head
        self.base_version, self.base, self.steps, self.downgrades = base_version, base, steps, downgrades

    def version(self, conn):
        if not db.has_table(conn, 'migrate_version'):
            return None
        return db.scalar(conn, 'SELECT version FROM migrate_version WHERE repository_id = %s', (self.id,))

    def version_control(self, conn, version=None):
        db.execute(conn, 'CREATE TABLE IF NOT EXISTS migrate_version (repository_id VARCHAR(250) NOT NULL PRIMARY KEY, repository_path TEXT, version INT) DEFAULT CHARSET=utf8')
        v = self.init if version is None else version
        with conn.cursor() as c:
            c.execute('INSERT INTO migrate_version VALUES (%s, %s, %s)', (self.id, self.path, v))
        conn.commit()
        return v

    def _bump(self, conn, start, end):
        with conn.cursor() as c:
            c.execute('UPDATE migrate_version SET version = %s WHERE repository_id = %s AND version = %s', (end, self.id, start))
        conn.commit()

    def upgrade(self, conn, target, tool):
        current = self.version(conn)
        if current is None:
            current = self.version_control(conn)
        for v in range(current + 1, target + 1):
            pause_point(tool, v)
            if v <= self.base_version:
                if v == self.init + 1:
                    self.base(conn)
                    self._bump(conn, current, self.base_version)
                    current = self.base_version
                continue
            up = self.steps.get(v, (noop, noop))[0]
            up(conn)
            self._bump(conn, v - 1, v)
            current = v

    def downgrade(self, conn, target, tool):
        current = self.version(conn)
        for v in range(current, target, -1):
            pause_point(tool, v)
            down = self.steps.get(v, (noop, noop))[1] if self.downgrades else None
            if down is None:
                raise ScriptError("Function 'downgrade' is not defined in this script")
            down(conn)
            self._bump(conn, v, v - 1)

    def sync(self, conn, target, tool):
        """db_sync(version): no version = head; target <= current means downgrade."""
        current = self.version(conn)
        if target is None:
            target = self.head
        if current is not None and target <= current:
            return self.downgrade(conn, target, tool)
        return self.upgrade(conn, target, tool)


def utf8_sanity_check(conn):
    """oslo.db's db_sync(sanity_check=True) (oslo_db/sqlalchemy/migration.py @ 2.6.0): MySQL only
    (_db_schema_sanity_check returns at once for another engine)."""
    if dialect.of(conn) != 'mysql':
        return
    bad = [r[0] for r in db.rows(conn, "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_collation NOT LIKE '%%utf8%%' AND table_name NOT IN ('migrate_version', 'alembic_version') ORDER BY table_name")]
    if bad:
        raise ValueError('Tables "%s" have non utf8 collation, please make sure all tables are CHARSET=utf8' % ','.join(bad))
