// Host key verification against OpenSSH known_hosts files (sshd(8) "SSH_KNOWN_HOSTS FILE
// FORMAT"): plain and hashed (|1|salt|hmac-sha1) names, comma lists, wildcards and negation,
// [host]:port for ports other than 22, @revoked; @cert-authority lines are not used.
import { createHash, createHmac } from 'node:crypto';
import { cachedFile } from './file-cache.js';
import { hostMatches } from './ssh-config.js';

export interface KnownKey {
  type: string;
  blob: Buffer;
  revoked: boolean;
}

export type HostKeyVerdict = { ok: true } | { ok: false; reason: 'unknown' | 'changed' | 'revoked' };

/** SHA256:… as ssh-keygen -l prints it. */
export function fingerprint(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** The name a host has in known_hosts. */
export function knownHostsName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

function nameMatches(field: string, name: string): boolean {
  if (field.startsWith('|1|')) {
    const [, , salt = '', hash = ''] = field.split('|');
    return createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64') === hash;
  }
  return hostMatches(field.split(','), name);
}

interface Line {
  names: string;
  key: KnownKey;
}

function parseKnownHosts(text: string): Line[] {
  const out: Line[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const fields = raw.trim().split(/\s+/);
    if (!fields[0] || fields[0].startsWith('#')) continue;
    const marker = fields[0].startsWith('@') ? fields.shift() : undefined;
    if (marker === '@cert-authority' || fields.length < 3) continue;
    out.push({
      names: fields[0],
      key: { type: fields[1]!, blob: Buffer.from(fields[2]!, 'base64'), revoked: marker === '@revoked' },
    });
  }
  return out;
}

/** The keys known for a host in these files. */
export function knownKeys(files: string[], host: string, port: number): KnownKey[] {
  const name = knownHostsName(host, port);
  const out: KnownKey[] = [];
  for (const file of files) {
    const lines = cachedFile(file, 'known_hosts', (data) => parseKnownHosts(data.toString('utf8'))) ?? [];
    for (const line of lines) if (nameMatches(line.names, name)) out.push(line.key);
  }
  return out;
}

/** The key type inside an SSH public key blob (a length-prefixed string). */
export function blobType(blob: Buffer): string {
  return blob.length >= 4 ? blob.subarray(4, 4 + blob.readUInt32BE(0)).toString('latin1') : '';
}

export function verifyHostKey(known: KnownKey[], blob: Buffer): HostKeyVerdict {
  if (known.some((k) => k.revoked && k.blob.equals(blob))) return { ok: false, reason: 'revoked' };
  const live = known.filter((k) => !k.revoked);
  if (live.some((k) => k.blob.equals(blob))) return { ok: true };
  return { ok: false, reason: live.length ? 'changed' : 'unknown' };
}
