// Writing a whole file's content the way copy and template do: compare checksums, honour
// force/backup/check mode, write atomically, apply the mode, report a diff. One round trip
// (put-file.ts) unless the request needs a step the host program does not take: `validate`, a
// symbolic mode (it needs the current mode first), content over 64 KiB.
import { randomBytes, randomInt } from 'node:crypto';
import { homedir } from 'node:os';
import { posix } from 'node:path';
import { validateContent, copyFailure } from './validate.js';
import type { DiffEntry, ModuleContext, ModuleResult } from '../define.js';
import { sha1, md5, backupFile, applyMode, fileFacts, factsOfStat, DEFAULT_FILE_MODE } from './files.js';
import { parseMode, numericMode, diffModeString } from './mode.js';
import { putFile, PUT_INLINE } from './put-file.js';

export interface WriteRequest {
  dest: string;
  content: Buffer;
  mode?: unknown;
  /** The source file's mode, for mode: preserve. */
  sourceMode?: number;
  backup: boolean;
  force: boolean;
  src?: string;
  /**
   * copy's `content`: the result's `src` is where Ansible put it — the remote tmp's `source` once
   * written, the controller's temporary file where force: false left the file as it was.
   */
  fromContent?: boolean;
  /**
   * A controller file copy or template sends (not content): once written, the result's `src` is
   * the remote tmp's `source` the action uploaded it to, as for content.
   */
  uploaded?: boolean;
  /** template's rendered text: the diff names the rendered file, not the template. */
  rendered?: boolean;
  /** copy's and template's validate: a command run on the new content (%s) before it is moved in. */
  validate?: unknown;
  /** Where dest is a directory, write into it under this name (copy's and template's `dest/`). */
  intoDir?: string;
  /** The failure when dest is a directory (copy's content: "can not use content with a dir as dest"). */
  dirMessage?: string;
  /** The failure when validate does not pass: copy's and template's unless given (assemble's is rcFailure). */
  validateFailure?: (rc: number, stdout: string, stderr: string) => ModuleResult;
}

/** The options copy and template both take for the file they write. */
export function writeOptions(a: Record<string, unknown>): Pick<WriteRequest, 'mode' | 'backup' | 'force' | 'validate'> {
  return { mode: a.mode, backup: Boolean(a.backup), force: Boolean(a.force), validate: a.validate };
}

const given = (v: unknown): boolean => v !== undefined && v !== null && v !== '';

/** Writes `content` to `dest` unless it is already there. */
export async function writeContent(req: WriteRequest, ctx: ModuleContext): Promise<ModuleResult> {
  const wantMode = req.mode === 'preserve' ? req.sourceMode : req.mode;
  const mode = numericMode(wantMode);
  if (given(req.validate) || req.content.length > PUT_INLINE || (mode === undefined && given(wantMode)))
    return writeStepwise(req, ctx);
  const out = await putFile(ctx.conn, {
    dest: req.dest,
    content: req.content,
    ...(mode !== undefined ? { mode } : {}),
    force: req.force,
    backup: req.backup,
    check: ctx.checkMode,
    wantOld: ctx.diff,
    ...(req.fromContent || req.uploaded ? { wantHome: true } : {}),
    ...(req.intoDir ? { intoDir: req.intoDir } : {}),
    parent: 'fail',
  });
  // copy's content over a directory is the action's refusal after its remote stat: no module ran,
  // so no interpreter discovered, no invocation
  if (out.kind === 'dir')
    return req.dirMessage !== undefined
      ? { changed: false, failed: true, msg: req.dirMessage, controllerOnly: true }
      : { changed: false, failed: true, msg: `Destination ${out.dest} is a directory` };
  if (out.kind === 'noparent') return noParent(out.parent, req.content);
  const changed = out.wrote || out.modeChanged;
  const diff = out.wrote
    ? contentDiff(ctx, out.old, req, out.existed ? out.dest : undefined)
    : fileDiff(
        out.dest,
        out.modeChanged && out.oldMode !== undefined && mode !== undefined ? [out.oldMode, mode] : undefined,
      );
  if (ctx.checkMode && out.wrote) return wouldWrite(diff);
  if (out.existed && !req.force) return keptAsIs(out.dest, req);
  const facts = out.stat ? factsOfStat(out.dest, out.stat) : { path: out.dest };
  const sourced = (req.fromContent || req.uploaded) && out.wrote ? { ...req, src: remoteSource(out.home) } : req;
  return { changed, diff, data: resultData(sourced, out.dest, facts, out.wrote, out.backup) };
}

/** action/copy.py _copy_file: an existing file without force is left as it is, its mode too. */
function keptAsIs(dest: string, req: WriteRequest): ModuleResult {
  const src = req.fromContent ? localContentFile() : req.src;
  return { changed: false, data: { dest, ...(src ? { src } : {}) } };
}

/** Ansible's name for a temporary directory: `ansible-tmp-<time>-<pid>-<random>` (ActionBase._make_tmp_path). */
function tmpName(): string {
  // time.time() as Python's str() of a float shows it: the shortest digits that read back
  const now = (performance.timeOrigin + performance.now()) / 1000;
  const time = Number.isInteger(now) ? `${now}.0` : String(now);
  return `ansible-tmp-${time}-${process.pid}-${randomInt(1e14, 2 ** 48 - 1)}`;
}

/** Where the copy action put `content` on the host: the remote tmp's `source` (~/.ansible/tmp). */
function remoteSource(home: string | undefined): string {
  return `${home ?? homedir()}/.ansible/tmp/${tmpName()}/source`;
}

/**
 * A remote tmp made on the host as ActionBase._make_tmp_path makes it (~/.ansible/tmp/ansible-tmp-…,
 * umask 77), for an action that transfers a file into it; its path.
 */
export async function remoteTmpDir(ctx: ModuleContext): Promise<string> {
  const r = await ctx.conn.exec(
    `( umask 77 && mkdir -p "$HOME/.ansible/tmp" && d="$HOME/.ansible/tmp/${tmpName()}" && mkdir "$d" && echo "$d" )`,
    { env: ctx.env },
  );
  if (r.exitCode !== 0) throw new Error(`could not make a remote tmp: ${r.stderr.trim()}`);
  return r.stdout.trim();
}

/** tempfile's 8 random characters (mkstemp, mkdtemp: "tmp" and these). */
function tmpChars(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789_';
  return [...randomBytes(8)].map((b) => alphabet[b % alphabet.length]).join('');
}

let localTmp: string | undefined;

/** DEFAULT_LOCAL_TMP: one ansible-local-<pid><random> directory for the run. */
function localTmpDir(): string {
  localTmp ??= `${homedir()}/.ansible/tmp/ansible-local-${process.pid}${tmpChars()}`;
  return localTmp;
}

/** The controller's temporary file for `content` (copy's mkstemp in DEFAULT_LOCAL_TMP). */
function localContentFile(): string {
  return `${localTmpDir()}/tmp${tmpChars()}`;
}

/**
 * The diff's after_header: copy's source file — for content its temporary file, for a template
 * the rendered file the template action hands to copy (mkdtemp's directory, the template's name).
 */
function afterHeader(req: WriteRequest): string {
  if (req.fromContent) return localContentFile();
  if (req.rendered && req.src) return `${localTmpDir()}/tmp${tmpChars()}/${posix.basename(req.src)}`;
  return req.src ?? 'dynamically generated';
}

/**
 * After a write, the copy module's result (the file's attributes, checksum and md5sum, no
 * `path`); where the content was there already, the file module's that the copy action runs
 * for the mode and owner (`path`, the attributes, and the action's `dest` and `checksum`).
 */
function resultData(
  req: WriteRequest,
  dest: string,
  facts: Record<string, unknown>,
  wrote: boolean,
  backup: string | undefined,
): Record<string, unknown> {
  if (!wrote) return { ...facts, dest, checksum: sha1(req.content) };
  const { path: _written, ...attributes } = facts;
  return { ...attributes, ...resultFields(req, dest, backup) };
}

/** The copy module's failure for a missing directory: the content's checksum with it. */
function noParent(parent: string, content: Buffer): ModuleResult {
  return {
    changed: false,
    failed: true,
    msg: `Destination directory ${parent} does not exist`,
    data: { checksum: sha1(content) },
  };
}

/**
 * Where the content was written: the copy action's `diff` list (action/copy.py _copy_file starts
 * it empty; under --diff the content's diff goes in).
 */
function contentDiff(ctx: ModuleContext, old: Buffer | undefined, req: WriteRequest, header?: string): DiffEntry[] {
  if (!ctx.diff) return [];
  return [
    {
      before: old?.toString('utf8') ?? '',
      after: req.content.toString('utf8'),
      ...(header !== undefined ? { before_header: header } : {}),
      after_header: afterHeader(req),
    },
  ];
}

/**
 * Where it was there already: the file module's diff, which the copy action returns as its own
 * (initial_diff's path, and the mode where set_mode_if_different changed it: '0%03o').
 */
function fileDiff(path: string, modes?: [number, number]): DiffEntry {
  if (!modes) return { before: { path }, after: { path } };
  return { before: { path, mode: diffModeString(modes[0]) }, after: { path, mode: diffModeString(modes[1]) } };
}

/**
 * Check mode where the content differs: the copy action returns `changed` (and the diff) before
 * any module writes (action/copy.py _copy_file), so no file facts, checksum or dest — and the
 * interpreter its remote stat discovered is not reported (the next module reports it).
 */
function wouldWrite(diff: ModuleResult['diff']): ModuleResult {
  return { changed: true, ...(diff ? { diff } : {}), controllerOnly: true };
}

function resultFields(req: WriteRequest, dest: string, backup: string | undefined): Record<string, unknown> {
  return {
    dest,
    checksum: sha1(req.content),
    md5sum: md5(req.content),
    ...(req.src ? { src: req.src } : {}),
    ...(backup ? { backup_file: backup } : {}),
  };
}

/** The same, one step at a time (validate, symbolic modes, large files). */
async function writeStepwise(request: WriteRequest, ctx: ModuleContext): Promise<ModuleResult> {
  const { conn } = ctx;
  let req = request;
  if (req.intoDir && (await conn.stat(req.dest, true)).isDir) req = { ...req, dest: posix.join(req.dest, req.intoDir) };
  const st = await conn.stat(req.dest, true);
  if (st.isDir)
    return req.dirMessage !== undefined
      ? { changed: false, failed: true, msg: req.dirMessage, controllerOnly: true }
      : { changed: false, failed: true, msg: `Destination ${req.dest} is a directory` };
  const old = st.exists ? await conn.readFile(req.dest) : undefined;
  const checksum = sha1(req.content);
  const same = old !== undefined && sha1(old) === checksum;
  const wantMode = req.mode === 'preserve' ? req.sourceMode : req.mode;
  const parentOk = (await conn.stat(req.dest.replace(/\/[^/]*$/, '') || '/', true)).isDir;
  if (!parentOk) return noParent(req.dest.replace(/\/[^/]*$/, ''), req.content);
  if (old !== undefined && !req.force) return keptAsIs(req.dest, req);
  let changed = false;
  let backup: string | undefined;
  if (!same) {
    changed = true;
    if (!ctx.checkMode) {
      await validateContent(ctx, req.validate, req.content, req.validateFailure ?? copyFailure);
      if (req.backup && old !== undefined) backup = await backupFile(conn, req.dest);
      const mode =
        wantMode !== undefined && wantMode !== null
          ? parseMode(wantMode, st.exists ? st.mode : DEFAULT_FILE_MODE, false)
          : st.exists
            ? st.mode
            : DEFAULT_FILE_MODE;
      await conn.writeFileAtomic(req.dest, req.content, mode);
    }
  }
  const modeBefore = st.exists ? st.mode & 0o7777 : DEFAULT_FILE_MODE;
  const modeAfter =
    same && wantMode !== undefined && wantMode !== null ? parseMode(wantMode, modeBefore, false) : undefined;
  if (!ctx.checkMode && (await applyMode(conn, req.dest, wantMode, false))) changed = true;
  if (ctx.checkMode && old !== undefined && modeAfter !== undefined && modeAfter !== modeBefore) changed = true;
  const diff = same
    ? fileDiff(req.dest, modeAfter !== undefined && modeAfter !== modeBefore ? [modeBefore, modeAfter] : undefined)
    : contentDiff(ctx, old, req, old !== undefined ? req.dest : undefined);
  if (ctx.checkMode && !same) return wouldWrite(diff);
  const facts = await fileFacts(conn, req.dest);
  const sourced = (req.fromContent || req.uploaded) && !same ? { ...req, src: remoteSource(undefined) } : req;
  return { changed, diff, data: resultData(sourced, req.dest, facts, !same, backup) };
}
