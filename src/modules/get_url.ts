// get_url: downloads a URL to a file on the host (ansible/modules/get_url.py): an existing
// dest is left alone unless force (or a checksum that differs); the download replaces dest only
// when its sha1 differs; `checksum: algo:hex` is verified first. Fetched by the host's curl.
import { createHash } from 'node:crypto';
import { defineModule, type ModuleResult } from './define.js';
import { commonRequest, httpRequest, stringDict } from './support/curl.js';
import { applyMode, fileFacts, sha1, md5 } from './support/files.js';

type A = Record<string, unknown>;

function filenameOf(url: string, disposition: string | undefined): string {
  const m = /filename="?([^";]+)"?/.exec(disposition ?? '');
  if (m?.[1]) return m[1];
  const base = new URL(url).pathname.split('/').pop();
  return base || 'index.html';
}

export default defineModule({
  name: 'get_url',
  collection: 'ansible.builtin',
  description: 'Downloads files from HTTP, HTTPS or FTP to the host (with curl)',
  checkMode: 'supported',
  args: {
    url: { type: 'str', required: true, description: 'The URL.' },
    dest: { type: 'path', required: true, description: 'A file, or a directory to download into.' },
    force: { type: 'bool', default: false, description: 'Download even when dest exists.' },
    checksum: { type: 'str', default: '', description: 'algorithm:hexdigest the download must have.' },
    headers: { type: 'dict', description: 'Request headers.' },
    url_username: { type: 'str', aliases: ['username'], description: 'Basic auth user.' },
    url_password: {
      type: 'str',
      aliases: ['password'],
      noLog: true,
      description: "Basic auth password (sent on curl's stdin).",
    },
    validate_certs: { type: 'bool', default: true, description: 'Check TLS certificates.' },
    timeout: { type: 'int', default: 10, description: 'Seconds.' },
    mode: { type: 'raw', description: 'Mode of dest.' },
    owner: { type: 'str', description: 'Owner (as root).' },
    group: { type: 'str', description: 'Group (as root).' },
  },
  async run(a: A, ctx): Promise<ModuleResult> {
    const url = String(a.url);
    let dest = String(a.dest);
    const [algo = '', want = ''] = String(a.checksum).split(':');
    const st0 = await ctx.conn.stat(dest, true);
    const destIsDir = st0.isDir;
    let force = a.force === true;
    let since: string | undefined;
    if (st0.exists && !destIsDir) {
      // get_url.py: a matching checksum skips the download; otherwise a conditional GET.
      if (!force && want) {
        const current = await ctx.conn.readFile(dest);
        if (createHash(algo).update(current).digest('hex') === want.toLowerCase()) {
          const modeChanged = await applyMode(ctx.conn, dest, a.mode, ctx.checkMode);
          return {
            changed: modeChanged,
            msg: modeChanged ? 'file already exists but file attributes changed' : 'file already exists',
            data: { dest, url, elapsed: 0 },
          };
        }
        force = true;
      }
      if (!force) since = new Date(st0.mtime * 1000).toUTCString();
    }
    const headers = stringDict(a.headers);
    if (since) headers['If-Modified-Since'] = since;
    const r = await httpRequest(ctx, {
      url,
      method: ctx.checkMode ? 'HEAD' : 'GET',
      headers,
      followRedirects: true,
      ...commonRequest(a),
    });
    if (r.status === 304)
      return {
        changed: false,
        msg: `HTTP Error 304: ${r.reason || 'Not Modified'}`,
        data: { url, dest, status_code: 304, elapsed: r.elapsed },
      };
    if (r.status === -1)
      return {
        changed: false,
        failed: true,
        msg: `Request failed: ${r.error ?? ''}`,
        data: { url, dest, elapsed: r.elapsed },
      };
    // get_url.py: any status but 200 fails, except for a file:/ URL (it has none)
    const file = /^file:\//i.test(url);
    if (r.status !== 200 && !file)
      return {
        changed: false,
        failed: true,
        msg: `Request failed`,
        data: { dest, url, status_code: r.status, response: `HTTP Error ${r.status}: ${r.reason}`, elapsed: r.elapsed },
      };
    if (ctx.checkMode)
      return {
        changed: !st0.exists || destIsDir,
        msg: `OK (${r.headers.content_length ?? 'unknown'} bytes)`,
        data: { dest, url, status_code: file ? null : r.status },
      };
    if (destIsDir) dest = `${dest.replace(/\/$/, '')}/${filenameOf(url, r.headers.content_disposition)}`;
    if (want && createHash(algo).update(r.body).digest('hex') !== want.toLowerCase()) {
      return {
        changed: false,
        failed: true,
        msg: `The checksum for ${dest} did not match ${want}; it was ${createHash(algo).update(r.body).digest('hex')}.`,
        data: { dest, url },
      };
    }
    const st = await ctx.conn.stat(dest, true);
    const before = st.exists ? await ctx.conn.readFile(dest) : undefined;
    const changed = before === undefined || sha1(before) !== sha1(r.body);
    if (changed) await ctx.conn.writeFileAtomic(dest, r.body, st.exists ? st.mode : 0o644);
    const modeChanged = await applyMode(ctx.conn, dest, a.mode, false);
    return {
      changed: changed || modeChanged,
      msg: `OK (${r.headers.content_length ?? 'unknown'} bytes)`,
      data: {
        ...(await fileFacts(ctx.conn, dest)),
        dest,
        url,
        status_code: file ? null : r.status,
        checksum_src: sha1(r.body),
        checksum_dest: before ? sha1(before) : null,
        md5sum: md5(r.body),
        elapsed: r.elapsed,
      },
    };
  },
});
