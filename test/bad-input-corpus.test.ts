// The bad-input corpus (test/bad-input, recorded from ansible-playbook 2.14.18 by
// scripts/record-bad-input.ts): for every mistake, runbook exits as ansible-playbook did (or as
// the case documents, where Ansible itself crashes), names the file, the line and the culprit —
// even where Ansible does not — and prints no JavaScript stack trace. A case whose files changed
// since it was recorded fails until it is recorded again.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI } from './support/ssh-lab.js';
import {
  BAD_INPUT_DIR,
  badInputCases,
  badInputHash,
  readCase,
  runBadInput,
  type BadInputRecord,
} from './support/bad-input-harness.js';

const names = badInputCases();

describe('the bad-input corpus', () => {
  it('has at least 89 cases, each recorded from its current files', () => {
    expect(names.length).toBeGreaterThanOrEqual(89);
    for (const name of names) {
      const rec = JSON.parse(readFileSync(join(BAD_INPUT_DIR, name, 'expected.json'), 'utf8')) as BadInputRecord;
      expect(rec.recorded_with, name).toMatch(/^ansible-playbook \[core 2\.14\.18\]$/);
      expect(
        rec.case_sha256,
        `${name} changed since it was recorded: npx tsx scripts/record-bad-input.ts ${name}`,
      ).toBe(badInputHash(name));
    }
  });

  for (const name of names) {
    const c = readCase(name);
    it(`${name}: ${c.title}`, () => {
      const rec = JSON.parse(readFileSync(join(BAD_INPUT_DIR, name, 'expected.json'), 'utf8')) as BadInputRecord;
      const r = runBadInput(name, ['node', CLI, 'apply']);
      const want = c.exitCode?.runbook ?? rec.exit_code;
      expect(r.code, r.output).toBe(want);
      if (c.culprit.file) expect(r.output, 'names the file').toContain(c.culprit.file);
      if (c.culprit.line)
        expect(r.output, 'names the line').toMatch(new RegExp(`(:${c.culprit.line}\\b|line ${c.culprit.line}\\b)`));
      for (const n of c.culprit.names ?? []) expect(r.output, `names ${n}`).toContain(n);
      // a YAML syntax error in libyaml's words, at its problem mark, as Ansible shows it
      for (const line of rec.yaml_error ?? []) expect(r.output, 'the YAML error as Ansible gives it').toContain(line);
      expect(r.output).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
      expect(r.output).not.toContain('unexpected error (a runbook bug');
    }, 60_000);
  }
});
