// npm run test:shared, part 3: ../shared/ansible-targets — ansible-core 2.14's own integration
// targets — against the built CLI. Prints run.sh's lines and its count ("targets: N passed, M
// failed"); fails only when fewer pass than the floor docs/COMPAT.md records (the suite is a
// measure still climbing, a drop below the floor is a regression).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const runSh = resolve('../shared/ansible-targets/run.sh');
if (!existsSync(runSh)) {
  console.error('test:shared needs ../shared/ansible-targets (a checkout of shared/ next to this project)');
  process.exit(2);
}
const floorLine = /ansible-targets floor: (\d+)/.exec(readFileSync(join('docs', 'COMPAT.md'), 'utf8'));
const floor = Number(floorLine?.[1] ?? 0);
const cli = resolve('dist/runbook');
const r = spawnSync(
  'bash',
  [runSh, '--runner', `${cli} apply -i {inventory} {playbook}`, '--jobs', '2', '--timeout', '300'],
  { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'] },
);
process.stdout.write(r.stdout);
const count = /targets: (\d+) passed, (\d+) failed/.exec(r.stdout);
if (!count) {
  console.log('ansible-targets: run.sh printed no count');
  process.exit(1);
}
const passed = Number(count[1]);
console.log(`ansible-targets: ${passed} passed (floor ${floor}, docs/COMPAT.md)`);
if (passed < floor) {
  console.log(`ansible-targets: fewer targets pass than the floor — a regression`);
  process.exit(1);
}
