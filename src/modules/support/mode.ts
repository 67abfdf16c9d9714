// File modes as Ansible's file-common arguments take them: an octal string ('0644'), an int
// that YAML read from 0644 (420), or symbolic ('u=rw,g=r,o=r', 'a+x', 'g-w').

/** The numeric mode `spec` asks for, given the current mode (for symbolic changes). */
export function parseMode(spec: unknown, current: number, isDir: boolean): number {
  if (typeof spec === 'number') return spec;
  const s = String(spec).trim();
  if (/^[0-7]{1,4}$/.test(s)) return parseInt(s, 8);
  let mode = current;
  for (const clause of s.split(',')) {
    const m = /^([ugoa]*)([-+=])([rwxXst]*)$/.exec(clause.trim());
    if (!m) throw new Error(`bad symbolic permission for mode: ${s}`);
    mode = applyClause(mode, m[1] || 'a', m[2] ?? '=', m[3] ?? '', isDir);
  }
  return mode;
}

function applyClause(mode: number, who: string, op: string, perms: string, isDir: boolean): number {
  const users = who.includes('a') ? 'ugo' : who;
  let bits = 0;
  for (const u of users) {
    const shift = u === 'u' ? 6 : u === 'g' ? 3 : 0;
    if (perms.includes('r')) bits |= 4 << shift;
    if (perms.includes('w')) bits |= 2 << shift;
    if (perms.includes('x') || (perms.includes('X') && (isDir || mode & 0o111))) bits |= 1 << shift;
    if (perms.includes('s')) bits |= u === 'u' ? 0o4000 : u === 'g' ? 0o2000 : 0;
    if (perms.includes('t')) bits |= 0o1000;
  }
  if (op === '+') return mode | bits;
  if (op === '-') return mode & ~bits;
  let mask = 0;
  for (const u of users) mask |= u === 'u' ? 0o4700 : u === 'g' ? 0o2070 : 0o1007;
  return (mode & ~mask) | bits;
}

/**
 * A mode as chmod(1) and mkdir(1) -m set it exactly, as os.chmod does in Ansible's modules: five
 * octal digits. GNU chmod keeps a directory's set-user-ID and set-group-ID bits when given fewer
 * ("Directories and the Set-User-ID and Set-Group-ID Bits" in its manual: 755 leaves a 2755
 * directory as it is), and mkdir -m keeps the set-group-ID bit a new directory inherits.
 */
export function exactMode(mode: number): string {
  return `0${(mode & 0o7777).toString(8).padStart(4, '0')}`;
}

/** The mode `spec` asks for when it needs no current mode (octal, an int); undefined otherwise. */
export function numericMode(spec: unknown): number | undefined {
  if (typeof spec === 'number') return spec;
  if (typeof spec === 'string' && /^\s*[0-7]{1,4}\s*$/.test(spec)) return parseInt(spec.trim(), 8);
  return undefined;
}

/** '0644', '2750': stat.py's and find.py's "%04o". */
export function modeString(mode: number): string {
  return (mode & 0o7777).toString(8).padStart(4, '0');
}

/**
 * '0%03o' as set_mode_if_different's diff and add_path_info (a file module's result) give it:
 * '0755', '02750' (a leading 0 before any digits).
 */
export function diffModeString(mode: number): string {
  return `0${(mode & 0o7777).toString(8).padStart(3, '0')}`;
}
