// npm run demo — the main job: bring up the Juno lab (controller1, compute1..2 on 127.0.4.11+,
// in ./.runbook-demo) and run the Juno → Liberty upgrade on it with the shipped playbook, as an
// operator would: runbook apply -i .runbook-demo/inventory.ini upgrade-juno-liberty.yml.
// `npm run demo -- --database postgresql`: the same on a cloud whose database is PostgreSQL, as
// SUSE Cloud 5 deployed it by default (its own lab: ./.runbook-demo-postgresql, 127.0.4.21+).
// A lab that was upgraded already is reset to its Juno state first. Needs root.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

const CLI = resolve('dist/cli.js');
const argv = process.argv.slice(2);
const database = argv[argv.indexOf('--database') + 1] ?? 'mariadb';
if (
  argv.length > 0 &&
  !(argv.length === 2 && argv[0] === '--database' && ['mariadb', 'postgresql'].includes(database))
) {
  console.error('usage: npm run demo [-- --database mariadb|postgresql]');
  process.exit(2);
}
const postgresql = database === 'postgresql';
const DIR = resolve(postgresql ? '.runbook-demo-postgresql' : '.runbook-demo');

function step(title: string, args: string[]): number {
  console.log(`\n\x1b[1m▶ runbook ${args.join(' ')}\x1b[0m   # ${title}`);
  const t0 = Date.now();
  // run inside the demo's directory, as a shell started there would (PWD too: backup_dir defaults
  // to $PWD/backups): the backups and the run's state (./.runbook) stay in it, not in the checkout
  const r = spawnSync('node', [CLI, ...args], { stdio: 'inherit', cwd: DIR, env: { ...process.env, PWD: DIR } });
  console.log(`  (${((Date.now() - t0) / 1000).toFixed(1)} s, exit ${r.status})`);
  return r.status ?? 1;
}

if (process.getuid?.() !== 0) {
  console.error(`npm run demo needs root (the lab's hosts use namespaces and overlay mounts): sudo npm run demo`);
  process.exit(2);
}
const fresh = !existsSync(`${DIR}/lab-config.json`);
mkdirSync(DIR, { recursive: true });
if (
  step(`the Juno lab: SUSE Cloud 5 on SLES 11 SP3${postgresql ? ', its database PostgreSQL' : ''}`, [
    'lab',
    'up',
    '--dir',
    DIR,
    '--network',
    postgresql ? '127.0.4/21' : '127.0.4/11',
    '--computes',
    '2',
    ...(postgresql ? ['--database', 'postgresql'] : []),
  ]) !== 0
)
  process.exit(1);
if (!fresh && step('back to Juno (this lab was upgraded by an earlier demo)', ['lab', 'reset', '--dir', DIR]) !== 0)
  process.exit(1);
step('what the lab looks like before', ['lab', 'status', '--dir', DIR]);
const code = step('the upgrade, skipping Kilo', [
  'apply',
  '-f',
  '10',
  '-i',
  `${DIR}/inventory.ini`,
  '--report',
  `${DIR}/run.html`,
  'upgrade-juno-liberty.yml',
]);
step('what the lab looks like after', ['lab', 'status', '--dir', DIR]);
console.log(`\nThe run report (stages, forecast and actual times, timeline per host): ${DIR}/run.html`);
console.log(`The lab stays up: ssh -F ${DIR}/ssh_config controller1; stop it with: npx runbook lab down --dir ${DIR}`);
process.exit(code);
