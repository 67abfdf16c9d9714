// npm run bench:load — as many lab hosts as this machine holds (issue 8: "aim for 200"): the
// `noop20` and `files` workloads of ../shared/bench on 1…200 loopback sshd hosts, forks = hosts.
// Every host must succeed (bench.sh checks each recap line, and files' per-host marker); the
// runner's peak RSS (GNU time) and peak tree PSS (bench.sh --mem) per host count go into
// docs/PERFORMANCE.md between the load-bench markers.
//   --hosts "1 50 100 200"  --workloads "noop20 files"
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BENCH, LAB, labUp, needBench, option as opt, readTsv } from './shared-bench.js';

const HOSTS = opt('--hosts', '1 50 100 200').split(/\s+/).map(Number);
const WORKLOADS = opt('--workloads', 'noop20 files');
// forks = hosts: runbook keeps one connection per host; a fork limit below the host count
// would measure the limit, not the load.
const RUNNER = `node ${resolve('dist/cli.js')} apply -i {inventory} -f {hosts} {playbook}`;
const maxHosts = Math.max(...HOSTS);

needBench('npm run bench:load');
labUp(maxHosts);

const tsv = join(mkdtempSync(join(tmpdir(), 'rb-load-')), 'runs.tsv');
const r = spawnSync(
  'bash',
  [
    join(BENCH, 'bench.sh'),
    '--runner',
    RUNNER,
    '--workloads',
    WORKLOADS,
    '--hosts',
    HOSTS.join(' '),
    '--runs',
    '1',
    '--warmup',
    '0',
    '--mem',
    '--idle-wait',
    '20',
    '--lab',
    LAB,
    '--out',
    tsv,
  ],
  { stdio: ['ignore', 'inherit', 'inherit'] },
);
if (r.status !== 0) {
  console.error(`bench.sh failed (${r.status})`);
  process.exit(1);
}

const rows = readTsv(tsv);
const mb = (kb: string | undefined): number => Number(kb) / 1024;
const table: string[] = [];
let allOk = true;
for (const wl of WORKLOADS.split(/\s+/)) {
  // what one more host costs: the RSS above the smallest host count's, per added host
  const base = rows.find((x) => x.workload === wl && Number(x.hosts) === Math.min(...HOSTS) && x.kind === 'timed');
  for (const h of HOSTS) {
    const timed = rows.find((x) => x.workload === wl && Number(x.hosts) === h && x.kind === 'timed');
    const mem = rows.find((x) => x.workload === wl && Number(x.hosts) === h && x.kind === 'mem');
    if (!timed) continue;
    const ok = timed.ok === '1' && mem?.ok === '1';
    allOk &&= ok;
    const tasks = Number(timed.tasks);
    table.push(
      `| ${wl} | ${h} | ${ok ? 'all' : '**failed**'} | ${Number(timed.wall_s).toFixed(2)} | ${((Number(timed.wall_s) * 1000) / (tasks * h)).toFixed(1)} | ${mb(timed.maxrss_kb).toFixed(0)} | ${mem ? mb(mem.tree_pss_kb).toFixed(0) : '–'} | ${base && h > Number(base.hosts) ? ((mb(timed.maxrss_kb) - mb(base.maxrss_kb)) / (h - Number(base.hosts))).toFixed(2) : '–'} |`,
    );
  }
}
const section = `<!-- load-bench:start -->
Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${cpus().length} cores, Node ${process.version}, by \`npm run bench:load\`:
\`../shared/bench/lab/lab.sh\` with ${maxHosts} sshd hosts, \`bench.sh --runs 1 --mem\`, runbook =
\`${RUNNER.replace(resolve('.'), '.')}\` (forks = hosts). "hosts ok" is bench.sh's check: exit 0, every
host's recap line \`unreachable=0 failed=0\`, and for \`files\` every host's marker file written.

| workload | hosts | hosts ok | wall s | ms/task·host | peak RSS MB | peak tree PSS MB | RSS MB per added host |
|---|---:|---|---:|---:|---:|---:|---:|
${table.join('\n')}
<!-- load-bench:end -->`;
const doc = readFileSync('docs/PERFORMANCE.md', 'utf8');
const marked = /<!-- load-bench:start -->[\s\S]*<!-- load-bench:end -->/;
writeFileSync(
  'docs/PERFORMANCE.md',
  marked.test(doc)
    ? doc.replace(marked, section)
    : `${doc.trimEnd()}\n\n## Load — \`npm run bench:load\` (issue 8)\n\n${section}\n`,
);
console.log(section);
console.log(`raw runs: ${tsv}`);
if (!allOk) process.exit(1);
