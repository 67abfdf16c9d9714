// Writing a local file whole: to a temporary file beside it, renamed over it, so a reader (or a
// run that dies half way) finds the old file or the new one, never a part; the temporary file
// goes on failure. Used for the state file, the report, fetched files and vault files.
import { chmodSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Replaces `path` with `data`; `mode` (umask not applied) when given, else the default. */
export function writeFileWhole(path: string, data: string | Buffer, mode?: number): void {
  const tmp = join(dirname(path), `.${basename(path)}.rb-${process.pid}`);
  try {
    writeFileSync(tmp, data, mode === undefined ? {} : { mode: 0o600 });
    if (mode !== undefined) chmodSync(tmp, mode);
    renameSync(tmp, path);
  } finally {
    rmSync(tmp, { force: true });
  }
}
