// runbook's Ansible mode against what ansible-playbook 2.14.18 recorded for the same cases
// (scripts/record-ansible-cases.ts). A case whose input changed since it was recorded fails
// until it is recorded again.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pyJsonLoads } from '../../src/template/index.js';
import { loadCases, caseHash, runCase, canonicalJson, RECORDS_FILE } from './cases.js';

const cases = loadCases();
const records = pyJsonLoads(readFileSync(RECORDS_FILE, 'utf8')) as Map<string, Map<string, unknown>>;

/**
 * Errors whose wording differs from Ansible's on purpose; every other failing case must
 * repeat the core of Ansible's message.
 */
const OWN_WORDING: Record<string, string> = {
  err_unknown_filter: 'runbook says Jinja2\'s "No filter named \'x\'." with a position, not "Could not load"',
  err_unknown_test: 'runbook says Jinja2\'s "No test named \'x\'." with a position, not "Could not load"',
  err_zero_division: "the recorded message is Ansible's callback saying 'undefined'",
  err_bad_regex: "the recorded message is Ansible's callback saying 'undefined'",
  b64_unknown_encoding: "a Python LookupError: the recorded message is Ansible's callback saying 'undefined'",
  err_recursive_var: 'Ansible nests "An unhandled exception occurred" until Python\'s recursion limit',
};

/** The part of Ansible's task error that comes from Jinja2 or the filter. */
function coreOf(message: string): string {
  const first = message.split('\n')[0] ?? '';
  const patterns = [
    // an undefined error repeated by each level of Templar that wrapped it
    /The error was: (.+?)(?:\. \1)+$/,
    /could not be converted to an dict\.The error was: (.*?)\. /,
    /The error was: (.*?)\. (?:'|\{\{|The error)/,
    /The error was: (.*)$/,
    /template error while templating string: (.*?)\. String:/,
    /Unexpected templating type error occurred on \(.*?\): (.*?)\. /,
  ];
  for (const p of patterns) {
    const m = p.exec(first);
    if (m?.[1]) return m[1];
  }
  return first.trim();
}

describe('Ansible-mode cases recorded with ansible-core 2.14.18', () => {
  it('has at least 400 cases, each recorded from its current input', () => {
    expect(cases.length).toBeGreaterThanOrEqual(400);
    for (const c of cases) {
      const r = records.get(c.id);
      expect(r, `no record for ${c.id}: run npm run record:ansible`).toBeDefined();
      expect(String(r?.get('recorded_with'))).toMatch(/^ansible-core 2\.14\.18/);
      expect(r?.get('input_sha256'), `${c.id} changed since it was recorded`).toBe(caseHash(c));
    }
  });

  it.each(cases.map((c) => [c.id, c] as const))(
    '%s',
    (_id, c) => {
      const record = records.get(c.id) as Map<string, unknown>;
      const got = runCase(c);
      if (record.get('ok') === true) {
        expect(got.error).toBeUndefined();
        expect(canonicalJson(got.value)).toBe(canonicalJson(record.get('value')));
        return;
      }
      expect(got.ok, `Ansible failed this case: ${String(record.get('error'))}`).toBe(false);
      if (!(c.id in OWN_WORDING)) expect(got.error).toContain(coreOf(String(record.get('error'))));
      // password_hash's cases run sha512_crypt's 656000 rounds several times: ~1 s each when the
      // machine is idle, past vitest's 5 s default on a busy one
    },
    60_000,
  );
});
