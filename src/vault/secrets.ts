// Vault passwords from the command line: a file (stripped), an executable (its stdout), or a
// `-client` script asked with --vault-id (ansible's FileVaultSecret / ScriptVaultSecret).
import { execFileSync } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import { RunbookError, expandUser } from '../util/index.js';
import type { VaultSecret } from './vault.js';

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Reads one password source; `id` is the vault id it stands for. */
export function readPasswordSource(given: string, id: string): VaultSecret {
  // ~ as ansible expands it (unfrackpath), also after `ID@` where the shell leaves it alone
  const source = expandUser(given);
  try {
    if (isExecutable(source)) {
      const args = source.endsWith('-client') || /-client\.\w+$/.test(source) ? ['--vault-id', id] : [];
      const out = execFileSync(source, args, { stdio: ['ignore', 'pipe', 'inherit'] });
      return { id, password: Buffer.from(out.toString('utf8').replace(/[\r\n]+$/, '')) };
    }
    return { id, password: Buffer.from(readFileSync(source, 'utf8').trim()) };
  } catch (err) {
    throw new RunbookError(
      `could not read the vault password from ${source}: ${(err as Error).message.split('\n')[0] ?? ''}`,
      undefined,
      { exitCode: 1 },
    );
  }
}

/** --vault-id label@source (or just source, for the default id). */
export function parseVaultId(spec: string): { id: string; source: string } {
  const at = spec.indexOf('@');
  return at > 0 ? { id: spec.slice(0, at), source: spec.slice(at + 1) } : { id: 'default', source: spec };
}
