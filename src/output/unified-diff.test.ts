// unifiedDiff against Python's difflib on 300 recorded random pairs (scripts/record-difflib.py).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { unifiedDiff } from './unified-diff.js';

interface Recorded {
  recorded_with: string;
  sha256: string;
  cases: { a: string[]; b: string[]; diff: string[] }[];
}
const rec = JSON.parse(readFileSync('test/fixtures/difflib.json', 'utf8')) as Recorded;

describe('unifiedDiff = difflib.unified_diff', () => {
  it('the recording matches its inputs', () => {
    // json.dumps default separators: ", " and ": ".
    const inputs = JSON.stringify(rec.cases.map((c) => [c.a, c.b]))
      .replace(/","/g, '", "')
      .replace(/\],\[/g, '], [')
      .replace(/"\],\["/g, '"], ["');
    expect(createHash('sha256').update(inputs).digest('hex')).toBe(rec.sha256);
  });
  it.each(rec.cases.map((c, i) => [i, c] as const))('case %i', (_i, c) => {
    expect(unifiedDiff(c.a, c.b, 'before: f', 'after: f')).toEqual(c.diff);
  });
});
