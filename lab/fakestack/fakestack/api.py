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
            rows = db.rows(self.conn(), 'SELECT uuid, display_name, vm_state, power_state, host FROM instances WHERE deleted = 0 AND project_id = %s ORDER BY id', (parts[1],))
            return self.reply(200, {'servers': [{'id': u, 'name': n, 'status': STATUS.get(s, 'UNKNOWN'), 'OS-EXT-STS:power_state': p, 'OS-EXT-SRV-ATTR:host': h} for u, n, s, p, h in rows]})
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
        return self.reply(404, {'error': {'code': 404}})


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
    return 200, {'access': {'token': {'id': token}, 'user': {'id': user[0][0]}}}


def serve(name, project, release, port, eff):
    handler = type('Handler', (Api,), {'project': project, 'release': release, 'eff': eff})
    httpd = ThreadingHTTPServer((lifecycle.host_address(), port), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    if project == 'keystone':
        admin = ThreadingHTTPServer((lifecycle.host_address(), 35357), handler)
        threading.Thread(target=admin.serve_forever, daemon=True).start()
