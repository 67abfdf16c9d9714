// The fact cache (plugins/cache/jsonfile.py at stable-2.14): with fact_caching=jsonfile a host's
// facts — gathered ones and set_fact's cacheable ones — are written to
// `<fact_caching_connection>/<fact_caching_prefix><host>` as JSON and read back by the next run,
// until fact_caching_timeout seconds have passed (0: never expire). The default, `memory`,
// keeps them for the run only.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';

export interface FactCache {
  load(host: string): Map<string, unknown> | undefined;
  save(host: string, facts: Map<string, unknown>): void;
}

function toPlain(v: unknown): unknown {
  if (v instanceof Map) return Object.fromEntries([...v].map(([k, x]) => [String(k), toPlain(x)]));
  if (Array.isArray(v)) return v.map(toPlain);
  if (v !== null && typeof v === 'object' && 'valueOf' in v && typeof v.valueOf() === 'number') return v.valueOf();
  return v;
}

function fromPlain(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(fromPlain);
  if (v !== null && typeof v === 'object')
    return new Map(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, fromPlain(x)]));
  return v;
}

/** jsonfile: one JSON file per host in `dir`. */
export function jsonFileCache(dir: string, prefix: string, timeoutSeconds: number): FactCache {
  const file = (host: string): string => join(dir, `${prefix}${host}`);
  return {
    load(host) {
      const path = file(host);
      if (!existsSync(path)) return undefined;
      if (timeoutSeconds > 0 && Date.now() - statSync(path).mtimeMs > timeoutSeconds * 1000) return undefined;
      try {
        const data = fromPlain(JSON.parse(readFileSync(path, 'utf8')));
        return data instanceof Map ? (data as Map<string, unknown>) : undefined;
      } catch {
        return undefined; // a cache file that does not parse is a miss, as BaseFileCacheModule treats it
      }
    },
    save(host, facts) {
      mkdirSync(dir, { recursive: true });
      const path = file(host);
      const tmp = `${path}.${process.pid}.tmp`;
      writeFileSync(tmp, `${JSON.stringify(toPlain(facts), null, 4)}\n`);
      renameSync(tmp, path);
    },
  };
}
