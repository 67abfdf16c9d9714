// What the facts program would need a process for, remembered per host between runs (issue 21):
// the Python interpreter's version (starting it is ~20–50 ms of the host's CPU) and capsh's
// answer (~4 ms). Each changes only with what the program can see without a process — the
// host's boot id, the binary's inode and mtime, for capsh the shell's ids and capability sets —
// so the program reports that identity and starts the process only when it is not the one
// remembered here. Kept in $XDG_CACHE_HOME/runbook/host-probes.json (default ~/.cache); a cache
// that cannot be read or written is only a slower run.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** A probe's answer and the identity it holds for. */
export interface Remembered {
  id: string;
  value: string;
}

export type Probe = 'python' | 'caps';

let cache: Record<string, Partial<Record<Probe, Remembered>>> | undefined;

function file(): string {
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'runbook', 'host-probes.json');
}

function load(): Record<string, Partial<Record<Probe, Remembered>>> {
  if (cache) return cache;
  try {
    cache = JSON.parse(readFileSync(file(), 'utf8')) as Record<string, Partial<Record<Probe, Remembered>>>;
  } catch {
    cache = {};
  }
  return cache;
}

/** The answers remembered for a host, by probe. */
export function rememberedProbes(host: string): Partial<Record<Probe, Remembered>> {
  const all = load()[host] ?? {};
  const ok = (r: Remembered | undefined): r is Remembered => typeof r?.id === 'string' && typeof r.value === 'string';
  return Object.fromEntries(Object.entries(all).filter(([, r]) => ok(r)));
}

/** Remembers the answers a run got (written once, and only when one changed). */
export function rememberProbes(host: string, answers: Partial<Record<Probe, Remembered>>): void {
  const all = load();
  const before = all[host] ?? {};
  const changed = Object.entries(answers).filter(
    ([k, r]) => before[k as Probe]?.id !== r.id || before[k as Probe]?.value !== r.value,
  );
  if (!changed.length) return;
  all[host] = { ...before, ...Object.fromEntries(changed) };
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
