import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { warningText, wrap } from './textwrap.js';

const recorded = JSON.parse(readFileSync(new URL('./textwrap.cases.json', import.meta.url), 'utf8')) as {
  recorded_with: string;
  cases: { text: string; lines: string[] }[];
};

describe("textwrap.wrap, as Python's", () => {
  it.each(recorded.cases.map((c) => [c.text.slice(0, 60), c] as const))('%s…', (_t, c) => {
    expect(wrap(c.text, 79)).toEqual(c.lines);
  });

  it("Display.warning's text", () => {
    expect(
      warningText(
        "provided hosts list is empty, only localhost is available. Note that the implicit localhost does not match 'all'",
      ),
    ).toBe(
      "[WARNING]: provided hosts list is empty, only localhost is available. Note that\nthe implicit localhost does not match 'all'",
    );
  });
});
