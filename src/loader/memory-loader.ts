// An in-memory Loader for tests: a map of absolute paths to file contents.
import { dirname } from 'node:path';
import { RunbookError, type ParsedYaml } from '../util/index.js';
import { VaultReading } from './vault-reading.js';
import type { Loader } from './types.js';
import { decodeUtf8 } from './decode.js';

export class MemoryLoader implements Loader {
  private readonly files: Map<string, string | Uint8Array>;
  readonly vault = new VaultReading([]);

  readYaml(path: string): ParsedYaml {
    return this.vault.yaml(this.readText(path), path);
  }

  constructor(files: Record<string, string | Uint8Array>) {
    this.files = new Map(Object.entries(files));
  }

  readText(path: string): string {
    const content = this.files.get(path);
    if (content === undefined) throw new RunbookError(`could not read ${path}: file not found`, { file: path });
    return typeof content === 'string' ? content : decodeUtf8(content, path);
  }

  exists(path: string): boolean {
    return this.files.has(path) || this.isDirectory(path);
  }

  isDirectory(path: string): boolean {
    const prefix = path.endsWith('/') ? path : `${path}/`;
    return [...this.files.keys()].some((f) => f.startsWith(prefix));
  }

  list(dir: string): string[] {
    const prefix = dir.endsWith('/') ? dir : `${dir}/`;
    const names = new Set<string>();
    for (const f of this.files.keys()) {
      if (f.startsWith(prefix)) names.add(f.slice(prefix.length).split('/')[0] ?? '');
    }
    return [...names].sort();
  }

  /** Directories that hold at least one file (for tests that need them). */
  directories(): string[] {
    return [...new Set([...this.files.keys()].map((f) => dirname(f)))];
  }
}
