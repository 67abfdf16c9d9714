// A seeded slice of the YAML and INI fuzzers (npm run fuzz runs 100 000 of each): every input
// parses or fails with a RunbookError naming a line.
import { describe, expect, it } from 'vitest';
import { fuzzText } from './support/text-fuzz.js';
import { TextGrammar, rng } from './support/text-grammars.js';

describe('YAML and INI fuzzing (seeded slice)', () => {
  for (const target of ['yaml', 'ini'] as const) {
    it(`${target}: 3 000 generated inputs, positioned errors only`, () => {
      const r = fuzzText(target, 20261130, 0, 3000);
      expect(r.bugs).toEqual([]);
      expect(r.inputs).toBe(3000);
      // both outcomes occur, or the generator tests little
      expect(r.parsed).toBeGreaterThan(300);
      expect(r.positionedErrors).toBeGreaterThan(300);
    }, 120_000);
  }

  it('is deterministic for a seed', () => {
    const a = new TextGrammar(rng(3));
    const b = new TextGrammar(rng(3));
    expect(Array.from({ length: 10 }, () => a.yaml() + a.ini())).toEqual(
      Array.from({ length: 10 }, () => b.yaml() + b.ini()),
    );
  });
});
