// The Loader interface: every file runbook reads on the controller goes through it, so
// tests can use an in-memory tree (as ansible-core's DictDataLoader) and errors name files.

import type { ParsedYaml } from '../util/index.js';

/** Reads files relative to search paths. */
export interface Loader {
  /** A YAML file (vaulted files and inline !vault values decrypted), with positions. */
  readYaml(path: string): ParsedYaml;
  /** A UTF-8 text file; RunbookError naming the file when it is missing or not UTF-8. */
  readText(path: string): string;
  exists(path: string): boolean;
  isDirectory(path: string): boolean;
  /** Entries of a directory, sorted. */
  list(dir: string): string[];
  /** Entries of a directory in the order the file system gives them (os.scandir's, glob.glob's). */
  listUnsorted?(dir: string): string[];
}
