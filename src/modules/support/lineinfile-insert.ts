// lineinfile's insertion when no line matched (the tail of present() in lineinfile.py):
// an exact copy already there is left alone; otherwise insertafter/insertbefore decide.
import { compilePythonRegex } from './py-regex.js';

function lastIndex(lines: string[], pattern: string, firstmatch: boolean): number {
  const re = compilePythonRegex(pattern);
  let found = -1;
  for (let i = 0; i < lines.length; i++) {
    if (re.test(lines[i] ?? '')) {
      found = i;
      if (firstmatch) break;
    }
  }
  return found;
}

const bare = (l: string | undefined): string => (l ?? '').replace(/[\r\n]+$/, '');

/** Inserts `line` into `lines` in place; returns [changed, msg]. */
export function insertLine(lines: string[], line: string, a: Record<string, unknown>): [boolean, string] {
  const after = a.insertafter as string | undefined;
  const before = a.insertbefore as string | undefined;
  const exact = lines.map((l) => bare(l)).lastIndexOf(line);
  if (exact >= 0) {
    // Ansible rewrites an exact match that lacks its line ending (the last line of the file).
    if (lines[exact] === `${line}\n`) return [false, ''];
    lines[exact] = `${line}\n`;
    return [true, 'line replaced'];
  }
  const ensureEol = (): void => {
    const last = lines[lines.length - 1];
    if (last !== undefined && !last.endsWith('\n')) lines[lines.length - 1] = `${last}\n`;
  };
  if (before === 'BOF' || after === 'BOF') {
    lines.unshift(`${line}\n`);
    return [true, 'line added'];
  }
  const anchor =
    after && after !== 'EOF'
      ? lastIndex(lines, after, Boolean(a.firstmatch))
      : before
        ? lastIndex(lines, before, Boolean(a.firstmatch))
        : -1;
  if (after === 'EOF' || anchor === -1 || (!after && !before)) {
    ensureEol();
    lines.push(`${line}\n`);
    return [true, 'line added'];
  }
  if (after) {
    lines.splice(anchor + 1, 0, `${line}\n`);
    return [true, 'line added'];
  }
  lines.splice(anchor, 0, `${line}\n`);
  return [true, 'line added'];
}
