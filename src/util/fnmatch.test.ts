// fnmatch against Python's own answers (python3 -c 'import fnmatch; fnmatch.fnmatch(n, p)').
import { describe, expect, it } from 'vitest';
import { fnmatch } from './fnmatch.js';

const CASES: [name: string, pattern: string, python: boolean][] = [
  ['a/b.txt', '*.txt', true],
  ['a/b.txt', '*b.txt', true],
  ['b.txt', 'b.tx?', true],
  ['b.txt', 'B.txt', false],
  ['x.log', '[xy].log', true],
  ['z.log', '[!xy].log', true],
  ['x.log', '[!xy].log', false],
  [']', '[]]', true],
  ['[a', '[a', true],
  ['a.b', 'a?b', true],
  ['a\nb', 'a*b', true],
  ['a+b', 'a+b', true],
  ['^', '[\\^]', true],
  ['file-1', 'file-[0-9]', true],
];

describe('fnmatch', () => {
  it.each(CASES)('%s against %s is %s', (name, pattern, want) => {
    expect(fnmatch(name, pattern)).toBe(want);
  });
});
