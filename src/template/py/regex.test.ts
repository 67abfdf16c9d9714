import { describe, expect, it } from 'vitest';
import { compilePython, pySub, pyFindall, pySearch } from './regex.js';

// Expected values are what CPython 3.11's re module returns for the same calls.
describe('Python re on JavaScript', () => {
  it.each([
    ['(?P<k>\\w+)=(?P<v>\\w+)', '\\g<v>:\\g<k>', 'a=1 b=2', '', '1:a 2:b'],
    ['(\\d)', '<\\1>', 'x1y2', '', 'x<1>y<2>'],
    ['(?i)abc', 'X', 'ABC abc', '', 'X X'],
    ['^x', 'y', 'x1\nx2', 'm', 'y1\ny2'],
    ['a$', 'b', 'aa\n', '', 'ab\n'],
    ['\\Aa', 'b', 'aa', '', 'ba'],
    ['a\\Z', 'b', 'aa', '', 'ab'],
    ['[\\w.]+@', '', 'é.x@y', '', 'y'],
    ['\\d+', '#', 'a١٢b3', '', 'a#b#'],
    ['x{', 'y', 'x{', '', 'y'],
    ['(?#comment)a', 'b', 'a', '', 'b'],
    ['(?x) a \\  b  # spaced', 'c', 'a b', '', 'c'],
    ['(a)|(b)', '[\\1\\2]', 'ab', '', '[a][b]'],
    ['\\-\\_', '=', 'a-_b', '', 'a=b'],
    ['', '-', 'ab', '', '-a-b-'],
  ])('re.sub(%j, %j, %j)', (pattern, repl, text, flags, expected) => {
    expect(pySub(compilePython(pattern, flags), repl, text)).toBe(expected);
  });

  it('findall returns matches, one group, or tuples of groups', () => {
    expect(pyFindall(compilePython('\\d+'), 'a1b22')).toEqual(['1', '22']);
    expect(pyFindall(compilePython('(\\w)=\\d'), 'a=1,b=2')).toEqual(['a', 'b']);
    expect(pyFindall(compilePython('(\\w)=(\\d)?'), 'a=1,b=')).toEqual([
      ['a', '1'],
      ['b', ''],
    ]);
  });

  it('match anchors at the start, search does not', () => {
    expect(pySearch(compilePython('nova'), 'xnova', true)).toBeNull();
    expect(pySearch(compilePython('nova'), 'xnova', false)?.[0]).toBe('nova');
  });

  it('rejects what Python rejects', () => {
    expect(() => compilePython('(')).toThrow(/invalid regular expression/);
    expect(() => compilePython('\\q')).toThrow(/bad escape \\q/);
    expect(() => pySub(compilePython('(a)'), '\\2', 'a')).toThrow(/invalid group reference 2/);
  });
});
