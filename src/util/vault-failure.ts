// An inline `!vault` value that did not decrypt. Ansible decrypts such a value only when a
// template uses it (AnsibleVaultEncryptedUnicode), so a wrong password fails the task that uses
// it — not the whole playbook at load time; the engine throws this message then.
import { RunbookError } from './errors.js';

export class VaultFailure {
  constructor(readonly message: string) {}

  toString(): string {
    return this.message;
  }
}

/** Raised where a template uses an inline vault value that did not decrypt. */
export class VaultValueError extends RunbookError {}
