// Whitespace control against Python Jinja2 (scripts/record-jinja-whitespace.py): generated
// templates of text, tags with their -, + or no sign, and raw blocks, under the four
// trim_blocks/lstrip_blocks settings — the same output, or an error where Jinja2 has one.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { render } from './index.js';

const recorded = JSON.parse(readFileSync(new URL('./whitespace.cases.json', import.meta.url), 'utf8')) as {
  recorded_with: string;
  cases: {
    template: string;
    options: { trim_blocks: boolean; lstrip_blocks: boolean };
    output?: string;
    error?: string;
  }[];
};
const vars = new Map<string, unknown>([
  ['v', 'V'],
  ['t', true],
  ['l', [1, 2]],
]);

describe(`whitespace control, as ${recorded.recorded_with} renders it`, () => {
  it('covers raw blocks and every setting', () => {
    expect(recorded.cases.filter((c) => c.template.includes('endraw')).length).toBeGreaterThan(50);
    expect(new Set(recorded.cases.map((c) => JSON.stringify(c.options))).size).toBe(4);
  });
  it.each(recorded.cases.map((c, i) => [i, c] as const))('case %i', (_, c) => {
    const run = (): unknown =>
      render(c.template, vars, {
        mode: 'jinja',
        trimBlocks: c.options.trim_blocks,
        lstripBlocks: c.options.lstrip_blocks,
        keepTrailingNewline: true,
      });
    if (c.error !== undefined) expect(run).toThrow();
    else expect(String(run())).toBe(c.output);
  });
});
