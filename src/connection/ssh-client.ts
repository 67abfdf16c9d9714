// Opening one ssh2 Client for a spec: TCP with TCP_NODELAY (or a forwarded stream through the
// jump hosts), keys from files, the agent, a password; the host key checked against
// known_hosts before anything is sent; failures worded as OpenSSH words them, since Ansible's
// UNREACHABLE message is ssh's stderr.
import { readFileSync, existsSync, appendFileSync } from 'node:fs';
import { connect as tcpConnect } from 'node:net';
import type { Duplex } from 'node:stream';
import type ssh2 from 'ssh2';
import type { AuthenticationType, ConnectConfig } from 'ssh2';
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

function tcp(spec: SshSpec): Promise<Duplex> {
  return new Promise((res, rej) => {
    const sock = tcpConnect({ host: spec.address, port: spec.port });
    const timer = setTimeout(() => {
      sock.destroy();
      rej(
        new HostUnreachable(VIA_SSH + `ssh: connect to host ${spec.address} port ${spec.port}: Connection timed out`),
      );
    }, spec.timeoutMs);
    sock.once('connect', () => {
      clearTimeout(timer);
      sock.setNoDelay(true);
      res(sock);
    });
    sock.once('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
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

function authMethods(spec: SshSpec): ConnectConfig['authHandler'] {
  const methods: ({ type: AuthenticationType; username: string } & Record<string, unknown>)[] = [];
  if (spec.agent) methods.push({ type: 'agent', username: spec.user, agent: spec.agent });
  for (const f of spec.keyFiles)
    if (existsSync(f)) methods.push({ type: 'publickey', username: spec.user, key: readFileSync(f) });
  if (spec.password !== undefined) methods.push({ type: 'password', username: spec.user, password: spec.password });
  return methods;
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

/** Opens and authenticates a client; `via` is the already open jump connection, if any. */
export async function openClient(spec: SshSpec, via?: Client): Promise<Client> {
  // ssh2 is loaded on the first connection (a local run or --syntax-check never needs it), and
  // before the socket opens: a socket that closes while the module loads would go unnoticed
  const { Client } = (await import('ssh2')).default;
  const sock = via ? await forward(via, spec) : await tcp(spec);
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
    const closed = (): void => fail(new Error('kex_exchange_identification: Connection closed by remote host'));
    client.once('ready', () => {
      client.removeListener('error', fail);
      client.removeListener('close', closed);
      res(client);
    });
    client.once('error', fail);
    client.once('close', closed);
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
  });
}
