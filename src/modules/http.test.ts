// uri and get_url against a real HTTP server through the local connection and the real curl;
// the expected fields are what ansible-core 2.14.18 returned for the same requests.
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moduleTestContext } from '../../test/support/module-context.js';
import { findModule, validateArgs, type ModuleContext, type ModuleResult } from './index.js';

let server: Server;
let base = '';
const dir = mkdtempSync(join(tmpdir(), 'rb-http-'));

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => {
      body += d.toString();
    });
    req.on('end', () => {
      if (req.url === '/json') {
        res.writeHead(200, { 'Content-Type': 'application/json', 'X-Thing': 'a' });
        res.end(JSON.stringify({ method: req.method, body, auth: req.headers.authorization ?? null }));
      } else if (req.url === '/file.txt') {
        if (req.headers['if-modified-since']) {
          res.writeHead(304);
          res.end();
          return;
        }
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        res.end('payload\n');
      } else if (req.url === '/redirect') {
        res.writeHead(302, { Location: '/file.txt' });
        res.end();
      } else {
        res.writeHead(404);
        res.end('nope');
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
});
afterAll(() => {
  server.close();
});

function ctx(checkMode = false): ModuleContext {
  return moduleTestContext('t', { checkMode });
}

async function run(name: string, args: Record<string, unknown>, c = ctx()): Promise<ModuleResult> {
  const m = findModule(name)!;
  return m.run(validateArgs(m.name, m.args, new Map(Object.entries(args))), c);
}

describe('uri', () => {
  it('posts JSON with basic auth and parses a JSON reply; headers come back lowercased with _', async () => {
    const r = await run('uri', {
      url: `${base}/json`,
      method: 'POST',
      body: new Map([['a', 1]]),
      body_format: 'json',
      url_username: 'u',
      url_password: 'p',
    });
    expect(r).toMatchObject({
      changed: false,
      msg: 'OK (unknown bytes)',
      data: {
        status: 200,
        x_thing: 'a',
        content_type: 'application/json',
        json: { method: 'POST', body: '{"a": 1}', auth: 'Basic dTpw' },
      },
    });
  });
  it('fails on an unexpected status as Ansible words it, and follows redirects', async () => {
    expect(await run('uri', { url: `${base}/missing` })).toMatchObject({
      failed: true,
      msg: 'Status code was 404 and not [200]: HTTP Error 404: Not Found',
      data: { status: 404 },
    });
    expect(await run('uri', { url: `${base}/redirect`, return_content: true })).toMatchObject({
      data: { content: 'payload\n', url: `${base}/file.txt`, redirected: true },
    });
    expect(await run('uri', { url: 'http://127.0.0.1:1/' })).toMatchObject({ failed: true, data: { status: -1 } });
  });
});

describe('get_url', () => {
  it('copies a file:// URL, with no status, as get_url.py does (recorded: changed, "OK (6 bytes)", status_code null)', async () => {
    const src = join(dir, 'hello.txt');
    writeFileSync(src, 'hello\n');
    const dest = join(dir, 'from-file.txt');
    expect(await run('get_url', { url: `file://${src}`, dest })).toMatchObject({
      changed: true,
      msg: 'OK (6 bytes)',
      data: { status_code: null, checksum_src: 'f572d396fae9206628714fb2ce00f72e94f2258f' },
    });
    expect(readFileSync(dest, 'utf8')).toBe('hello\n');
    expect(await run('get_url', { url: `file://${src}`, dest })).toMatchObject({ changed: false });
  });
  it('downloads once; an existing file gets a conditional GET (304: no change)', async () => {
    const dest = join(dir, 'dl.txt');
    expect(await run('get_url', { url: `${base}/file.txt`, dest }, ctx(true))).toMatchObject({ changed: true });
    expect(existsSync(dest)).toBe(false);
    expect(await run('get_url', { url: `${base}/file.txt`, dest })).toMatchObject({
      changed: true,
      msg: 'OK (unknown bytes)',
      data: { status_code: 200, checksum_src: '997e49bbf4ad5ee847d0e77aa30648c70c71323c' },
    });
    expect(readFileSync(dest, 'utf8')).toBe('payload\n');
    expect(await run('get_url', { url: `${base}/file.txt`, dest })).toMatchObject({
      changed: false,
      data: { status_code: 304 },
    });
    expect(
      await run('get_url', {
        url: `${base}/file.txt`,
        dest,
        checksum: 'sha1:997e49bbf4ad5ee847d0e77aa30648c70c71323c',
      }),
    ).toMatchObject({ changed: false, msg: 'file already exists' });
  }, 30_000);
  it('refuses a download whose checksum differs', async () => {
    expect(
      await run('get_url', { url: `${base}/file.txt`, dest: join(dir, 'other.txt'), checksum: 'sha256:00' }),
    ).toMatchObject({ failed: true });
    expect(existsSync(join(dir, 'other.txt'))).toBe(false);
  });
});
