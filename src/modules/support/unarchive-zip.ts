// unarchive's ZipArchive.is_unarchived (ansible/modules/unarchive.py at 2.14.18): each member of
// `zipinfo -T -s` compared with what is on the host — type, mtime (mktime of zipinfo's local
// time, on the host), size, CRC-32, mode (the member's, the umask applied to FAT modes) and
// owner/group — answered as rsync-style itemized lines (the result's diff.prepared).
import type { ModuleContext } from '../define.js';
import { parseMode } from './mode.js';
import type { ArchiveJob } from './unarchive-tar.js';

export interface ZipCheck {
  unarchived: boolean;
  diff: string;
}

interface Entry {
  ztype: string;
  permstr: string;
  size: number;
  stamp: string;
  path: string;
}

/** The member lines of `zipinfo -T -s` (8 fields, a 7- or 10-character mode, a 15-character time). */
function entries(out: string): Entry[] {
  const list: Entry[] = [];
  for (const line of out.split('\n')) {
    const pcs = line.trim().split(/\s+/);
    if (pcs.length < 8) continue;
    const name = line.trim().replace(/^(\S+\s+){7}/, '');
    const [perm = '', , , size = '', , , stamp = ''] = pcs;
    if ((perm.length !== 7 && perm.length !== 10) || stamp.length !== 15) continue;
    if (!'dl-?'.includes(perm[0] ?? 'x') || ![...perm.slice(1)].every((c) => 'rwxstah-'.includes(c))) continue;
    list.push({ ztype: perm[0] ?? '-', permstr: perm.slice(1), size: Number(size), stamp, path: name });
  }
  return list;
}

/** _permstr_to_octal: the rwx bits of the string (no special bits: unzip does not set them), less the umask. */
function permstrToOctal(s: string, umask: number): number {
  const rev = [...s].reverse();
  let mode = 0;
  for (let i = 0; i < 9; i++) if ('rwxst'.includes(rev[i] ?? '-')) mode += 2 ** i;
  return mode & ~umask;
}

interface Seen {
  kind: string;
  mode: number;
  size: number;
  mtime: number;
  owner: string;
  group: string;
  crc?: number;
  stamp?: number;
}

// per member: lstat, the archive time made an epoch as time.mktime does there, and a regular
// file's CRC-32 (gzip's trailer holds it: no Python on the host)
const LOOK = [
  'd=$1; shift; umask; id -u; id -un; id -gn',
  'while IFS="	" read -r p t; do',
  '  f="$d/$p"; e=$(date -d "$t" +%s 2>/dev/null)',
  '  s=$(stat -c "%F|%a|%s|%.9Y|%U|%G" -- "$f" 2>/dev/null) || { echo "M"; continue; }',
  '  c=; case $s in "regular file"*|"regular empty file"*) c=$(gzip -1 -c -- "$f" | tail -c 8 | od -An -tu4 -N4 | tr -d " ");; esac',
  '  echo "S$s|$e|$c"',
  'done',
].join('\n');

function parseSeen(line: string): Seen | undefined {
  if (!line.startsWith('S')) return undefined;
  const [kind = '', mode = '0', size = '0', mtime = '0', owner = '', group = '', stamp = '', crc = ''] = line
    .slice(1)
    .split('|');
  return {
    kind,
    mode: parseInt(mode, 8),
    size: Number(size),
    mtime: Number(mtime),
    owner,
    group,
    ...(stamp ? { stamp: Number(stamp) } : {}),
    ...(crc ? { crc: Number(crc) } : {}),
  };
}

/** zipinfo's YYYYMMDD.hhmmss as date -d reads it. */
const dateArg = (s: string): string =>
  `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)} ${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}`;

export interface ZipJob extends ArchiveJob {
  zipinfo: string;
}

/** The archive's CRC-32 per member (ZipFile's infolist, from `unzip -v`). */
async function archiveCrcs(ctx: ModuleContext, src: string): Promise<Map<string, number>> {
  const r = await ctx.conn.execArgv(['unzip', '-v', src], { env: ctx.env });
  const crcs = new Map<string, number>();
  for (const line of r.stdout.split('\n')) {
    const m = /^\s*\d+\s+\S+\s+\d+\s+\S+\s+\S+\s+\S+\s+([0-9a-f]{8})\s+(.*)$/.exec(line);
    if (m) crcs.set(m[2] ?? '', parseInt(m[1] ?? '0', 16));
  }
  return crcs;
}

/** The owner and group the members should have: the task's (a name, else an id), else the user's. */
async function futureOwners(ctx: ModuleContext, j: ZipJob, runOwner: string, runGroup: string) {
  const look = async (db: 'passwd' | 'group', key: string | undefined, fallback: string): Promise<string> => {
    if (!key) return fallback;
    const r = await ctx.conn.execArgv(['getent', db, key], { env: ctx.env });
    return r.exitCode === 0 ? (r.stdout.split(':')[0] ?? fallback) : fallback;
  };
  return { owner: await look('passwd', j.owner, runOwner), group: await look('group', j.group, runGroup) };
}

/** The mode the member should have: the task's, else the archive's (a FAT mode less the umask). */
function wantedMode(e: Entry, s: Seen, j: ZipJob, umask: number): number {
  if (j.mode !== undefined && j.mode !== null && j.mode !== '')
    return parseMode(j.mode, s.mode, s.kind === 'directory');
  if (e.permstr.length !== 6) return permstrToOctal(e.permstr, 0);
  const fat = e.path.endsWith('/') || e.permstr === 'rwx---' ? 'rwxrwxrwx' : 'rw-rw-rw-';
  return permstrToOctal(fat, e.ztype === '?' ? 0 : umask);
}

/** A regular file's itemized t (mtime), s (size) and c (CRC-32). */
function contentFlags(item: string[], e: Entry, s: Seen, j: ZipJob, crc: number | undefined): void {
  if (s.stamp !== undefined && (j.keepNewer ? s.stamp > s.mtime : s.stamp !== s.mtime)) item[4] = 't';
  if (e.size !== s.size) item[3] = 's';
  if (crc !== s.crc) item[2] = 'c';
}

/** The member's type on the host against the archive's: a `c` line where it is something else. */
function typeDiffers(ftype: string, s: Seen): boolean {
  if (ftype === 'd') return s.kind !== 'directory';
  if (ftype === 'L') return s.kind !== 'symbolic link';
  return !s.kind.startsWith('regular');
}

/** One member against what is there: its itemized line, or undefined when it is as the archive has it. */
function compare(e: Entry, s: Seen | undefined, j: ZipJob, crc: number | undefined, ctx: Ctx): string | undefined {
  const ftype = e.path.endsWith('/') ? 'd' : e.ztype === 'l' ? 'L' : 'f';
  if (!s) return `>${ftype}++++++.?? ${e.path}`;
  if (typeDiffers(ftype, s)) return `c${ftype}++++++.?? ${e.path}`;
  const item = [...`.${ftype}.......??`];
  if (s.kind.startsWith('regular')) contentFlags(item, e, s, j, crc);
  if (ftype !== 'L' && wantedMode(e, s, j, ctx.umask) !== s.mode) item[5] = 'p';
  if (s.owner !== ctx.owner) item[6] = 'o';
  if (s.group !== ctx.group) item[6] = 'g';
  const line = item.join('');
  return line !== `.${ftype}.......??` ? `${line} ${e.path}` : undefined;
}

interface Ctx {
  umask: number;
  owner: string;
  group: string;
}

/** is_unarchived for a zip archive. */
export async function zipCheck(ctx: ModuleContext, j: ZipJob): Promise<ZipCheck> {
  const cmd = [j.zipinfo, '-T', '-s', j.src, ...(j.excludes.length ? ['-x', ...j.excludes] : []), ...j.includes];
  const info = await ctx.conn.execArgv(cmd, { env: ctx.env });
  const list = entries(info.stdout).filter((e) => !j.excludes.includes(e.path));
  const input = list.map((e) => `${e.path}\t${dateArg(e.stamp)}`).join('\n');
  const look = await ctx.conn.execArgv(['sh', '-c', LOOK, 'sh', j.dest], {
    env: ctx.env,
    stdin: input ? `${input}\n` : '',
  });
  const [umask = '0022', , runOwner = '', runGroup = '', ...seen] = look.stdout.split('\n');
  const future = await futureOwners(ctx, j, runOwner, runGroup);
  const crcs = await archiveCrcs(ctx, j.src);
  const c: Ctx = { umask: parseInt(umask, 8), ...future };
  const lines = list.flatMap((e, i) => {
    const line = compare(e, parseSeen(seen[i] ?? ''), j, crcs.get(e.path), c);
    return line ? [line] : [];
  });
  return { unarchived: info.exitCode === 0 && lines.length === 0, diff: lines.map((l) => `${l}\n`).join('') };
}
