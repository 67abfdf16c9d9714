"""RabbitMQ 3.4 (SUSE Cloud 5/6) as far as the upgrade meets it: `rabbitmqctl` (users, vhosts,
permissions, tags, and `eval` of the internal backend's add_user/change_password reading the
password from a file) and the broker's logins.

The broker's state is /var/lib/rabbitmq/lab-broker.json (the mnesia directory of the real one: a
reinstall wipes it). A fresh broker has what rabbit.app's defaults create on first start
(rabbitmq-server @ rabbitmq_v3_4_3 ebin/rabbit_app.in: default_user guest/guest tagged
administrator, default_vhost /, guest's permissions .* .* .*); SUSE Cloud's rabbitmq barclamp
then adds the services' user and vhost (`nova` on `/nova`; seed.py does that for the Juno cloud).
Passwords are kept as 3.4 keeps them: a 4-byte salt and MD5(salt + password)
(rabbit_auth_backend_internal.erl hash_password @ rabbitmq_v3_4_3).

Logins: the services (service.py) check their credentials against the broker of rabbit_host over
TCP 5672 (chosen: one JSON line in, one status line out, instead of AMQP's handshake); a wrong
user, password or missing permission on the vhost answers as RabbitMQ does, ACCESS_REFUSED (403)
or NOT_ALLOWED (530), and the client logs oslo.messaging's line for it."""
import hashlib
import json
import os
import re
import socket
import socketserver
import sys
import threading

from . import configs, lifecycle

STATE = '/var/lib/rabbitmq/lab-broker.json'
PORT = 5672


def _hash(password, salt=None):
    salt = salt if salt is not None else os.urandom(4)
    return (salt + hashlib.md5(salt + password.encode()).digest()).hex()


def _check(stored, password):
    raw = bytes.fromhex(stored)
    return _hash(password, raw[:4]) == stored


def fresh():
    return {'users': {'guest': {'hash': _hash('guest'), 'tags': ['administrator']}}, 'vhosts': ['/'],
            'permissions': {'/': {'guest': ['.*', '.*', '.*']}}}


def broker():
    if not os.path.exists(STATE):
        save(fresh())
    with open(STATE) as f:
        return json.load(f)


def save(b):
    configs.write(STATE, json.dumps(b) + '\n', 0o600)


def add_user(b, user, password):
    if user in b['users']:
        raise ValueError('user_already_exists: %s' % user)
    b['users'][user] = {'hash': _hash(password), 'tags': []}


def login(user, password, vhost):
    """The broker's answer to a connection: 'OK', or RabbitMQ's refusal."""
    b = broker()
    u = b['users'].get(user)
    if u is None or not _check(u['hash'], password):
        return 'ACCESS_REFUSED - Login was refused using authentication mechanism AMQPLAIN. For details see the broker logfile.'
    if vhost not in b['vhosts'] or user not in b['permissions'].get(vhost, {}):
        return "NOT_ALLOWED - access to vhost '%s' refused for user '%s'" % (vhost, user)
    return 'OK'


class _Login(socketserver.StreamRequestHandler):
    def handle(self):
        try:
            req = json.loads(self.rfile.readline())
            answer = login(req.get('user', ''), req.get('password', ''), req.get('vhost', '/'))
        except ValueError:
            answer = 'ACCESS_REFUSED - malformed login'
        self.wfile.write((answer + '\n').encode())


def serve(address):
    """The broker's listener (rabbitmq-server's start, service.py)."""
    broker()
    socketserver.ThreadingTCPServer.allow_reuse_address = True
    server = socketserver.ThreadingTCPServer((address, PORT), _Login)
    threading.Thread(target=server.serve_forever, daemon=True).start()


def connect(host, port, user, password, vhost, timeout=3):
    """A client's login; 'OK' or the reason it failed, in the words oslo.messaging logs."""
    try:
        with socket.create_connection((host, int(port)), timeout=timeout) as s:
            s.sendall((json.dumps({'user': user, 'password': password, 'vhost': vhost}) + '\n').encode())
            answer = s.makefile().readline().strip()
    except OSError as e:
        answer = '[Errno %s] %s' % (e.errno, e.strerror or e)
    return answer


# rabbitmqctl eval as the upgrade's restore uses it (the password never in argv): read a file,
# then rabbit_auth_backend_internal:add_user/2 or change_password/2 with its contents.
EVAL = re.compile(r'^\s*\{ok,\s*P\}\s*=\s*file:read_file\("([^"]+)"\),\s*rabbit_auth_backend_internal:(add_user|change_password)\(<<"([^"]+)">>,\s*P\)\.\s*$')


def main(argv):
    quiet = '-q' in argv
    args = [a for a in argv if a != '-q']
    vhost = args[args.index('-p') + 1] if '-p' in args else '/'
    if '-p' in args:
        i = args.index('-p')
        args = args[:i] + args[i + 2:]
    node = 'rabbit@%s' % socket.gethostname()
    if not lifecycle.running('rabbitmq-server'):
        print('Error: unable to connect to node %s: nodedown' % node, file=sys.stderr)
        return 2
    b = broker()
    cmd, rest = (args[0], args[1:]) if args else ('', [])
    lists = {
        'list_users': (lambda: [[u, '[%s]' % ', '.join(d['tags'])] for u, d in sorted(b['users'].items())], 'users'),
        'list_vhosts': (lambda: [[v] for v in b['vhosts']], 'vhosts'),
        'list_permissions': (lambda: [[u] + p for u, p in sorted(b['permissions'].get(vhost, {}).items())], 'permissions in vhost "%s"' % vhost),
    }
    if cmd in lists:
        rows, what = lists[cmd]
        if not quiet:
            print('Listing %s ...' % what)
        for r in rows():
            print('\t'.join(r))
        return 0
    try:
        if cmd == 'add_vhost' and len(rest) == 1:
            if rest[0] in b['vhosts']:
                raise ValueError('vhost_already_exists: %s' % rest[0])
            b['vhosts'].append(rest[0])
        elif cmd == 'add_user' and len(rest) == 2:
            add_user(b, rest[0], rest[1])
        elif cmd == 'delete_user' and len(rest) == 1:
            b['users'].pop(rest[0])
            for perms in b['permissions'].values():
                perms.pop(rest[0], None)
        elif cmd == 'set_user_tags' and rest:
            b['users'][rest[0]]['tags'] = rest[1:]
        elif cmd == 'set_permissions' and len(rest) == 4:
            if vhost not in b['vhosts']:
                raise ValueError('no_such_vhost: %s' % vhost)
            if rest[0] not in b['users']:
                raise ValueError('no_such_user: %s' % rest[0])
            b['permissions'].setdefault(vhost, {})[rest[0]] = rest[1:]
        elif cmd == 'eval' and len(rest) == 1 and EVAL.match(rest[0]):
            path, fun, user = EVAL.match(rest[0]).groups()
            with open(path) as f:
                password = f.read()
            if fun == 'add_user':
                add_user(b, user, password)
            else:
                b['users'][user]['hash'] = _hash(password)
            print('ok')
        else:
            print('Error: could not recognise command', file=sys.stderr)
            return 64
    except KeyError as e:
        print('Error: {no_such_user,<<"%s">>}' % e.args[0], file=sys.stderr)
        return 2
    except ValueError as e:
        print('Error: {%s}' % e, file=sys.stderr)
        return 2
    save(b)
    return 0
