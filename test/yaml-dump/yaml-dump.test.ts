// to_yaml / to_nice_yaml against the output of Ansible's own filters (libyaml's emitter) for
// 400 seeded random values, recorded by scripts/record-yaml-dump.py.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { pyJsonLoads, evaluate } from '../../src/template/index.js';

interface YamlCase {
  input_json: string;
  input_sha256: string;
  to_yaml: string;
  to_nice_yaml: string;
  to_nice_yaml_indent2: string;
}
const file = fileURLToPath(new URL('recorded.json', import.meta.url));
const recorded = JSON.parse(readFileSync(file, 'utf8')) as { recorded_with: string; cases: YamlCase[] };

describe('to_yaml and to_nice_yaml print what Ansible prints', () => {
  it('was recorded with ansible-core 2.14.18, from the inputs it holds', () => {
    expect(recorded.recorded_with).toMatch(/^ansible-core 2\.14\.18/);
    expect(recorded.cases.length).toBe(400);
    for (const c of recorded.cases)
      expect(createHash('sha256').update(c.input_json).digest('hex')).toBe(c.input_sha256);
  });

  it.each(recorded.cases.map((c, i) => [i, c] as const))('case %i', (_i, c) => {
    // evaluate(), not template(): the random strings hold `{{` and `{#`, which Ansible would
    // template if they were variables; the recorder called the filters directly.
    const vars = new Map([['v', pyJsonLoads(c.input_json)]]);
    expect(evaluate('v | to_yaml', vars)).toBe(c.to_yaml);
    expect(evaluate('v | to_nice_yaml', vars)).toBe(c.to_nice_yaml);
    expect(evaluate('v | to_nice_yaml(indent=2)', vars)).toBe(c.to_nice_yaml_indent2);
  });
});
