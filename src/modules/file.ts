// file: directories, links, touch, absent, and modes on existing files
// (ansible/modules/file.py). touch always reports changed; absent on a missing path is ok;
// state=file on a missing path fails.
import { dirname, resolve, isAbsolute, posix } from 'node:path';
import { FILE_COMMON_ARGS } from './support/file-args.js';
import { ActionFail, defineModule, type ModuleContext, type ModuleResult } from './define.js';
import type { FileStat } from '../connection/index.js';
import { pyBytesRepr } from '../util/index.js';
import { applyMode, fileFacts, factsOfStat, DEFAULT_DIR_MODE } from './support/files.js';
import { parseMode, numericMode, diffModeString } from './support/mode.js';
import { timesOf, updateTimes, type Times, type TimeSpec } from './support/file-times.js';
import {
  ensureAbsent,
  ensureDirectory,
  ensureFile,
  ensureSymlink,
  touchFile,
  type StateAnswer,
} from './support/file-state.js';

type A = Record<string, unknown>;

/**
 * execute_touch returns {'dest': path}, which exit_json's add_path_info supplements with the
 * path's owner, mode, state and size where it exists (check mode too) — no 'path' key.
 */
function touchedInfo(path: string, st: FileStat | undefined): Record<string, unknown> {
  if (!st) return {};
  const { path: _path, ...info } = factsOfStat(path, st);
  return info;
}

/**
 * AnsibleModule.add_path_info, which fail_json runs too: a result naming an existing path gets its
 * owner, group, mode and size from lstat, and its state (link, directory, hard, file).
 */
async function pathInfo(ctx: ModuleContext, path: string): Promise<Record<string, unknown>> {
  const st = await ctx.conn.stat(path, false);
  return st.exists ? factsOfStat(path, st) : { path };
}

async function directory(path: string, a: A, ctx: ModuleContext): Promise<ModuleResult> {
  const st = await ctx.conn.stat(path, true);
  if (st.exists && !st.isDir)
    return {
      changed: false,
      failed: true,
      msg: `${path} already exists as a ${st.isFile ? 'file' : 'link'}`,
      data: await pathInfo(ctx, path),
    };
  let changed = false;
  if (!st.exists) {
    changed = true;
    if (!ctx.checkMode)
      await ctx.conn.mkdir(
        path,
        a.mode !== undefined ? parseMode(a.mode, DEFAULT_DIR_MODE, true, path) : DEFAULT_DIR_MODE,
      );
  }
  if (!ctx.checkMode && a.mode !== undefined && (await applyMode(ctx.conn, path, a.mode, false))) changed = true;
  if (a.recurse && a.mode !== undefined && !ctx.checkMode) changed = (await recurseMode(path, a.mode, ctx)) || changed;
  return {
    changed,
    data: { ...(await fileFacts(ctx.conn, path)), path, state: 'directory' },
    ...diffOf(path, st.exists ? 'directory' : 'absent', 'directory'),
  };
}

async function recurseMode(dir: string, mode: unknown, ctx: ModuleContext): Promise<boolean> {
  let changed = false;
  for (const name of await ctx.conn.readdir(dir)) {
    const path = `${dir}/${name}`;
    if (await applyMode(ctx.conn, path, mode, false)) changed = true;
    if ((await ctx.conn.stat(path)).isDir) changed = (await recurseMode(path, mode, ctx)) || changed;
  }
  return changed;
}

/**
 * initial_diff: file.py returns it whether or not --diff asked (the callback shows it, as sorted,
 * indented JSON, only then) — the path, and the state before and after where they differ.
 */
function diffOf(path: string, before: string, after: string): Partial<ModuleResult> {
  if (before === after) return { diff: { before: { path }, after: { path } } };
  return { diff: { before: { path, state: before }, after: { path, state: after } } };
}

type Side = Record<string, unknown>;

/** update_timestamp_for_file's part of the diff: each time set to `now` that moved, before and after. */
function touchedTimes(
  diff: { before?: unknown; after?: unknown },
  was: NonNullable<StateAnswer['times']>,
  asked: Times,
): void {
  for (const k of ['mtime', 'atime'] as const) {
    if (asked[k] !== 'now' || was[k] === was.now) continue;
    (diff.before as Side)[k] = was[k];
    (diff.after as Side)[k] = was.now;
  }
}

/**
 * file.py's diff for a state taken in one trip: initial_diff (the path; the state before and
 * after where they differ; a removed directory's content), then set_mode_if_different's
 * '0%03o' of the mode before and after it set it — where it made the path, the mode it was
 * made with (0777 or 0666 under the host's umask, as os.mkdir and open() make them).
 */
function stateDiff(
  path: string,
  state: string,
  r: StateAnswer,
  made?: { base: number; mode: number | undefined },
): Partial<ModuleResult> {
  const before: Side = { path };
  const after: Side = { path };
  if (r.before !== state) {
    before.state = r.before;
    after.state = state;
  }
  if (r.content) before.path_content = r.content;
  const created = made && r.umask !== undefined ? made.base & ~r.umask : undefined;
  const from = r.modeBefore ?? created;
  const to = r.modeAfter ?? made?.mode;
  if (from !== undefined && to !== undefined && (from & 0o7777) !== (to & 0o7777)) {
    before.mode = diffModeString(from);
    after.mode = diffModeString(to);
  }
  return { diff: { before, after } };
}

async function touch(path: string, a: A, ctx: ModuleContext): Promise<ModuleResult> {
  const st = await ctx.conn.stat(path, true);
  if (!ctx.checkMode) {
    await ctx.conn.touch(path);
    if (a.mode !== undefined) await applyMode(ctx.conn, path, a.mode, false);
  }
  // the times given in a format (touch set both to now)
  const t = timesOf(a, 'touch');
  const given = (s: TimeSpec): TimeSpec => (s === 'now' ? 'preserve' : s);
  await updateTimes(ctx, path, { mtime: given(t.mtime), atime: given(t.atime) });
  const after = await ctx.conn.stat(path, false);
  return {
    changed: true,
    data: { ...touchedInfo(path, after.exists ? after : undefined), dest: path },
    ...diffOf(path, st.exists ? 'file' : 'absent', 'touch'),
  };
}

async function absent(path: string, ctx: ModuleContext): Promise<ModuleResult> {
  const st = await ctx.conn.stat(path);
  if (!st.exists) return { changed: false, data: { path, state: 'absent' } };
  if (!ctx.checkMode) await ctx.conn.remove(path, true);
  return {
    changed: true,
    data: { path, state: 'absent' },
    ...diffOf(path, st.isDir ? 'directory' : 'file', 'absent'),
  };
}

async function link(path: string, a: A, ctx: ModuleContext, hard: boolean): Promise<ModuleResult> {
  if (a.src === undefined)
    return { changed: false, failed: true, msg: `src is required for creating a ${hard ? 'hard' : 'symbolic'} link` };
  const src = String(a.src);
  const st = await ctx.conn.stat(path);
  const target = isAbsolute(src) ? src : resolve(dirname(path), src);
  if (!hard && st.isLink && st.linkTarget === src) return { changed: false, data: { path, src, state: 'link' } };
  // ensure_hardlink: a src that is not there fails whatever the link's state
  if (hard && !(await ctx.conn.stat(target, true)).exists)
    return { changed: false, failed: true, msg: 'src does not exist', data: { dest: path, src } };
  if (hard && st.exists) {
    const [x, y] = [await ctx.conn.stat(path, true), await ctx.conn.stat(target, true)];
    if (
      x.exists &&
      y.exists &&
      x.mtime === y.mtime &&
      x.size === y.size &&
      (await ctx.conn.exec(`[ "$(stat -c %i '${path}')" = "$(stat -c %i '${target}')" ]`)).exitCode === 0
    )
      return { changed: false, data: { path, src, state: 'hard' } };
  }
  if (!hard && !(await ctx.conn.stat(target, true)).exists && !a.force) {
    return {
      changed: false,
      failed: true,
      msg: `src file does not exist, use "force=yes" if you really want to create the link: ${target}`,
      data: { ...(await pathInfo(ctx, path)), src },
    };
  }
  if (st.exists && !st.isLink && !a.force && !hard)
    return {
      changed: false,
      failed: true,
      msg: `refusing to convert from ${st.isDir ? 'directory' : 'file'} to symlink for ${path}`,
      data: { path },
    };
  if (!ctx.checkMode) {
    if (st.exists) await ctx.conn.remove(path, false);
    if (hard) await ctx.conn.link(target, path);
    else await ctx.conn.symlink(src, path);
  }
  return { changed: true, data: { path, src, state: hard ? 'hard' : 'link' } };
}

/**
 * additional_parameter_handling: with a src, a path that is a directory means the file of src's
 * name inside it, for every state but link and absent (hard: /dir/NAME).
 */
async function placedPath(path: string, a: A, ctx: ModuleContext): Promise<string> {
  if (a.src === undefined || a.src === null || a.state === 'link' || a.state === 'absent') return path;
  const name = posix.basename(String(a.src));
  return name && (await ctx.conn.stat(path, true)).isDir ? posix.join(path, name) : path;
}

async function plainFile(path: string, a: A, ctx: ModuleContext): Promise<ModuleResult> {
  const st = await ctx.conn.stat(path, true);
  if (!st.exists)
    return {
      changed: false,
      failed: true,
      msg: `file (${path}) is absent, cannot continue`,
      data: { path, state: 'absent' },
    };
  if (st.isDir)
    return {
      changed: false,
      failed: true,
      msg: `file (${path}) is directory, cannot continue`,
      data: await pathInfo(ctx, path),
    };
  const changed = await applyMode(ctx.conn, path, a.mode, ctx.checkMode);
  return { changed, data: { ...(await fileFacts(ctx.conn, path)), path } };
}

const STRERROR: Record<number, string> = {
  2: 'No such file or directory',
  13: 'Permission denied',
  20: 'Not a directory',
};

/** execute_touch's AnsibleModuleError: the OSError of open(b_path, 'wb'), its path as bytes. */
function touchFailed(path: string, errno: number): ModuleResult {
  return {
    changed: false,
    failed: true,
    msg: `Error, could not touch target: [Errno ${errno}] ${STRERROR[errno] ?? 'Permission denied'}: ${pyBytesRepr(path)}`,
    data: { path },
  };
}

/** The states file-state.ts takes in one round trip, with their results as file.py gives them. */
async function inOneTrip(state: string, path: string, a: A, ctx: ModuleContext): Promise<ModuleResult | undefined> {
  const mode = numericMode(a.mode);
  if (a.recurse || (a.mode !== undefined && a.mode !== null && mode === undefined)) return undefined;
  const { conn, checkMode } = ctx;
  const facts = (st: FileStat | undefined): Record<string, unknown> =>
    st ? factsOfStat(path, st) : { path, state: 'absent' };
  switch (state) {
    case 'directory': {
      const r = await ensureDirectory(conn, path, mode, checkMode);
      if (r.refused)
        return {
          changed: false,
          failed: true,
          msg: `${path} already exists as a ${r.refused}`,
          data: await pathInfo(ctx, path),
        };
      // check mode on a missing directory: file.py exits with the state's diff alone
      const made = r.before === 'absent' && !checkMode ? { base: 0o777, mode } : undefined;
      return {
        changed: r.changed,
        data: { ...facts(r.stat), path, state: 'directory' },
        ...stateDiff(path, 'directory', { ...r, before: r.before === 'absent' ? 'absent' : 'directory' }, made),
      };
    }
    case 'touch': {
      const times = timesOf(a, 'touch');
      const r = await touchFile(conn, path, mode, times, checkMode, ctx.diff);
      if (r.refused?.startsWith('errno:')) return touchFailed(path, Number(r.refused.slice(6)));
      // execute_touch: check mode on a missing file returns before any diff is made
      const diff = checkMode && r.before === 'absent' ? {} : stateDiff(path, 'touch', r);
      if (diff.diff && !Array.isArray(diff.diff) && r.times) touchedTimes(diff.diff, r.times, times);
      return {
        changed: r.changed,
        data: { ...touchedInfo(path, r.stat), dest: path },
        ...diff,
      };
    }
    case 'absent': {
      const r = await ensureAbsent(conn, path, checkMode);
      if (!r.changed) return { changed: false, data: { path, state: 'absent' } };
      return { changed: true, data: { path, state: 'absent' }, ...stateDiff(path, 'absent', r) };
    }
    case 'link':
      return a.src === undefined ? undefined : symlink(path, String(a.src), a, ctx);
    case 'file': {
      const r = await ensureFile(conn, path, mode, checkMode);
      if (r.refused)
        return {
          changed: false,
          failed: true,
          msg: `file (${path}) is ${r.refused}, cannot continue`,
          data: r.refused === 'absent' ? { path, state: 'absent' } : await pathInfo(ctx, path),
        };
      return { changed: r.changed, data: { ...facts(r.stat), path }, ...stateDiff(path, 'file', r) };
    }
    default:
      return undefined;
  }
}

async function symlink(path: string, src: string, a: A, ctx: ModuleContext): Promise<ModuleResult> {
  const target = isAbsolute(src) ? src : resolve(dirname(path), src);
  const r = await ensureSymlink(ctx.conn, path, src, target, Boolean(a.force), ctx.checkMode);
  if (r.refused === 'nosrc')
    return {
      changed: false,
      failed: true,
      msg: `src file does not exist, use "force=yes" if you really want to create the link: ${target}`,
      data: { ...(await pathInfo(ctx, path)), src },
    };
  if (r.refused === 'exists')
    return {
      changed: false,
      failed: true,
      msg: `refusing to convert from ${r.before === 'directory' ? 'directory' : 'file'} to symlink for ${path}`,
      data: { path },
    };
  const diff = stateDiff(path, 'link', r);
  // ensure_symlink: a link that pointed elsewhere shows where (its src before and after)
  if (diff.diff && !Array.isArray(diff.diff) && r.oldSrc !== undefined) {
    (diff.diff.before as Side).src = r.oldSrc;
    (diff.diff.after as Side).src = src;
  }
  // ensure_symlink's dict(dest=, src=) and exit_json's add_path_info of dest (the link's lstat)
  const { path: _path, ...attributes } = r.stat ? factsOfStat(path, r.stat) : {};
  // a link made to nothing, followed: no attributes can be set on what it points to
  const warnings =
    a.follow === true && !r.stat && !(ctx.checkMode && r.changed)
      ? ['Cannot set fs attributes on a non-existent symlink target. follow should be set to False to avoid this.']
      : [];
  return {
    changed: r.changed,
    data: { dest: path, src, ...attributes, ...(warnings.length ? { warnings } : {}) },
    ...diff,
  };
}

export default defineModule({
  name: 'file',
  collection: 'ansible.builtin',
  description: 'Manages files, directories, links and their modes',
  checkMode: 'supported',
  args: {
    ...FILE_COMMON_ARGS,
    path: { type: 'path', required: true, aliases: ['dest', 'name'], description: 'The path to manage.' },
    state: {
      type: 'str',
      choices: ['absent', 'directory', 'file', 'hard', 'link', 'touch'],
      description: 'What the path should be.',
    },
    src: { type: 'path', description: 'The link target.' },
    recurse: { type: 'bool', default: false, description: 'Apply mode to the whole directory tree.' },
    force: {
      type: 'bool',
      default: false,
      description: 'Create links even when the target is missing or replace files.',
    },
    follow: { type: 'bool', default: true, description: 'Follow links.' },
    modification_time: {
      type: 'str',
      description: "'now' (touch's default), 'preserve' (the others'), or a time in modification_time_format.",
    },
    modification_time_format: {
      type: 'str',
      default: '%Y%m%d%H%M.%S',
      description: 'The strptime format of modification_time.',
    },
    access_time: {
      type: 'str',
      description: "'now' (touch's default), 'preserve' (the others'), or a time in access_time_format.",
    },
    access_time_format: { type: 'str', default: '%Y%m%d%H%M.%S', description: 'The strptime format of access_time.' },
  },
  run: async (a, ctx) => {
    const path = await placedPath(String(a.path), a, ctx);
    // file.py reads the times first, whatever the path is (a bad one fails before anything)
    const times = a.state === undefined || a.state === 'absent' ? undefined : timesOf(a, String(a.state));
    const { state, result } = await byState(path, a, ctx).catch(async (e: unknown) => {
      // fail_json runs add_path_info too: a failure that names a path gets its owner, mode, state
      const failed = e instanceof ActionFail ? e.result.data?.path : undefined;
      if (e instanceof ActionFail && typeof failed === 'string')
        e.result.data = { ...e.result.data, ...(await pathInfo(ctx, failed)) };
      throw e;
    });
    return withTimes(result, path, state, times ?? (state === 'absent' ? undefined : timesOf(a, state)), ctx);
  },
});

/**
 * update_timestamp_for_file after ensure_file_attributes and ensure_directory (not where check
 * mode returned before making the directory).
 */
async function withTimes(
  r: ModuleResult,
  path: string,
  state: string,
  times: Times | undefined,
  ctx: ModuleContext,
): Promise<ModuleResult> {
  if (!times || r.failed || (state !== 'file' && state !== 'directory')) return r;
  const dir = r.diff && !Array.isArray(r.diff) ? r.diff.before : undefined;
  if (ctx.checkMode && typeof dir === 'object' && dir.state === 'absent') return r;
  return (await updateTimes(ctx, path, times)) ? { ...r, changed: true } : r;
}

async function byState(path: string, a: A, ctx: ModuleContext): Promise<{ state: string; result: ModuleResult }> {
  const given = a.state as string | undefined;
  const quick = given !== undefined ? await inOneTrip(given, path, a, ctx) : undefined;
  if (quick) return { state: given ?? 'file', result: quick };
  const current = await ctx.conn.stat(path);
  // no state: the path's own (additional_parameter_handling: get_state), else directory for
  // recurse, else file — and that state's one-trip program where there is one
  const state =
    given ??
    (current.isDir ? 'directory' : current.isLink ? 'link' : current.exists || !a.recurse ? 'file' : 'directory');
  const second = given === undefined ? await inOneTrip(state, path, a, ctx) : undefined;
  return { state, result: second ?? (await slowPath(state, path, a, ctx)) };
}

function slowPath(state: string, path: string, a: A, ctx: ModuleContext): Promise<ModuleResult> {
  switch (state) {
    case 'directory':
      return directory(path, a, ctx);
    case 'touch':
      return touch(path, a, ctx);
    case 'absent':
      return absent(path, ctx);
    case 'link':
      return link(path, a, ctx, false);
    case 'hard':
      return link(path, a, ctx, true);
    default:
      return plainFile(path, a, ctx);
  }
}
