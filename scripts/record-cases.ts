// Records test/cases/<name>/expected.json from ansible-playbook (ansible-core 2.14.18):
// exit code, PLAY RECAP, the files left in out/ and, for golden cases, the console.
// Usage: npx tsx scripts/record-cases.ts [name-substring…]
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { caseNames, caseHash, runCase, CASES_DIR } from '../test/support/case-harness.js';

const filter = process.argv.slice(2);
const version = (execFileSync('ansible-playbook', ['--version'], { encoding: 'utf8' }).split('\n')[0] ?? '').trim();
for (const name of caseNames().filter((n) => !filter.length || filter.some((f) => n.includes(f)))) {
  const runs = runCase(name, (c) => ['ansible-playbook', '-i', c.inventory, '-e', `out=${c.out}`, c.playbook], {
    ...process.env,
    ANSIBLE_CONFIG: join(CASES_DIR, '_inventory', 'ansible.cfg'),
    ANSIBLE_NOCOLOR: '1',
  });
  writeFileSync(
    join(CASES_DIR, name, 'expected.json'),
    `${JSON.stringify({ case: name, recorded_with: version, case_sha256: caseHash(name), runs }, null, 1)}\n`,
  );
  console.log(`${name}: exit ${runs.map((r) => r.exit_code).join(',')}`);
}
