// A file every connection reads is parsed once per version of it, and again once it changes.
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cachedFile } from './file-cache.js';

const dir = mkdtempSync(join(tmpdir(), 'rb-file-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('cachedFile', () => {
  it('parses a file once, again after it changes, and answers undefined for none or a directory', () => {
    const path = join(dir, 'known_hosts');
    writeFileSync(path, 'one\n');
    let parses = 0;
    const parse = (data: Buffer): string => {
      parses++;
      return data.toString('utf8').trim();
    };
    expect(cachedFile(path, 'test', parse)).toBe('one');
    expect(cachedFile(path, 'test', parse)).toBe('one');
    expect(parses).toBe(1);
    writeFileSync(path, 'one\ntwo\n');
    expect(cachedFile(path, 'test', parse)).toBe('one\ntwo');
    expect(parses).toBe(2);
    // same size, another mtime
    writeFileSync(path, 'one\nsix\n');
    utimesSync(path, new Date(), new Date(Date.now() + 5000));
    expect(cachedFile(path, 'test', parse)).toBe('one\nsix');
    expect(cachedFile(path, 'other kind', (d) => d.length)).toBe(8);
    expect(cachedFile(join(dir, 'absent'), 'test', parse)).toBeUndefined();
    expect(cachedFile(dir, 'test', parse)).toBeUndefined();
  });
});
