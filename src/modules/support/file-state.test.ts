import { describe, expect, it } from 'vitest';
import { walkOrder } from './file-state.js';

// find's preorder listing ('%y%Y path', \x1e between entries), as ensureAbsent reads it
const listing = (entries: string[]): string => entries.map((e) => `${e}\x1e`).join('');

describe('walkOrder (file.py initial_diff path_content, os.walk top-down)', () => {
  it("lists a directory's subdirectories and files before theirs, each in readdir order", () => {
    const out = walkOrder(
      '/r',
      listing(['dd /r/a', 'dd /r/a/x', 'ff /r/a/x/f1', 'ff /r/a/f2', 'ff /r/top', 'dd /r/b', 'ff /r/b/f3']),
    );
    expect(out).toEqual({
      directories: ['/r/a', '/r/b', '/r/a/x'],
      files: ['/r/top', '/r/a/f2', '/r/a/x/f1', '/r/b/f3'],
    });
  });

  it('counts a link to a directory as a directory without entering it, a broken link as a file', () => {
    expect(walkOrder('/r/', listing(['ld /r/l', 'lN /r/broken', 'ff /r/f']))).toEqual({
      directories: ['/r/l'],
      files: ['/r/broken', '/r/f'],
    });
  });

  it('gives empty lists for an empty directory', () => {
    expect(walkOrder('/r', '')).toEqual({ directories: [], files: [] });
  });
});
