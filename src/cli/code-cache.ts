// Start-up (issue 21): a short run spent ~100 ms before its first connection parsing and compiling
// JavaScript — ~1.3 MB of our own, and yaml and ssh2 resolved and read file by file from
// node_modules. So the CLI is one CommonJS file with those packages inside (scripts/bundle.ts),
// compiled here through vm.Script with a V8 code cache: the bytecode of the functions a run
// compiled, kept under $XDG_CACHE_HOME/runbook/v8/ (default ~/.cache) for the next run. Node 22's
// module.enableCompileCache() does this for modules; Node 20, which we support, has no such API.
//
// One file per checkout, build of the bundle (its mtime and size), Node version, arch and
// subcommand, and one per playbook run more than once (cacheKey, chooseCache). V8 checks the file
// itself (its own version and flags, the source's length) and rejects one that does not fit; that
// run compiles as if there were none and writes a new one. Writing costs ~35 ms (V8 serializes),
// so it happens only after a run that had no cache, had it rejected, or ended with a twentieth
// more bytecode on the heap than the run that wrote the cache (the first `apply` was a one-task
// play, this one used the file modules; a file's first four bytes keep that amount). A directory that cannot be made or written leaves the run as it would have
// been.
// RUNBOOK_CODE_CACHE=0 turns the cache off.
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script, constants } from 'node:vm';

export type CacheUse = 'off' | 'none' | 'accepted' | 'rejected';

export interface LoadedBundle {
  /** The bundle's `module.exports`. */
  exports: Record<string, unknown>;
  /** What this run had: no cache directory, no file yet, a file V8 took, or one it refused. */
  cache: CacheUse;
  /** Called once the run is done: writes the cache when this run had none or outgrew it. */
  keep(): void;
}

type CommonJsWrapper = (
  exports: Record<string, unknown>,
  require: NodeJS.Require,
  module: { exports: Record<string, unknown> },
  filename: string,
  dirname: string,
) => void;

/** Where caches live, or undefined when the user turned them off. */
export function cacheDir(env: NodeJS.ProcessEnv): string | undefined {
  if (env.RUNBOOK_CODE_CACHE === '0') return undefined;
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'runbook', 'v8');
}

/** The subcommand a cache is kept for: runs of one command compile much the same functions. */
export function commandOf(argv: readonly string[]): string {
  const first = argv[0] ?? '';
  return /^-{0,2}[a-z][a-z-]{0,30}$/.test(first) ? first.replace(/^-+/, '') : 'other';
}

/**
 * What a cache is kept for: the subcommand and, where the command line names YAML files (the
 * playbooks of `apply`, an inventory), those files by their absolute paths. A run takes every
 * function its cache holds, used or not, and a cache grown by other playbooks' runs costs a
 * one-host run ~10 ms more than one of its own playbook (facts: 228 against 239 ms, noop20 275
 * against 283; PERFORMANCE.md, twenty-seventh session). `-e @vars.yml` and options are not
 * playbooks; the arguments are not parsed here, this file loads nothing to do it.
 */
export function cacheKey(argv: readonly string[], cwd: string): string {
  const command = commandOf(argv);
  const files = argv.slice(1).filter((a) => /\.ya?ml$/.test(a) && !/^[-@]/.test(a));
  return files.length === 0 ? command : `${command}.${pathKey(files.map((f) => resolve(cwd, f)).join('\0'))}`;
}

/** FNV-1a of a path: the bundle's (checkouts side by side keep caches of their own), a playbook's. */
function pathKey(path: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < path.length; i++) h = Math.imul(h ^ path.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(36);
}

function readOrNothing(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

/**
 * Bytecode on the heap in KiB: what has been compiled or taken from a cache so far. node:v8 is
 * loaded here, at the end, not as the run starts: loading it (its heap snapshot streams) cost
 * ~3 ms before the first line of a run.
 */
function bytecodeKiB(): number {
  const v8 = process.getBuiltinModule('node:v8');
  return Math.ceil(v8.getHeapCodeStatistics().bytecode_and_metadata_size / 1024);
}

/** A run that used a twentieth more code than the one that wrote the cache writes it again. */
const OUTGROWN = 1.05;

/** Playbook caches kept per build (~1–2 MB each): those written to most recently. */
const KEPT = 16;

/** Playbooks remembered per build as run once (`<build>-seen`), the last SEEN of them. */
const SEEN = 64;

/**
 * Writes the cache whole (a temporary name, then rename) and drops this checkout's caches of
 * earlier builds, and this build's playbook caches beyond KEPT. The temporary file is opened
 * before V8 serializes: a directory this user cannot write (made by `sudo runbook` as root) costs
 * the run nothing.
 */
function writeCache(dir: string, name: string, sameBuild: string, kib: number, serialize: () => Buffer): void {
  const tmp = join(dir, `.${name}.${process.pid}`);
  let fd: number | undefined;
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    fd = openSync(tmp, 'wx', 0o600);
    const header = Buffer.alloc(4);
    header.writeUInt32LE(kib);
    writeFileSync(fd, Buffer.concat([header, serialize()]));
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, join(dir, name));
    const checkout = sameBuild.slice(0, sameBuild.indexOf('-') + 1);
    const kept: { f: string; mtime: number }[] = [];
    for (const f of readdirSync(dir))
      if (!f.startsWith(sameBuild)) {
        if (f.startsWith(checkout)) rmSync(join(dir, f), { force: true });
      } else if (/\.[^.]+\.v8$/.test(f.slice(sameBuild.length)))
        kept.push({ f, mtime: statSync(join(dir, f), { throwIfNoEntry: false })?.mtimeMs ?? 0 });
    // the build's playbook caches written to least recently, beyond KEPT (a command's own stays)
    kept.sort((a, b) => b.mtime - a.mtime);
    for (const { f } of kept.slice(KEPT)) rmSync(join(dir, f), { force: true });
  } catch {
    // no cache this time: the next run compiles, as this one did
    try {
      if (fd !== undefined) closeSync(fd);
      if (fd !== undefined || existsSync(tmp)) rmSync(tmp, { force: true });
    } catch {
      // nothing of ours is there to remove
    }
  }
}

/** The playbooks run once under this build, newest last. */
function seenList(dir: string, prefix: string): string[] {
  return (readOrNothing(join(dir, `${prefix}seen`))?.toString('latin1') ?? '').split('\n').filter(Boolean);
}

function rememberSeen(dir: string, prefix: string, key: string): void {
  try {
    const seen = seenList(dir, prefix).filter((k) => k !== key);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(join(dir, `${prefix}seen`), `${[...seen.slice(1 - SEEN), key].join('\n')}\n`, { mode: 0o600 });
  } catch {
    // not remembered: the playbook's next run takes the command's cache again
  }
}

interface Choice {
  /** The cache file the run reads and may write. */
  name: string;
  stored?: Buffer;
  /** A playbook run for the first time: remembered, its next run writes a cache of its own. */
  firstRun?: string;
}

/**
 * Which cache a run takes: its playbook's own; for a playbook run once before, none — this run
 * compiles what it uses and writes the playbook's cache (a cache written by a run that loaded
 * another holds all of that one too); for a playbook never run, or a command without one, the
 * command's cache.
 */
function chooseCache(dir: string, prefix: string, key: string): Choice {
  const own = `${prefix}${key}.v8`;
  const stored = readOrNothing(join(dir, own));
  const command = key.split('.')[0] ?? key;
  if (stored !== undefined || key === command || seenList(dir, prefix).includes(key)) return { name: own, stored };
  const shared = `${prefix}${command}.v8`;
  return { name: shared, stored: readOrNothing(join(dir, shared)), firstRun: key };
}

/**
 * Loads a CommonJS bundle through the code cache in `dir` (none when undefined) kept for `key`
 * (cacheKey: a command, or a command and its playbooks).
 */
export function loadBundle(url: URL, key: string, dir: string | undefined): LoadedBundle {
  const file = fileURLToPath(url);
  const { mtimeMs, size } = statSync(file);
  const build = [pathKey(file), Math.trunc(mtimeMs).toString(36), size.toString(36), process.version, process.arch];
  const prefix = `${build.join('-')}-`;
  const chosen: Choice = dir === undefined ? { name: '' } : chooseCache(dir, prefix, key);
  const { name, stored } = chosen;
  const cached = stored !== undefined && stored.length > 4 ? stored.subarray(4) : undefined;
  const writerKiB = cached === undefined ? 0 : (stored?.readUInt32LE(0) ?? 0);
  // scripts/bundle.ts makes the bundle ASCII only: read as latin1 it is the same text, kept by V8
  // as a one-byte string without UTF-8 decoding
  const source = readFileSync(file, 'latin1');
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    cachedData: cached,
    // import() as from a file there — but on Node 20 a script compiled from cached data loses
    // this callback ("A dynamic import callback was not specified"), so the bundle has no
    // import(): the packages left outside it are required (test/bundle.test.ts holds that)
    importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const module = { exports: {} as Record<string, unknown> };
  (script.runInThisContext() as CommonJsWrapper)(module.exports, createRequire(file), module, file, dirname(file));
  let cache: CacheUse = 'none';
  if (dir === undefined) cache = 'off';
  else if (cached !== undefined) cache = script.cachedDataRejected === true ? 'rejected' : 'accepted';
  return {
    exports: module.exports,
    cache,
    keep() {
      if (dir === undefined) return;
      if (chosen.firstRun !== undefined) rememberSeen(dir, prefix, chosen.firstRun);
      // one heap walk (~3 ms): the decision and the new file's header
      const kib = bytecodeKiB();
      if (cache === 'accepted' && kib <= writerKiB * OUTGROWN) return;
      writeCache(dir, name, prefix, kib, () => script.createCachedData());
    },
  };
}
