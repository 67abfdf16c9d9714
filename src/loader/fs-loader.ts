// The file-system Loader: strict UTF-8 (a playbook with invalid bytes is an error that
// names the file and line, never mojibake).
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { RunbookError, dirEntriesInOrder, type ParsedYaml, type YamlOptions } from '../util/index.js';
import type { VaultSecret } from '../vault/index.js';
import { VaultReading } from './vault-reading.js';
import type { Loader } from './types.js';
import { decodeUtf8 } from './decode.js';

export class FsLoader implements Loader {
  readonly vault: VaultReading;

  constructor(secrets: readonly VaultSecret[] = [], yamlOptions: Pick<YamlOptions, 'duplicateKeys'> = {}) {
    this.vault = new VaultReading(secrets, yamlOptions);
  }

  readYaml(path: string): ParsedYaml {
    return this.vault.yaml(this.readText(path), path);
  }

  readText(path: string): string {
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const why =
        code === 'ENOENT'
          ? 'file not found'
          : code === 'EISDIR'
            ? 'is a directory'
            : code === 'EACCES'
              ? 'permission denied'
              : String(code);
      throw new RunbookError(`could not read ${path}: ${why}`, { file: path });
    }
    return this.vault.text(decodeUtf8(bytes, path), path);
  }

  exists(path: string): boolean {
    return existsSync(path);
  }

  isDirectory(path: string): boolean {
    try {
      return statSync(path).isDirectory();
    } catch {
      return false;
    }
  }

  list(dir: string): string[] {
    try {
      return readdirSync(dir).sort();
    } catch {
      return [];
    }
  }

  // readdirSync sorts (libuv's scandir); a directory handle reads in the file system's order
  listUnsorted(dir: string): string[] {
    try {
      return dirEntriesInOrder(dir);
    } catch {
      return [];
    }
  }
}
