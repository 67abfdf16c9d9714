// Python's textwrap.wrap with its defaults (break_long_words, break_on_hyphens, whitespace
// replaced and dropped at line ends), which Ansible's Display.warning applies to every warning
// at the terminal's width (79 columns off a terminal): utils/display.py at stable-2.14.

// TextWrapper.wordsep_re: whitespace runs, words (split after a hyphen between letters), em-dashes
const WORDSEP = new RegExp(
  String.raw`(\s+|(?<=[\w!"'&.,?])-{2,}(?=\w)|\S+?(?:-(?:(?<=[^\d\W]{2}-)|(?<=[^\d\W]-[^\d\W]-))(?=[^\d\W]-?[^\d\W])|(?=\s|$)|(?<=[\w!"'&.,?])(?=-{2,}\w)))`,
  'u',
);

function chunks(text: string): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest) {
    const m = WORDSEP.exec(rest);
    if (!m || m.index !== 0 || !m[0]) {
      // what the pattern does not take at the start (it always does for non-empty text) goes whole
      out.push(rest);
      break;
    }
    out.push(m[0]);
    rest = rest.slice(m[0].length);
  }
  return out;
}

/** textwrap.wrap(text, width). */
export function wrap(text: string, width: number): string[] {
  const parts = chunks(text.replace(/\t/g, '        ').replace(/\s/g, ' ')).reverse();
  const lines: string[] = [];
  while (parts.length) {
    const cur: string[] = [];
    let len = 0;
    // drop_whitespace: no line starts with whitespace (but the first)
    if (lines.length && parts[parts.length - 1]!.trim() === '') parts.pop();
    while (parts.length) {
      const l = parts[parts.length - 1]!.length;
      if (len + l <= width) {
        cur.push(parts.pop()!);
        len += l;
      } else break;
    }
    // _handle_long_word: a chunk longer than the line is broken at the width
    if (parts.length && parts[parts.length - 1]!.length > width) {
      const space = Math.max(width - len, 1);
      const chunk = parts.pop()!;
      cur.push(chunk.slice(0, space));
      parts.push(chunk.slice(space));
    }
    if (cur.length && cur[cur.length - 1]!.trim() === '') cur.pop();
    if (cur.length) lines.push(cur.join(''));
  }
  return lines;
}

/** Display.warning's text: "[WARNING]: msg" wrapped at 79 columns. */
export function warningText(message: string, width = 79): string {
  return wrap(`[WARNING]: ${message}`, width).join('\n');
}

/** Display.error's text: "\n[ERROR]: msg" through textwrap (the newline becomes a leading space). */
export function errorText(message: string, width = 79): string {
  return wrap(`\n[ERROR]: ${message}`, width).join('\n');
}
