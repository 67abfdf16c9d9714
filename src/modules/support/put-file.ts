// A whole file put on the host in one round trip (issue 21): one shell program inspects the
// destination (a directory? its parent? its checksum and mode), decides as copy.py decides
// (changed when the checksum differs and the file is missing or `force`), and applies — a
// backup beside it, the content through a temporary file in the same directory renamed into
// place (the file is whole or untouched), the mode, the old owner — then answers with one framed
// result: the old checksum and mode, whether it wrote, the old content only when --diff needs it,
// and the file's stat for the result. The content travels inside the program (the persistent
// shell's round trip); larger files than PUT_INLINE take the step-by-step path (write-content.ts).
import { shellQuote as q } from '../../util/index.js';
import type { Connection, FileStat } from '../../connection/index.js';
import { sha1 } from './files.js';
import { askHost } from './host-answer.js';

export interface PutRequest {
  dest: string;
  content: Buffer;
  /** The mode to leave the file with; none: an existing file keeps its own, a new one gets 0644. */
  mode?: number;
  force: boolean;
  backup: boolean;
  check: boolean;
  /** The old content back when the file changes (for --diff). */
  wantOld: boolean;
  /** Where dest is a directory, write into it under this name (copy's and template's `dest/`). */
  intoDir?: string;
  /** The user's home on the host back (H:), for a result that names Ansible's remote tmp. */
  wantHome?: boolean;
  /** A missing parent directory: `fail` (copy, template) or `create` (lineinfile's create). */
  parent: 'fail' | 'create';
  /**
   * The file as the caller read it moments ago (lineinfile): no stat, and no checksum — the
   * caller writes only content it knows differs.
   */
  seen?: KnownFile;
}

export interface KnownFile {
  mode: number;
  size: number;
  uid: number;
  gid: number;
}

export type PutOutcome =
  | { kind: 'dir'; dest: string }
  | { kind: 'noparent'; dest: string; parent: string }
  | {
      kind: 'done';
      dest: string;
      existed: boolean;
      same: boolean;
      wrote: boolean;
      /** The mode of an existing file before (its mode alone was changed: `modeChanged`). */
      oldMode?: number;
      modeChanged: boolean;
      old?: Buffer;
      backup?: string;
      stat?: FileStat;
      home?: string;
    };

/** The largest content sent inside the program (quoted text, or base64 for bytes that are not). */
export const PUT_INLINE = 64 * 1024;

/** Ansible's backup name, `<dest>.<pid>.<YYYY-MM-DD@HH:MM:SS>~` (module_utils basic.backup_local). */
function backupSuffix(): string {
  const d = new Date();
  const p = (n: number): string => String(n).padStart(2, '0');
  return `.${process.pid}.${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}@${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}~`;
}

function inspect(r: PutRequest): string[] {
  return [
    `d=${q(r.dest)}`,
    ...(r.intoDir ? [`if [ -d "$d" ]; then d="$d"/${q(r.intoDir)}; fi`] : []),
    `printf 'P:%s\\n' "$d"`,
    r.wantHome ? `printf 'H:%s\\n' "$HOME"` : '',
    `if [ -d "$d" ]; then echo R:dir; return 0; fi`,
    // dirname without a process
    `case $d in */*) p=\${d%/*}; p=\${p:-/};; *) p=.;; esac`,
    r.parent === 'create' && !r.check ? `[ -d "$p" ] || mkdir -p -- "$p" || return 1` : '',
    r.parent === 'fail' ? `if [ ! -d "$p" ]; then printf 'R:noparent:%s\\n' "$p"; return 0; fi` : '',
    // the effective ids from the shell's own status (a new file's owner), read once per kept
    // shell (RB_IDS): the shell's read takes a system call per byte, ~250 of them
    `[ -n "\${RB_IDS-}" ] || { while read -r k a b c; do case $k in Uid:) myu=$b;; Gid:) myg=$b; break;; esac; done < /proc/self/status; RB_IDS=$myu:$myg; }`,
    'myu=${RB_IDS%:*}; myg=${RB_IDS#*:}',
    `e=0; o=; m=; s=; fu=$myu; fg=$myg`,
    // one stat; the checksum only when the size is the new content's (else it differs anyway)
    ...(r.seen
      ? [
          `if [ -e "$d" ]; then e=1; m=${r.seen.mode.toString(8)}; s=${r.seen.size}; fu=${r.seen.uid}; fg=${r.seen.gid}; fi`,
        ]
      : [
          `if [ -e "$d" ]; then e=1; set -- $(stat -L -c '%a %s %u %g' -- "$d"); m=$1; s=$2; fu=$3; fg=$4`,
          `  if [ "$s" = ${r.content.length} ]; then o=$(sha1sum < "$d") || return 1; o=\${o%% *}; fi`,
          `fi`,
        ]),
    `printf 'O:%s:%s:%s:%s:%s:%s\\n' "$e" "$o" "$m" "$s" "$fu" "$fg"`,
  ];
}

/** printf's argument for the content: quoted text where it is text, else base64 decoded on the host. */
function fill(content: Buffer): string {
  const text = content.toString('utf8');
  if (!text.includes('\0') && Buffer.from(text, 'utf8').equals(content)) return `printf %s ${q(text)}`;
  return `printf %s ${content.toString('base64')} | base64 -d`;
}

function apply(r: PutRequest): string[] {
  const want = r.mode !== undefined ? r.mode.toString(8) : '';
  return [
    // The write runs in the shell itself, not in a subshell (a fork of the shell per write, ~1.5
    // ms of the host's CPU): what it changes — the umask, noclobber — is given back after, and a
    // failure removes the temporary file itself (no EXIT trap). A kept shell remembers its umask
    // in RB_UMASK (one `$(umask)` per shell).
    `if [ $w = 1 ]; then`,
    ...(r.backup
      ? [
          `if [ $e = 1 ]; then b="$d"${q(backupSuffix())}; cp --preserve=mode,timestamps -- "$d" "$b" || return 1; printf 'K:%s\\n' "$b"; fi`,
        ]
      : []),
    '[ -n "${RB_UMASK-}" ] || RB_UMASK=$(umask)',
    // made with its final mode by the umask when that mode has no execute or special bit (no
    // chmod process), else 0600 until chmod sets the mode (mktemp's file too)
    `dm=${want || '${m:-644}'}; cm=1; t=; nc=; case $- in *C*) nc=1;; esac`,
    `case $dm in [0246][0246][0246]) u=$((0777 & ~0$dm)); umask $((u / 64))$((u / 8 % 8))$((u % 8)); cm=;; *) umask 077;; esac`,
    // the temporary file beside the target, the shell's own: made exclusively (set -C: never
    // through a name someone else left there, a link included), else mktemp's; then filled
    // with `>|`, which writes whatever noclobber the shell had. (printf, not `:`: a redirection
    // that fails on a special builtin ends a non-interactive shell — the kept one.)
    `set -C; if { printf "" > "$p/.rb-put-$$"; } 2>/dev/null; then t="$p/.rb-put-$$"; else cm=1; t=$(mktemp "$p/.rb-put-XXXXXX") || t=; fi; [ -n "$nc" ] || set +C`,
    `if [ -n "$t" ] && ${fill(r.content)} >| "$t" && { [ -z "$cm" ] || [ "$dm" = 600 ] || chmod "$dm" "$t"; } &&`,
    `  { if [ $e = 1 ] && [ "$fu:$fg" != "$myu:$myg" ]; then chown "$fu:$fg" "$t" 2>/dev/null || { fu=$myu; fg=$myg; }; fi; } &&`,
    `  mv -f -- "$t" "$d"; then t=; else w=2; fi`,
    'umask "$RB_UMASK"',
    `if [ $w = 2 ]; then [ -z "$t" ] || rm -f -- "$t"; return 1; fi`,
    // the file as it is now, from what was read and done (no second stat)
    `echo W:1; printf 'F:%s:%s:%s:%s\\n' "$dm" ${r.content.length} "$fu" "$fg"`,
    ...(want
      ? [
          `elif [ $e = 1 ] && [ ${r.force ? 1 : 0} = 1 ] && [ "$m" != ${want} ]; then chmod ${want} -- "$d" || return 1; echo C:1; m=${want}`,
        ]
      : []),
    `fi`,
    `[ $w = 1 ] || printf 'F:%s:%s:%s:%s\\n' "$m" "$s" "$fu" "$fg"`,
  ];
}

function program(r: PutRequest): string[] {
  const sum = sha1(r.content);
  return [
    ...inspect(r),
    `w=0; if [ "$o" != ${sum} ] && { [ $e = 0 ] || [ ${r.force ? 1 : 0} = 1 ]; }; then w=1; fi`,
    ...(r.wantOld ? [`if [ $w = 1 ] && [ $e = 1 ]; then printf B:; base64 -w0 < "$d" || return 1; echo; fi`] : []),
    ...(r.check ? [] : apply(r)),
    'return 0',
  ];
}

/** The F line: mode (octal), size, uid, gid of the file after. */
function statAfter(line: string): FileStat {
  const [mode = '0', size = '0', uid = '0', gid = '0'] = line.split(':');
  return {
    exists: true,
    isDir: false,
    isFile: true,
    isLink: false,
    mode: parseInt(mode, 8),
    size: Number(size),
    uid: Number(uid),
    gid: Number(gid),
    mtime: 0,
  };
}

function parse(r: PutRequest, field: Map<string, string>): PutOutcome {
  const dest = field.get('P') ?? r.dest;
  const refused = field.get('R');
  if (refused === 'dir') return { kind: 'dir', dest };
  if (refused?.startsWith('noparent:')) return { kind: 'noparent', dest, parent: refused.slice(9) };
  const [e = '0', oldSum = '', oldMode = '', size = '0', uid = '0', gid = '0'] = (field.get('O') ?? '').split(':');
  const same = oldSum === sha1(r.content);
  const wrote = r.check ? !same && (e === '0' || r.force) : field.has('W');
  const old = field.get('B');
  const backup = field.get('K');
  const stat = field.get('F');
  const mode = oldMode ? parseInt(oldMode, 8) : undefined;
  return {
    kind: 'done',
    dest,
    existed: e === '1',
    same,
    wrote,
    ...(mode !== undefined ? { oldMode: mode } : {}),
    modeChanged: r.check ? !wrote && e === '1' && r.force && r.mode !== undefined && mode !== r.mode : field.has('C'),
    ...(old !== undefined ? { old: Buffer.from(old, 'base64') } : {}),
    ...(backup !== undefined ? { backup } : {}),
    ...(stat !== undefined && !r.check && (wrote || e === '1') ? { stat: statAfter(stat) } : {}),
    ...(field.has('H') ? { home: field.get('H') } : {}),
    // in check mode the file as it is (the file module's check-mode result shows it so)
    ...(r.check && e === '1' ? { stat: statAfter([oldMode, size, uid, gid].join(':')) } : {}),
  };
}

/** Puts `content` at `dest` as described, in one round trip; `wrote` says whether it (would have) changed. */
export async function putFile(conn: Connection, r: PutRequest): Promise<PutOutcome> {
  if (r.content.length > PUT_INLINE) throw new Error(`putFile: content over ${PUT_INLINE} bytes`);
  return parse(r, await askHost(conn, 'rb_put', program(r), `write ${r.dest}`));
}
