// Opening one ssh2 Client for a spec: TCP with TCP_NODELAY (or a forwarded stream through the
// jump hosts), keys from files, the agent, a password; the host key checked against
// known_hosts before anything is sent; failures worded as OpenSSH words them, since Ansible's
// UNREACHABLE message is ssh's stderr.
import { createPrivateKey } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { connect as tcpConnect } from 'node:net';
import type { Duplex } from 'node:stream';
import type ssh2 from 'ssh2';
import type { AuthenticationType, ConnectConfig } from 'ssh2';
import type { parseKey as ParseKey } from 'ssh2/lib/protocol/keyParser.js';
import { cachedFile } from './file-cache.js';
import { HostUnreachable, VIA_SSH } from './errors.js';
import { blobType, fingerprint, knownHostsName, knownKeys, verifyHostKey } from './known-hosts.js';
import type { SshSpec } from './spec.js';

export type Client = InstanceType<typeof ssh2.Client>;

// Host key algorithms for a key type found in known_hosts, so the server offers that one.
const ALGOS: Record<string, string[]> = {
  'ssh-ed25519': ['ssh-ed25519'],
  'ssh-rsa': ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'],
  'ecdsa-sha2-nistp256': ['ecdsa-sha2-nistp256'],
  'ecdsa-sha2-nistp384': ['ecdsa-sha2-nistp384'],
  'ecdsa-sha2-nistp521': ['ecdsa-sha2-nistp521'],
};

function tcp(spec: SshSpec, signal?: AbortSignal): Promise<Duplex> {
  return new Promise((res, rej) => {
    const sock = tcpConnect({ host: spec.address, port: spec.port });
    const stop = (): void => {
      clearTimeout(timer);
      sock.destroy();
      rej(new HostUnreachable(VIA_SSH + `ssh: connect to host ${spec.address} port ${spec.port}: not needed`));
    };
    signal?.addEventListener('abort', stop, { once: true });
    const timer = setTimeout(() => {
      sock.destroy();
      rej(
        new HostUnreachable(VIA_SSH + `ssh: connect to host ${spec.address} port ${spec.port}: Connection timed out`),
      );
    }, spec.timeoutMs);
    sock.once('connect', () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', stop);
      sock.setNoDelay(true);
      res(sock);
    });
    sock.once('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', stop);
      const why =
        e.code === 'ECONNREFUSED'
          ? 'Connection refused'
          : e.code === 'EHOSTUNREACH'
            ? 'No route to host'
            : e.code === 'ENOTFOUND'
              ? 'Name or service not known'
              : e.message;
      rej(
        new HostUnreachable(
          VIA_SSH +
            (e.code === 'ENOTFOUND'
              ? `ssh: Could not resolve hostname ${spec.address}: ${why}`
              : `ssh: connect to host ${spec.address} port ${spec.port}: ${why}`),
        ),
      );
    });
  });
}

function forward(via: Client, spec: SshSpec): Promise<Duplex> {
  return new Promise((res, rej) => {
    via.forwardOut('127.0.0.1', 0, spec.address, spec.port, (err, stream) => {
      if (err)
        rej(
          new HostUnreachable(
            VIA_SSH + `ssh: connect to host ${spec.address} port ${spec.port}: ${err.message} (via jump host)`,
          ),
        );
      else res(stream);
    });
  });
}

let parseKey: typeof ParseKey;

function authMethods(spec: SshSpec): ConnectConfig['authHandler'] {
  const methods: ({ type: AuthenticationType; username: string } & Record<string, unknown>)[] = [];
  if (spec.agent) methods.push({ type: 'agent', username: spec.user, agent: spec.agent });
  for (const f of spec.keyFiles) {
    // parsed once per file and run (ssh2 takes a parsed key as it is); one it cannot parse is
    // given as bytes, for ssh2 to skip with its own message
    const key = cachedFile(f, 'private key', (data) => {
      const parsed = parseKey(data);
      return parsed instanceof Error ? data : signingWithKeyObject(Array.isArray(parsed) ? parsed[0] : parsed);
    });
    if (key !== undefined) methods.push({ type: 'publickey', username: spec.user, key });
  }
  if (spec.password !== undefined) methods.push({ type: 'password', username: spec.user, password: spec.password });
  return methods;
}

/**
 * ssh2 keeps a parsed private key as PEM text and hands that text to crypto.sign at every login,
 * so OpenSSL decodes the key again for each host (0.9 ms for an Ed25519 key here, 2 ms on a busy
 * machine; 0.07 ms from a KeyObject). The PEM is made a KeyObject once, where ssh2 keeps it (its
 * keyParser's 'Private key PEM' symbol, ssh2 1.x; getPrivatePEM() is only tested against null).
 */
export function signingWithKeyObject<K extends object | undefined>(key: K): K {
  if (!key) return key;
  const sym = Object.getOwnPropertySymbols(key).find((s) => s.description === 'Private key PEM');
  const slots = key as Record<symbol, unknown>;
  const pem = sym && slots[sym];
  if (sym && typeof pem === 'string') {
    try {
      slots[sym] = createPrivateKey(pem);
    } catch {
      // a key OpenSSL cannot load as it is: ssh2 signs with the PEM, as before
    }
  }
  return key;
}

interface KeyCheck {
  refused?: string;
}

function hostVerifier(spec: SshSpec, check: KeyCheck): (key: Buffer) => boolean {
  return (key: Buffer) => {
    if (spec.strict === 'no') return true;
    const known = knownKeys(spec.knownHostsFiles, spec.address, spec.port);
    const verdict = verifyHostKey(known, key);
    if (verdict.ok) return true;
    const fp = `${blobType(key)} key fingerprint ${fingerprint(key)}`;
    if (verdict.reason === 'unknown' && spec.strict === 'accept-new' && spec.knownHostsFiles[0]) {
      appendFileSync(
        spec.knownHostsFiles[0],
        `${knownHostsName(spec.address, spec.port)} ${blobType(key)} ${key.toString('base64')}\n`,
      );
      return true;
    }
    check.refused =
      verdict.reason === 'unknown'
        ? `No ${blobType(key)} host key is known for ${knownHostsName(spec.address, spec.port)} (${spec.name}) and you have requested strict checking. The server's ${fp}. Host key verification failed.`
        : `WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED! The ${fp} offered by ${knownHostsName(spec.address, spec.port)} (${spec.name}) does not match ${spec.knownHostsFiles.join(', ')}. Host key verification failed.`;
    return false;
  };
}

function algorithmsFor(spec: SshSpec): ConnectConfig['algorithms'] {
  if (spec.strict === 'no') return undefined;
  const types = [
    ...new Set(
      knownKeys(spec.knownHostsFiles, spec.address, spec.port)
        .filter((k) => !k.revoked)
        .map((k) => k.type),
    ),
  ];
  const prefer = types.flatMap((t) => ALGOS[t] ?? []);
  return prefer.length ? { serverHostKey: { prepend: prefer } as never } : undefined;
}

/**
 * Opens and authenticates a client; `via` is the already open jump connection, if any; `signal`
 * stops an open no task needs any more (a warm-up at the run's end).
 */
export async function openClient(spec: SshSpec, via?: Client, signal?: AbortSignal): Promise<Client> {
  if (signal?.aborted) throw new HostUnreachable(VIA_SSH + `ssh: connect to host ${spec.address}: not needed`);
  // The socket opens first: ssh2 (its client only, not the HTTP agents and server that its index
  // loads) is loaded on the first connection while sshd forks and sends its banner; a local run
  // or --syntax-check never loads it.
  const opening = via ? forward(via, spec) : tcp(spec, signal);
  // net.connect to an address issues connect(2) on the next tick (net.js lookupAndConnect), and
  // import() of a bundled module settles as a microtask, before it: without this turn the
  // socket would wait for ssh2 to load instead of loading beside sshd's fork
  await new Promise<void>((res) => process.nextTick(res));
  const { default: Client } = await import('ssh2/lib/client.js');
  parseKey ??= (await import('ssh2/lib/protocol/keyParser.js')).parseKey;
  const sock = await opening;
  if (signal?.aborted) {
    sock.destroy();
    throw new HostUnreachable(VIA_SSH + `ssh: connect to host ${spec.address}: not needed`);
  }
  // a server that hung up while ssh2 loaded: ssh2 would never hear of it
  if (sock.destroyed)
    throw new HostUnreachable(
      VIA_SSH +
        `ssh: connect to host ${spec.address} port ${spec.port}: kex_exchange_identification: Connection closed by remote host`,
    );
  const client = new Client();
  // ssh2 can emit more than one error (a failed handshake, then the lost socket); the
  // listeners below decide, this one keeps a late one from crashing the run.
  client.on('error', () => undefined);
  const check: KeyCheck = {};
  return new Promise<Client>((res, rej) => {
    const fail = (e: Error & { level?: string }): void => {
      client.end();
      if (check.refused) rej(new HostUnreachable(VIA_SSH + check.refused));
      else if (e.level === 'client-authentication')
        rej(
          new HostUnreachable(
            VIA_SSH +
              `${spec.user}@${spec.address}: Permission denied (${spec.password !== undefined ? 'publickey,password' : 'publickey'}).`,
          ),
        );
      else if (/Timed out while waiting for handshake/.test(e.message))
        rej(
          new HostUnreachable(
            VIA_SSH +
              `ssh: connect to host ${spec.address} port ${spec.port}: Connection timed out during banner exchange`,
          ),
        );
      else rej(new HostUnreachable(VIA_SSH + `ssh: connect to host ${spec.address} port ${spec.port}: ${e.message}`));
    };
    // A server that closes the connection during the handshake (a host going down for a reboot
    // just after accepting it) makes ssh2 emit only 'close' — without this the open never settles.
    const hungUp = (): void => fail(new Error('kex_exchange_identification: Connection closed by remote host'));
    const stop = (): void => {
      client.end();
      sock.destroy();
    };
    signal?.addEventListener('abort', stop, { once: true });
    client.once('ready', () => {
      signal?.removeEventListener('abort', stop);
      client.removeListener('error', fail);
      client.removeListener('close', hungUp);
      res(client);
    });
    client.once('error', fail);
    client.once('close', hungUp);
    const algorithms = algorithmsFor(spec);
    client.connect({
      sock,
      username: spec.user,
      authHandler: authMethods(spec),
      hostVerifier: hostVerifier(spec, check),
      keepaliveInterval: spec.keepaliveMs,
      keepaliveCountMax: spec.keepaliveCountMax,
      readyTimeout: spec.timeoutMs,
      ...(algorithms ? { algorithms } : {}),
    });
    withoutHostKeysProof(client);
    signingAtOnce(client);
  });
}

type GlobalRequest = (proto: unknown, name: string, wantReply: boolean, data: unknown) => void;
type Signer = (data: Buffer, done: (signature: Buffer) => void) => void;
type AuthPK = (username: string, key: unknown, keyAlgo?: unknown, cbSign?: Signer) => void;
type Internals = {
  _callbacks?: unknown[];
  _protocol?: { _handlers?: Record<string, GlobalRequest | undefined>; authPK?: AuthPK };
};
interface ParsedKey {
  isPrivateKey(): boolean;
  sign(data: Buffer, hash?: string): Buffer | Error;
}

/**
 * sshd announces all its host keys once the user is in (hostkeys-00@openssh.com, for ssh's
 * UpdateHostKeys); ssh2 answers every announcement by asking the server to prove each key
 * (hostkeys-prove-00@openssh.com: a signature per key on the host, a verification per key here)
 * only to emit a 'hostkeys' event. runbook checks the host key during the key exchange and does
 * not learn keys afterwards (OpenSSH's client too lets the announcement go without
 * UpdateHostKeys, clientloop.c client_input_hostkeys). It still answers with a keepalive, as
 * ssh2's keepalive sends it (a placeholder callback for the server's reply): sshd does not set
 * TCP_NODELAY on a session without a tty, so its next packet (the first channel's confirmation)
 * would wait behind the announcement's unacknowledged segment for this side's delayed ACK, 40 ms.
 * Returns whether ssh2's handler was found (ssh2 1.x internals: Protocol._handlers, _callbacks).
 */
export function withoutHostKeysProof(client: Client): boolean {
  const internals = client as unknown as Internals;
  const handlers = internals._protocol?._handlers;
  const original = handlers?.GLOBAL_REQUEST;
  if (!handlers || !original || !Array.isArray(internals._callbacks)) return false;
  handlers.GLOBAL_REQUEST = (proto, name, wantReply, data) => {
    if (name !== 'hostkeys-00@openssh.com') return original(proto, name, wantReply, data);
    if (wantReply) (proto as { requestSuccess(): void }).requestSuccess();
    internals._callbacks?.push(() => undefined);
    (proto as { ping(): void }).ping();
  };
  return true;
}

/** The hash ssh2 signs with for an RSA signature algorithm (client.js getKeyAlgos); none for other keys. */
const RSA_HASH: Record<string, string> = { 'rsa-sha2-256': 'sha256', 'rsa-sha2-512': 'sha512', 'ssh-rsa': 'sha1' };

/**
 * ssh2 first asks whether the server would take a key (a "publickey" request without a
 * signature), and signs only after the server's USERAUTH_PK_OK: a round trip per host, on sshd a
 * second authorized_keys lookup through its privilege-separation monitor, and the minimum time
 * sshd spends on a request that does not log in (auth2.c input_userauth_request:
 * ensure_minimum_time_since, 5–9 ms by the user's name; ~10 ms of a 1-host run). RFC 4252 §7 lets
 * a client send the signed request at once, as OpenSSH's client does with a private key it has
 * loaded (sshconnect2.c userauth_pubkey → sign_and_send_pubkey); the server's answer is then
 * success or the same failure the query would have had, which ssh2 handles as before (the next
 * RSA signature algorithm, the next key, the next method). A key ssh2 cannot sign with, and the
 * agent's keys (public keys here), keep ssh2's query. Returns whether ssh2's method was found
 * (ssh2 1.x internals: Protocol.authPK).
 */
export function signingAtOnce(client: Client): boolean {
  const proto = (client as unknown as Internals)._protocol;
  const query = proto?.authPK;
  if (!proto || typeof query !== 'function') return false;
  proto.authPK = function (this: unknown, username, key, keyAlgo, cbSign) {
    const parsed = key as Partial<ParsedKey> | undefined;
    if (cbSign || typeof keyAlgo === 'function' || typeof parsed?.isPrivateKey !== 'function' || !parsed.isPrivateKey())
      return query.call(this, username, key, keyAlgo, cbSign);
    const hash = typeof keyAlgo === 'string' ? RSA_HASH[keyAlgo] : undefined;
    return query.call(this, username, key, keyAlgo, (data, done) => {
      const signature = (parsed as ParsedKey).sign(data, hash);
      // ssh2's own flow (the query, then its signing error) for a key that does not sign
      if (signature instanceof Error) query.call(this, username, key, keyAlgo);
      else done(signature);
    });
  };
  return true;
}
