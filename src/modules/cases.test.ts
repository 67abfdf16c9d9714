// Runs every modules/<name>.cases.yaml against a real scratch directory through the local
// connection, and checks STYLE.md's invariants: a second run changes nothing, and check
// mode writes nothing while reporting the same `changed`.
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseYamlValue } from '../util/index.js';
import { moduleTestContext } from '../../test/support/module-context.js';
import { ensureDebianPackage } from '../../test/support/debian-package.js';
import { ActionFail, findModule, validateArgs, type ModuleContext, type ModuleResult } from './index.js';

const HERE = dirname(fileURLToPath(import.meta.url));

interface Case {
  name: string;
  args: Map<string, unknown>;
  files: Map<string, string>;
  expect: Map<string, unknown>;
}

function subst(v: unknown, root: string): unknown {
  if (typeof v === 'string') return v.split('{{root}}').join(root);
  if (v instanceof Map) return new Map([...v].map(([k, x]) => [k, subst(x, root)]));
  if (Array.isArray(v)) return v.map((x) => subst(x, root));
  return v;
}

function context(checkMode: boolean): ModuleContext {
  return moduleTestContext('case', { checkMode });
}

async function run(module: string, c: Case, root: string, checkMode: boolean): Promise<ModuleResult> {
  const m = findModule(module);
  if (!m) throw new Error(`no module ${module}`);
  try {
    return await m.run(validateArgs(m.name, m.args, subst(c.args, root) as Map<string, unknown>), context(checkMode));
  } catch (e) {
    // a module's failure from deep inside, as the executor's runOn takes it
    if (e instanceof ActionFail) return e.result;
    throw e;
  }
}

function snapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string, rel: string): void => {
    for (const n of readdirSync(dir)) {
      const p = join(dir, n);
      const r = rel ? `${rel}/${n}` : n;
      if (statSync(p).isDirectory()) {
        out[`${r}/`] = '';
        walk(p, r);
      } else out[r] = readFileSync(p, 'utf8');
    }
  };
  walk(root, '');
  return out;
}

function setup(c: Case): string {
  const root = mkdtempSync(join(tmpdir(), 'rb-modcase-'));
  for (const [path, text] of c.files) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const files = readdirSync(HERE).filter((f) => f.endsWith('.cases.yaml'));

// what a module runs on the host, from Debian (cron's CronTab needs the crontab binary even for a cron file)
const NEEDS: Record<string, [path: string, pkg: string]> = { cron: ['/usr/bin/crontab', 'cron'] };

describe.each(files)('%s', (file) => {
  const module = file.replace('.cases.yaml', '');
  const cases = (parseYamlValue(readFileSync(join(HERE, file), 'utf8')) as Map<string, unknown>[]).map((m) => ({
    name: String(m.get('name')),
    args: m.get('args') as Map<string, unknown>,
    files: (m.get('files') as Map<string, string>) ?? new Map(),
    expect: m.get('expect') as Map<string, unknown>,
  }));

  // installing what the module needs (apt, on a fresh machine) is done once, before the cases,
  // within its own time: apt-get on a busy machine takes tens of seconds
  let missing: string | undefined;
  beforeAll(() => {
    const need = NEEDS[module];
    missing = need && ensureDebianPackage(...need);
  }, 600_000);

  it.each(cases.map((c) => [c.name, c] as const))(
    '%s',
    async (_name, c) => {
      if (missing) throw new Error(missing);
      const root = setup(c);
      const want = subst(c.expect, root) as Map<string, unknown>;
      const first = await run(module, c, root, false);
      if (want.get('failed')) {
        expect(first.failed).toBe(true);
        if (want.has('msg')) expect(first.msg).toBe(want.get('msg'));
        return;
      }
      expect(first.failed ?? false).toBe(false);
      expect(first.changed).toBe(want.get('changed'));
      if (want.has('msg')) expect(first.msg).toBe(want.get('msg'));
      for (const [path, text] of (want.get('files') as Map<string, string> | undefined) ?? [])
        expect(readFileSync(join(root, path), 'utf8')).toBe(text);
      for (const d of (want.get('dirs') as string[] | undefined) ?? [])
        expect(statSync(join(root, d)).isDirectory()).toBe(true);
      for (const d of (want.get('absent') as string[] | undefined) ?? []) expect(existsSync(join(root, d))).toBe(false);
      // Idempotent: running again on the result reports no change.
      expect((await run(module, c, root, false)).changed).toBe(false);
      // Check mode on the original state: same `changed`, nothing written — but what the module
      // itself creates in check mode too (`check_creates`: mount's missing fstab, made empty).
      const fresh = setup(c);
      const before = snapshot(fresh);
      expect((await run(module, c, fresh, true)).changed).toBe(first.changed);
      const after = snapshot(fresh);
      for (const p of (want.get('check_creates') as string[] | undefined) ?? []) {
        expect(after[p], p).toBe('');
        delete after[p];
      }
      expect(after).toEqual(before);
      // three runs of the module on this machine's shell, each well under a second when idle
    },
    30_000,
  );
});
