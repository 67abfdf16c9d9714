"""The minimal HTTP APIs the checks ask (keystone tokens, nova servers, glance images), answered
from the database so that a check can ask the cloud and not just the process table."""
import hashlib
import json
import threading
import urllib.request
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from . import db, lifecycle
from .service import CONF

STATUS = {'active': 'ACTIVE', 'stopped': 'SHUTOFF', 'resized': 'VERIFY_RESIZE', 'error': 'ERROR', 'rescued': 'RESCUE',
          'building': 'BUILD', 'paused': 'PAUSED', 'suspended': 'SUSPENDED'}


def password_hash(pw):
    return 'sha256$' + hashlib.sha256(pw.encode()).hexdigest()


class Api(BaseHTTPRequestHandler):
    project = release = None
    eff = {}

    def log_message(self, *args):
        pass

    def reply(self, code, body):
        data = json.dumps(body).encode()
        self.send_response(code)
        self.send_header('Content-Type', 'application/json')
        self.send_header('Content-Length', str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def conn(self):
        return db.connect_conf(CONF[self.project])

    def body(self):
        n = int(self.headers.get('Content-Length') or 0)
        return json.loads(self.rfile.read(n) or b'{}')

    def authorised(self):
        """Token validation against keystone, as keystonemiddleware's auth_token does."""
        token = self.headers.get('X-Auth-Token')
        if not token:
            return False
        if self.project == 'keystone':
            return keystone_valid(self.conn(), token)
        cp = db.read_conf(CONF[self.project])
        # Juno's identity_uri, Liberty's auth_url; without either, keystonemiddleware's default.
        url = db.conf_get(cp, 'keystone_authtoken', 'identity_uri') or db.conf_get(cp, 'keystone_authtoken', 'auth_url') or 'http://127.0.0.1:35357'
        try:
            with urllib.request.urlopen(urllib.request.Request('%s/v2.0/tokens/%s' % (url, token), headers={'X-Auth-Token': token}), timeout=5) as r:
                return r.status == 200
        except Exception:
            return False

    def do_GET(self):
        parts = [p for p in self.path.split('?')[0].split('/') if p]
        if not parts:
            from . import versions
            host = self.headers.get('Host') or '%s:%d' % self.server.server_address[:2]
            return self.reply(*versions.root(self.project, self.release, 'http://' + host))
        if self.project == 'keystone' and parts[:2] == ['v2.0', 'tokens'] and len(parts) == 3:
            ok = keystone_valid(self.conn(), parts[2])
            return self.reply(200 if ok else 404, {'access': {'token': {'id': parts[2]}}} if ok else {'error': {'code': 404}})
        if not self.authorised():
            return self.reply(401, {'error': {'code': 401, 'message': 'The request you have made requires authentication.'}})
        if self.project == 'nova' and len(parts) >= 3 and parts[2] == 'servers':
            return self.reply(200, {'servers': servers(self.conn(), parts[1], 'all_tenants=1' in self.path)})
        if self.project == 'nova' and parts[2:] == ['os-hypervisors', 'detail']:
            return self.reply(200, {'hypervisors': hypervisors(self.conn())})
        if self.project == 'nova' and parts[2:] == ['flavors', 'detail']:
            rows = db.rows(self.conn(), 'SELECT flavorid, name, memory_mb, vcpus, root_gb FROM instance_types WHERE deleted = 0 ORDER BY id')
            return self.reply(200, {'flavors': [{'id': f, 'name': n, 'ram': m, 'vcpus': v, 'disk': d} for f, n, m, v, d in rows]})
        if self.project == 'glance' and parts[:2] == ['v2', 'images']:
            rows = db.rows(self.conn(), 'SELECT id, name, status, size FROM images WHERE deleted = 0 ORDER BY created_at, id')
            return self.reply(200, {'images': [{'id': i, 'name': n, 'status': s, 'size': z} for i, n, s, z in rows]})
        return self.reply(404, {'error': {'code': 404}})

    def do_POST(self):
        parts = [p for p in self.path.split('/') if p]
        if self.project == 'keystone' and parts == ['v2.0', 'tokens']:
            return self.reply(*issue_token(self.conn(), self.body()))
        if not self.authorised():
            return self.reply(401, {'error': {'code': 401}})
        if self.project == 'nova' and len(parts) == 3 and parts[2] == 'servers':
            from . import boot
            server = boot.create(self.conn(), self.release, parts[1], self.body().get('server', {}))
            return self.reply(202, {'server': server})
        if self.project == 'nova' and len(parts) == 5 and parts[2] == 'servers' and parts[4] == 'action':
            body = self.body()
            if 'os-migrateLive' in body:
                from . import live_migration
                code, msg = live_migration.request(self.conn(), parts[3], body['os-migrateLive'] or {})
                if code == 202:
                    self.send_response(202)
                    self.send_header('Content-Length', '0')
                    self.end_headers()
                    return None
                return self.reply(code, {'badRequest' if code == 400 else 'conflictingRequest' if code == 409 else 'itemNotFound': {'code': code, 'message': msg}})
        return self.reply(404, {'error': {'code': 404}})


def servers(conn, project, all_tenants):
    """GET /v2/{tenant}/servers[/detail][?all_tenants=1] with the extended attributes an admin
    sees (OS-EXT-SRV-ATTR, OS-EXT-STS); instance_name is the lab's domain name (chosen:
    instance-<uuid[:8]> where nova's instance_name_template gives instance-<id in hex>)."""
    where, args = ('', ()) if all_tenants else (' AND i.project_id = %s', (project,))
    rows = db.rows(conn, 'SELECT i.uuid, i.display_name, i.vm_state, i.task_state, i.power_state, i.host, i.node, t.flavorid '
                   'FROM instances i LEFT JOIN instance_types t ON t.id = i.instance_type_id WHERE i.deleted = 0' + where + ' ORDER BY i.id', args)
    return [{'id': u, 'name': n, 'status': STATUS.get(s, 'UNKNOWN'), 'OS-EXT-STS:vm_state': s, 'OS-EXT-STS:task_state': t,
             'OS-EXT-STS:power_state': p, 'OS-EXT-SRV-ATTR:host': h, 'OS-EXT-SRV-ATTR:hypervisor_hostname': node,
             'OS-EXT-SRV-ATTR:instance_name': 'instance-' + u[:8], 'flavor': {'id': f}}
            for u, n, s, t, p, h, node, f in rows]


def hypervisors(conn):
    """GET /v2/{tenant}/os-hypervisors/detail: the compute_nodes rows (nova-compute's resource
    tracker) with their service's host, and state/status as the os-hypervisor-status extension
    adds them (nova/api/openstack/compute/contrib/hypervisors.py @ 2014.2.4 _view_hypervisor:
    up when the servicegroup API has the service alive); the fields the lab keeps."""
    from . import live_migration
    rows = db.rows(conn, 'SELECT n.id, n.hypervisor_hostname, n.vcpus, n.memory_mb, n.local_gb, n.vcpus_used, n.memory_mb_used, n.free_ram_mb, '
                   'n.hypervisor_type, n.hypervisor_version, n.running_vms, s.host, s.disabled FROM compute_nodes n '
                   'LEFT JOIN services s ON s.id = n.service_id WHERE n.deleted = 0 ORDER BY n.id')
    return [{'id': i, 'hypervisor_hostname': hn, 'vcpus': v, 'memory_mb': m, 'local_gb': g, 'vcpus_used': vu, 'memory_mb_used': mu,
             'free_ram_mb': fr, 'hypervisor_type': ht, 'hypervisor_version': hv, 'running_vms': rv,
             'service': {'host': h}, 'status': 'disabled' if dis else 'enabled', 'state': 'up' if h and live_migration.is_up(conn, h) else 'down'}
            for i, hn, v, m, g, vu, mu, fr, ht, hv, rv, h, dis in rows]


def keystone_valid(conn, token):
    return bool(db.scalar(conn, 'SELECT COUNT(*) FROM token WHERE id = %s AND valid = 1 AND expires > UTC_TIMESTAMP()', (token,)))


def issue_token(conn, body):
    creds = body.get('auth', {}).get('passwordCredentials', {})
    user = db.rows(conn, 'SELECT id, password FROM user WHERE name = %s AND enabled = 1', (creds.get('username'),))
    if not user or user[0][1] != password_hash(creds.get('password', '')):
        return 401, {'error': {'code': 401, 'message': 'The request you have made requires authentication.', 'title': 'Unauthorized'}}
    token = uuid.uuid4().hex
    with conn.cursor() as c:
        c.execute('INSERT INTO token (id, expires, extra, valid, user_id) VALUES (%s, UTC_TIMESTAMP() + INTERVAL 1 HOUR, %s, 1, %s)', (token, '{}', user[0][0]))
    conn.commit()
    # the scoped token's tenant, as keystone v2's POST /v2.0/tokens gives it with tenantName
    tenant = body.get('auth', {}).get('tenantName')
    scoped = {'tenant': {'id': tenant + '-id', 'name': tenant}} if tenant else {}
    return 200, {'access': {'token': dict({'id': token}, **scoped), 'user': {'id': user[0][0]}}}


def serve(name, project, release, port, eff):
    handler = type('Handler', (Api,), {'project': project, 'release': release, 'eff': eff})
    httpd = ThreadingHTTPServer((lifecycle.host_address(), port), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    if project == 'keystone':
        admin = ThreadingHTTPServer((lifecycle.host_address(), 35357), handler)
        threading.Thread(target=admin.serve_forever, daemon=True).start()
