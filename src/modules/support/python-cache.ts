// The target's Python version, remembered per host between runs (issue 21): starting the
// interpreter is the one costly part of gathering facts (~20–50 ms of a ~10 ms program), and its
// answer changes only with the interpreter. The facts program reports the interpreter's identity
// — the host's boot id, the binary's inode and mtime — and starts it only when that is not the
// identity remembered here; a new boot or a replaced interpreter asks again. Kept in
// $XDG_CACHE_HOME/runbook/python-facts.json (default ~/.cache); a cache that cannot be read or
// written is only a slower run.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface KnownPython {
  id: string;
  ver: string;
}

let cache: Record<string, KnownPython> | undefined;

function file(): string {
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'runbook', 'python-facts.json');
}

function load(): Record<string, KnownPython> {
  if (cache) return cache;
  try {
    cache = JSON.parse(readFileSync(file(), 'utf8')) as Record<string, KnownPython>;
  } catch {
    cache = {};
  }
  return cache;
}

export function knownPython(host: string): KnownPython | undefined {
  const k = load()[host];
  return k && typeof k.id === 'string' && typeof k.ver === 'string' ? k : undefined;
}

export function rememberPython(host: string, known: KnownPython): void {
  const all = load();
  if (all[host]?.id === known.id && all[host]?.ver === known.ver) return;
  all[host] = known;
  try {
    const path = file();
    mkdirSync(join(path, '..'), { recursive: true });
    const tmp = `${path}.${process.pid}`;
    writeFileSync(tmp, JSON.stringify(all), { mode: 0o600 });
    renameSync(tmp, path);
  } catch {
    // only a cache
  }
}
