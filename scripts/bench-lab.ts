// npm run bench:lab — how long the Juno lab takes: a first `runbook lab up --computes 2` (seed
// and provisioning included), `lab down`, the second `lab up` (issue 6: under 90 s), a snapshot
// and a restore. Runs on 127.0.5.11+ (the README's address plan) in a scratch directory and
// writes the figures into docs/PERFORMANCE.md between the lab-bench markers. Needs root.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const CLI = resolve('dist/runbook');
const dir = mkdtempSync(join(tmpdir(), 'rb-lab-bench-'));
const computes = process.argv.includes('--computes')
  ? (process.argv[process.argv.indexOf('--computes') + 1] ?? '2')
  : '2';

function timed(label: string, ...args: string[]): [string, number] {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(CLI, ['lab', ...args, '--dir', dir], { encoding: 'utf8' });
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) {
    console.error(`${label} failed:\n${r.stdout}${r.stderr}`);
    spawnSync(CLI, ['lab', 'down', '--dir', dir]);
    process.exit(1);
  }
  console.log(`${label.padEnd(40)} ${s.toFixed(1)} s`);
  return [label, s];
}

const rows = [
  timed(
    `first lab up --computes ${computes} (seed: 66 instances)`,
    'up',
    '--computes',
    computes,
    '--network',
    '127.0.5/11',
  ),
  timed('lab down', 'down'),
  timed(`second lab up --computes ${computes}`, 'up'),
  timed('lab snapshot', 'snapshot', 'bench'),
  timed('lab restore', 'restore', 'bench'),
  timed('lab down', 'down'),
];
rmSync(dir, { recursive: true, force: true });
const table = [
  `Measured ${new Date().toISOString().slice(0, 16)}Z on ${cpus().length} cores by \`npm run bench:lab\` (root, Debian packages present).`,
  '',
  '| step | seconds |',
  '|---|---:|',
  ...rows.map(([l, s]) => `| ${l} | ${s.toFixed(1)} |`),
  '',
].join('\n');
const doc = resolve('docs/PERFORMANCE.md');
const text = readFileSync(doc, 'utf8');
const start = '<!-- lab-bench:start -->';
const end = '<!-- lab-bench:end -->';
const block = `${start}\n${table}${end}`;
writeFileSync(
  doc,
  text.includes(start)
    ? text.replace(new RegExp(`${start}[\\s\\S]*?${end}`), block)
    : `${text.trimEnd()}\n\n## The Juno lab (issue 6)\n\n${block}\n`,
);
console.log(`written to ${doc}`);
