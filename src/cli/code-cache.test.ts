// The code cache the executable loads its bundle through (code-cache.ts), on a small CommonJS
// file in a temporary directory: what it writes, when V8 takes it, when it is written again, and
// that a cache which cannot be written changes nothing. Each load whose cache matters runs in a
// process of its own, as runs of runbook do: within one process V8 finds the source compiled
// already and never looks at the cache.
import { execFileSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { cacheDir, cacheKey, commandOf, loadBundle } from './code-cache.js';

const root = mkdtempSync(join(tmpdir(), 'rb-code-cache-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let n = 0;
/** A fresh bundle and cache directory; the bundle's functions are compiled when called. */
function fixture(body = 'exports.twice = (x) => x * 2; exports.name = require("node:path").basename(__filename);') {
  const dir = join(root, `case-${++n}`);
  const cache = join(dir, 'cache');
  const file = join(dir, 'bundle.cjs');
  mkdirSync(dir);
  writeFileSync(file, `${body}\n`, { flag: 'wx' });
  return { file, url: pathToFileURL(file), cache };
}

const MODULE = new URL('./code-cache.ts', import.meta.url).href;

/** loadBundle and keep() in a new Node process: what it says of the cache, and twice(21). */
function loadApart(url: URL, command: string, cache: string): { cache: string; twice: number } {
  const program = `const { loadBundle } = await import(${JSON.stringify(MODULE)});
    const b = loadBundle(new URL(${JSON.stringify(url.href)}), ${JSON.stringify(command)}, ${JSON.stringify(cache)});
    console.log(JSON.stringify({ cache: b.cache, twice: b.exports.twice(21) }));
    b.keep();`;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', program], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  return JSON.parse(out) as { cache: string; twice: number };
}

function cacheFiles(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

describe('loadBundle', () => {
  it('runs the bundle as CommonJS with require, module and __filename of its own file', () => {
    const { url } = fixture();
    const b = loadBundle(url, 'apply', undefined);
    expect(b.cache).toBe('off');
    expect((b.exports.twice as (x: number) => number)(21)).toBe(42);
    expect(b.exports.name).toBe('bundle.cjs');
  });

  it('writes a cache after the first run and takes it on the next, without writing it again', () => {
    const { url, cache } = fixture();
    expect(loadApart(url, 'apply', cache)).toEqual({ cache: 'none', twice: 42 });
    const [file, ...more] = cacheFiles(cache);
    expect(more).toEqual([]);
    expect(file).toMatch(/-apply\.v8$/);
    const path = join(cache, file ?? '');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    utimesSync(path, new Date(0), new Date(0));
    expect(loadApart(url, 'apply', cache)).toEqual({ cache: 'accepted', twice: 42 });
    expect(statSync(path).mtimeMs, 'an accepted cache the run did not outgrow is kept').toBe(0);
  }, 120_000);

  it('keeps one cache per command', () => {
    const { url, cache } = fixture();
    loadBundle(url, 'apply', cache).keep();
    loadBundle(url, 'version', cache).keep();
    expect(
      cacheFiles(cache)
        .map((f) => f.replace(/^.*-/, ''))
        .sort(),
    ).toEqual(['apply.v8', 'version.v8']);
  });

  it('writes the cache again after a run that used more code than the run that wrote it', () => {
    const { url, cache } = fixture();
    loadBundle(url, 'apply', cache).keep();
    const path = join(cache, cacheFiles(cache)[0] ?? '');
    const bytes = readFileSync(path);
    // the writer's bytecode (first four bytes, KiB) said to be far more than a run has
    bytes.writeUInt32LE(0xffff_fff0, 0);
    writeFileSync(path, bytes);
    utimesSync(path, new Date(0), new Date(0));
    expect(loadApart(url, 'apply', cache).cache).toBe('accepted');
    expect(statSync(path).mtimeMs).toBe(0);
    // ... and far less
    bytes.writeUInt32LE(1, 0);
    writeFileSync(path, bytes);
    utimesSync(path, new Date(0), new Date(0));
    expect(loadApart(url, 'apply', cache).cache).toBe('accepted');
    expect(statSync(path).mtimeMs).toBeGreaterThan(0);
    expect(readFileSync(path).readUInt32LE(0)).toBeGreaterThan(1);
  }, 120_000);

  it('compiles without a cache V8 refuses, and replaces it', () => {
    const { url, cache } = fixture();
    loadBundle(url, 'apply', cache).keep();
    const path = join(cache, cacheFiles(cache)[0] ?? '');
    const bytes = readFileSync(path);
    writeFileSync(path, bytes.subarray(0, bytes.length >> 1));
    expect(loadApart(url, 'apply', cache)).toEqual({ cache: 'rejected', twice: 42 });
    expect(loadApart(url, 'apply', cache)).toEqual({ cache: 'accepted', twice: 42 });
  }, 120_000);

  it("drops the caches of the bundle's earlier builds, not those of another bundle", () => {
    const a = fixture();
    const b = fixture();
    loadBundle(a.url, 'apply', a.cache).keep();
    loadBundle(b.url, 'apply', a.cache).keep();
    expect(cacheFiles(a.cache)).toHaveLength(2);
    // a rebuilt bundle: another size and mtime
    writeFileSync(a.file, 'exports.twice = (x) => x + x;\n');
    utimesSync(a.file, new Date(), new Date(Date.now() + 5_000));
    expect(loadApart(a.url, 'apply', a.cache)).toEqual({ cache: 'none', twice: 42 });
    expect(cacheFiles(a.cache)).toHaveLength(2);
    expect(loadApart(a.url, 'apply', a.cache).cache).toBe('accepted');
    expect(loadApart(b.url, 'apply', a.cache).cache).toBe('accepted');
  }, 120_000);

  it("keeps a build's sixteen playbook caches written last, and its command's own", () => {
    const { url, cache } = fixture();
    for (let i = 0; i < 18; i++) {
      // a playbook's first run takes the command's cache, its second writes its own
      loadBundle(url, `apply.p${i}`, cache).keep();
      loadBundle(url, `apply.p${i}`, cache).keep();
      // each written a second apart, the first oldest
      for (const f of cacheFiles(cache))
        if (f.endsWith(`-apply.p${i}.v8`)) utimesSync(join(cache, f), new Date(i * 1000), new Date(i * 1000));
    }
    const own = cacheFiles(cache).filter((f) => /-apply\.p\d+\.v8$/.test(f));
    expect(own.map((f) => Number(/p(\d+)\.v8$/.exec(f)![1])).sort((a, b) => a - b)).toEqual([
      2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17,
    ]);
    expect(cacheFiles(cache).filter((f) => f.endsWith('-apply.v8'))).toHaveLength(1);
  });

  it("gives a playbook's first run the command's cache, its second none, and writes the playbook's own then", () => {
    const { url, cache } = fixture();
    expect(loadApart(url, 'apply', cache).cache).toBe('none');
    expect(loadApart(url, 'apply.site', cache).cache).toBe('accepted');
    expect(cacheFiles(cache).filter((f) => f.endsWith('.v8'))).toEqual([expect.stringMatching(/-apply\.v8$/)]);
    expect(loadApart(url, 'apply.site', cache).cache).toBe('none');
    expect(cacheFiles(cache).filter((f) => f.endsWith('-apply.site.v8'))).toHaveLength(1);
    expect(loadApart(url, 'apply.site', cache).cache).toBe('accepted');
    // another playbook starts from the command's cache again
    expect(loadApart(url, 'apply.other', cache).cache).toBe('accepted');
  }, 120_000);

  it('runs as before when the cache cannot be written', () => {
    const { url, cache } = fixture();
    writeFileSync(cache, 'a file where the directory would be');
    const b = loadBundle(url, 'apply', cache);
    expect(() => b.keep()).not.toThrow();
    expect((b.exports.twice as (x: number) => number)(3)).toBe(6);
    expect(readFileSync(cache, 'utf8')).toBe('a file where the directory would be');
  });
});

describe('cacheDir', () => {
  it.each([
    [{ XDG_CACHE_HOME: '/x/cache' }, '/x/cache/runbook/v8'],
    [{ XDG_CACHE_HOME: '/x/cache', RUNBOOK_CODE_CACHE: '0' }, undefined],
    [{ XDG_CACHE_HOME: '/x/cache', RUNBOOK_CODE_CACHE: '1' }, '/x/cache/runbook/v8'],
  ])('%j → %s', (env, dir) => {
    expect(cacheDir(env)).toBe(dir);
  });

  it('defaults to ~/.cache', () => {
    expect(cacheDir({})).toMatch(/\/\.cache\/runbook\/v8$/);
  });
});

describe('commandOf', () => {
  it.each([
    [['apply', '-i', 'hosts', 'site.yml'], 'apply'],
    [['--version'], 'version'],
    [['template', '{{ 1 }}'], 'template'],
    [[], 'other'],
    [['../evil/path'], 'other'],
    [['-i'], 'i'],
  ])('%j → %s', (argv, command) => {
    expect(commandOf(argv)).toBe(command);
  });
});

describe('cacheKey', () => {
  it.each([
    [['apply', '-i', 'hosts', 'site.yml'], '/ops', 'apply.', '/ops/site.yml'],
    [['apply', '-e', '@vars.yml', '--check', 'a/site.yaml'], '/ops', 'apply.', '/ops/a/site.yaml'],
    [['apply', '/srv/site.yml'], '/elsewhere', 'apply.', '/srv/site.yml'],
    [['template', '{{ 1 }}'], '/ops', 'template', undefined],
    [['--version'], '/ops', 'version', undefined],
  ])('%j in %s → %s…', (argv, cwd, prefix, samePlaybookAs) => {
    const key = cacheKey(argv, cwd);
    expect(key.startsWith(prefix)).toBe(true);
    if (samePlaybookAs === undefined) expect(key).toBe(prefix);
    else expect(key).toBe(cacheKey(['apply', samePlaybookAs], '/'));
  });

  it('tells playbooks apart, and the same playbook named from two directories is one', () => {
    expect(cacheKey(['apply', 'site.yml'], '/a')).not.toBe(cacheKey(['apply', 'site.yml'], '/b'));
    expect(cacheKey(['apply', '../a/site.yml'], '/b')).toBe(cacheKey(['apply', 'site.yml'], '/a'));
    expect(cacheKey(['apply', 'one.yml'], '/a')).toMatch(/^apply\.[0-9a-z]+$/);
  });
});
