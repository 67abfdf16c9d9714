"""Entry point of every fake OpenStack command: `python3 -m fakestack.cli TOOL ARGS...`.

The code that runs is the one of the release the package database says is installed."""
import os
import sys

from . import state

PROJECT = {'nova-manage': 'nova', 'keystone-manage': 'keystone', 'glance-manage': 'glance',
           'cinder-manage': 'cinder', 'heat-manage': 'heat', 'neutron-db-manage': 'neutron'}


def main():
    tool, argv = sys.argv[1], sys.argv[2:]
    if tool in PROJECT:
        release = state.release(PROJECT[tool])
        if release is None:
            print('%s: command not found' % tool, file=sys.stderr)
            return 127
        if tool == 'nova-manage':
            from . import manage_nova
            return manage_nova.main(argv, release)
        from . import manage_other
        return manage_other.main(tool, argv, release)
    if tool == 'fakestack-service':
        from . import service
        return service.main(argv)
    if tool in ('zypper', 'rpm'):
        from . import pkg
        return pkg.main(tool, argv)
    if tool in ('service', 'chkconfig', 'insserv', 'systemctl', 'lab-init', 'lab-rc'):
        from . import init
        return init.main(tool, argv)
    if tool == 'rabbitmqctl':
        from . import rabbitmqctl
        return rabbitmqctl.main(argv)
    if tool == 'virsh':
        from . import virsh
        return virsh.main(argv)
    if tool == 'lab-guest':
        from . import guest
        return guest.main(argv)
    if tool == 'lab-guests':
        from . import virsh
        return virsh.resume(argv)
    if tool == 'lab-status':
        from . import status
        return status.main(argv)
    if tool == 'lab-shutdown':
        os.kill(1, 15)  # reboot / shutdown: PID 1 stops the services; the supervisor boots the host again
        return 0
    if tool == 'seed':
        from . import seed
        return seed.main(argv)
    print('fakestack: unknown tool %s' % tool, file=sys.stderr)
    return 127


if __name__ == '__main__':
    sys.exit(main() or 0)
