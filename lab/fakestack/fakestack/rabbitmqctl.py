"""rabbitmqctl (RabbitMQ 3.4, SUSE Cloud 5/6), as far as the backup reads it: users, vhosts,
permissions. The broker's state is /var/lib/rabbitmq/lab-broker.json: the users and vhosts
SUSE Cloud's rabbitmq barclamp creates (the services' `nova` user on vhost `/nova`), made
on first use. Like the real tool it needs the broker running on this host."""
import json
import os
import socket
import sys

from . import configs, lifecycle

STATE = '/var/lib/rabbitmq/lab-broker.json'
DEFAULT = {'users': [['guest', '[administrator]'], ['nova', '[]']], 'vhosts': ['/', '/nova'],
           'permissions': {'/': [['guest', '.*', '.*', '.*']], '/nova': [['nova', '.*', '.*', '.*']]}}


def broker():
    if not os.path.exists(STATE):
        configs.write(STATE, json.dumps(DEFAULT) + '\n', 0o600)
    with open(STATE) as f:
        return json.load(f)


def main(argv):
    quiet = '-q' in argv
    args = [a for a in argv if a != '-q']
    node = 'rabbit@%s' % socket.gethostname()
    if not lifecycle.running('rabbitmq-server'):
        print('Error: unable to connect to node %s: nodedown' % node, file=sys.stderr)
        return 2
    b = broker()
    cmd = args[0] if args else ''
    if cmd == 'list_users':
        rows, what = b['users'], 'users'
    elif cmd == 'list_vhosts':
        rows, what = [[v] for v in b['vhosts']], 'vhosts'
    elif cmd == 'list_permissions':
        vhost = args[args.index('-p') + 1] if '-p' in args else '/'
        rows, what = [r[:] for r in b['permissions'].get(vhost, [])], 'permissions in vhost "%s"' % vhost
    else:
        print('Error: could not recognise command', file=sys.stderr)
        return 64
    if not quiet:
        print('Listing %s ...' % what)
    for r in rows:
        print('\t'.join(r))
    return 0
