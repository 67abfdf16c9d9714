// AnsibleVaultEncryptedUnicode as templates meet it: the text of vault(wrap_object=True), or an
// inline `!vault` variable the run could not open — which fails wherever it is used as text,
// while the unvault filter may still open it with the secret it is given.
import { VaultValueError } from '../util/index.js';

export class VaultText {
  constructor(
    readonly vaulttext: string,
    /** Why the run could not decrypt it (an inline value); unset for vault(wrap_object=True). */
    readonly failure?: string,
  ) {}

  toString(): string {
    if (this.failure !== undefined) throw new VaultValueError(this.failure);
    return this.vaulttext;
  }
}
