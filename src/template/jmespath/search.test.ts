// json_query against what community.general's filter over python-jmespath 1.0.1 gives
// (recorded by scripts/record-jmespath-cases.py): each result as json.dumps prints it, or the
// filter's error text.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pyJsonDumps, pyJsonLoads } from '../py/json.js';
import { render } from '../index.js';

const text = readFileSync(new URL('./cases.json', import.meta.url), 'utf8');
const recorded = JSON.parse(text) as {
  recorded_with: string;
  data: unknown;
  cases: { expression: string; sha256: string; value?: string; error?: string }[];
};
// the data as Python holds it: keys in the file's order ("10" stays after the others)
const data = (pyJsonLoads(text) as Map<string, unknown>).get('data');

describe(`json_query, as ${recorded.recorded_with} answers`, () => {
  it.each(recorded.cases.map((c) => [c.expression, c] as const))('%s', (expression, c) => {
    // the case is the one recorded: its data and expression as json.dumps gave them to sha256
    expect(
      createHash('sha256')
        .update(pyJsonDumps([data, expression]))
        .digest('hex'),
    ).toBe(c.sha256);
    const vars = new Map<string, unknown>([
      ['d', data],
      ['e', expression],
    ]);
    if (c.error !== undefined) {
      expect(() => render('{{ d | json_query(e) | to_json }}', vars)).toThrow(c.error);
      return;
    }
    expect(String(render('{{ d | json_query(e) | to_json }}', vars))).toBe(c.value);
  });
});
