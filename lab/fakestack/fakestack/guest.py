"""A running lab guest (`lab-guest UUID [--incoming]`): what a qemu process is to a real compute,
small enough for tens of them on one machine.

The process lives in its compute's PID namespace (virsh starts it there), so it dies when the
compute reboots or is reinstalled, as a real guest does. It answers on its own address
(lab-domain.json's `address`, a loopback address of the guests' network; port 80) with one
line, `NAME COUNTER`, where COUNTER counts the seconds since the guest was started
(`started_at`): a restarted guest starts again from 0, a live-migrated one keeps counting (the
guest's state travels with it). Chosen, all of it: what a tenant's workload shows from outside,
small enough to probe once a second.

`--incoming` is qemu's `-incoming`: the destination of a live migration starts the process
first and it takes the guest's address only when the source has let it go (SIGUSR1, sent by
the destination's hypervisor when the source says `go`), so the guest pauses for the hand-over
only, as a real live migration's stop-and-copy phase does."""
import json
import os
import signal
import socket
import time

ROOT = '/var/lib/nova/instances'
RUN = '/run/libvirt/qemu'
PORT = 80


def domain_file(uuid):
    return os.path.join(ROOT, uuid, 'lab-domain.json')


def read(uuid):
    with open(domain_file(uuid)) as f:
        return json.load(f)


def pidfile(name):
    return os.path.join(RUN, name + '.pid')


def pid(name, ready=True):
    """The guest's pid on this host, or None: its pid file names a live process of this guest
    (only this host's processes are visible in its PID namespace); `ready`: it has its address."""
    try:
        with open(pidfile(name)) as f:
            p = int(f.read().strip() or 0)
        with open('/proc/%d/cmdline' % p, 'rb') as f:
            cmd = f.read()
        with open('/proc/%d/stat' % p) as f:
            if f.read().split(') ')[-1].startswith('Z'):
                return None
    except (FileNotFoundError, ValueError, ProcessLookupError):
        return None
    if b'lab-guest' not in cmd:
        return None
    if ready and not os.path.exists(os.path.join(RUN, name + '.ready')):
        return None
    return p


def spawn(uuid, incoming=False):
    """Starts the guest's process detached from the caller (its parent becomes the host's init)."""
    import subprocess
    from . import state
    os.makedirs(RUN, exist_ok=True)
    env = dict(os.environ, PYTHONPATH=state.ROOT)
    argv = ['/usr/bin/python3', '-m', 'fakestack.cli', 'lab-guest', uuid] + (['--incoming'] if incoming else [])
    return subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env=env, start_new_session=True, cwd='/').pid


def wait(name, ready=True, up=True, timeout=10.0):
    """Until the guest is (not) there; True when it got there in time."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        if (pid(name, ready) is not None) == up:
            return True
        time.sleep(0.01)
    return False


def stop(name, sig=signal.SIGTERM, timeout=10.0):
    p = pid(name, ready=False)
    if p is None:
        return
    try:
        os.kill(p, sig)
    except ProcessLookupError:
        return
    if not wait(name, ready=False, up=False, timeout=timeout):
        os.kill(p, signal.SIGKILL)
        wait(name, ready=False, up=False, timeout=timeout)


def listen(address, timeout=10.0):
    """The guest's address; the source of a migration may hold it for a moment longer."""
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    deadline = time.time() + timeout
    while True:
        try:
            s.bind((address, PORT))
            break
        except OSError:
            if time.time() > deadline:
                raise
            time.sleep(0.005)
    s.listen(64)
    return s


def main(argv):
    uuid, incoming = argv[0], '--incoming' in argv
    d = read(uuid)
    name = d['name']
    from .pid1 import name_self
    name_self('qemu-kvm')
    os.makedirs(RUN, exist_ok=True)
    try:
        os.unlink(os.path.join(RUN, name + '.ready'))
    except FileNotFoundError:
        pass
    # blocked before the pid file names this process: the `go` can come at once
    signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGUSR1])
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    with open(pidfile(name), 'w') as f:
        f.write(str(os.getpid()))
    if incoming:
        signal.sigwait([signal.SIGUSR1])
        d = read(uuid)
    server = listen(d['address'])
    with open(os.path.join(RUN, name + '.ready'), 'w') as f:
        f.write(str(os.getpid()))
    started = float(d['started_at'])
    while True:
        conn, _ = server.accept()
        try:
            conn.sendall(('%s %d\n' % (name, int(time.time() - started))).encode())
        except OSError:
            pass
        finally:
            conn.close()
