"""The hosts' init systems: SLES 11's SysV (`/etc/init.d/NAME`, `chkconfig`, `insserv`,
`service`) and SLES 12's systemd (`systemctl`), over one service lifecycle (lifecycle.py);
`lab-init` is the host's PID 1 and `lab-rc` runs the boot and shutdown sequences."""
import os
import sys

from . import catalog, lifecycle, state

RC_DIRS = ['/etc/init.d/rc3.d', '/etc/init.d/rc5.d']
WANTS = '/etc/systemd/system/multi-user.target.wants'
UNITS = '/usr/lib/systemd/system'


def installed():
    """Services whose init script / unit is installed, in start order."""
    names = {s for p in state.packages() for s in catalog.SERVICES.get(p, [])}
    order = {n: i for i, n in enumerate(catalog.START_ORDER)}
    return sorted(names, key=lambda n: (order.get(n, 999), n))


def enabled(name):
    if state.init_system() == 'systemd':
        return os.path.lexists('%s/%s.service' % (WANTS, name))
    return any(os.path.lexists('%s/S50%s' % (d, name)) for d in RC_DIRS)


def set_enabled(name, on):
    if state.init_system() == 'systemd':
        link = '%s/%s.service' % (WANTS, name)
        if on:
            os.makedirs(WANTS, exist_ok=True)
        if on and not os.path.lexists(link):
            os.symlink('%s/%s.service' % (UNITS, name), link)
            print('Created symlink from %s to %s/%s.service.' % (link, UNITS, name))
        elif not on and os.path.lexists(link):
            os.unlink(link)
            print('Removed symlink %s.' % link)
        return
    for d in RC_DIRS:
        if on:
            os.makedirs(d, exist_ok=True)
        link = '%s/S50%s' % (d, name)
        if on and not os.path.lexists(link):
            os.symlink('../' + name, link)
        elif not on and os.path.lexists(link):
            os.unlink(link)


def sysv_script(name, argv):
    """/etc/init.d/NAME start|stop|status|restart|reload|try-restart (SLES rc_status wording)."""
    verb = argv[0] if argv else ''
    if verb == 'start':
        ok, msg = lifecycle.start(name)
        print('Starting %s %s' % (name, 'done' if ok else 'failed' + (': ' + msg if msg else '')))
        return 0 if ok else 1
    if verb == 'stop':
        lifecycle.stop(name)
        print('Shutting down %s done' % name)
        return 0
    if verb in ('restart', 'reload', 'force-reload', 'try-restart'):
        lifecycle.stop(name)
        return sysv_script(name, ['start'])
    if verb == 'status':
        if lifecycle.running(name):
            print('Checking for service %s running' % name)
            return 0
        print('Checking for service %s unused' % name)
        return 3
    print('Usage: %s {start|stop|status|try-restart|restart|force-reload|reload}' % name)
    return 2


def chkconfig(argv):
    args = [a for a in argv if not a.startswith('--level') and not a.isdigit()]
    if not args or args[0] in ('--list', '-l'):
        for n in (args[1:] or installed()):
            on = 'on' if enabled(n) else 'off'
            print('%-28s 0:off  1:off  2:off  3:%s  4:off  5:%s  6:off' % (n, on, on))
        return 0
    name = args[0]
    if not os.path.exists('/etc/init.d/' + name):
        print('%s: unknown service' % name, file=sys.stderr)
        return 1
    if len(args) == 1:
        print('%-28s %s' % (name, 'on' if enabled(name) else 'off'))
        return 0 if enabled(name) else 1
    set_enabled(name, args[1] in ('on', 'true'))
    return 0


def insserv(argv):
    remove = '-r' in argv or '--remove' in argv
    for name in [a for a in argv if not a.startswith('-')]:
        set_enabled(os.path.basename(name), not remove)
    return 0


def systemctl(argv):
    from . import systemctl as sc
    return sc.main(argv)


def service(argv):
    if not argv:
        print('Usage: service [--help | --status-all | <service> [<args>]]')
        return 1
    if state.init_system() == 'systemd':
        return systemctl([argv[1] if len(argv) > 1 else 'status', argv[0]])
    if not os.path.exists('/etc/init.d/' + argv[0]):
        print('service: no such service %s' % argv[0], file=sys.stderr)
        return 1
    return sysv_script(argv[0], argv[1:])


def main(tool, argv):
    if tool == 'lab-rc':
        if argv and argv[0] in ('boot', 'shutdown', 'enable-all'):
            return {'boot': boot, 'shutdown': shutdown, 'enable-all': enable_all}[argv[0]]()
        return sysv_script(argv[0], argv[1:])
    if tool == 'lab-init':
        from . import pid1
        return pid1.main(argv)
    return {'chkconfig': chkconfig, 'insserv': insserv, 'systemctl': systemctl, 'service': service}[tool](argv)


def boot():
    """Starts the enabled services in dependency order -- and nothing that is disabled."""
    for name in installed():
        if enabled(name):
            ok, msg = lifecycle.start(name)
            print('boot: %s %s %s' % (name, 'started' if ok else 'failed', msg or ''), flush=True)
    return 0


def shutdown():
    for name in reversed(installed()):
        lifecycle.stop(name)
    return 0


def enable_all():
    """What SUSE Cloud's Chef left behind: every installed service enabled at boot."""
    for name in installed():
        set_enabled(name, True)
    return 0
