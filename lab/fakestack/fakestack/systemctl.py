"""systemctl on the lab's SLES 12 hosts (systemd 210's verbs and messages, as far as runbook's and
Ansible's systemd/service modules read them)."""
import os
import sys

from . import init, lifecycle


def _unit(arg):
    return arg[:-8] if arg.endswith('.service') else arg


def _exists(name):
    return os.path.exists('%s/%s.service' % (init.UNITS, name))


def _masked(name):
    return os.path.realpath('/etc/systemd/system/%s.service' % name) == '/dev/null'


def show(name):
    if not _exists(name):
        print('Id=%s.service\nLoadState=not-found\nActiveState=inactive\nSubState=dead\nUnitFileState=' % name)
        return 0
    active = lifecycle.running(name)
    state = 'masked' if _masked(name) else 'enabled' if init.enabled(name) else 'disabled'
    print('Id=%s.service\nNames=%s.service\nLoadState=%s\nActiveState=%s\nSubState=%s\nUnitFileState=%s\nFragmentPath=%s/%s.service\nMainPID=%d' % (
        name, name, 'masked' if _masked(name) else 'loaded', 'active' if active else 'inactive',
        'running' if active else 'dead', state, init.UNITS, name, lifecycle.pid(name) or 0))
    return 0


def main(argv):
    args = [a for a in argv if not a.startswith('-')]
    if not args:
        print('Usage: systemctl VERB UNIT', file=sys.stderr)
        return 1
    verb, units = args[0], [_unit(a) for a in args[1:]]
    if verb in ('daemon-reload', 'daemon-reexec'):
        return 0
    if verb in ('list-units', 'list-unit-files'):
        for n in init.installed():
            print('%s.service %s' % (n, ('active running' if lifecycle.running(n) else 'inactive dead') if verb == 'list-units' else ('enabled' if init.enabled(n) else 'disabled')))
        return 0
    rc = 0
    for name in units:
        rc = max(rc, one(verb, name))
    return rc


def one(verb, name):
    u = name + '.service'
    if verb == 'show':
        return show(name)
    if verb == 'is-active':
        print('active' if lifecycle.running(name) else 'inactive')
        return 0 if lifecycle.running(name) else 3
    if not _exists(name):
        msg = {'enable': 'Failed to execute operation: No such file or directory', 'is-enabled': 'Failed to get unit file state for %s: No such file or directory' % u}
        print(msg.get(verb, 'Failed to %s %s: Unit %s not found.' % (verb, u, u)), file=sys.stderr)
        return 1 if verb in msg else 5
    if verb == 'is-enabled':
        st = 'masked' if _masked(name) else 'enabled' if init.enabled(name) else 'disabled'
        print(st)
        return 0 if st == 'enabled' else 1
    if verb in ('enable', 'disable'):
        init.set_enabled(name, verb == 'enable')
        return 0
    if verb in ('mask', 'unmask'):
        link = '/etc/systemd/system/%s.service' % name
        if verb == 'mask' and not os.path.lexists(link):
            os.symlink('/dev/null', link)
        elif verb == 'unmask' and _masked(name):
            os.unlink(link)
        return 0
    if verb == 'status':
        active = lifecycle.running(name)
        print('● %s\n   Loaded: loaded (%s/%s; %s)\n   Active: %s' % (u, init.UNITS, u, 'enabled' if init.enabled(name) else 'disabled', 'active (running)' if active else 'inactive (dead)'))
        return 0 if active else 3
    if verb == 'stop':
        lifecycle.stop(name)
        return 0
    if verb in ('start', 'restart', 'reload', 'try-restart', 'reload-or-restart'):
        if _masked(name):
            print('Failed to %s %s: Unit %s is masked.' % (verb, u, u), file=sys.stderr)
            return 1
        if verb != 'start':
            if verb == 'try-restart' and not lifecycle.running(name):
                return 0
            lifecycle.stop(name)
        ok, _ = lifecycle.start(name)
        if not ok:
            print('Job for %s failed because the control process exited with error code. See "systemctl status %s" and "journalctl -xe" for details.' % (u, u), file=sys.stderr)
            return 1
        return 0
    print('Unknown operation %s.' % verb, file=sys.stderr)
    return 1
