// npm run bench:upgrade — the upgrade's wall time on the lab with 2 computes and with 8
// (issue 7 acceptance 2: 8 computes at most 1.3× the 2-compute time, the lab's per-package
// install time left at its default), in both modes (issue 20): the default, disruptive one and
// upgrade_mode=non_disruptive, each with the data-plane guardian (--guard) measuring what the
// tenants' guests lost. Each size: a fresh lab on 127.0.5.11+ (small seed); each mode from the
// lab's initial snapshot, `runbook apply -f 20 upgrade-juno-liberty.yml` from a scratch site
// directory, timed; the lab goes down after. Writes the figures into docs/PERFORMANCE.md.
// Needs root.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const CLI = resolve('dist/runbook');
const sizes = (
  process.argv.includes('--computes') ? (process.argv[process.argv.indexOf('--computes') + 1] ?? '2 3 8') : '2 3 8'
)
  .split(/\s+/)
  .map(Number);

function run(args: string[], cwd: string): { code: number; out: string; err: string } {
  const r = spawnSync(CLI, [...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, PWD: cwd },
    timeout: 1_800_000,
  });
  if (r.status !== 0)
    console.error(`runbook ${args.join(' ')} failed (${r.status}):\n${(r.stdout + r.stderr).slice(-3000)}`);
  return { code: r.status ?? 1, out: r.stdout, err: r.stderr };
}

interface Result {
  computes: number;
  mode: string;
  seconds: number;
  downtime: number;
  lowest: number;
  restarted: number;
  /** Preflight refused the mode (nothing changed): why. */
  refused?: string;
}
const MODES = ['disruptive', 'non_disruptive'];
const results: Result[] = [];
let failed = false;
for (const n of sizes) {
  const dir = mkdtempSync(join(tmpdir(), 'rb-upgrade-bench-'));
  try {
    if (
      run(['lab', 'up', '--dir', dir, '--network', '127.0.5/11', '--computes', String(n), '--small'], dir).code !== 0
    ) {
      failed = true;
      break;
    }
    for (const mode of MODES) {
      const site = mkdtempSync(join(tmpdir(), 'rb-upgrade-site-'));
      try {
        if (mode !== MODES[0] && run(['lab', 'restore', '_initial', '--dir', dir], site).code !== 0)
          throw new Error('restore');
        const t0 = process.hrtime.bigint();
        const inventory = join(dir, 'inventory.ini');
        const guests = join(dir, 'guests.yml');
        const done = run(
          [
            'apply',
            '-f',
            '20',
            '-i',
            inventory,
            '-e',
            `upgrade_mode=${mode}`,
            '--guard',
            guests,
            'upgrade-juno-liberty.yml',
          ],
          site,
        );
        const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
        // the lab's seed can leave no compute nova could empty (a guest mid-resize or with a task
        // on each): preflight refuses the mode before anything changes — a row that says why
        const refused = /upgrade_mode non_disruptive is refused: ([^"]*?) Nothing was changed\./.exec(done.out)?.[1];
        if (done.code === 2 && refused) {
          results.push({ computes: n, mode, seconds, downtime: 0, lowest: 100, restarted: 0, refused });
          console.log(`${n} computes, ${mode}: refused by preflight — ${refused}`);
          continue;
        }
        if (done.code !== 0) throw new Error(mode);
        // the guardian's footer: "guest downtime N s in total; lowest availability P %; restarted: …"
        const m = /guest downtime (\d+) s in total; lowest availability ([\d.]+) %; restarted: (.*)/.exec(done.err);
        if (!m) throw new Error('no guardian footer');
        const restarted = m[3] === 'none' ? 0 : m[3]!.split(', ').length;
        results.push({ computes: n, mode, seconds, downtime: Number(m[1]), lowest: Number(m[2]), restarted });
        console.log(
          `${n} computes, ${mode}: upgrade ${seconds.toFixed(1)} s, guest downtime ${m[1]} s, ${restarted} guests restarted`,
        );
      } finally {
        rmSync(site, { recursive: true, force: true });
      }
    }
  } catch (e) {
    console.error(`bench:upgrade stopped: ${(e as Error).message}`);
    failed = true;
  } finally {
    run(['lab', 'down', '--dir', dir], dir);
    rmSync(dir, { recursive: true, force: true });
  }
  if (failed) break;
}
// (the lab goes down in `finally` before anything exits)
if (failed || !results.length) process.exit(1);
const base = results[0]!.seconds;
const table = [
  `Measured ${new Date().toISOString().slice(0, 16)}Z on ${cpus().length} cores by \`npm run bench:upgrade\` (lab default of 2 s per package, small seed, -f 20; the guardian probing every guest that ran, once a second).`,
  '',
  '| computes | upgrade_mode | upgrade wall time (s) | × the first | guest downtime, total (s) | lowest availability | guests restarted |',
  '|---:|---|---:|---:|---:|---:|---:|',
  ...results.map((r) =>
    r.refused
      ? `| ${r.computes} | ${r.mode} | refused by preflight in ${r.seconds.toFixed(1)} s: ${r.refused} | | | | |`
      : `| ${r.computes} | ${r.mode} | ${r.seconds.toFixed(1)} | ${(r.seconds / base).toFixed(2)} | ${r.downtime} | ${r.lowest.toFixed(1)} % | ${r.restarted} |`,
  ),
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
    : `${text.trimEnd()}\n\n## The upgrade on the lab (issues 7 and 20)\n\n${block}\n`,
);
