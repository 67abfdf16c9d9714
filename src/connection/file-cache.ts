// Files every connection of a run reads — ssh_config, known_hosts, private keys — read and
// parsed once per version of the file, not once per host (issue 21: at 50 hosts the lab's
// 167-line ssh_config and 50-line known_hosts were parsed ~150 times, 5 % of runbook's CPU).
// A file is known by its path, size and mtime: one that changes during the run (a host key
// added by accept-new) is read again.
import { statSync, readFileSync } from 'node:fs';

interface Entry {
  mtimeMs: number;
  size: number;
  value: unknown;
}

const entries = new Map<string, Entry>();

/** `parse` of the file's text (utf8) or bytes, cached per version; undefined when it is absent. */
export function cachedFile<T>(path: string, kind: string, parse: (data: Buffer) => T): T | undefined {
  let st;
  try {
    st = statSync(path);
  } catch {
    return undefined;
  }
  if (!st.isFile()) return undefined;
  const key = `${kind}\0${path}`;
  const hit = entries.get(key);
  if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return hit.value as T;
  const value = parse(readFileSync(path));
  entries.set(key, { mtimeMs: st.mtimeMs, size: st.size, value });
  return value;
}
