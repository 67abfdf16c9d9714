// HTTP from the host itself, as Ansible's uri and get_url run there: one `curl` on the target
// (no Python needed), configured through `-K -` on stdin so that credentials and bodies never
// reach a command line; headers and a base64 body come back on stdout between markers.
import type { ModuleContext } from '../define.js';

export interface HttpRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
  user?: string;
  password?: string;
  followRedirects: boolean;
  validateCerts: boolean;
  timeout: number;
}

export interface HttpResponse {
  /** -1 when no response came (curl failed). */
  status: number;
  url: string;
  headers: Record<string, string>;
  body: Buffer;
  /** The reason phrase of the last status line ("Not Found"). */
  reason: string;
  error?: string;
  elapsed: number;
}

/** The connection arguments uri and get_url share: basic auth, certificate checks, timeout. */
export function commonRequest(
  a: Record<string, unknown>,
): Pick<HttpRequest, 'user' | 'password' | 'validateCerts' | 'timeout'> {
  return {
    ...(a.url_username != null ? { user: String(a.url_username), password: String(a.url_password ?? '') } : {}),
    validateCerts: a.validate_certs !== false,
    timeout: Number(a.timeout),
  };
}

/** A `headers:` dict argument as strings. */
export function stringDict(v: unknown): Record<string, string> {
  if (v === undefined || v === null) return {};
  return Object.fromEntries((v instanceof Map ? [...v] : Object.entries(v)).map(([k, x]) => [String(k), String(x)]));
}

/** A value in curl's config syntax: double quotes with \\ \" \n \r \t escapes. */
function q(v: string): string {
  return `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}"`;
}

export function curlConfig(r: HttpRequest): string {
  // -X HEAD would wait for a body that never comes; --head does not.
  const lines = [
    `url = ${q(r.url)}`,
    r.method === 'HEAD' ? 'head' : `request = ${q(r.method)}`,
    `max-time = ${r.timeout}`,
  ];
  for (const [k, v] of Object.entries(r.headers)) lines.push(`header = ${q(`${k}: ${v}`)}`);
  if (r.body !== undefined) lines.push(`data-binary = ${q(r.body)}`);
  if (r.user !== undefined) lines.push(`user = ${q(`${r.user}:${r.password ?? ''}`)}`);
  if (r.followRedirects) lines.push('location');
  if (!r.validateCerts) lines.push('insecure');
  return `${lines.join('\n')}\n`;
}

const SCRIPT = `h=$(mktemp) && b=$(mktemp) || exit 1; trap 'rm -f "$h" "$b"' EXIT
curl -sS -K - -D "$h" -o "$b" -w '%{http_code} %{url_effective}'; rc=$?
printf '\\n@@RB-HEADERS@@\\n'; cat "$h"; printf '\\n@@RB-BODY@@\\n'; base64 < "$b"; exit $rc`;

/** The last header block of `curl -D` (after redirects), lowercased with - as _ (uri.py). */
export function parseHeaders(text: string): Record<string, string> {
  return parseHeaderLines(lastBlock(text).split(/\r?\n/).slice(1).join('\n'));
}

function parseHeaderLines(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) out[line.slice(0, i).trim().toLowerCase().replace(/-/g, '_')] = line.slice(i + 1).trim();
  }
  return out;
}

function lastBlock(text: string): string {
  const blocks = text.split(/\r?\n\r?\n/).filter((b) => /^HTTP\//.test(b.trim()));
  return (blocks[blocks.length - 1] ?? '').trim();
}

/**
 * What urllib says where curl could not reach the server (open_url's URLError, as uri and get_url
 * print it: "<urlopen error [Errno 111] Connection refused>"); curl's own words otherwise.
 */
function urllibError(exitCode: number, stderr: string): string {
  if (exitCode === 6) return '<urlopen error [Errno -2] Name or service not known>';
  if (exitCode === 7) {
    if (/No route to host/i.test(stderr)) return '<urlopen error [Errno 113] No route to host>';
    if (/Network is unreachable/i.test(stderr)) return '<urlopen error [Errno 101] Network is unreachable>';
    return '<urlopen error [Errno 111] Connection refused>';
  }
  if (exitCode === 28) return '<urlopen error timed out>';
  return stderr || `curl exit ${exitCode}`;
}

export async function httpRequest(ctx: ModuleContext, r: HttpRequest): Promise<HttpResponse> {
  const start = Date.now();
  const res = await ctx.conn.exec(SCRIPT, { stdin: curlConfig(r), env: ctx.env });
  const elapsed = Math.floor((Date.now() - start) / 1000);
  const [head = '', rest = ''] = res.stdout.split('\n@@RB-HEADERS@@\n');
  const [hdrs = '', b64 = ''] = rest.split('\n@@RB-BODY@@\n');
  const [code = '0', ...urlParts] = head.trim().split(' ');
  const status = Number(code);
  const none = { status: -1, url: r.url, headers: {}, body: Buffer.alloc(0), reason: '', elapsed };
  if (res.exitCode === 127 || /curl: not found|command not found/.test(res.stderr))
    return { ...none, error: 'curl is needed on the host for uri and get_url' };
  // A file:// URL has no status (urllib's code is None; curl's http_code 0): its "headers" are
  // curl's Content-Length/Last-Modified lines.
  if (!status && res.exitCode === 0 && /^file:\//i.test(r.url))
    return {
      status: 0,
      url: r.url,
      headers: parseHeaderLines(hdrs),
      body: Buffer.from(b64.replace(/\s+/g, ''), 'base64'),
      reason: '',
      elapsed,
    };
  if (!status) return { ...none, error: urllibError(res.exitCode, res.stderr.trim()) };
  const reason = /^HTTP\/\S+ \d+ ?(.*)$/m.exec(lastBlock(hdrs))?.[1]?.trim() ?? '';
  return {
    status,
    url: urlParts.join(' ') || r.url,
    headers: parseHeaders(hdrs),
    body: Buffer.from(b64.replace(/\s+/g, ''), 'base64'),
    reason,
    elapsed,
  };
}
