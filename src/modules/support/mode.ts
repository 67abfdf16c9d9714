// File modes as Ansible's file-common arguments take them: an octal string ('0644'), an int
// that YAML read from 0644 (420), or symbolic ('u=rw,g=r,o=r', 'a+x', 'g-w').
import { moduleFail } from '../define.js';

/**
 * Python's int(spec, 8), which set_mode_if_different tries first: spaces around, a sign, a 0o
 * prefix, underscores between digits ('01777', '0o755', ' 644 '); undefined when it raises.
 */
export function pyOctal(spec: string): number | undefined {
  const m = /^\s*([+-]?)(?:0[oO]_?)?([0-7](?:_?[0-7])*)\s*$/.exec(spec);
  if (!m) return undefined;
  const n = parseInt((m[2] ?? '').replaceAll('_', ''), 8);
  return m[1] === '-' ? -n : n;
}

/**
 * The umask a module's symbolic mode without users ('+x', '=rw') leaves alone. Chosen: the host's
 * umask is not read; 022, sshd's and the usual shells' default.
 */
const HOST_UMASK = 0o022;

/**
 * The numeric mode `spec` asks for, given the path's mode: octal as int(mode, 8) reads it, else
 * symbolic (_symbolic_mode_to_octal), else set_mode_if_different's failure, about `path`.
 */
export function parseMode(spec: unknown, current: number, isDir: boolean, path?: string): number {
  if (typeof spec === 'number') return spec;
  const s = String(spec);
  const octal = pyOctal(s);
  if (octal !== undefined) return octal;
  const at = path !== undefined ? { path } : {};
  let mode: number;
  try {
    mode = symbolicToOctal(s, current & 0o7777, isDir);
  } catch (e) {
    return moduleFail('mode must be in octal or symbolic form', { ...at, details: (e as Error).message });
  }
  if (mode !== (mode & 0o7777))
    moduleFail('Invalid mode supplied, only permission info is allowed', { ...at, details: mode });
  return mode;
}

/**
 * AnsibleModule._symbolic_mode_to_octal (2.14): each clause split on its operators ('u=rw-x+X'),
 * every class's bits computed from the path's mode as it was (not as the clauses before left
 * it), the umask honoured where no users are named. Its checks look at the first character of
 * the users and of each perms only (re.match); a later bad one is a KeyError, whose text is
 * the character quoted.
 */
function symbolicToOctal(spec: string, original: number, isDir: boolean): number {
  let mode = original;
  for (const clause of spec.split(',')) {
    const perms = clause.split(/[-+=]/);
    const opers = clause.match(/[-+=]/g) ?? [];
    let users = perms.shift() ?? '';
    const useUmask = users === '';
    if (users === 'a' || users === '') users = 'ugo';
    if (/^[^ugo]/.test(users)) throw new Error(`bad symbolic permission for mode: ${clause}`);
    perms.forEach((p, i) => {
      if (/^[^rwxXstugo]/.test(p)) throw new Error(`bad symbolic permission for mode: ${clause}`);
      for (const user of users)
        mode = applyOperation(user, opers[i] ?? '=', permBits(user, p, original, isDir, useUmask), mode);
    });
  }
  return mode;
}

/** _get_octal_mode_from_symbolic_perms: the bits `perms` stand for, for one class. */
function permBits(user: string, perms: string, prev: number, isDir: boolean, useUmask: boolean): number {
  const shift = user === 'u' ? 6 : user === 'g' ? 3 : user === 'o' ? 0 : undefined;
  if (shift === undefined) throw new Error(`'${user}'`);
  const keep = useUmask ? ~HOST_UMASK : 0o7777;
  const applyX = isDir || (prev & 0o111) > 0;
  const classBits = (of: number): number => ((prev >> of) & 7) << shift;
  const table: Record<string, number> = {
    r: (4 << shift) & keep,
    w: (2 << shift) & keep,
    x: (1 << shift) & keep,
    X: applyX ? 1 << shift : 0,
    s: user === 'u' ? 0o4000 : user === 'g' ? 0o2000 : 0,
    t: user === 'o' ? 0o1000 : 0,
    u: classBits(6),
    g: classBits(3),
    o: classBits(0),
  };
  let bits = 0;
  for (const p of perms) {
    const b = table[p];
    if (b === undefined) throw new Error(`'${p}'`);
    bits |= b;
  }
  return bits;
}

/** _apply_operation_to_mode. */
function applyOperation(user: string, op: string, bits: number, mode: number): number {
  if (op === '+') return mode | bits;
  if (op === '-') return mode - (mode & bits);
  const mask = user === 'u' ? 0o4700 : user === 'g' ? 0o2070 : 0o1007;
  return (mode & (mask ^ 0o7777)) | bits;
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
  return typeof spec === 'string' ? pyOctal(spec) : undefined;
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
