// Records test/<dir>/expected.json from an Ansible CLI (ansible-core 2.14.18) for each argument
// list of test/<dir>/commands.json. Usage: npx tsx scripts/record-cli-golden.ts adhoc-cli|inventory-cli
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEST_DIR, goldenHash, runGolden } from '../test/support/cli-golden.js';

const TWINS: Record<string, string[]> = {
  'adhoc-cli': ['ansible', '-i', 'hosts.ini'],
  'inventory-cli': ['ansible-inventory', '-i', 'hosts.ini', '-i', 'more.yml'],
};
for (const dir of process.argv.slice(2)) {
  const twin = TWINS[dir];
  if (!twin) throw new Error(`no Ansible twin for ${dir}`);
  const version = (execFileSync(twin[0]!, ['--version'], { encoding: 'utf8' }).split('\n')[0] ?? '').trim();
  const commands = JSON.parse(readFileSync(join(TEST_DIR, dir, 'commands.json'), 'utf8')) as string[][];
  const results = commands.map((args) => {
    const r = runGolden(dir, twin, args);
    console.log(`${dir}: ${args.join(' ') || '(none)'}: exit ${r.code}`);
    return { args, ...r };
  });
  writeFileSync(
    join(TEST_DIR, dir, 'expected.json'),
    `${JSON.stringify({ recorded_with: version, case_sha256: goldenHash(dir), results }, null, 1)}\n`,
  );
}
