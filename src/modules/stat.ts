// stat: facts about a path (ansible/modules/stat.py at stable-2.14): every field format_output
// gives, access as the connecting user, link source and target, owner and group names, the
// checksum, mime type and charset (file(1)) and attributes (lsattr) — in one shell program.
import { defineModule } from './define.js';
import { PyFloat, shellQuote } from '../util/index.js';
import { mimeFunction } from './support/file-magic.js';
import { shellProgram } from './support/shell-program.js';

export default defineModule({
  name: 'stat',
  collection: 'ansible.builtin',
  description: 'Reports facts about a file',
  checkMode: 'supported',
  args: {
    path: { type: 'path', required: true, aliases: ['dest', 'name'], description: 'The path to inspect.' },
    follow: { type: 'bool', default: false, description: 'Follow links.' },
    get_checksum: { type: 'bool', default: true, description: 'Compute the checksum of files.' },
    get_md5: { type: 'bool', default: false, description: 'Also the md5 of files (deprecated in Ansible).' },
    checksum_algorithm: {
      type: 'str',
      default: 'sha1',
      aliases: ['checksum', 'checksum_algo'],
      choices: ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512'],
      description: 'The checksum algorithm.',
    },
    get_mime: {
      type: 'bool',
      default: true,
      aliases: ['mime', 'mime_type', 'mime-type'],
      description: 'Report mimetype and charset (file(1)).',
    },
    get_attributes: {
      type: 'bool',
      default: true,
      aliases: ['attr', 'attributes'],
      description: 'Report the attributes (lsattr).',
    },
  },
  run: async (a, ctx) => {
    const path = String(a.path);
    const r = await ctx.conn.exec(statProgram(path, a, ctx.conn.keepsShell === true), { inShell: true });
    const lines = r.stdout.split('\n');
    const field = (tag: string): string | undefined =>
      lines.find((l) => l.startsWith(`${tag}:`))?.slice(tag.length + 1);
    const raw = field('S');
    if (raw === undefined || lines.includes('E')) {
      const error = raw ?? '';
      if (/No such file or directory/.test(error) || !error)
        return { changed: false, data: { stat: new Map([['exists', false]]) } };
      return { changed: false, failed: true, msg: error.replace(/^.*: /, '') };
    }
    const stat = formatOutput(path, raw.split('|'), new Set(lines));
    const source = field('LS');
    if (stat.get('islnk') === true && source !== undefined)
      stat.set('lnk_source', source).set('lnk_target', field('LT'));
    const [owner, group] = [raw.split('|')[10], raw.split('|')[11]];
    if (owner && owner !== 'UNKNOWN') stat.set('pw_name', owner);
    if (group && group !== 'UNKNOWN') stat.set('gr_name', group);
    // sha1sum's line is "<sum>  -": its first word
    const md5 = field('5')?.split(' ')[0];
    if (md5) stat.set('md5', md5);
    const sum = field('C')?.split(' ')[0];
    if (sum) stat.set('checksum', sum);
    if (a.get_mime) mimeOf(field('M'), stat);
    if (a.get_attributes) attributesOf(field('A'), stat);
    return { changed: false, data: { stat } };
  },
});

const SUMS: Record<string, string> = {
  md5: 'md5sum',
  sha1: 'sha1sum',
  sha224: 'sha224sum',
  sha256: 'sha256sum',
  sha384: 'sha384sum',
  sha512: 'sha512sum',
};

/**
 * One program for every field stat.py gathers: stat(1), access, links, checksum, file(1), lsattr.
 * Each tool writes its line straight after its tag (no `$(…)`: a command substitution forks the
 * shell before the tool runs, so each field cost the host a fork besides the tool's own start);
 * `|| echo` ends the line of a tool that failed without one. stat(1)'s error takes the S line and
 * an E line follows. A shell program (shell-program.ts): in a kept shell it runs in place, and
 * file(1) answers from the shell's own file(1) process (file-magic.ts).
 */
function statProgram(path: string, a: Record<string, unknown>, keep: boolean): string {
  const p = shellQuote(path);
  const sum = SUMS[String(a.checksum_algorithm)] ?? 'sha1sum';
  const line = (tag: string, command: string): string => `{ printf '${tag}:'; ${command} || echo; }`;
  // S_ISREG of what stat.py stat()ed: a link itself is not regular unless followed ([ -f ] follows)
  const regular = a.follow ? '[ -f "$p" ]' : '[ -f "$p" ] && [ ! -L "$p" ]';
  return shellProgram('rb_stat', [
    `p=${p}`,
    // a path that is not there, in a directory that is and can be searched, is lstat's ENOENT
    // (stat.py's exists: false) without starting stat(1); anything else asks stat(1) for its error
    'case $p in */*) q=${p%/*}; q=${q:-/};; *) q=.;; esac; n=${p##*/}',
    'if [ ! -e "$p" ] && [ ! -L "$p" ] && [ -d "$q" ] && [ -x "$q" ] && [ ${#n} -le 255 ]; then echo E; return 0; fi',
    `printf S:; stat ${a.follow ? '-L ' : ''}-c '%f|%i|%d|%h|%u|%g|%s|%.9X|%.9Y|%.9Z|%U|%G|%b|%o|%r' -- "$p" 2>&1 || { echo; echo E; return 0; }`,
    '[ -r "$p" ] && echo R; [ -w "$p" ] && echo W; [ -x "$p" ] && echo X',
    `[ -L "$p" ] && { ${line('LS', 'readlink -f -- "$p"')}; ${line('LT', 'readlink -- "$p"')}; }`,
    a.get_checksum ? `${regular} && [ -r "$p" ] && ${line('C', `${sum} < "$p"`)}` : '',
    a.get_md5 ? `${regular} && [ -r "$p" ] && ${line('5', 'md5sum < "$p"')}` : '',
    a.get_mime ? mimeFunction(keep) : '',
    a.get_mime ? `command -v file >/dev/null && ${line('M', 'rb_mime "$p"')}` : '',
    a.get_attributes ? `command -v lsattr >/dev/null && ${line('A', 'lsattr -vd -- "$p" 2>/dev/null')}` : '',
    'return 0',
  ]);
}

/** stat.py format_output from stat(1)'s fields (%f is the raw mode in hex). */
function formatOutput(path: string, f: string[], flags: Set<string>): Map<string, unknown> {
  const mode = parseInt(f[0] ?? '0', 16);
  const type = mode & 0o170000;
  const num = (i: number): number => Number(f[i] ?? 0);
  const time = (i: number): unknown => {
    const t = Number(f[i] ?? 0);
    return Number.isInteger(t) ? new PyFloat(t) : t;
  };
  return new Map<string, unknown>([
    ['exists', true],
    ['path', path],
    ['mode', (mode & 0o7777).toString(8).padStart(4, '0')],
    ['isdir', type === 0o040000],
    ['ischr', type === 0o020000],
    ['isblk', type === 0o060000],
    ['isreg', type === 0o100000],
    ['isfifo', type === 0o010000],
    ['islnk', type === 0o120000],
    ['issock', type === 0o140000],
    ['uid', num(4)],
    ['gid', num(5)],
    ['size', num(6)],
    ['inode', num(1)],
    ['dev', num(2)],
    ['nlink', num(3)],
    ['atime', time(7)],
    ['mtime', time(8)],
    ['ctime', time(9)],
    ['wusr', Boolean(mode & 0o200)],
    ['rusr', Boolean(mode & 0o400)],
    ['xusr', Boolean(mode & 0o100)],
    ['wgrp', Boolean(mode & 0o020)],
    ['rgrp', Boolean(mode & 0o040)],
    ['xgrp', Boolean(mode & 0o010)],
    ['woth', Boolean(mode & 0o002)],
    ['roth', Boolean(mode & 0o004)],
    ['xoth', Boolean(mode & 0o001)],
    ['isuid', Boolean(mode & 0o4000)],
    ['isgid', Boolean(mode & 0o2000)],
    ['blocks', num(12)],
    ['block_size', num(13)],
    ['device_type', num(14)],
    ['readable', flags.has('R')],
    ['writeable', flags.has('W')],
    ['executable', flags.has('X')],
  ]);
}

/** get_mime: `file --mime-type --mime-encoding` → mimetype and charset, 'unknown' otherwise. */
function mimeOf(line: string | undefined, stat: Map<string, unknown>): void {
  stat.set('mimetype', 'unknown').set('charset', 'unknown');
  const m = line ? /:\s*([^;:]+);\s*charset=(\S+)\s*$/.exec(line) : null;
  if (m) stat.set('mimetype', m[1]?.trim()).set('charset', m[2]?.trim());
}

// basic.py FILE_ATTRIBUTES: lsattr's flag letters by name
const FILE_ATTRIBUTES: Record<string, string> = {
  A: 'noatime',
  a: 'append',
  c: 'compressed',
  C: 'nocow',
  d: 'nodump',
  D: 'dirsync',
  e: 'extents',
  E: 'encrypted',
  h: 'blocksize',
  i: 'immutable',
  I: 'indexed',
  j: 'journalled',
  N: 'inline',
  s: 'zero',
  S: 'synchronous',
  t: 'notail',
  T: 'blockroot',
  u: 'undelete',
  X: 'compressedraw',
  Z: 'compresseddirty',
};

/** get_file_attributes: `lsattr -vd` → version, attr_flags and the attributes' names. */
function attributesOf(line: string | undefined, stat: Map<string, unknown>): void {
  stat.set('version', null).set('attributes', []).set('attr_flags', '');
  const parts = line?.trim().split(/\s+/) ?? [];
  if (parts.length < 3) return;
  const flags = (parts[1] ?? '').replaceAll('-', '');
  stat
    .set('version', parts[0])
    .set('attr_flags', flags)
    .set(
      'attributes',
      [...flags].filter((c) => c in FILE_ATTRIBUTES).map((c) => FILE_ATTRIBUTES[c]),
    );
}
