// A directory's entries in the file system's own order, as os.scandir (and glob.glob) give them:
// readdirSync sorts (libuv's scandir), a directory handle does not.
import { opendirSync } from 'node:fs';

/** The names in `dir`, unsorted; throws as opendir does (ENOENT, ENOTDIR…). */
export function dirEntriesInOrder(dir: string): string[] {
  const handle = opendirSync(dir);
  const names: string[] = [];
  try {
    for (let e = handle.readSync(); e; e = handle.readSync()) names.push(e.name);
  } finally {
    handle.closeSync();
  }
  return names;
}
