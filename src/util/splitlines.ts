// Python's str.splitlines: Ansible splits a module's stdout and stderr with it (stdout_lines,
// stderr_lines), and templates call it as a string method. Besides "\n" and "\r\n", a lone "\r"
// (a progress bar's redraw), \v, \f, the file/group/record separators, NEL and the Unicode line
// and paragraph separators end a line; a final line end makes no empty last line.

// eslint-disable-next-line no-control-regex -- Python's str.splitlines breaks at these separators too
const LINE_BOUNDARY = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/g;

/** str.splitlines(keepends). */
export function pySplitLines(s: string, keepEnds = false): string[] {
  const out: string[] = [];
  let last = 0;
  for (const m of s.matchAll(LINE_BOUNDARY)) {
    const end = m.index + m[0].length;
    out.push(s.slice(last, keepEnds ? end : m.index));
    last = end;
  }
  if (last < s.length) out.push(s.slice(last));
  return out;
}
