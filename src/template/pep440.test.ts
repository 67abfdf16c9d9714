import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { comparePep440, pep440Key } from './pep440.js';
import { TemplateError } from './errors.js';

// recorded from Python's packaging.version by scripts/record-pep440.py
const recorded = JSON.parse(readFileSync(new URL('./pep440.cases.json', import.meta.url), 'utf8')) as {
  pairs: [string, string, number][];
  invalid: [string, string][];
};

describe('PEP 440 ordering as packaging.version.Version', () => {
  it.each(recorded.pairs)('%j against %j is %i', (a, b, want) => {
    expect(comparePep440(a, b)).toBe(want);
    expect(comparePep440(b, a)).toBe(0 - want);
  });

  it.each(recorded.invalid)('refuses %j', (text, message) => {
    expect(() => pep440Key(text)).toThrow(TemplateError);
    expect(() => pep440Key(text)).toThrow(message);
  });
});
