// npm run demo — the main job: bring up the Juno lab (controller1, compute1..2 on 127.0.4.11+,
// in ./.runbook-demo) and run the Juno → Liberty upgrade on it with the shipped playbook, as an
// operator would: runbook apply -i .runbook-demo/inventory.ini upgrade-juno-liberty.yml.
// `npm run demo -- --database postgresql`: the same on a cloud whose database is PostgreSQL, as
// SUSE Cloud 5 deployed it by default (its own lab: ./.runbook-demo-postgresql, 127.0.4.21+).
// `npm run demo -- --mode non_disruptive`: the upgrade with the guests kept running (one compute
// emptied with nova's live migration first, the others after the control plane; its own lab
// with 3 computes and the small seed: ./.runbook-demo-non-disruptive, 127.0.4.31+ — the full
// seed has on every compute a guest nova cannot move live, mid-resize or with a task left, and
// preflight refuses the mode there, as nova would refuse the migrations). Every demo runs the data-plane
// guardian (--guard): the footer and the report give each guest's downtime.
// A lab that was upgraded already is reset to its Juno state first. Needs root.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

const CLI = resolve('dist/runbook');
const argv = process.argv.slice(2);
const option = (name: string, values: string[], fallback: string): string => {
  const i = argv.indexOf(name);
  return i < 0 ? fallback : values.includes(argv[i + 1] ?? '') ? argv[i + 1]! : '';
};
const database = option('--database', ['mariadb', 'postgresql'], 'mariadb');
const mode = option('--mode', ['disruptive', 'non_disruptive'], 'disruptive');
const known = argv.filter(
  (a, i) => ['--database', '--mode'].includes(a) || ['--database', '--mode'].includes(argv[i - 1]!),
);
if (!database || !mode || known.length !== argv.length) {
  console.error('usage: npm run demo [-- [--database mariadb|postgresql] [--mode disruptive|non_disruptive]]');
  process.exit(2);
}
const postgresql = database === 'postgresql';
const keepGuests = mode === 'non_disruptive';
const DIR = resolve(['.runbook-demo', postgresql ? '-postgresql' : '', keepGuests ? '-non-disruptive' : ''].join(''));
const NETWORK = `127.0.4/${11 + (postgresql ? 10 : 0) + (keepGuests ? 20 : 0)}`;

function step(title: string, args: string[]): number {
  console.log(`\n\x1b[1m▶ runbook ${args.join(' ')}\x1b[0m   # ${title}`);
  const t0 = Date.now();
  // run inside the demo's directory, as a shell started there would (PWD too: backup_dir defaults
  // to $PWD/backups): the backups and the run's state (./.runbook) stay in it, not in the checkout
  const r = spawnSync(CLI, [...args], { stdio: 'inherit', cwd: DIR, env: { ...process.env, PWD: DIR } });
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
    NETWORK,
    '--computes',
    keepGuests ? '3' : '2',
    ...(keepGuests ? ['--small'] : []),
    ...(postgresql ? ['--database', 'postgresql'] : []),
  ]) !== 0
)
  process.exit(1);
if (!fresh && step('back to Juno (this lab was upgraded by an earlier demo)', ['lab', 'reset', '--dir', DIR]) !== 0)
  process.exit(1);
step('what the lab looks like before', ['lab', 'status', '--dir', DIR]);
const code = step(keepGuests ? 'the upgrade, skipping Kilo, the guests kept running' : 'the upgrade, skipping Kilo', [
  'apply',
  '-f',
  '10',
  '-i',
  `${DIR}/inventory.ini`,
  '-e',
  `upgrade_mode=${mode}`,
  '--report',
  `${DIR}/run.html`,
  // a lab made before the guardian existed has no guests.yml (lab down, remove the directory)
  ...(existsSync(`${DIR}/guests.yml`) ? ['--guard', `${DIR}/guests.yml`] : []),
  'upgrade-juno-liberty.yml',
]);
step('what the lab looks like after', ['lab', 'status', '--dir', DIR]);
console.log(
  `\nThe run report (stages, forecast and actual times, timeline per host, each guest's downtime): ${DIR}/run.html`,
);
console.log(`The lab stays up: ssh -F ${DIR}/ssh_config controller1; stop it with: npx runbook lab down --dir ${DIR}`);
process.exit(code);
