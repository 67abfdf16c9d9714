"""Starting and stopping one service: a detached daemon with a pid file, started the way
startproc / systemd would (it has to come up, or the start fails)."""
import os
import signal
import socket
import subprocess
import time

from . import state

MYSQL_DATADIR = '/var/lib/mysql'


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
    return ['/usr/bin/python3', '-m', 'fakestack.cli', 'fakestack-service', name]


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
    return os.path.exists(os.path.join(state.RUN, name + '.ready'))


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
    """(ok, message). A daemon that exits before it is ready failed to start."""
    if running(name):
        return True, ''
    os.makedirs(state.RUN, exist_ok=True)
    for f in (name + '.ready', name + '.failed'):
        if os.path.exists(os.path.join(state.RUN, f)):
            os.unlink(os.path.join(state.RUN, f))
    if name == 'mysql':
        _mysql_prepare()
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
        os.kill(p, signal.SIGTERM)
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
