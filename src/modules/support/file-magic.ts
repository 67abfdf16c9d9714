// stat's mime type and charset come from file(1), as stat.py runs it (`file -i PATH`, read by
// its "mimetype; charset=" split). One file(1) costs the host ~20 ms of CPU — it loads the 8 MB
// compiled magic database each time — more than every other tool of a stat together. A shell
// that is kept between commands (Connection.keepsShell) starts one `file -n -f -` the first
// time and asks it for each path: the same library, the same database, the same line per path
// (`-n` flushes after each), in well under a millisecond.
import { KEPT_FDS } from '../../connection/index.js';

const { to: TO, from: FROM } = KEPT_FDS;
const FILE = 'file --mime-type --mime-encoding';
/** A file(1) of its own for "$1". */
const OWN = `${FILE} -- "$1" 2>/dev/null`;

/**
 * Shell text defining `rb_mime PATH`: file(1)'s line for PATH. With `keep`, through the shell's
 * own file(1) process (RB_MAGIC: 1 running, 2 not to be tried again), started the first time;
 * a path with a newline (one name per line), `-` (stdin to file(1)) or a helper that cannot
 * start or has died takes a file(1) of its own.
 */
export function mimeFunction(keep: boolean): string {
  if (!keep) return `rb_mime() { ${OWN}; }`;
  return [
    'rb_mime() {',
    `  case $1 in -|*'\n'*) ${OWN}; return;; esac`,
    '  if [ -z "${RB_MAGIC-}" ]; then',
    // fifos the shell alone can open (0600, its pid in the name; an old one left: no helper).
    // The helper opens its input before its output, so once the shell's own opens return both
    // ends are open and the names can go; the shell holds the input read-write, so opening it
    // never blocks, and file(1) reads until the shell's end closes it (the shell exits).
    '    RB_MAGIC=2; f=${TMPDIR:-/tmp}/.rb-magic-$$',
    '    if mkfifo -m 600 "$f.i" "$f.o" 2>/dev/null; then',
    `      ${FILE} -n -f - <"$f.i" >"$f.o" 2>/dev/null &`,
    `      command exec ${TO}<>"$f.i" ${FROM}<"$f.o" && RB_MAGIC=1; rm -f "$f.i" "$f.o"`,
    '    fi',
    '  fi',
    `  if [ "$RB_MAGIC" = 1 ] && printf '%s\\n' "$1" >&${TO} && IFS= read -r l <&${FROM}; then printf '%s\\n' "$l"; return 0; fi`,
    `  if [ "$RB_MAGIC" = 1 ]; then RB_MAGIC=2; exec ${TO}>&- ${FROM}>&-; fi`,
    `  ${OWN}`,
    '}',
  ].join('\n');
}
