// Transparent vault reading for a Loader: vaulted files decrypt on read, inline `!vault`
// values decrypt at parse time (one that does not becomes a VaultFailure, raised where a
// template uses it), and every decrypted value is remembered as a secret so output can
// redact it.
import {
  parseYaml,
  rememberVaultValue,
  RunbookError,
  VaultFailure,
  type ParsedYaml,
  type YamlOptions,
} from '../util/index.js';
import { decryptVault, isVaulted, type VaultSecret } from '../vault/index.js';

export class VaultReading {
  /** Plaintexts that came from a vault. */
  readonly secrets = new Set<string>();
  /** Files that were vaulted whole: every string value in them is a secret too. */
  private readonly vaultedFiles = new Set<string>();

  constructor(
    private readonly vaultSecrets: readonly VaultSecret[],
    private readonly yamlOptions: Pick<YamlOptions, 'duplicateKeys'> = {},
  ) {}

  /** The file's text, decrypted when it is a vaulted file. */
  text(raw: string, path: string): string {
    if (!isVaulted(raw)) return raw;
    const plain = decryptVault(raw, this.vaultSecrets, path);
    this.secrets.add(plain);
    // the file lookup strips the text (rstrip by default, lstrip when asked)
    this.secrets.add(plain.trimEnd()).add(plain.trim());
    this.vaultedFiles.add(path);
    return plain;
  }

  yaml(text: string, path: string): ParsedYaml {
    const parsed = this.parse(text, path);
    if (this.vaultedFiles.has(path)) for (const d of parsed.documents) this.collect(d);
    return parsed;
  }

  /**
   * The secrets of a whole vaulted file: values under a secret-looking key, and any value long
   * enough to be one — not every short word of it (`root`, `nova`), which would mask those
   * words wherever they appear in the output.
   */
  private collect(v: unknown, secretKey = false): void {
    if (typeof v === 'string' && (secretKey ? v.length >= 3 : v.length >= 8)) this.secrets.add(v);
    else if (v instanceof Map)
      for (const [k, x] of v) this.collect(x, secretKey || /pass|secret|token|key|cred/i.test(String(k)));
    else if (Array.isArray(v)) for (const x of v) this.collect(x, secretKey);
  }

  private parse(text: string, path: string): ParsedYaml {
    return parseYaml(text, path, {
      ...this.yamlOptions,
      ansibleLoader: true,
      decryptVault: (ciphertext, file) => {
        let plain: string;
        try {
          plain = decryptVault(ciphertext, this.vaultSecrets, file ?? path);
        } catch (err) {
          // ansible-playbook fails the task that uses the value, not the load (VaultFailure), with
          // VaultLib.decrypt's words for text that has no file name
          if (err instanceof RunbookError) return new VaultFailure(err.message.replace(/ on [^\n]*$/, ''), ciphertext);
          throw err;
        }
        this.secrets.add(plain);
        rememberVaultValue(plain);
        return plain;
      },
    });
  }
}
