// Pure parts of the SSH transport: ssh_config lookup, -o/-F/-J parsing, known_hosts (hashed by
// the real ssh-keygen -H), become wrapping and the shell framing.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lookupSshConfig, parseSshConfig, hostMatches } from './ssh-config.js';
import { knownKeys, verifyHostKey, fingerprint } from './known-hosts.js';
import { sshSpec, specKey } from './spec.js';
import { wrapBecome, BecomeHandshake, becomeKey } from './become.js';
import { framed, runsInPlace } from './ssh-session.js';
import { parseStat } from './ssh.js';
import { createServer, type AddressInfo } from 'node:net';
import { openClient, signingWithKeyObject, withoutHostKeysProof } from './ssh-client.js';
import { KeyObject } from 'node:crypto';
import { SshPool } from './ssh-pool.js';
import { HostUnreachable } from './errors.js';

const dir = mkdtempSync(join(tmpdir(), 'rb-ssh-parts-'));

describe('ssh_config', () => {
  const cfg = parseSshConfig(
    'Host web*  !web9\n  User deploy\n  Port 2222\nHost *\n  User root\n  IdentityFile ~/.ssh/lab_%h\n  StrictHostKeyChecking=accept-new\nMatch exec true\n  User never\n',
  );
  it('takes the first value obtained, honours negation and skips Match blocks', () => {
    expect(lookupSshConfig(cfg, 'web1')).toMatchObject({
      user: 'deploy',
      port: 2222,
      strictHostKeyChecking: 'accept-new',
    });
    expect(lookupSshConfig(cfg, 'web9')).toMatchObject({ user: 'root' });
    expect(hostMatches(['db?', '!db2'], 'db1')).toBe(true);
    expect(hostMatches(['db?', '!db2'], 'db2')).toBe(false);
  });
});

describe('sshSpec', () => {
  const config = join(dir, 'config');
  writeFileSync(
    config,
    'Host ctl\n  HostName 10.0.0.5\n  User admin\n  Port 2200\n  ProxyJump bastion\nHost bastion\n  HostName 10.0.0.1\nHost *\n  IdentityFile /keys/%r-%h\n  UserKnownHostsFile /kh/%h\n  ServerAliveInterval 5\n',
  );
  it('lets ansible_* variables win over -o arguments over the -F file', () => {
    const vars = new Map<string, unknown>([
      ['ansible_host', 'ctl'],
      ['ansible_user', 'ops'],
      ['ansible_ssh_common_args', `-F ${config} -o Port=2300 -o User=ignored`],
    ]);
    const s = sshSpec('controller1', (k) => vars.get(k), { hostKeyChecking: true });
    expect(s).toMatchObject({
      address: '10.0.0.5',
      port: 2300,
      user: 'ops',
      keyFiles: ['/keys/ops-10.0.0.5'],
      knownHostsFiles: ['/kh/10.0.0.5'],
      keepaliveMs: 5000,
      strict: 'yes',
    });
    expect(s.jumps.map((j) => `${j.user}@${j.address}:${j.port}`)).toEqual([`${s.jumps[0]?.user}@10.0.0.1:22`]);
    expect(specKey(s)).toMatch(/@10\.0\.0\.1:22 > ops@10\.0\.0\.5:2300$/);
  });
  it('turns host key checking off from the setting or the variable', () => {
    expect(sshSpec('h', () => undefined, { hostKeyChecking: false }).strict).toBe('no');
    expect(
      sshSpec('h', (k) => (k === 'ansible_host_key_checking' ? 'False' : undefined), { hostKeyChecking: true }).strict,
    ).toBe('no');
  });
});

describe('known_hosts', () => {
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'hk')]);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'other')]);
  const [type, b64] = readFileSync(join(dir, 'hk.pub'), 'utf8').split(' ');
  const blob = Buffer.from(b64 ?? '', 'base64');
  const otherBlob = Buffer.from(readFileSync(join(dir, 'other.pub'), 'utf8').split(' ')[1] ?? '', 'base64');
  const kh = join(dir, 'known_hosts');
  writeFileSync(
    kh,
    `# comment\n10.1.1.1 ${type} ${b64}\n[10.1.1.2]:2222 ${type} ${b64}\n@revoked 10.1.1.3 ${type} ${b64}\n`,
  );
  execFileSync('ssh-keygen', ['-q', '-H', '-f', kh]);
  it('finds hashed entries for port 22 and [host]:port', () => {
    expect(readFileSync(kh, 'utf8')).toMatch(/^\|1\|/m);
    expect(verifyHostKey(knownKeys([kh], '10.1.1.1', 22), blob)).toEqual({ ok: true });
    expect(verifyHostKey(knownKeys([kh], '10.1.1.2', 2222), blob)).toEqual({ ok: true });
    expect(verifyHostKey(knownKeys([kh], '10.1.1.2', 22), blob)).toEqual({ ok: false, reason: 'unknown' });
  });
  it('tells a changed key and a revoked key apart', () => {
    expect(verifyHostKey(knownKeys([kh], '10.1.1.1', 22), otherBlob)).toEqual({ ok: false, reason: 'changed' });
    expect(verifyHostKey(knownKeys([kh], '10.1.1.3', 22), blob)).toEqual({ ok: false, reason: 'revoked' });
  });
  it('prints fingerprints as ssh-keygen -l does', () => {
    const keygen = execFileSync('ssh-keygen', ['-l', '-f', join(dir, 'hk.pub')], { encoding: 'utf8' }).split(' ')[1];
    expect(fingerprint(blob)).toBe(keygen);
  });
});

describe('become', () => {
  it('builds sudo as ansible-core does: -H -S -n, and with a password a keyed prompt instead of -n', () => {
    const w = wrapBecome({ method: 'sudo', user: 'root' }, 'id -u');
    expect(w.command).toMatch(/^sudo -H -S -n -u root \/bin\/sh -c 'printf %s BECOME-SUCCESS-[0-9a-f]{32}; id -u'$/);
    const p = wrapBecome({ method: 'sudo', user: 'nova', password: 'pw' }, 'true');
    expect(p.command).toMatch(/^sudo -H -S -p '\[sudo via ansible, key=[0-9a-f]{32}\] password:' -u nova /);
    expect(p.command).not.toContain('pw');
  });
  it('answers the prompt once, then reports a wrong password', () => {
    const b = { method: 'sudo' as const, user: 'root', password: 'pw' };
    const w = wrapBecome(b, 'true');
    const written: string[] = [];
    const hs = new BecomeHandshake(b, w, (l) => written.push(l));
    const prompt = /key=([0-9a-f]+)/.exec(w.command)?.[0] ?? '';
    expect(hs.feed('err', `[sudo via ansible, ${prompt}] password:`)).toBeUndefined();
    expect(written).toEqual(['pw\n']);
    expect(() => hs.feed('err', `Sorry, try again.\n[sudo via ansible, ${prompt}] password:`)).toThrow(
      'Incorrect sudo password',
    );
    expect(new BecomeHandshake({ method: 'sudo', user: 'root' }, w, () => undefined).failure(1).message).toMatch(
      /sudo to root failed/,
    );
    expect(becomeKey(b)).not.toBe(becomeKey({ ...b, password: 'other' }));
  });
});

describe('shell framing and stat parsing', () => {
  it('runs each command in a subshell with its own cwd and environment, stdin from /dev/null', () => {
    const script = framed("echo 'x'", 'T1', { cwd: '/srv/a b', env: { K: "it's" } });
    expect(script).toBe(
      `( export K='it'"'"'s'; cd '/srv/a b' && eval 'echo '"'"'x'"'"'' ) </dev/null 7>&- 8>&-; __rb=$?; printf '\\n@@RB%s:%d@@\\n' 'T1' "$__rb"; printf '\\n@@RB%s@@\\n' 'T1' >&2\n`,
    );
    const out = execFileSync('sh', ['-c', framed('cd /; echo "$K"; exit 3', 'T2', { env: { K: 'v' } })], {
      encoding: 'utf8',
    });
    expect(out).toBe('v\n\n@@RBT2:3@@\n');
  });
  it('runs a program named by its path in place: the variables reach it alone, the shell is left as it was', () => {
    const script = `${framed("'/usr/bin/env'", 'T3', { inPlace: true, env: { RB_K: "it's" } })}echo "[\${RB_K:-unset}]"\n`;
    expect(script.startsWith(`RB_K='it'"'"'s' '/usr/bin/env' </dev/null 7>&- 8>&-; __rb=$?;`)).toBe(true);
    const out = execFileSync('sh', ['-c', script], { encoding: 'utf8' });
    expect(out).toContain("\nRB_K=it's\n");
    expect(out.endsWith('\n@@RBT3:0@@\n[unset]\n')).toBe(true);
    expect(runsInPlace(['/bin/true'], {})).toBe(true);
    // a name without a slash may be a builtin or function; a cwd or a name the shell cannot
    // assign needs the subshell
    expect(runsInPlace(['true'], {})).toBe(false);
    expect(runsInPlace(['/bin/true'], { cwd: '/tmp' })).toBe(false);
    expect(runsInPlace(['/bin/true'], { env: { 'A-B': 'x' } })).toBe(false);
  });
  it('reads stat -c %f|%s|%u|%g|%Y and a link target', () => {
    expect(parseStat('81a4|12|0|0|1700000000\n')).toMatchObject({ exists: true, isFile: true, mode: 0o644, size: 12 });
    expect(parseStat('a1ff|4|0|0|1\n/etc/x\n')).toMatchObject({ isLink: true, linkTarget: '/etc/x' });
    expect(parseStat('MISSING\n').exists).toBe(false);
  });
});

describe('openClient against a host going down', () => {
  // A host that accepts the TCP connection and closes it during the handshake (an sshd killed
  // by a reboot just after accept): the open must fail as UNREACHABLE, not wait for ever — the
  // reinstall's reboot hung on exactly this.
  for (const [label, greet] of [
    ['before its banner', ''],
    ['after its banner', 'SSH-2.0-OpenSSH_9.2p1\r\n'],
  ] as const) {
    it(`fails when the server closes ${label}`, async () => {
      const server = createServer((sock) => {
        if (greet) sock.write(greet);
        setTimeout(() => sock.destroy(), 20);
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      const port = (server.address() as AddressInfo).port;
      const spec = {
        ...sshSpec('gone', () => undefined, { hostKeyChecking: false }),
        address: '127.0.0.1',
        port,
        timeoutMs: 60_000,
      };
      try {
        await expect(openClient(spec)).rejects.toThrow(HostUnreachable);
      } finally {
        server.close();
      }
    }, 10_000);
  }
});

describe('SshPool opening many hosts at once', () => {
  // 200 handshakes at once on 2 cores left some past the connect timeout (npm run bench:load):
  // the pool keeps at most 32 in flight, and the others wait without their timeout running.
  it('keeps at most 32 handshakes in flight and opens every one in turn', async () => {
    let open = 0;
    let most = 0;
    let seen = 0;
    const server = createServer((sock) => {
      seen++;
      most = Math.max(most, ++open);
      sock.on('close', () => open--);
      setTimeout(() => sock.destroy(), 150);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    const pool = new SshPool();
    try {
      const opens = Array.from({ length: 70 }, (_, i) =>
        pool.session({
          ...sshSpec(`h${i}`, () => undefined, { hostKeyChecking: false }),
          address: '127.0.0.1',
          port,
          user: `u${i}`,
          timeoutMs: 60_000,
        }),
      );
      const results = await Promise.allSettled(opens);
      expect(results.every((r) => r.status === 'rejected' && r.reason instanceof HostUnreachable)).toBe(true);
      expect(seen).toBe(70);
      expect(most).toBe(32);
    } finally {
      server.close();
    }
  }, 20_000);
});

describe('withoutHostKeysProof', () => {
  it("lets sshd's host key announcement go and hands every other global request to ssh2", async () => {
    const { default: Client } = await import('ssh2/lib/client.js');
    const { PassThrough } = await import('node:stream');
    const client = new Client();
    client.on('error', () => undefined);
    client.connect({ sock: new PassThrough(), username: 'u', readyTimeout: 60_000 });
    type Handler = (p: unknown, name: string, wantReply: boolean, data: unknown) => void;
    const handlers = (client as unknown as { _protocol: { _handlers: Record<string, Handler> } })._protocol._handlers;
    const seen: string[] = [];
    handlers.GLOBAL_REQUEST = (_p, name) => void seen.push(name);
    expect(withoutHostKeysProof(client)).toBe(true);
    const sent: string[] = [];
    const proto = { requestSuccess: () => sent.push('success'), ping: () => sent.push('ping') };
    const callbacks = (client as unknown as { _callbacks: unknown[] })._callbacks;
    handlers.GLOBAL_REQUEST(proto, 'hostkeys-00@openssh.com', false, Buffer.alloc(0));
    // no proof asked: a keepalive, whose reply finds its placeholder callback
    expect(sent).toEqual(['ping']);
    expect(callbacks).toHaveLength(1);
    handlers.GLOBAL_REQUEST(proto, 'keepalive@openssh.com', true, null);
    expect(seen).toEqual(['keepalive@openssh.com']);
    client.end();
  });
});

describe('signingWithKeyObject', () => {
  it.each(['ed25519', 'rsa', 'ecdsa'])(
    "gives ssh2's parsed %s key a KeyObject to sign with, the signature the key's",
    async (type) => {
      const { parseKey } = await import('ssh2/lib/protocol/keyParser.js');
      const keyFile = join(dir, `id_sign_${type}`);
      execFileSync('ssh-keygen', ['-q', '-t', type, '-N', '', '-f', keyFile]);
      const parsed = parseKey(readFileSync(keyFile));
      if (parsed instanceof Error || Array.isArray(parsed)) throw new Error('ssh-keygen made a key ssh2 cannot parse');
      const plain = parseKey(readFileSync(keyFile)) as typeof parsed;
      const key = signingWithKeyObject(parsed);
      const slot = Object.getOwnPropertySymbols(key).find((s) => s.description === 'Private key PEM');
      expect(slot && (key as unknown as Record<symbol, unknown>)[slot]).toBeInstanceOf(KeyObject);
      const data = Buffer.from('session id and request');
      const signature = key.sign(data);
      // Ed25519 and RSA (PKCS#1 v1.5) signatures are deterministic: the same bytes as from the PEM
      if (type !== 'ecdsa') expect(signature.equals(plain.sign(data))).toBe(true);
      expect(key.verify(data, signature)).toBe(true);
      expect(plain.verify(data, signature)).toBe(true);
      expect(key.getPrivatePEM()).not.toBeNull();
    },
  );
});
