"""Host-local state: installed release, package database, paths of the fake OS."""
import json
import os

STATE = os.environ.get('FAKESTACK_STATE', '/var/lib/fakestack')
RUN = os.environ.get('FAKESTACK_RUN', '/run/fakestack')
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def wrapper(tool):
    """The /bin/sh stub that runs a fakestack tool (installed as /usr/bin/nova-manage etc.)."""
    return '#!/bin/sh\nPYTHONPATH=%s exec /usr/bin/python3 -m fakestack.cli %s "$@"\n' % (ROOT, tool)


def load(name, default):
    try:
        with open(os.path.join(STATE, name)) as f:
            return json.load(f)
    except FileNotFoundError:
        return default


def save(name, value):
    os.makedirs(STATE, exist_ok=True)
    path = os.path.join(STATE, name)
    tmp = path + '.tmp'
    with open(tmp, 'w') as f:
        json.dump(value, f, indent=1, sort_keys=True)
    os.replace(tmp, path)


def packages():
    """{package: {"version", "release", "repo"}} -- the rpm database."""
    return load('rpmdb.json', {})


def release(project='nova'):
    """The OpenStack release whose code is installed for a project (None: not installed)."""
    for name, p in packages().items():
        if name == 'openstack-%s' % project:
            return p['release']
    return None


def os_release():
    """(NAME, VERSION_ID) of /etc/os-release."""
    info = {}
    try:
        with open('/etc/os-release') as f:
            for line in f:
                if '=' in line:
                    k, v = line.rstrip('\n').split('=', 1)
                    info[k] = v.strip('"')
    except FileNotFoundError:
        pass
    return info.get('NAME', ''), info.get('VERSION_ID', '')


def init_system():
    """systemd on SLES 12, SysV on SLES 11 (what the installed OS ships)."""
    return 'systemd' if os_release()[1].startswith('12') else 'sysv'


def pause_point(tool, step):
    """The lab's pause hook: while RUN/pause names "<tool> <step>", the tool waits there.

    Fault tests write the file, wait for RUN/paused, strike, then remove the file."""
    import time
    want = '%s %s' % (tool, step)
    path = os.path.join(RUN, 'pause')
    announced = False
    while True:
        try:
            with open(path) as f:
                lines = [l.strip() for l in f]
        except FileNotFoundError:
            lines = []
        if want not in lines:
            if announced:
                os.unlink(os.path.join(RUN, 'paused'))
            return
        if not announced:
            os.makedirs(RUN, exist_ok=True)
            with open(os.path.join(RUN, 'paused'), 'w') as f:
                f.write('%s %d\n' % (want, os.getpid()))
            announced = True
        time.sleep(0.1)
