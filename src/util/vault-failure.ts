// An inline `!vault` value that did not decrypt. Ansible decrypts such a value only when a
// template uses it (AnsibleVaultEncryptedUnicode), so a wrong password fails the task that uses
// it — not the whole playbook at load time; the engine throws this message then.
import { RunbookError } from './errors.js';

export class VaultFailure {
  constructor(
    readonly message: string,
    /** The vault text itself: the unvault filter may still open it with its own secret. */
    readonly vaulttext?: string,
  ) {}

  toString(): string {
    return this.message;
  }
}

/** Raised where a template uses an inline vault value that did not decrypt. */
export class VaultValueError extends RunbookError {}

// Plaintexts of inline `!vault` values. Ansible keeps such a value an AnsibleVaultEncryptedUnicode
// (a str that knows it came from a vault) for the `vault_encrypted` test; runbook's values are
// plain strings, so the test asks whether the text is one of these (chosen: a string equal to a
// vaulted one also answers true).
const INLINE_VAULT_VALUES = new Set<string>();

export function rememberVaultValue(plain: string): void {
  INLINE_VAULT_VALUES.add(plain);
}

export function isVaultValue(v: unknown): boolean {
  return typeof v === 'string' && INLINE_VAULT_VALUES.has(v);
}
