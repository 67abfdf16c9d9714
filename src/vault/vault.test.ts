// Decrypting what ansible-vault 2.14.18 wrote (test/fixtures/vault, see its README).
import { readFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decryptVault, readPasswordSource, parseVaultId } from './index.js';
import { FsLoader } from '../loader/index.js';
import { main } from '../cli/index.js';

const DIR = fileURLToPath(new URL('../../test/fixtures/vault/', import.meta.url));
const pw = readPasswordSource(join(DIR, 'password.txt'), 'default');
const prod = readPasswordSource(join(DIR, 'prod-password.txt'), 'prod');

describe('vault reading', () => {
  it('decrypts a vault 1.1 file', () => {
    expect(decryptVault(readFileSync(join(DIR, 'secrets.yml'), 'utf8'), [pw], 'secrets.yml')).toBe(
      'db_password: s3cr3t-from-vaulted-file\n',
    );
  });

  it('decrypts an inline vault 1.2 value with its vault id, through the loader', () => {
    const loader = new FsLoader([pw, prod]);
    expect(loader.readYaml(join(DIR, 'inline.yml')).documents[0]).toEqual(
      new Map([['rabbit_password', 'inline-secret']]),
    );
    expect(loader.vault.secrets.has('inline-secret')).toBe(true);
  });

  it('masks a vaulted text file as the file lookup gives it (stripped) too', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rb-vault-'));
    writeFileSync(join(dir, 'key.txt'), readFileSync(join(DIR, 'secrets.yml'), 'utf8'));
    const loader = new FsLoader([pw]);
    expect(loader.readText(join(dir, 'key.txt'))).toBe('db_password: s3cr3t-from-vaulted-file\n');
    expect(loader.vault.secrets.has('db_password: s3cr3t-from-vaulted-file')).toBe(true);
  });

  it('fails on a wrong password, naming the file', () => {
    expect(() => decryptVault(readFileSync(join(DIR, 'secrets.yml'), 'utf8'), [prod], 'secrets.yml')).toThrow(
      'Decryption failed (no vault secrets were found that could decrypt) on secrets.yml',
    );
  });

  it('parses --vault-id label@source', () => {
    expect(parseVaultId('prod@/x/pw')).toEqual({ id: 'prod', source: '/x/pw' });
    expect(parseVaultId('/x/pw')).toEqual({ id: 'default', source: '/x/pw' });
  });

  it('runbook apply reads vaulted vars files with --vault-password-file and --vault-id', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rb-vault-'));
    writeFileSync(join(dir, 'hosts'), 'h1 ansible_connection=local\n');
    writeFileSync(
      join(dir, 'play.yml'),
      `- hosts: all\n  gather_facts: false\n  vars_files: [${join(DIR, 'secrets.yml')}, ${join(DIR, 'inline.yml')}]\n  tasks:\n    - copy: {dest: "${dir}/out", content: "{{ db_password }} {{ rabbit_password }}"}\n`,
    );
    const io = { out: (): void => undefined, write: (): void => undefined, err: (): void => undefined };
    const ok = await main(
      [
        'apply',
        '--state-dir',
        join(dir, '.runbook'),
        '-i',
        join(dir, 'hosts'),
        '--vault-password-file',
        join(DIR, 'password.txt'),
        '--vault-id',
        `prod@${join(DIR, 'prod-password.txt')}`,
        join(dir, 'play.yml'),
      ],
      io,
    );
    expect(ok).toBe(0);
    expect(readFileSync(join(dir, 'out'), 'utf8')).toBe('s3cr3t-from-vaulted-file inline-secret');
    const errors: string[] = [];
    const bad = await main(
      [
        'apply',
        '--state-dir',
        join(dir, '.runbook'),
        '-i',
        join(dir, 'hosts'),
        '--vault-password-file',
        join(DIR, 'prod-password.txt'),
        join(dir, 'play.yml'),
      ],
      { ...io, err: (s) => errors.push(s) },
    );
    expect(bad).toBe(1);
    expect(errors.join('\n')).toContain(
      `Decryption failed (no vault secrets were found that could decrypt) on ${join(DIR, 'secrets.yml')}`,
    );
  });
});
