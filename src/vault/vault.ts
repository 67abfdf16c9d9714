// Ansible vault 1.1 / 1.2 (lib/ansible/parsing/vault/__init__.py): the envelope
// `$ANSIBLE_VAULT;1.1;AES256` (1.2 adds a vault id), a hex payload of hex(salt), HMAC and
// hex(ciphertext); keys from PBKDF2-SHA256 (10 000 rounds, 80 bytes); AES-256-CTR over
// PKCS#7-padded text; the HMAC-SHA256 is checked before anything is decrypted.
import { createDecipheriv, createHmac, pbkdf2Sync, timingSafeEqual } from 'node:crypto';
import { RunbookError } from '../util/index.js';

export const VAULT_HEADER = '$ANSIBLE_VAULT;';

/** A vault password with its vault id (`default` unless --vault-id label@source gave one). */
export interface VaultSecret {
  id: string;
  password: Buffer;
}

export function isVaulted(text: string): boolean {
  return text.trimStart().startsWith(VAULT_HEADER);
}

interface Envelope {
  version: string;
  id: string | undefined;
  payload: string;
}

function parseEnvelope(text: string, where: string): Envelope {
  const lines = text.trim().split(/\r?\n/);
  const header = (lines[0] ?? '').trim().split(';');
  if (header[0] !== '$ANSIBLE_VAULT' || header[2] !== 'AES256')
    throw new RunbookError(`${where}: not a vault (or an unsupported cipher): ${lines[0] ?? ''}`);
  return { version: header[1] ?? '', id: header[3], payload: lines.slice(1).join('').replace(/\s/g, '') };
}

function fromHex(hex: string, where: string): Buffer {
  if (!/^([0-9a-f]{2})*$/i.test(hex)) throw new RunbookError(`${where}: the vault payload is not valid hex`);
  return Buffer.from(hex, 'hex');
}

function tryDecrypt(env: Envelope, secret: VaultSecret, where: string): string | undefined {
  const inner = fromHex(env.payload, where).toString('latin1').split('\n');
  if (inner.length !== 3) throw new RunbookError(`${where}: the vault payload is malformed`);
  const [saltHex = '', hmacHex = '', cipherHex = ''] = inner;
  const salt = fromHex(saltHex, where);
  const key = pbkdf2Sync(secret.password, salt, 10000, 80, 'sha256');
  const ciphertext = fromHex(cipherHex, where);
  const mac = createHmac('sha256', key.subarray(32, 64)).update(ciphertext).digest();
  const want = fromHex(hmacHex, where);
  if (want.length !== mac.length || !timingSafeEqual(want, mac)) return undefined;
  const decipher = createDecipheriv('aes-256-ctr', key.subarray(0, 32), key.subarray(64, 80));
  const padded = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  const pad = padded[padded.length - 1] ?? 0;
  return padded.subarray(0, padded.length - (pad > 0 && pad <= 16 ? pad : 0)).toString('utf8');
}

/** Decrypts vault text with the first secret whose HMAC verifies (the matching id first). */
export function decryptVault(text: string, secrets: readonly VaultSecret[], where: string): string {
  if (!secrets.length)
    throw new RunbookError(
      `Attempting to decrypt but no vault secrets found (${where}); give --vault-password-file, --vault-id or --ask-vault-pass`,
      { file: where },
    );
  const env = parseEnvelope(text, where);
  const ordered = [...secrets.filter((s) => s.id === env.id), ...secrets.filter((s) => s.id !== env.id)];
  for (const secret of ordered) {
    const plain = tryDecrypt(env, secret, where);
    if (plain !== undefined) return plain;
  }
  throw new RunbookError(`Decryption failed (no vault secrets were found that could decrypt) on ${where}`, undefined, {
    exitCode: 1,
  });
}
