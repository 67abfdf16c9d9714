// Writing Ansible vault text, as VaultAES256.encrypt and format_vaulttext_envelope do: a random
// 32-byte salt, PBKDF2-SHA256 keys, AES-256-CTR over PKCS#7-padded text, HMAC-SHA256 of the
// ciphertext; hexlify(hex(salt)\nhex(hmac)\nhex(ciphertext)) in lines of 80 under the header —
// 1.1, or 1.2 with the vault id when the id is not `default`.
import { createCipheriv, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import type { VaultSecret } from './vault.js';

function pkcs7(data: Buffer): Buffer {
  const n = 16 - (data.length % 16);
  return Buffer.concat([data, Buffer.alloc(n, n)]);
}

/** The vault envelope of `plaintext` under `secret` (its id decides 1.1 or 1.2). */
export function encryptVault(plaintext: Buffer | string, secret: VaultSecret, salt: Buffer = randomBytes(32)): string {
  const key = pbkdf2Sync(secret.password, salt, 10000, 80, 'sha256');
  const cipher = createCipheriv('aes-256-ctr', key.subarray(0, 32), key.subarray(64, 80));
  const data = typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext;
  const ciphertext = Buffer.concat([cipher.update(pkcs7(data)), cipher.final()]);
  const hmac = createHmac('sha256', key.subarray(32, 64)).update(ciphertext).digest();
  const inner = [salt.toString('hex'), hmac.toString('hex'), ciphertext.toString('hex')].join('\n');
  const payload = Buffer.from(inner, 'latin1').toString('hex');
  const header =
    secret.id && secret.id !== 'default' ? `$ANSIBLE_VAULT;1.2;AES256;${secret.id}` : '$ANSIBLE_VAULT;1.1;AES256';
  const lines = [header];
  for (let i = 0; i < payload.length; i += 80) lines.push(payload.slice(i, i + 80));
  return `${lines.join('\n')}\n`;
}
