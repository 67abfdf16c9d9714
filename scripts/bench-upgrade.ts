// npm run bench:upgrade — the upgrade's wall time on the lab with 2 computes and with 8
// (issue 7 acceptance 2: 8 computes at most 1.3× the 2-compute time, the lab's per-package
// install time left at its default). Each run: a fresh lab on 127.0.5.11+ (small seed), then
// `runbook apply -f 20 upgrade-juno-liberty.yml` from a scratch site directory, timed; the lab
// goes down after. Writes the figures into docs/PERFORMANCE.md. Needs root.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const CLI = resolve('dist/cli.js');
const sizes = (
  process.argv.includes('--computes') ? (process.argv[process.argv.indexOf('--computes') + 1] ?? '2 8') : '2 8'
)
  .split(/\s+/)
  .map(Number);

function run(args: string[], cwd: string): number {
  const r = spawnSync('node', [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, PWD: cwd },
    timeout: 1_200_000,
  });
  if (r.status !== 0) {
    console.error(`runbook ${args.join(' ')} failed (${r.status}):\n${(r.stdout + r.stderr).slice(-3000)}`);
    return r.status ?? 1;
  }
  return 0;
}

const results: [number, number][] = [];
let failed = false;
for (const n of sizes) {
  const dir = mkdtempSync(join(tmpdir(), 'rb-upgrade-bench-'));
  const site = mkdtempSync(join(tmpdir(), 'rb-upgrade-site-'));
  try {
    if (run(['lab', 'up', '--dir', dir, '--network', '127.0.5/11', '--computes', String(n), '--small'], site) !== 0) {
      failed = true;
      break;
    }
    const t0 = process.hrtime.bigint();
    const code = run(['apply', '-f', '20', '-i', join(dir, 'inventory.ini'), 'upgrade-juno-liberty.yml'], site);
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    if (code !== 0) {
      failed = true;
      break;
    }
    console.log(`${n} computes: upgrade ${s.toFixed(1)} s`);
    results.push([n, s]);
  } finally {
    run(['lab', 'down', '--dir', dir], site);
    rmSync(dir, { recursive: true, force: true });
    rmSync(site, { recursive: true, force: true });
  }
}
// (the lab goes down in `finally` before anything exits)
if (failed || !results.length) process.exit(1);
const base = results[0]![1];
const table = [
  `Measured ${new Date().toISOString().slice(0, 16)}Z on ${cpus().length} cores by \`npm run bench:upgrade\` (lab default of 2 s per package, small seed, -f 20).`,
  '',
  '| computes | upgrade wall time (s) | × the first |',
  '|---:|---:|---:|',
  ...results.map(([n, s]) => `| ${n} | ${s.toFixed(1)} | ${(s / base).toFixed(2)} |`),
  '',
].join('\n');
console.log(table);
const doc = resolve('docs/PERFORMANCE.md');
const text = readFileSync(doc, 'utf8');
const start = '<!-- upgrade-bench:start -->';
const end = '<!-- upgrade-bench:end -->';
const block = `${start}\n${table}${end}`;
writeFileSync(
  doc,
  text.includes(start)
    ? text.replace(new RegExp(`${start}[\\s\\S]*?${end}`), block)
    : `${text.trimEnd()}\n\n## The upgrade on the lab (issue 7)\n\n${block}\n`,
);
