// The own differential cases (test/cases, recorded with ansible-playbook 2.14.18 by
// scripts/record-cases.ts): runbook must leave the same exit code, recap and files, and
// print the same console for the golden ones.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  caseNames,
  caseHash,
  readMeta,
  runCase,
  sortResults,
  CASES_DIR,
  type CaseRun,
} from './support/case-harness.js';
import { ensureDebianPackage } from './support/debian-package.js';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const names = caseNames();

describe('own cases recorded with ansible-playbook 2.14.18', () => {
  it('has at least 30 cases, 10 of them with golden console output, each recorded from its current files', () => {
    expect(names.length).toBeGreaterThanOrEqual(30);
    expect(names.filter((n) => readMeta(n).golden).length).toBeGreaterThanOrEqual(10);
    for (const n of names) {
      const file = join(CASES_DIR, n, 'expected.json');
      expect(existsSync(file), `${n} has no recording: npx tsx scripts/record-cases.ts ${n}`).toBe(true);
      const rec = JSON.parse(readFileSync(file, 'utf8')) as { recorded_with: string; case_sha256: string };
      expect(rec.recorded_with).toMatch(/^ansible-playbook \[core 2\.14\.18\]/);
      expect(rec.case_sha256, `${n} changed since it was recorded`).toBe(caseHash(n));
    }
  });

  it.each(names)(
    '%s',
    (name) => {
      // a tool the case needs is installed as root when missing, else the test fails saying how
      const meta = readMeta(name);
      for (const [path, pkg] of Object.entries(meta.packages ?? {}))
        expect(ensureDebianPackage(path, pkg), `${name} needs ${path}`).toBeUndefined();
      const expected = (JSON.parse(readFileSync(join(CASES_DIR, name, 'expected.json'), 'utf8')) as { runs: CaseRun[] })
        .runs;
      // the ansible.cfg the cases were recorded with (scripts/record-cases.ts)
      const actual = runCase(name, (c) => ['node', CLI, 'apply', '-i', c.inventory, '-e', `out=${c.out}`, c.playbook], {
        ...process.env,
        ANSIBLE_CONFIG: join(CASES_DIR, '_inventory', 'ansible.cfg'),
        NO_COLOR: '1',
      });
      expect(actual.length).toBe(expected.length);
      actual.forEach((run, i) => {
        const want = expected[i] as CaseRun;
        expect({ run: i + 1, exit: run.exit_code, recap: run.recap }).toEqual({
          run: i + 1,
          exit: want.exit_code,
          recap: want.recap,
        });
        expect(run.files).toEqual(want.files);
        if (want.stdout !== undefined) expect(run.stdout).toBe(meta.ordered ? want.stdout : sortResults(want.stdout));
        if (want.warnings !== undefined) expect(run.warnings).toEqual(want.warnings);
      });
    },
    120_000,
  );
});
