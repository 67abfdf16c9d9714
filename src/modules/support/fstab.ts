// fstab lines as ansible.posix's mount module edits them (Linux): _escape_fstab on the values,
// an entry found by its mount point (and, for swap, its source), fields compared as text.

export interface FstabArgs {
  name: string;
  src?: string;
  fstype?: string;
  opts: string;
  dump: string;
  passno: string;
  fstab: string;
  boot: string;
  warnings: string[];
  backup_file: string;
}

/** _escape_fstab: space, ampersand and backslash as octal escapes. */
export function escapeFstab(v: string): string {
  return v.replace(/\\/g, '\\134').replace(/ /g, '\\040').replace(/&/g, '\\046');
}

const FIELDS = ['src', 'name', 'fstype', 'opts', 'dump', 'passno'] as const;
type Entry = Record<(typeof FIELDS)[number], string>;
/** A parsed line: a four- or five-field line lacks dump/passno, which the module then holds as
 * the integer 0 — never equal to the text '0', so such a line is always rewritten. */
type Parsed = Record<(typeof FIELDS)[number], string | undefined>;

function escaped(args: FstabArgs): Entry {
  const e = (v: string | undefined): string => escapeFstab(v ?? '');
  return {
    src: e(args.src),
    name: e(args.name),
    fstype: e(args.fstype),
    opts: e(args.opts),
    dump: e(args.dump),
    passno: e(args.passno),
  };
}

const lineOf = (d: Parsed): string => `${d.src} ${d.name} ${d.fstype} ${d.opts} ${d.dump} ${d.passno}\n`;

/** Whether a parsed line is another entry (another mount point, or another swap source). */
function other(ld: Parsed, want: Entry, srcGiven: boolean): boolean {
  return ld.name !== want.name || (srcGiven && ld.name === 'none' && ld.fstype === 'swap' && ld.src !== want.src);
}

const passThrough = (line: string): boolean => !line.trim() || line.trim().startsWith('#');

/** _set_mount_save_old: the lines with the entry added or corrected, and the old lines. */
export function editFstab(
  lines: string[],
  args: FstabArgs,
  srcGiven: boolean,
): { changed: boolean; lines: string[]; old: string[] } {
  const want = escaped(args);
  const old: string[] = [];
  const out: string[] = [];
  let exists = false;
  let changed = false;
  for (let line of lines) {
    if (!line.endsWith('\n')) line += '\n';
    old.push(line);
    const fields = line.split(/\s+/).filter(Boolean);
    if (passThrough(line) || ![4, 5, 6].includes(fields.length)) {
      out.push(line);
      continue;
    }
    const ld: Parsed = { src: '', name: '', fstype: '', opts: '', dump: undefined, passno: undefined };
    fields.forEach((f, i) => (ld[FIELDS[i]!] = f));
    if (other(ld, want, srcGiven)) {
      out.push(line);
      continue;
    }
    exists = true;
    // `changed` carries over from an earlier matching line, as in the module
    for (const t of ['src', 'fstype', 'opts', 'dump', 'passno'] as const)
      if (ld[t] !== want[t]) {
        ld[t] = want[t];
        changed = true;
      }
    out.push(changed ? lineOf(ld) : line);
  }
  if (!exists) {
    out.push(lineOf(want));
    changed = true;
  }
  return { changed, lines: out, old };
}

/** unset_mount: the entry's lines dropped (only six-field lines are entries here). */
export function removeFromFstab(
  lines: string[],
  args: FstabArgs,
  srcGiven: boolean,
): { changed: boolean; lines: string[] } {
  const want = escaped(args);
  const out: string[] = [];
  let changed = false;
  for (const line of lines) {
    const fields = line.split(/\s+/).filter(Boolean);
    if (passThrough(line) || fields.length !== 6) {
      out.push(line);
      continue;
    }
    const ld = Object.fromEntries(FIELDS.map((k, i) => [k, fields[i]!])) as Entry;
    if (other(ld, want, srcGiven)) out.push(line);
    else changed = true;
  }
  return { changed, lines: out };
}
