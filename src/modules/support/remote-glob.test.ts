import { describe, expect, it } from 'vitest';
import { remoteGlob, type GlobHost } from './remote-glob.js';

// A tree as the host lists it, in readdir order (deliberately not sorted). The expected
// matches are what Python 3.11's glob.glob gave for the same tree on disk (compared as sets),
// in the listing's order: glob yields in os.scandir order.
const TREE: Record<string, [string, boolean][]> = {
  t: [
    ['z.txt', false],
    ['b.d', true],
    ['.dot.txt', false],
    ['a.txt', false],
    ['link.d', true], // a symlink to a.d: scandir's is_dir() follows it
    ['broken.txt', false], // a dangling symlink: lexists, not a directory
    ['a.d', true],
    ['.h', true],
  ],
  't/b.d': [['q.txt', false]],
  't/a.d': [['x', true]],
  't/link.d': [['x', true]],
  't/a.d/x': [['y.txt', false]],
  't/link.d/x': [['y.txt', false]],
  't/.h': [['k.txt', false]],
};

const host: GlobHost = {
  entries: async (dir) => (TREE[dir.replace(/\/+$/, '')] ?? []).map(([name, isDir]) => ({ name, isDir })),
  lexists: async (p) => {
    const i = p.lastIndexOf('/');
    return (TREE[p.slice(0, i)] ?? []).some(([n]) => n === p.slice(i + 1));
  },
  isDir: async (p) => p.replace(/\/+$/, '') in TREE,
};

const CASES: [string, string[]][] = [
  ['t/*.txt', ['t/z.txt', 't/a.txt', 't/broken.txt']],
  ['t/*', ['t/z.txt', 't/b.d', 't/a.txt', 't/link.d', 't/broken.txt', 't/a.d']],
  ['t/.*', ['t/.dot.txt', 't/.h']],
  ['t/*/', ['t/b.d/', 't/link.d/', 't/a.d/']],
  ['t/*.d/*.txt', ['t/b.d/q.txt']],
  ['t/*/x/*.txt', ['t/link.d/x/y.txt', 't/a.d/x/y.txt']],
  ['t/*/q.txt', ['t/b.d/q.txt']],
  ['t/[ab].txt', ['t/a.txt']],
  ['t/nothing*', []],
  ['t/a.txt', ['t/a.txt']],
  ['t/*.d', ['t/b.d', 't/link.d', 't/a.d']],
  ['t/?.txt', ['t/z.txt', 't/a.txt']],
  ['t/.h/*', ['t/.h/k.txt']],
  ['t/*/*/', ['t/link.d/x/', 't/a.d/x/']],
];

describe('remoteGlob (glob.glob on the target)', () => {
  it.each(CASES)('%s', async (pattern, expected) => {
    expect(await remoteGlob(host, pattern)).toEqual(expected);
  });
});
