// What the file-writing modules share: checksums, backups named as Ansible names them
// (`<dest>.<pid>.<YYYY-MM-DD@HH:MM:SS>~`), atomic writes, mode application, and the
// result fields copy/template/lineinfile/file report.
import { createHash } from 'node:crypto';
import type { Connection, FileStat } from '../../connection/index.js';
import type { DiffEntry } from '../define.js';
import { parseMode, diffModeString } from './mode.js';

export function sha1(data: Buffer | string): string {
  return createHash('sha1').update(data).digest('hex');
}

export function md5(data: Buffer | string): string {
  return createHash('md5').update(data).digest('hex');
}

/** Copies `path` aside before it changes; returns the backup's path. */
export async function backupFile(conn: Connection, path: string): Promise<string> {
  const d = new Date();
  const p = (n: number): string => String(n).padStart(2, '0');
  const stamp = `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}@${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
  const dest = `${path}.${process.pid}.${stamp}~`;
  const st = await conn.stat(path);
  await conn.writeFileAtomic(dest, await conn.readFile(path), st.mode);
  return dest;
}

/** New files get 0666 less the umask (022 → 0644), as Python's open() leaves them. */
export const DEFAULT_FILE_MODE = 0o644;
export const DEFAULT_DIR_MODE = 0o755;

/**
 * Applies `mode` to an existing path; returns whether it changed. `current`, when the caller has
 * just read the mode, saves the round trip of looking again.
 */
export async function applyMode(
  conn: Connection,
  path: string,
  mode: unknown,
  checkMode: boolean,
  current?: number,
): Promise<boolean> {
  return (await changeMode(conn, path, mode, checkMode, current)) !== undefined;
}

/** applyMode's change: the mode before and after, where it changed (or, in check mode, would). */
async function changeMode(
  conn: Connection,
  path: string,
  mode: unknown,
  checkMode: boolean,
  current?: number,
): Promise<{ before: number; after: number } | undefined> {
  if (mode === undefined || mode === null) return undefined;
  const st = current !== undefined ? { exists: true, mode: current, isDir: false } : await conn.stat(path, true);
  if (!st.exists) return undefined;
  const want = parseMode(mode, st.mode, st.isDir, path);
  if ((st.mode & 0o7777) === want) return undefined;
  if (!checkMode) await conn.chmod(path, want);
  return { before: st.mode & 0o7777, after: want };
}

/**
 * check_file_attrs() of lineinfile.py, blockinfile.py and replace.py: applies `mode`, and a
 * change of it joins "ownership, perms or SE linux context changed" onto the message; `attributes`
 * is its attr_diff (the mode set_mode_if_different changed, the "(file attributes)" headers).
 */
export async function applyModeNoted(
  conn: Connection,
  path: string,
  mode: unknown,
  checkMode: boolean,
  changed: boolean,
  msg: string,
  current?: number,
): Promise<{ changed: boolean; msg: string; attributes: DiffEntry }> {
  const modes = await changeMode(conn, path, mode, checkMode, current);
  const attributes = attributesDiff(path, modes);
  if (!modes) return { changed, msg, attributes };
  return {
    changed: true,
    msg: `${changed ? `${msg} and ` : ''}ownership, perms or SE linux context changed`,
    attributes,
  };
}

/** check_file_attrs's attr_diff: set_mode_if_different's before/after mode ('0%03o'), then the headers. */
export function attributesDiff(path: string, modes?: { before: number; after: number }): DiffEntry {
  return {
    ...(modes ? { before: { mode: diffModeString(modes.before) }, after: { mode: diffModeString(modes.after) } } : {}),
    before_header: `${path} (file attributes)`,
    after_header: `${path} (file attributes)`,
  };
}

/** Python's text.splitlines(True) for "\n" line ends, as lineinfile.py and blockinfile.py read files. */
export function splitLinesKeepEnds(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** The fields Ansible reports for a file after a change. */
export async function fileFacts(conn: Connection, path: string): Promise<Record<string, unknown>> {
  return factsOfStat(path, await conn.stat(path, true));
}

/** fileFacts from a stat already taken (one round trip's answer). */
export function factsOfStat(path: string, st: FileStat): Record<string, unknown> {
  if (!st.exists) return { path, state: 'absent' };
  return {
    path,
    mode: diffModeString(st.mode),
    size: st.size,
    uid: st.uid,
    gid: st.gid,
    owner: st.uid === 0 ? 'root' : String(st.uid),
    group: st.gid === 0 ? 'root' : String(st.gid),
    state: st.isDir ? 'directory' : st.isLink ? 'link' : 'file',
  };
}
