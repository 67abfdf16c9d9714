"""A lab host's PID 1 (`lab-init SSHD-ARGS...`): named `init` on SLES 11 and `systemd` on SLES 12
(Ansible's service_mgr fact reads /proc/1/comm), it lays out the OS's tools, starts sshd and then
the enabled services, reaps orphans, and on SIGTERM (`kill 1`, `reboot`) stops the services in
reverse order before the host goes down."""
import ctypes
import os
import shutil
import signal
import subprocess
import sys

from . import configs, init, state

SYSV_TOOLS = {'/usr/sbin/chkconfig': 'chkconfig', '/usr/sbin/insserv': 'insserv', '/usr/sbin/service': 'service'}
COMMON = {'/usr/bin/zypper': 'zypper', '/usr/bin/rpm': 'rpm', '/usr/sbin/lab-status': 'lab-status', '/usr/bin/virsh': 'virsh', '/usr/sbin/rabbitmqctl': 'rabbitmqctl'}
DEBIAN = ['/usr/sbin/update-rc.d', '/usr/sbin/invoke-rc.d'] + ['/etc/rc%s.d' % r for r in '0123456S']


def _put(path, tool):
    # configs.write renames over the path: Debian's /usr/sbin/shutdown, a link to systemctl, is
    # replaced, never written through.
    configs.write(path, state.wrapper(tool), 0o755)


def _drop(path):
    if os.path.islink(path) or os.path.isfile(path):
        os.unlink(path)
    elif os.path.isdir(path):
        shutil.rmtree(path)


def provision(kind):
    """The OS's own tools (and not Debian's, which the lower layer shows)."""
    for p in DEBIAN:
        _drop(p)
    for p in os.listdir('/etc/init.d'):
        full = '/etc/init.d/' + p
        if os.path.isfile(full) and 'fakestack' not in open(full, errors='replace').read():
            os.unlink(full)
    tools = dict(COMMON)
    tools['/usr/sbin/shutdown'] = tools['/usr/sbin/reboot'] = 'lab-shutdown'
    if kind == 'systemd':
        tools.update({'/usr/bin/systemctl': 'systemctl', '/usr/sbin/service': 'service'})
        for p in ('/usr/sbin/chkconfig', '/usr/sbin/insserv'):
            _drop(p)
        os.makedirs('/run/systemd/system', exist_ok=True)
    else:
        tools.update(SYSV_TOOLS)
        _drop('/usr/bin/systemctl')
    for path, tool in tools.items():
        _put(path, tool)
    # /sbin/init as each OS has it: SysV's own binary on SLES 11, a link to systemd on SLES 12
    # (Ansible's service_mgr fact reads the link when PID 1 is called "init").
    _drop('/usr/sbin/init')
    if kind == 'systemd':
        os.makedirs('/usr/lib/systemd', exist_ok=True)
        _put('/usr/lib/systemd/systemd', 'lab-init')
        os.symlink('/usr/lib/systemd/systemd', '/usr/sbin/init')
    else:
        _put('/usr/sbin/init', 'lab-init')


def name_self(name):
    libc = ctypes.CDLL(None)
    libc.prctl(15, name.encode(), 0, 0, 0)  # PR_SET_NAME


def listen_address(sshd_args):
    for a in sshd_args:
        if a.startswith('ListenAddress='):
            return a.split('=', 1)[1].rsplit(':', 1)[0]
    return None


def first_boot(sshd_args):
    """A host booted from the network installs first (autoyast.py), its log on the console
    (/var/log/autoyast.log); an installation that stops leaves the host up without sshd."""
    from . import autoyast
    if not autoyast.pending():
        return
    os.makedirs('/var/log', exist_ok=True)
    with open('/var/log/autoyast.log', 'a') as log:
        saved = sys.stdout, sys.stderr
        sys.stdout = sys.stderr = log
        try:
            ok = autoyast.main([listen_address(sshd_args)]) == 0
        finally:
            sys.stdout, sys.stderr = saved
    if not ok:
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        while True:
            signal.pause()


def is_compute():
    """A compute of the site (site.json's roles): the hosts that run guests."""
    import json
    import socket
    try:
        with open('/etc/fakestack/site.json') as f:
            return json.load(f).get('roles', {}).get(socket.gethostname()) == 'compute'
    except (OSError, ValueError):
        return False


def main(sshd_args):
    first_boot(sshd_args)
    kind = state.init_system()
    name_self('systemd' if kind == 'systemd' else 'init')
    provision(kind)
    os.makedirs(state.RUN, exist_ok=True)
    if is_compute():
        from . import hypervisor
        hypervisor.start()
    env = dict(os.environ, PYTHONPATH=state.ROOT, PATH='/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin')
    sshd = subprocess.Popen(sshd_args, env=env)
    boot = subprocess.Popen(['/usr/bin/python3', '-m', 'fakestack.cli', 'lab-rc', 'boot'], env=env,
                            stdout=open('/var/log/boot.log', 'a'), stderr=subprocess.STDOUT)
    stopping = []

    def down(*_):
        if stopping:
            return
        stopping.append(1)
        subprocess.run(['/usr/bin/python3', '-m', 'fakestack.cli', 'lab-rc', 'shutdown'], env=env, timeout=60)
        sshd.kill()
    signal.signal(signal.SIGTERM, down)
    signal.signal(signal.SIGINT, down)
    while True:
        try:
            pid, _ = os.wait()
        except ChildProcessError:
            return 0
        except InterruptedError:
            continue
        if pid == sshd.pid:
            return 0
