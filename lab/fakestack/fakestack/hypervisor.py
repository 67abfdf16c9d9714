"""The destination side of a live migration: what libvirtd's TCP listener is to `virsh migrate
--live DOMAIN qemu+tcp://HOST/system` (port 16509, libvirtd's listen_tcp port; qemu+tcp://%s/system
is nova's live_migration_uri default in Juno and Liberty, nova/virt/libvirt/driver.py @
2014.2.4 and 12.0.0). The lab has no libvirtd package: the host's init serves it (chosen).

One connection per migration, one JSON line each way:
  {"op": "prepare", "uuid": U}  -> the domain's disk must be on this host's instances path (the
      shared storage nova's check_can_live_migrate_destination asks for when the migration is
      not a block migration; the error's wording is chosen); an incoming guest process is
      started and waits;
  {"op": "go"}                  -> the source has stopped its guest: the incoming one takes the
      address; the reply names this host (the domain's new host);
  the connection closed before `go` -> the incoming process is ended (the migration aborted)."""
import json
import os
import signal
import socket
import threading

from . import guest, lifecycle

PORT = 16509


def _reply(conn, **kw):
    conn.sendall((json.dumps(kw) + '\n').encode())


def _incoming(conn, f):
    req = json.loads(f.readline() or '{}')
    uuid = req.get('uuid', '')
    if req.get('op') != 'prepare' or not uuid:
        return _reply(conn, ok=False, error='bad request')
    if not os.path.exists(os.path.join(guest.ROOT, uuid, 'disk')):
        return _reply(conn, ok=False, error='operation failed: migration of disk %s/%s/disk: no such file on the '
                      'destination (the instances path is not shared)' % (guest.ROOT, uuid))
    d = guest.read(uuid)
    if guest.pid(d['name'], ready=False) is not None:
        return _reply(conn, ok=False, error="Requested operation is not valid: domain '%s' is already active" % d['name'])
    guest.spawn(uuid, incoming=True)
    if not guest.wait(d['name'], ready=False):
        return _reply(conn, ok=False, error='internal error: the incoming guest did not start')
    _reply(conn, ok=True)
    go = json.loads(f.readline() or '{}')
    p = guest.pid(d['name'], ready=False)
    if go.get('op') != 'go':
        guest.stop(d['name'], signal.SIGKILL)
        return None
    os.kill(p, signal.SIGUSR1)
    if not guest.wait(d['name']):
        return _reply(conn, ok=False, error='internal error: the guest did not resume on the destination')
    return _reply(conn, ok=True, host=socket.gethostname())


def _serve(server):
    while True:
        conn, _ = server.accept()

        def one(conn=conn):
            with conn, conn.makefile('r') as f:
                try:
                    _incoming(conn, f)
                except (OSError, ValueError) as e:
                    try:
                        _reply(conn, ok=False, error=str(e))
                    except OSError:
                        pass
        threading.Thread(target=one, daemon=True).start()


def start():
    """Listens on the host's address in a thread of the caller (the host's init)."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind((lifecycle.host_address(), PORT))
    server.listen(16)
    threading.Thread(target=_serve, args=(server,), daemon=True).start()
