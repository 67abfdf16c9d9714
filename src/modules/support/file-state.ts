// The file module's states in one round trip each (issue 21): a shell program that looks at the
// path, decides as ansible/modules/file.py decides (ensure_directory, execute_touch,
// ensure_absent, ensure_symlink, ensure_file_attributes at stable-2.14) and applies, answering
// in host-answer.ts's lines. Taken when the mode is numeric (a symbolic one needs the current
// mode first) and nothing recurses; file.ts keeps the step-by-step path for the rest.
import { shellQuote as q } from '../../util/index.js';
import { parseStat, type Connection, type FileStat } from '../../connection/index.js';
import { askHost, STAT_FORMAT } from './host-answer.js';
import { exactMode } from './mode.js';
import { stampLines, type Times } from './file-times.js';

export interface StateAnswer {
  /** What the path was before: absent, file, directory, link (or a refusal's reason). */
  before: string;
  refused?: string;
  changed: boolean;
  stat?: FileStat;
  /** The mode before a mode step changed it (or, in check mode, would have), and after. */
  modeBefore?: number;
  modeAfter?: number;
  /** The host's umask where the program created the path (the mode it was made with). */
  umask?: number;
  /** state=absent on a directory, --diff: what was in it (file.py initial_diff's path_content). */
  content?: { directories: string[]; files: string[] };
  /** state=link over a link to elsewhere: where it pointed. */
  oldSrc?: string;
  /** state=touch, --diff: the path's atime and mtime before, and the host's time set as both. */
  times?: { atime: number; mtime: number; now: number };
}

/** os.stat's st_atime of `sec.nsec` (sec + nsec * 1e-9, as Python computes it). */
function statTime(text: string): number {
  const [sec = '0', nsec = '0'] = text.split('.');
  return Number(sec) + Number(nsec.padEnd(9, '0')) * 1e-9;
}

/** time.time() of `date +%s.%N`: the nanoseconds as a double, divided by 1e9 (_PyTime_AsSecondsDouble). */
function clockTime(text: string): number {
  const [sec = '0', nsec = '0'] = text.trim().split('.');
  return Number(BigInt(sec) * 1_000_000_000n + BigInt(nsec.padEnd(9, '0').slice(0, 9))) / 1e9;
}

/**
 * A mode that differs is set (or, in check mode, only reported): `C:1`. The same stat answers
 * the result's `F:` line (one process for both).
 */
function modeStep(mode: number | undefined, check: boolean): string {
  if (mode === undefined) return '';
  const want = mode.toString(8);
  return [
    `set -- $(stat -L -c '%a %f|%s|%u|%g|%Y' -- "$d") && echo "F:$2" && sf=1`,
    `if [ "$1" != ${want} ]; then ${check ? '' : `chmod ${exactMode(mode)} -- "$d" || return 1; `}echo C:1; fi`,
  ].join('\n');
}

const BEFORE = `if [ -L "$d" ]; then echo B:link; elif [ -d "$d" ]; then echo B:directory; elif [ -e "$d" ]; then echo B:file; else echo B:absent; fi`;
const STAT = `if [ -z "$sf" ] && [ -e "$d" ]; then printf F:; stat -L -c ${STAT_FORMAT} -- "$d" || return 1; fi`;

async function ask(
  conn: Connection,
  path: string,
  steps: string[],
  mode: number | undefined,
  check: boolean,
): Promise<StateAnswer> {
  const f = await askHost(conn, 'rb_state', [`d=${q(path)}`, 'sf=', BEFORE, ...steps, STAT, 'return 0'], path);
  const line = f.get('F');
  // a mode set after the stat was read is the mode the path has now
  const stat = line !== undefined ? parseStat(line) : undefined;
  const modeBefore = stat && f.has('C') ? stat.mode & 0o7777 : undefined;
  if (stat && mode !== undefined && f.has('C') && !check) stat.mode = mode;
  const refused = f.get('R');
  const umask = f.get('U');
  const listing = f.get('L');
  const oldSrc = f.get('S');
  return {
    before: f.get('B') ?? 'absent',
    ...(refused !== undefined ? { refused } : {}),
    changed: f.has('W') || f.has('C'),
    ...(stat ? { stat } : {}),
    ...(modeBefore !== undefined && mode !== undefined ? { modeBefore, modeAfter: mode } : {}),
    ...(umask !== undefined ? { umask: parseInt(umask, 8) } : {}),
    ...(listing !== undefined ? { content: walkOrder(path, listing) } : {}),
    ...(oldSrc !== undefined ? { oldSrc } : {}),
    ...timesOf(f.get('T'), f.get('N')),
  };
}

function timesOf(before: string | undefined, now: string | undefined): Pick<StateAnswer, 'times'> {
  if (
    before === undefined ||
    now === undefined ||
    !/^\d+(\.\d+)? \d+(\.\d+)?$/.test(before) ||
    !/^\d+\.\d+$/.test(now.trim())
  )
    return {};
  const [atime = '0', mtime = '0'] = before.split(' ');
  return { times: { atime: statTime(atime), mtime: statTime(mtime), now: clockTime(now) } };
}

/**
 * os.walk's order (top-down: a directory's subdirectories and files as readdir gives them, then
 * each subdirectory's) from find's preorder listing (`%y%Y path`, one entry per \x1e); a link to a
 * directory is listed as one and not entered, as os.walk without followlinks does.
 */
export function walkOrder(root: string, listing: string): { directories: string[]; files: string[] } {
  const children = new Map<string, { path: string; dir: boolean; enter: boolean }[]>();
  for (const entry of listing.split('\x1e')) {
    if (entry.length < 4) continue;
    const path = entry.slice(3);
    const parent = path.slice(0, path.lastIndexOf('/'));
    const list = children.get(parent) ?? [];
    list.push({ path, dir: entry[1] === 'd', enter: entry[0] === 'd' });
    children.set(parent, list);
  }
  const out = { directories: [] as string[], files: [] as string[] };
  const walk = (dir: string): void => {
    const here = children.get(dir) ?? [];
    for (const c of here) (c.dir ? out.directories : out.files).push(c.path);
    for (const c of here) if (c.enter) walk(c.path);
  };
  walk(root.replace(/\/+$/, '') || '/');
  return out;
}

/** state=directory: created with its parents (the mode on each it creates), or its mode set. */
export function ensureDirectory(
  conn: Connection,
  path: string,
  mode: number | undefined,
  check: boolean,
): Promise<StateAnswer> {
  // file.py's ensure_directory gives every directory it creates the mode, not only the last,
  // with os.chmod: exactly, an inherited set-group-ID bit cleared (exactMode)
  const m = mode === undefined ? undefined : exactMode(mode);
  const create =
    m === undefined
      ? 'mkdir -p -- "$d" || return 1'
      : [
          'case $d in /*) c=;; *) c=.;; esac; set -f; o=$IFS; IFS=/; set -- $d; IFS=$o; set +f',
          // the components that exist are skipped; the missing ones, each path made, go to one
          // mkdir (one process however deep; the for's list is expanded once, so shifting and
          // appending inside it rebuilds "$@")
          'n=0; for x; do if [ -n "$x" ]; then [ -d "$c/$x" ] || break; c="$c/$x"; fi; n=$((n+1)); done; shift $n',
          'for x; do shift; [ -n "$x" ] || continue; c="$c/$x"; set -- "$@" "$c"; done',
          // another process creating one meanwhile is fine, as file.py's EEXIST check has it;
          // where this mkdir made them all, the path has the mode (mk: no mode step)
          `[ $# = 0 ] || { mkdir -m ${m} -- "$@" 2>/dev/null && mk=1; } || for x; do [ -d "$x" ] || { mkdir -m ${m} -- "$x"; return 1; }; done`,
        ].join('\n');
  // a directory made with its mode here needs no mode step: its stat goes straight to the answer
  // (the step's `$(stat)` would fork the shell first)
  const made =
    m === undefined || check
      ? ''
      : `; if [ -n "$mk" ]; then printf F:; stat -L -c ${STAT_FORMAT} -- "$d" || return 1; sf=1; fi`;
  return ask(
    conn,
    path,
    [
      // file.py: "%s already exists as a %s" for anything but a directory (a link to one is fine)
      `if [ -e "$d" ] && [ ! -d "$d" ]; then if [ -f "$d" ]; then echo R:file; else echo R:link; fi; return 0; fi`,
      `mk=; if [ ! -d "$d" ]; then ${check ? 'echo W:1; return 0' : `${create}; echo W:1${m === undefined ? '' : '; printf U:; umask'}${made}`}; fi`,
      mode === undefined ? '' : `if [ -z "$sf" ]; then\n${modeStep(mode, check)}\nfi`,
    ],
    mode,
    check,
  );
}

/**
 * An empty file made where none is (open(path, 'wb') in execute_touch); where that fails, the
 * errno Python's OSError would carry (R:errno:N), read from the parent — the redirection is
 * printf's: one that fails on `:`, a special builtin, would end the kept shell.
 */
const CREATE_EMPTY = [
  `if ! { printf '' >> "$d"; } 2>/dev/null; then case $d in */*) p=\${d%/*}; p=\${p:-/};; *) p=.;; esac`,
  '  if [ ! -e "$p" ]; then echo R:errno:2; elif [ ! -d "$p" ]; then echo R:errno:20; else echo R:errno:13; fi; return 0; fi',
].join('\n');

/**
 * state=touch: created when missing; the times set as modification_time/access_time ask
 * ('now', the default, always changes them; 'preserve' leaves them; a given time where it differs,
 * file-times.ts).
 */
export function touchFile(
  conn: Connection,
  path: string,
  mode: number | undefined,
  times: Times,
  check: boolean,
  diffTimes = false,
): Promise<StateAnswer> {
  const stamps = (['mtime', 'atime'] as const).flatMap((k) => {
    const s = times[k];
    return typeof s === 'object' ? [stampLines(k, s, check)] : [];
  });
  const now = [times.mtime === 'now' ? 'm' : '', times.atime === 'now' ? 'a' : ''].join('');
  // --diff: the times before (T:) and the time set (N:), as update_timestamp_for_file reports a
  // `now` — time.time() on the host, taken before utime; in check mode nothing is set
  const timesBefore = diffTimes && now ? `printf T:; stat -c '%.9X %.9Y' -- "$d" || return 1` : '';
  const timesAfter = diffTimes && now ? 'printf N:; date +%s.%N' : '';
  return ask(
    conn,
    path,
    [
      `if [ ! -e "$d" ]; then ${check ? 'echo W:1; return 0' : `${CREATE_EMPTY}; echo W:1; printf U:; umask`}; fi`,
      timesBefore,
      timesAfter,
      now ? `${check ? '' : `touch -${now} -- "$d" || return 1; `}echo W:1` : '',
      ...stamps,
      modeStep(mode, check),
    ],
    mode,
    check,
  );
}

/** state=absent: removed, recursively; a directory's content listed first (initial_diff's path_content, always in the result). */
export function ensureAbsent(conn: Connection, path: string, check: boolean): Promise<StateAnswer> {
  return ask(
    conn,
    path,
    [
      `if [ -d "$d" ] && [ ! -L "$d" ]; then printf L:; find "$d" -mindepth 1 -printf '%y%Y %p\\036'; echo; fi`,
      `if [ -e "$d" ] || [ -L "$d" ]; then ${check ? '' : 'rm -rf -- "$d" || return 1; '}echo W:1; fi`,
    ],
    undefined,
    check,
  );
}

/** state=link: a symbolic link to `src` (`target` is src as seen from the link's directory). */
export function ensureSymlink(
  conn: Connection,
  path: string,
  src: string,
  target: string,
  force: boolean,
  check: boolean,
): Promise<StateAnswer> {
  // the result is the link's own attributes (add_path_info: lstat), where os.path.exists finds
  // what it points to — not its target's stat
  const lstat = `if [ -e "$d" ]; then printf F:; stat -c ${STAT_FORMAT} -- "$d" || return 1; fi`;
  return ask(
    conn,
    path,
    [
      'sf=1',
      `if [ -L "$d" ]; then o=$(readlink -- "$d"); [ "$o" != ${q(src)} ] || { ${lstat}; return 0; }; printf 'S:%s\\n' "$o"; fi`,
      force ? '' : `if [ ! -e ${q(target)} ]; then echo R:nosrc; return 0; fi`,
      force ? '' : `if [ -e "$d" ] && [ ! -L "$d" ]; then echo R:exists; return 0; fi`,
      check ? `echo W:1; ${lstat}; return 0` : '',
      `if [ -e "$d" ] || [ -L "$d" ]; then rm -f -- "$d" || return 1; fi`,
      `ln -s -- ${q(src)} "$d" || return 1; echo W:1`,
      lstat,
    ],
    undefined,
    check,
  );
}

/** state=file: an existing file's mode. */
export function ensureFile(
  conn: Connection,
  path: string,
  mode: number | undefined,
  check: boolean,
): Promise<StateAnswer> {
  // ensure_file_attributes: anything but a file (or a hard link), once a link is followed, is a
  // conflict
  return ask(
    conn,
    path,
    [
      `if [ ! -e "$d" ]; then echo R:absent; return 0; fi`,
      `if [ -d "$d" ]; then echo R:directory; return 0; fi`,
      modeStep(mode, check),
    ],
    mode,
    check,
  );
}
