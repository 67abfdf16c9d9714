// A seeded slice of the template fuzzer (npm run fuzz:template runs 100 000): every input
// either renders or fails with a TemplateError that carries a line and a column.
import { describe, expect, it } from 'vitest';
import { fuzzTemplates } from './support/fuzz-run.js';
import { TemplateGrammar, rng } from './support/template-grammar.js';

describe('template fuzzing (seeded slice)', () => {
  it('survives 3 000 generated templates with positioned TemplateErrors only', () => {
    const report = fuzzTemplates(20261130, 3000);
    expect(report.bugs).toEqual([]);
    expect(report.inputs).toBe(3000);
    // The grammar must keep producing mostly valid templates, or the fuzzer tests little.
    expect(report.rendered / report.inputs).toBeGreaterThan(0.5);
  }, 120_000);

  it('is deterministic for a seed', () => {
    const a = new TemplateGrammar(rng(7));
    const b = new TemplateGrammar(rng(7));
    expect(Array.from({ length: 20 }, () => a.template())).toEqual(Array.from({ length: 20 }, () => b.template()));
  });
});
