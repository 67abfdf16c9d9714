"""virsh, as far as the upgrade uses it: the hypervisor's view of the instances on this host.

The lab has no hypervisor: a domain is /var/lib/nova/instances/<uuid>/lab-domain.json (host,
name, state, acpi) on the shared instances path, written by the seed for every live instance
(running unless nova has it stopped). Messages are libvirt's (virsh 1.2 on SLES 11 SP3 / 1.2.18
on SLES 12 SP1 print the same ones). `dumpxml` gives the domain's <features>: <acpi/> unless the
domain has none. `shutdown` asks the guest through ACPI: a guest without ACPI never acts on it
(chosen: virsh accepts the request and the domain keeps running, as a guest that ignores the
power button does); `destroy` powers it off at once (libvirt's virDomainDestroy)."""
import glob
import json
import os
import socket
import sys

from . import configs

ROOT = '/var/lib/nova/instances'


def domains():
    """This host's domains: (path, record), in name order."""
    me = socket.gethostname()
    out = []
    for path in glob.glob(os.path.join(ROOT, '*', 'lab-domain.json')):
        with open(path) as f:
            d = json.load(f)
        if d.get('host') == me:
            out.append((path, d))
    return sorted(out, key=lambda x: x[1]['name'])


def find(name):
    for path, d in domains():
        if name in (d['name'], d['uuid']):
            return path, d
    print("error: failed to get domain '%s'\nerror: Domain not found: no domain with matching name '%s'" % (name, name), file=sys.stderr)
    return None, None


def set_state(path, d, state):
    d['state'] = state
    configs.write(path, json.dumps(d) + '\n', 0o644)


def main(argv):
    if not argv:
        print('usage: virsh list [--all] [--name] | domstate D | dumpxml D | start D | shutdown D | destroy D', file=sys.stderr)
        return 1
    cmd, args = argv[0], argv[1:]
    if cmd == 'list':
        shown = [d for _, d in domains() if '--all' in args or d['state'] == 'running']
        if '--name' in args:
            print(''.join(d['name'] + '\n' for d in shown))
            return 0
        print(' Id    Name                           State\n----------------------------------------------------')
        for i, d in enumerate(shown, 1):
            print(' %-5s %-30s %s' % (i if d['state'] == 'running' else '-', d['name'], d['state']))
        print()
        return 0
    if cmd in ('domstate', 'start', 'shutdown', 'destroy', 'dumpxml') and len(args) == 1:
        path, d = find(args[0])
        if d is None:
            return 1
        if cmd == 'domstate':
            print(d['state'] + '\n')
            return 0
        if cmd == 'dumpxml':
            features = '<acpi/><apic/>' if d.get('acpi', True) else '<apic/>'
            print("<domain type='kvm'>\n  <name>%s</name>\n  <uuid>%s</uuid>\n  <features>%s</features>\n</domain>" % (d['name'], d['uuid'], features))
            return 0
        if cmd == 'shutdown' and d['state'] == 'running' and not d.get('acpi', True):
            print('Domain %s is being shutdown\n' % args[0])
            return 0
        if cmd == 'destroy':
            if d['state'] != 'running':
                print('error: Failed to destroy domain %s\nerror: Requested operation is not valid: domain is not running' % args[0], file=sys.stderr)
                return 1
            set_state(path, d, 'shut off')
            print('Domain %s destroyed\n' % args[0])
            return 0
        want = 'running' if cmd == 'start' else 'shut off'
        if d['state'] == want:
            why = 'domain is already running' if cmd == 'start' else 'domain is not running'
            print('error: Failed to %s domain %s\nerror: Requested operation is not valid: %s' % (cmd, args[0], why), file=sys.stderr)
            return 1
        set_state(path, d, want)
        print('Domain %s %s\n' % (args[0], 'started' if cmd == 'start' else 'is being shutdown'))
        return 0
    print("error: unknown command: '%s'" % cmd, file=sys.stderr)
    return 1
