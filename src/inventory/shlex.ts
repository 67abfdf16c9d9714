// shlex.split(line, comments=True) as Python 3 reads it (posix, whitespace_split): quotes group
// words, a backslash escapes the next character outside quotes and only `"` or `\` inside double
// quotes, and `#` starts a comment even in the middle of a word. Errors are Python's ValueErrors.

const WHITESPACE = ' \t\r\n';

export function shlexSplit(line: string): string[] {
  const words: string[] = [];
  let token = '';
  let quoted = false;
  // ' ' between words, 'a' in a word, a quote character inside quotes
  let state = ' ';
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (state === "'" || state === '"') {
      if (c === state) state = 'a';
      else if (state === '"' && c === '\\') {
        if (i + 1 >= line.length) throw new Error('No escaped character');
        const next = line[++i] as string;
        // inside double quotes the backslash stays unless it escapes the quote or itself
        token += next === '"' || next === '\\' ? next : `\\${next}`;
      } else token += c;
      continue;
    }
    if (WHITESPACE.includes(c)) {
      if (state === 'a' && (token || quoted)) words.push(token);
      if (state === 'a') [token, quoted, state] = ['', false, ' '];
      continue;
    }
    if (c === '#') {
      // the rest of the line is a comment; a word before it ends there
      if (state === 'a' && (token || quoted)) words.push(token);
      return words;
    }
    state = 'a';
    if (c === '"' || c === "'") {
      quoted = true;
      state = c;
    } else if (c === '\\') {
      if (i + 1 >= line.length) throw new Error('No escaped character');
      token += line[++i];
    } else token += c;
  }
  if (state === "'" || state === '"') throw new Error('No closing quotation');
  if (state === 'a' && (token || quoted)) words.push(token);
  return words;
}
