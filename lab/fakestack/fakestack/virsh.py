"""virsh, as far as the upgrade uses it: the hypervisor's view of the instances on this host.

The lab has no hypervisor: a domain is /var/lib/nova/instances/<uuid>/lab-domain.json (host,
name, acpi, address, started_at, and `state`, libvirt's record of what ran) on the shared
instances path, written by the seed for every live instance (running unless nova has it
stopped); a running domain is a guest process on its host (guest.py), so a domain runs when
its process does — after its compute rebooted or was reinstalled it is shut off. Messages are
libvirt's (virsh 1.2 on SLES 11 SP3 / 1.2.18 on SLES 12 SP1 print the same ones). `dumpxml` gives the domain's <features>: <acpi/> unless the
domain has none. `shutdown` asks the guest through ACPI: a guest without ACPI never acts on it
(chosen: virsh accepts the request and the domain keeps running, as a guest that ignores the
power button does); `destroy` powers it off at once (libvirt's virDomainDestroy)."""
import glob
import json
import os
import signal
import socket
import sys
import time

from . import configs, guest, hypervisor
from .guest import ROOT


def domains():
    """This host's domains: (path, record), in name order."""
    me = socket.gethostname()
    out = []
    for path in glob.glob(os.path.join(ROOT, '*', 'lab-domain.json')):
        with open(path) as f:
            d = json.load(f)
        if d.get('host') == me:
            d['state'] = 'running' if guest.pid(d['name']) is not None else 'shut off'
            out.append((path, d))
    return sorted(out, key=lambda x: x[1]['name'])


def find(name):
    for path, d in domains():
        if name in (d['name'], d['uuid']):
            return path, d
    print("error: failed to get domain '%s'\nerror: Domain not found: no domain with matching name '%s'" % (name, name), file=sys.stderr)
    return None, None


def save(path, d, **changes):
    """libvirt's record on the shared path, re-read first: another host may have written it."""
    with open(path) as f:
        now = json.load(f)
    now.update(changes)
    configs.write(path, json.dumps(now) + '\n', 0o644)


def set_state(path, d, state, sig=signal.SIGTERM):
    if state == 'running':
        # a guest that boots counts from 0 again
        save(path, d, state=state, started_at=time.time())
        guest.spawn(d['uuid'])
        guest.wait(d['name'])
    else:
        save(path, d, state=state)
        guest.stop(d['name'], sig)


def resume(argv):
    """`lab-guests resume`: `runbook lab up` brings back the guests libvirt recorded running on
    this host, with their counters (the lab's own power-on, not a host's boot: a compute that
    reboots during a run leaves its guests off, as nova's resume_guests_state_on_host_boot=False)."""
    if argv != ['resume']:
        print('usage: lab-guests resume', file=sys.stderr)
        return 1
    me = socket.gethostname()
    for path in glob.glob(os.path.join(ROOT, '*', 'lab-domain.json')):
        with open(path) as f:
            d = json.load(f)
        if d.get('host') == me and d.get('state') == 'running' and guest.pid(d['name']) is None:
            guest.spawn(d['uuid'])
            if not guest.wait(d['name']):
                print('%s did not start' % d['name'], file=sys.stderr)
                return 1
    return 0


def migrate(args):
    """`virsh migrate --live DOMAIN qemu+tcp://HOST/system` (hypervisor.py is the other side).
    A destination that does not answer gives libvirt's "unable to connect to server at
    'HOST:PORT': REASON" (src/rpc/virnetsocket.c virNetSocketNewConnectTCP); HOST is resolved
    as compute.address_of says."""
    rest = [a for a in args if a not in ('--live', '--verbose', '--persistent', '--undefinesource')]
    if '--live' not in args or len(rest) != 2 or not rest[1].startswith('qemu+tcp://'):
        print('error: the lab migrates live over qemu+tcp only: virsh migrate --live DOMAIN qemu+tcp://HOST/system', file=sys.stderr)
        return 1
    path, d = find(rest[0])
    if d is None:
        return 1
    if d['state'] != 'running':
        print('error: Requested operation is not valid: domain is not running', file=sys.stderr)
        return 1
    host = rest[1][len('qemu+tcp://'):].split('/')[0]
    from .compute import address_of
    try:
        conn = socket.create_connection((address_of(host), hypervisor.PORT), timeout=30)
    except OSError as e:
        print("error: unable to connect to server at '%s:%d': %s" % (host, hypervisor.PORT, e.strerror or e), file=sys.stderr)
        return 1
    with conn, conn.makefile('r') as f:
        def ask(**req):
            conn.sendall((json.dumps(req) + '\n').encode())
            return json.loads(f.readline() or '{"ok": false, "error": "the destination closed the connection"}')
        ready = ask(op='prepare', uuid=d['uuid'])
        if not ready.get('ok'):
            print('error: %s' % ready.get('error'), file=sys.stderr)
            return 1
        # stop-and-copy: the source's guest stops, the destination's takes over with its state
        guest.stop(d['name'], signal.SIGKILL)
        done = ask(op='go')
    if not done.get('ok'):
        guest.spawn(d['uuid'])  # libvirt resumes the source when the destination fails
        guest.wait(d['name'])
        print('error: %s' % done.get('error'), file=sys.stderr)
        return 1
    save(path, d, host=done['host'], state='running')
    return 0


def main(argv):
    if not argv:
        print('usage: virsh list [--all] [--name] | domstate D | domuuid D | dumpxml D | start D | shutdown D | destroy D | migrate --live D URI', file=sys.stderr)
        return 1
    cmd, args = argv[0], argv[1:]
    if cmd == 'migrate':
        return migrate(args)
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
    if cmd in ('domstate', 'domuuid', 'start', 'shutdown', 'destroy', 'dumpxml') and len(args) == 1:
        path, d = find(args[0])
        if d is None:
            return 1
        if cmd == 'domstate':
            print(d['state'] + '\n')
            return 0
        if cmd == 'domuuid':
            print(d['uuid'] + '\n')
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
            set_state(path, d, 'shut off', signal.SIGKILL)
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
