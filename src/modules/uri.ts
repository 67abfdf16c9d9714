// uri: an HTTP request from the host (ansible/modules/uri.py): status_code check, JSON and
// form bodies, headers lowercased with _ for -, `json` for JSON replies, `dest`, creates/removes.
// runbook sends it with the host's curl (support/curl.ts).
import { defineModule, type ModuleResult } from './define.js';
import { commonRequest, httpRequest, stringDict } from './support/curl.js';
import { applyMode } from './support/files.js';
import { pyJsonDumps } from '../template/index.js';

type A = Record<string, unknown>;
const JSON_TYPES = new Set(['json', 'javascript', 'x-javascript', 'x-json']);

function bodyOf(a: A, headers: Record<string, string>): string | undefined {
  if (a.body === undefined || a.body === null) return undefined;
  const fmt = String(a.body_format ?? 'raw');
  if (fmt === 'json') {
    if (!Object.keys(headers).some((k) => k.toLowerCase() === 'content-type'))
      headers['Content-Type'] = 'application/json';
    return typeof a.body === 'string' ? a.body : pyJsonDumps(a.body, {});
  }
  if (fmt === 'form-urlencoded') {
    if (!Object.keys(headers).some((k) => k.toLowerCase() === 'content-type'))
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
    if (typeof a.body === 'string') return a.body;
    const entries = a.body instanceof Map ? [...a.body] : Object.entries(a.body);
    return new URLSearchParams(entries.map(([k, v]): [string, string] => [String(k), String(v)])).toString();
  }
  return String(a.body);
}

function isJson(contentType: string | undefined): boolean {
  const sub = (contentType ?? '').split(';')[0]?.split('/')[1]?.toLowerCase() ?? '';
  return JSON_TYPES.has(sub.includes('+') ? (sub.split('+')[1] ?? '') : sub);
}

export default defineModule({
  name: 'uri',
  argRules: { mutuallyExclusive: [['body', 'src']] },
  collection: 'ansible.builtin',
  description: 'Interacts with web services (HTTP from the host, with curl)',
  checkMode: 'skip',
  checkModeName: 'ansible.legacy.uri',
  args: {
    url: { type: 'str', required: true, description: 'The URL.' },
    method: { type: 'str', default: 'GET', description: 'HTTP method.' },
    body: { type: 'raw', description: 'The request body.' },
    body_format: {
      type: 'str',
      default: 'raw',
      choices: ['form-urlencoded', 'json', 'raw'],
      description: 'How to encode body.',
    },
    headers: { type: 'dict', default: {}, description: 'Request headers.' },
    status_code: { type: 'list', elements: 'int', default: [200], description: 'Statuses that mean success.' },
    return_content: { type: 'bool', default: false, description: 'Return the body as content.' },
    dest: { type: 'path', description: 'Write the body to this file on the host.' },
    url_username: { type: 'str', aliases: ['user'], description: 'Basic auth user.' },
    url_password: {
      type: 'str',
      aliases: ['password'],
      noLog: true,
      description: "Basic auth password (sent on curl's stdin).",
    },
    force_basic_auth: { type: 'bool', default: false, description: 'Accepted: curl sends basic auth up front.' },
    follow_redirects: { type: 'str', default: 'safe', description: 'none, safe, all (curl follows unless none).' },
    validate_certs: { type: 'bool', default: true, description: 'Check TLS certificates.' },
    timeout: { type: 'int', default: 30, description: 'Seconds.' },
    creates: { type: 'path', description: 'Skip when this file exists on the host.' },
    removes: { type: 'path', description: 'Skip unless this file exists on the host.' },
    mode: { type: 'raw', description: 'Mode of dest.' },
  },
  async run(a: A, ctx): Promise<ModuleResult> {
    if (a.creates && (await ctx.conn.stat(String(a.creates), true)).exists)
      return { changed: false, msg: `skipped, since ${String(a.creates)} exists`, skipped: false };
    if (a.removes && !(await ctx.conn.stat(String(a.removes), true)).exists)
      return { changed: false, msg: `skipped, since ${String(a.removes)} does not exist` };
    const method = String(a.method);
    if (!/^[A-Z]+$/.test(method))
      return {
        changed: false,
        failed: true,
        msg: "Parameter 'method' needs to be a single word in uppercase, like GET or POST.",
      };
    const headers = stringDict(a.headers);
    const body = bodyOf(a, headers);
    const r = await httpRequest(ctx, {
      url: String(a.url),
      method,
      headers,
      ...(body !== undefined ? { body } : {}),
      ...commonRequest(a),
      followRedirects: a.follow_redirects !== 'none',
    });
    const codes = (a.status_code as number[]).map(Number);
    if (r.status === -1)
      return {
        changed: false,
        failed: true,
        msg: `Status code was -1 and not [${codes.join(', ')}]: Request failed: ${r.error ?? ''}`,
        data: { status: -1, url: String(a.url), elapsed: r.elapsed, redirected: false },
      };
    // fetch_url: "OK (N bytes)" for a success, the HTTPError's text for 4xx/5xx.
    const statusMsg =
      r.status >= 400 ? `HTTP Error ${r.status}: ${r.reason}` : `OK (${r.headers.content_length ?? 'unknown'} bytes)`;
    const data: Record<string, unknown> = {
      ...r.headers,
      url: r.url,
      status: r.status,
      redirected: r.url !== String(a.url),
      elapsed: r.elapsed,
      ...(r.status < 400 ? { cookies: {}, cookies_string: '' } : {}),
      msg: statusMsg,
    };
    const text = r.body.toString('utf8');
    if (isJson(r.headers.content_type)) {
      try {
        data.json = JSON.parse(text) as unknown;
      } catch {
        /* not JSON after all */
      }
    }
    if (a.return_content) data.content = text;
    let changed = false;
    if (a.dest && codes.includes(r.status) && r.status !== 304) {
      await ctx.conn.writeFileAtomic(String(a.dest), r.body);
      changed = true;
      await applyMode(ctx.conn, String(a.dest), a.mode, false);
      data.path = a.dest;
    }
    if (!codes.includes(r.status))
      return {
        changed: false,
        failed: true,
        msg: `Status code was ${r.status} and not [${codes.join(', ')}]: ${String(data.msg)}`,
        data,
      };
    const { msg, ...rest } = data;
    return { changed, msg: String(msg), data: rest };
  },
});
