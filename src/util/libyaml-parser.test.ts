// AnsibleLoader's verdict on YAML text, recorded from ansible-core 2.14.18's loader over libyaml
// 0.2.5 (scripts/record-libyaml-cases.py): the problem and its 0-based problem mark, or null.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ansibleYamlProblem } from './libyaml-parser.js';

interface Case {
  text: string;
  sha256: string;
  want: { problem: string; line: number; column: number } | null;
}

const recorded = JSON.parse(readFileSync(new URL('./libyaml.cases.json', import.meta.url), 'utf8')) as {
  recorded_with: string;
  cases: Case[];
};

describe(`ansibleYamlProblem, as ${recorded.recorded_with} loads`, () => {
  it('has cases of each kind: loaded ones and many distinct problems', () => {
    expect(recorded.cases.filter((c) => c.want === null).length).toBeGreaterThan(5);
    expect(new Set(recorded.cases.map((c) => c.want?.problem)).size).toBeGreaterThan(40);
  });
  it.each(recorded.cases.map((c, i) => [i, c] as const))('case %i', (_, c) => {
    expect(createHash('sha256').update(c.text).digest('hex')).toBe(c.sha256);
    const p = ansibleYamlProblem(c.text);
    expect(p ? { problem: p.problem, line: p.mark.line, column: p.mark.column } : null).toEqual(c.want);
  });
});
