// apt_key (ansible.builtin): a key in apt's keyring through apt-key — a port of
// ansible/modules/apt_key.py (2.14): the key id from `id` or from the key itself
// (`gpg --with-colons`), compared with `apt-key adv --list-public-keys --keyid-format=long`
// (8-character ids by their short form, longer ones by the last 16), added from a file, data, a URL
// (fetched on the host, as fetch_url does there) or a keyserver (five tries), removed with
// `apt-key del SHORT_ID`; the keys before and after in the result.
import { shellQuote } from '../util/index.js';
import { ActionFail, moduleFail, defineModule, type ModuleContext, type ModuleResult } from './define.js';
import { binPath, run, C_LOCALE } from './support/host-run.js';
import { httpRequest } from './support/curl.js';

type A = Record<string, unknown>;
const NOT_AN_ERROR = 'apt-key did not return an error, but %s (check that the id is correct and *not* a subkey)';

const fail = moduleFail;

/** parse_key_id: the short id (for apt-key del), the fingerprint compared, and the whole id. */
export function parseKeyId(keyId: string): [short: string, fingerprint: string, id: string] {
  const hex = keyId.trim().replace(/_/g, '');
  if (!/^[+-]?(0[xX])?[0-9a-fA-F]+$/.test(hex)) throw new RangeError('not hexadecimal');
  let id = keyId.toUpperCase();
  if (id.startsWith('0X')) id = id.slice(2);
  if (id.length !== 8 && id.length !== 16 && id.length <= 16)
    throw new RangeError('key_id must be 8, 16, or 16+ hexadecimal characters in length');
  return [id.slice(-8), id.length > 16 ? id.slice(-16) : id, id];
}

/** parse_output_for_keys: the ids of pub/sub lines that are not expired. */
export function keysOf(output: string, short = false): string[] {
  const found: string[] = [];
  for (const line of output.split('\n')) {
    if (!(line.startsWith('pub') || line.startsWith('sub')) || line.includes('expired')) continue;
    const code = line.split(/\s+/).filter(Boolean)[1];
    const parts = code?.split('/');
    if (parts?.length === 2) found.push(parts[1]!);
    else {
      const colons = line.split(':');
      if (colons.length > 4) found.push(colons[4]!);
    }
  }
  return short ? found.map((k) => k.slice(-8)) : found;
}

class AptKey {
  constructor(
    readonly ctx: ModuleContext,
    readonly keyring: string | undefined,
  ) {}

  get apt(): string {
    return `apt-key${this.keyring ? ` --keyring ${shellQuote(this.keyring)}` : ''}`;
  }

  sh(cmd: string, stdin?: string): Promise<{ rc: number; out: string; err: string }> {
    return run(this.ctx, cmd, { env: C_LOCALE, ...(stdin !== undefined ? { stdin } : {}) });
  }

  async all(short: boolean, r: Record<string, unknown>): Promise<string[]> {
    const cmd = `${this.apt} adv --list-public-keys --keyid-format=long`;
    const x = await this.sh(cmd);
    if (x.rc !== 0) fail('Unable to list public keys', { ...r, cmd, rc: x.rc, stdout: x.out, stderr: x.err });
    return keysOf(x.out, short);
  }

  /** get_key_id_from_file: the first key id gpg finds in a file or in data on stdin. */
  async idOf(file: string, data?: string): Promise<string | undefined> {
    const x = await this.sh(`gpg --with-colons ${shellQuote(file)}`, data);
    if (x.rc !== 0)
      fail(`Unable to extract key from '${data !== undefined ? 'inline data' : file}'`, {
        stdout: x.out,
        stderr: x.err,
      });
    return keysOf(x.out)[0];
  }

  async download(url: string, validateCerts: boolean): Promise<string> {
    const res = await httpRequest(this.ctx, {
      url,
      method: 'GET',
      headers: {},
      followRedirects: true,
      validateCerts,
      timeout: 10,
    });
    if (res.status === -1) fail(`error getting key id from url: ${url}`);
    if (res.status !== 200) fail(`Failed to download key at ${url}: HTTP Error ${res.status}: ${res.reason}`);
    return res.body.toString('utf8');
  }

  async add(file: string | undefined, data?: string): Promise<void> {
    const cmd = `${this.apt} add ${data !== undefined ? '-' : shellQuote(file ?? '')}`;
    const x = await this.sh(cmd, data);
    if (x.rc === 0) return;
    if (data !== undefined)
      fail('Unable to add a key from binary data', { cmd, rc: x.rc, stdout: x.out, stderr: x.err });
    fail(`Unable to add a key from file ${file}`, { cmd, rc: x.rc, keyfile: file, stdout: x.out, stderr: x.err });
  }

  async recv(keyserver: string, keyId: string): Promise<void> {
    const proxy = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'].map((k) => this.ctx.env[k]).find(Boolean);
    const cmd = `${this.apt} adv --no-tty --keyserver ${shellQuote(keyserver)}${proxy ? ` --keyserver-options http-proxy=${shellQuote(proxy)}` : ''} --recv ${shellQuote(keyId)}`;
    let x = { rc: 1, out: '', err: '' };
    for (let i = 0; i < 5 && (i === 0 || x.rc !== 0); i++) x = await this.sh(cmd);
    if (x.rc === 0) return;
    if (x.rc === 2 && x.out.includes('not found on keyserver'))
      fail(`Key ${keyId} not found on keyserver ${keyserver}`, { cmd, forced_environment: C_LOCALE });
    fail(`Error fetching key ${keyId} from keyserver: ${keyserver}`, {
      cmd,
      forced_environment: C_LOCALE,
      rc: x.rc,
      stdout: x.out,
      stderr: x.err,
    });
  }

  async remove(short: string): Promise<void> {
    const cmd = `${this.apt} del ${shellQuote(short)}`;
    const x = await this.sh(cmd);
    if (x.rc !== 0)
      fail(`Unable to remove a key with id ${short}`, { cmd, rc: x.rc, key_id: short, stdout: x.out, stderr: x.err });
  }
}

const str = (v: unknown): string | undefined => (v === undefined || v === null || v === '' ? undefined : String(v));

async function main(a: A, ctx: ModuleContext): Promise<ModuleResult> {
  // find_needed_binaries: get_bin_path(required=True) for both
  for (const bin of ['apt-key', 'gpg']) {
    const b = await binPath(ctx, bin);
    if ('missing' in b) fail(b.missing);
  }
  const k = new AptKey(ctx, str(a.keyring));
  const [url, file, keyserver] = [str(a.url), str(a.file), str(a.keyserver)];
  let data = str(a.data);
  let keyId = str(a.id);
  if (!keyId) {
    if (keyserver) fail('Missing key_id, required with keyserver.');
    if (url) data = await k.download(url, a.validate_certs !== false);
    if (file) keyId = await k.idOf(file);
    else if (data) keyId = await k.idOf('-', data);
  }
  const r: Record<string, unknown> = { id: keyId ?? null };
  let parsed: [string, string, string];
  try {
    parsed = parseKeyId(keyId ?? '');
  } catch {
    return fail('Invalid key_id', r);
  }
  const [short, fingerprint, id] = parsed;
  Object.assign(r, { short_id: short, fp: fingerprint, key_id: id });
  const shortFormat = id.length === 8;
  const keys = await k.all(shortFormat, r);
  r.before = keys;
  const has = (list: string[]): boolean => list.includes(shortFormat ? short : fingerprint);
  let changed = false;
  if (a.state !== 'absent') {
    if (!has(keys)) {
      changed = true;
      if (!ctx.checkMode) {
        if (file) await k.add(file);
        else if (keyserver) await k.recv(keyserver, id);
        else if (data) await k.add('-', data);
        else if (url) await k.add('-', await k.download(url, a.validate_certs !== false));
        else fail('No key to add ... how did i get here?!?!', r);
        r.after = await k.all(shortFormat, r);
        if (!has(r.after as string[])) fail(NOT_AN_ERROR.replace('%s', 'failed to add the key'), r);
      }
    }
  } else if (keys.includes(fingerprint)) {
    changed = true;
    if (!ctx.checkMode) {
      await k.remove(short);
      r.after = await k.all(shortFormat, r);
      if ((r.after as string[]).includes(fingerprint)) fail(NOT_AN_ERROR.replace('%s', 'the key was not removed'), r);
    }
  }
  return { changed, data: r };
}

export default defineModule({
  name: 'apt_key',
  argRules: { mutuallyExclusive: [['data', 'file', 'keyserver', 'url']] },
  collection: 'ansible.builtin',
  description: "Adds or removes a key in apt's keyring (apt-key)",
  checkMode: 'supported',
  args: {
    id: { type: 'str', description: 'The key id (8, 16 or more hex digits).' },
    url: { type: 'str', description: 'Fetch the key from this URL (on the host).' },
    data: { type: 'str', description: 'The key itself.' },
    file: { type: 'path', description: 'A key file on the host.' },
    keyring: { type: 'path', description: 'A keyring of its own (under /etc/apt/trusted.gpg.d).' },
    validate_certs: { type: 'bool', default: true, description: 'Check the URL’s certificate.' },
    keyserver: { type: 'str', description: 'Receive the key from this keyserver.' },
    state: { type: 'str', default: 'present', choices: ['absent', 'present'], description: 'Whether it is there.' },
  },
  async run(a: A, ctx): Promise<ModuleResult> {
    const given = ['data', 'file', 'keyserver', 'url'].filter((x) => a[x] !== undefined && a[x] !== null);
    if (given.length > 1)
      return { changed: false, failed: true, msg: 'parameters are mutually exclusive: data|file|keyserver|url' };
    try {
      return await main(a, ctx);
    } catch (e) {
      if (e instanceof ActionFail) return e.result;
      throw e;
    }
  },
});
