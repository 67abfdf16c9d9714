// shlex.split(line, comments=True): quotes group words, `#` starts a comment.
import { RunbookError, type SourceLocation } from '../util/index.js';

export function shlexSplit(line: string, where?: SourceLocation): string[] {
  const words: string[] = [];
  let word: string | null = null;
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"' && i + 1 < line.length && '"\\$`'.includes(line[i + 1] ?? ''))
        word += line[++i] ?? '';
      else word += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      word ??= '';
    } else if (c === '\\' && i + 1 < line.length) {
      word = (word ?? '') + (line[++i] ?? '');
    } else if (/\s/.test(c)) {
      if (word !== null) words.push(word);
      word = null;
    } else if (c === '#' && word === null) {
      break;
    } else {
      word = (word ?? '') + c;
    }
  }
  if (quote) throw new RunbookError(`No closing quotation in: ${line}`, where);
  if (word !== null) words.push(word);
  return words;
}
