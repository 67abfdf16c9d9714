"""Starting and stopping one service: a detached daemon with a pid file, started the way
startproc / systemd would (it has to come up, or the start fails)."""
import fcntl
import os
import signal
import socket
import subprocess
import time

from . import state

MYSQL_DATADIR = '/var/lib/mysql'
# SUSE Cloud 5's PostgreSQL (crowbar-openstack's database barclamp, sql_engine: postgresql): the
# data directory SLES uses, Debian's server binaries inside the lab host (chosen: version 15)
PG_DATADIR = '/var/lib/pgsql/data'
PG_BIN = '/usr/lib/postgresql/15/bin'
PG_SOCKET_DIR = '/var/run/postgresql'


def _pidfile(name):
    return os.path.join(state.RUN, name + '.pid')


def pid(name):
    try:
        with open(_pidfile(name)) as f:
            p = int(f.read().strip() or 0)
    except (FileNotFoundError, ValueError):
        return None
    try:
        with open('/proc/%d/stat' % p) as f:
            if f.read().split(') ')[-1].startswith('Z'):
                return None
    except FileNotFoundError:
        return None
    return p


def running(name):
    return pid(name) is not None


def host_address():
    return socket.gethostbyname(socket.gethostname())


def command(name):
    if name == 'mysql':
        # MariaDB inside the controller, its datadir in the controller's own filesystem
        # (LAB-HOSTS.md), on the host's own address.
        return ['/usr/sbin/mariadbd', '--no-defaults', '--datadir=' + MYSQL_DATADIR, '--user=root',
                '--socket=/run/mysqld/mysqld.sock', '--port=3306', '--bind-address=' + host_address(),
                '--pid-file=/run/mysqld/mysqld.pid', '--log-error=/var/log/mysql/mysqld.log',
                '--character-set-server=utf8', '--collation-server=utf8_general_ci', '--skip-name-resolve',
                '--innodb-buffer-pool-size=32M', '--innodb-log-file-size=16M', '--performance-schema=OFF',
                '--skip-log-bin']
    if name == 'postgresql':
        # postgres refuses to run as root: its own user (setpriv execs, the pid file stays right),
        # on the host's own address
        return ['setpriv', '--reuid=postgres', '--regid=postgres', '--init-groups', PG_BIN + '/postgres',
                '-D', PG_DATADIR, '-k', PG_SOCKET_DIR, '-c', 'listen_addresses=' + host_address(),
                '-c', 'shared_buffers=16MB', '-c', 'max_connections=200']
    return ['/usr/bin/python3', '-m', 'fakestack.cli', 'fakestack-service', name]


def _pg_prepare():
    """initdb once: the postgres superuser's password from the site (scram-sha-256 everywhere but
    the superuser's own socket, as the barclamp's pg_hba has it)."""
    import json
    import pwd
    os.makedirs(PG_SOCKET_DIR, exist_ok=True)
    pw = pwd.getpwnam('postgres')
    os.chown(PG_SOCKET_DIR, pw.pw_uid, pw.pw_gid)
    if os.path.exists(os.path.join(PG_DATADIR, 'PG_VERSION')):
        return
    os.makedirs(PG_DATADIR, exist_ok=True)
    os.chown(PG_DATADIR, pw.pw_uid, pw.pw_gid)
    with open('/etc/fakestack/site.json') as f:
        secret = json.load(f).get('mysql_root_pw') or 'postgres'
    pwfile = os.path.join(os.path.dirname(PG_DATADIR), '.initdb-pw')  # initdb wants an empty directory
    with open(pwfile, 'w') as f:
        f.write(secret)
    os.chown(pwfile, pw.pw_uid, pw.pw_gid)
    os.chmod(pwfile, 0o600)
    try:
        subprocess.run(['su', 'postgres', '-s', '/bin/sh', '-c',
                        '%s/initdb -D %s -U postgres --auth-local=peer --auth-host=scram-sha-256 --pwfile=%s'
                        % (PG_BIN, PG_DATADIR, pwfile)],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    finally:
        os.unlink(pwfile)
    with open(os.path.join(PG_DATADIR, 'pg_hba.conf'), 'a') as f:
        f.write('host all all 0.0.0.0/0 scram-sha-256\n')


def _mysql_prepare():
    os.makedirs('/run/mysqld', exist_ok=True)
    os.makedirs('/var/log/mysql', exist_ok=True)
    if not os.path.exists(os.path.join(MYSQL_DATADIR, 'mysql')):
        subprocess.run(['mariadb-install-db', '--no-defaults', '--datadir=' + MYSQL_DATADIR, '--user=root',
                        '--auth-root-authentication-method=normal', '--skip-test-db'],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)


def _ready(name):
    if name == 'mysql':
        return os.path.exists('/run/mysqld/mysqld.sock') and _connects('/run/mysqld/mysqld.sock')
    if name == 'postgresql':
        sock = os.path.join(PG_SOCKET_DIR, '.s.PGSQL.5432')
        return os.path.exists(sock) and _connects(sock) and _pg_status_ready()
    return os.path.exists(os.path.join(state.RUN, name + '.ready'))


def _pg_status_ready():
    """pg_ctl start -w's test (src/bin/pg_ctl/pg_ctl.c wait_for_postmaster_start, REL_15_STABLE),
    which SLES's postgresql unit waits on: postmaster.pid's 8th line (LOCK_FILE_LINE_PM_STATUS,
    src/include/utils/pidfile.h) says "ready" or "standby". The socket accepts connections
    earlier, while the server still answers "the database system is starting up"."""
    try:
        with open(os.path.join(PG_DATADIR, 'postmaster.pid')) as f:
            lines = f.read().split('\n')
    except OSError:
        return False
    return len(lines) > 7 and lines[7].strip() in ('ready', 'standby')


def _connects(sock):
    s = socket.socket(socket.AF_UNIX)
    try:
        s.connect(sock)
        return True
    except OSError:
        return False
    finally:
        s.close()


def start(name, timeout=30):
    """(ok, message). A daemon that exits before it is ready failed to start. Starts of one
    service are serialised, as systemd merges a second start job into the one pending
    (src/core/job.c job_install, systemd v210 as SLES 12 SP1 has it): the second waits and
    finds it running — the boot's start and a play's `service: state=started` racing after a
    reinstall must not run two initdb/postgres at once."""
    os.makedirs(state.RUN, exist_ok=True)
    with open(os.path.join(state.RUN, name + '.start-lock'), 'w') as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        return _start(name, timeout)


def _start(name, timeout):
    if running(name):
        return True, ''
    for f in (name + '.ready', name + '.failed'):
        if os.path.exists(os.path.join(state.RUN, f)):
            os.unlink(os.path.join(state.RUN, f))
    if name == 'mysql':
        _mysql_prepare()
    if name == 'postgresql':
        _pg_prepare()
    log = '/var/log/fakestack/%s.log' % name
    os.makedirs(os.path.dirname(log), exist_ok=True)
    env = dict(os.environ, PYTHONPATH=state.ROOT)
    with open(log, 'a') as out:
        p = subprocess.Popen(command(name), stdin=subprocess.DEVNULL, stdout=out, stderr=out, env=env,
                             start_new_session=True, cwd='/')
    with open(_pidfile(name), 'w') as f:
        f.write(str(p.pid))
    deadline = time.time() + timeout
    while time.time() < deadline:
        if p.poll() is not None:
            return False, _failure(name)
        if _ready(name):
            return True, ''
        time.sleep(0.05)
    return False, 'timed out'


def _failure(name):
    try:
        with open(os.path.join(state.RUN, name + '.failed')) as f:
            return f.read().strip()
    except FileNotFoundError:
        return ''


def stop(name, timeout=30):
    p = pid(name)
    if p is None:
        return
    try:
        # PostgreSQL's SIGTERM waits for every client to leave: SIGINT is its fast shutdown
        os.kill(p, signal.SIGINT if name == 'postgresql' else signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.time() + timeout
    while time.time() < deadline and running(name):
        time.sleep(0.05)
    if running(name):
        os.kill(p, signal.SIGKILL)
    try:
        os.unlink(_pidfile(name))
    except FileNotFoundError:
        pass
