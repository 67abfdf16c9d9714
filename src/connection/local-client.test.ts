// The local connection with become: real processes through the real sudo, as the run's user
// (root in CI: .ci/run runs the suite as root, where sudo needs no password).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, chmodSync, statSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureDebianPackage } from '../../test/support/debian-package.js';
import { LocalBecomeConnection, LocalChannel, localSession } from './local-client.js';

const dir = mkdtempSync(join(tmpdir(), 'rb-local-become-'));
chmodSync(dir, 0o1777);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function finished(ch: LocalChannel): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    let out = '';
    let err = '';
    ch.on('data', (d: Buffer) => (out += d.toString()));
    ch.stderr.on('data', (d: Buffer) => (err += d.toString()));
    ch.on('close', (code: number) => resolve({ code, out, err }));
  });
}

describe('LocalChannel', () => {
  it('is a local /bin/sh -c seen as an ssh2 channel: stdin, stdout, stderr, the exit code', async () => {
    const ch = new LocalChannel('cat; echo oops >&2; exit 3', dir);
    const done = finished(ch);
    ch.end('fed\n');
    expect(await done).toEqual({ code: 3, out: 'fed\n', err: 'oops\n' });
  });

  it('runs in the directory it is given, and a killed one closes with 128 + its signal', async () => {
    const here = new LocalChannel('pwd', dir);
    const shown = finished(here);
    here.end();
    expect((await shown).out.trim()).toBe(dir);
    const slow = new LocalChannel('sleep 30', dir);
    const killed = finished(slow);
    slow.close();
    expect((await killed).code).toBe(128 + 9);
  });
});

const root = userInfo().uid === 0;
describe.runIf(root)('LocalBecomeConnection (as root: sudo without a password)', () => {
  const session = localSession('localhost', dir);
  afterAll(() => session.close());
  const nobody = new LocalBecomeConnection('localhost', session, { method: 'sudo', user: 'nobody' });

  it('runs commands as the become user, in pooled shells and on exec channels', async () => {
    // sudo from its Debian package, installed as root when missing, else the test fails saying how
    expect(ensureDebianPackage('/usr/bin/sudo', 'sudo')).toBeUndefined();
    expect((await nobody.exec('id -un')).stdout.trim()).toBe('nobody');
    expect((await nobody.execArgv(['/usr/bin/id', '-un'])).stdout.trim()).toBe('nobody');
    expect((await nobody.exec('cat', { stdin: 'through stdin' })).stdout).toBe('through stdin');
    expect(nobody.local).toBe(true);
  });

  it('writes files as the become user, and cannot read what that user cannot', async () => {
    await nobody.writeFileAtomic(join(dir, 'mine'), 'x\n', 0o640);
    const st = statSync(join(dir, 'mine'));
    expect([st.uid, st.mode & 0o7777]).toEqual([userUid('nobody'), 0o640]);
    await nobody.writeFileAtomic(join(dir, 'big'), Buffer.alloc(100_000, 1));
    expect(statSync(join(dir, 'big')).size).toBe(100_000);
    const asRoot = new LocalBecomeConnection('localhost', session, { method: 'sudo', user: 'root' });
    await asRoot.writeFileAtomic(join(dir, 'secret'), 'root only\n', 0o600);
    await expect(nobody.readFile(join(dir, 'secret'))).rejects.toThrow(/Permission denied/);
  });
});
// without root, sudo to nobody asks a password: the suite says so instead of passing quietly
if (!root)
  describe('LocalBecomeConnection', () => {
    it.skip('needs root (sudo without a password prompt); .ci/run runs the suite as root', () => undefined);
  });

function userUid(name: string): number {
  return Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim());
}
