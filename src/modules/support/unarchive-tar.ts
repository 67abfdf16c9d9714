// unarchive's TgzArchive family (ansible/modules/unarchive.py at 2.14.18): GNU tar's --list,
// --diff and --extract with the compression flag of each class, the owner/group/mode the task
// gives, and is_unarchived's reading of --diff's complaints.
import type { ModuleContext } from '../define.js';
import { C_LOCALE } from './host-run.js';
import { fnmatchRegExp } from '../../util/index.js';

/** The classes pick_handler tries after the zip ones, with their compression flags. */
export const TAR_HANDLERS: [string, string][] = [
  ['TgzArchive', '-z'],
  ['TarArchive', ''],
  ['TarBzipArchive', '-j'],
  ['TarXzArchive', '-J'],
  ['TarZstdArchive', '--use-compress-program=zstd'],
];

/** What an archive handler is given: the archive, where, which members, what to set on them. */
export interface ArchiveJob {
  src: string;
  dest: string;
  /** exclude (the tar handlers strip trailing slashes) */
  excludes: string[];
  includes: string[];
  owner?: string;
  group?: string;
  mode?: unknown;
  keepNewer: boolean;
}

export interface TarJob extends ArchiveJob {
  tar: string;
  flag: string;
  opts: string[];
}

const run = (ctx: ModuleContext, argv: string[], cwd: string) =>
  ctx.conn.execArgv(argv, { env: { ...ctx.env, ...C_LOCALE, LANGUAGE: 'C' }, cwd });

/** The command of --list, --diff or --extract, in the order TgzArchive builds it. */
export function tarArgv(j: TarJob, op: '--list' | '--diff' | '--extract'): string[] {
  const cmd = [j.tar, op, '-C', j.dest];
  if (j.flag) cmd.push(j.flag);
  if (j.opts.length) cmd.push('--show-transformed-names', ...j.opts);
  if (op !== '--list') {
    if (j.owner) cmd.push(`--owner=${shQuote(j.owner)}`);
    if (j.group) cmd.push(`--group=${shQuote(j.group)}`);
    if (j.keepNewer) cmd.push('--keep-newer-files');
  }
  cmd.push(...j.excludes.map((f) => `--exclude=${f}`), '-f', j.src, ...j.includes);
  return cmd;
}

/** shlex.quote, as unarchive.py quotes the owner and group it passes (a name is left as it is). */
function shQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'"'"'`)}'`;
}

/**
 * files_in_archive: the members --list names (gtar's octal escapes decoded, a leading / dropped),
 * without those an exclude pattern matches; undefined when tar cannot list the archive.
 */
export async function tarMembers(ctx: ModuleContext, j: TarJob): Promise<{ files?: string[]; err: string }> {
  const r = await run(ctx, tarArgv(j, '--list'), j.dest);
  if (r.exitCode !== 0) return { err: r.stderr };
  const excluded = j.excludes.map((e) => fnmatchRegExp(e));
  const files = r.stdout
    .split(/\r\n|\n|\r/)
    .filter((l, i, all) => l !== '' || i < all.length - 1)
    .map((l) => escapeDecode(l).replace(/^\//, ''))
    .filter((f) => !excluded.some((re) => re.test(f)));
  return { files, err: r.stderr };
}

/** codecs.escape_decode of gtar's \NNN escapes (a name in a locale it cannot show). */
function escapeDecode(s: string): string {
  if (!s.includes('\\')) return s;
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const oct = /^\\([0-7]{1,3})/.exec(s.slice(i));
    if (oct) {
      bytes.push(parseInt(oct[1] ?? '0', 8) & 0xff);
      i += oct[0].length - 1;
    } else if (s.startsWith('\\\\', i)) {
      bytes.push(0x5c);
      i++;
    } else bytes.push(...Buffer.from(s[i] ?? '', 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

const DIFF_LINES: [RegExp, (j: TarJob, root: boolean) => boolean][] = [
  [/: Uid differs$/, (j, root) => root && !j.owner],
  [/: Gid differs$/, (j, root) => root && !j.group],
  [/: Mode differs$/, (j) => j.mode === undefined || j.mode === null || j.mode === ''],
  [/: Mod time differs$/, () => true],
  [/: Warning: Cannot stat: No such file or directory$/, () => true],
  [/: Invalid owner/, () => true],
  [/: Invalid group/, () => true],
];

/** is_unarchived: --diff's complaints about what the task does not set anyway mean "unpack". */
export async function tarUnarchived(ctx: ModuleContext, j: TarJob, root: boolean): Promise<boolean> {
  const r = await run(ctx, tarArgv(j, '--diff'), j.dest);
  const lines = [...r.stdout.split(/\r\n|\n|\r/), ...r.stderr.split(/\r\n|\n|\r/)];
  return !lines.some(
    (l) =>
      !/: : Warning: Cannot stat: No such file or directory$/.test(l) &&
      DIFF_LINES.some(([re, counts]) => re.test(l) && counts(j, root)),
  );
}

/** unarchive(): --extract, its result as extract_results. */
export async function tarExtract(
  ctx: ModuleContext,
  j: TarJob,
): Promise<{ cmd: string[]; rc: number; out: string; err: string }> {
  const cmd = tarArgv(j, '--extract');
  const r = await run(ctx, cmd, j.dest);
  return { cmd, rc: r.exitCode, out: r.stdout, err: r.stderr };
}
