// npm run bench:load — as many lab hosts as this machine holds (issue 8: "aim for 200"): the
// `noop20` and `files` workloads of ../shared/bench on 1…200 loopback sshd hosts, forks = hosts.
// Every host must succeed (bench.sh checks each recap line, and files' per-host marker); the
// runner's peak RSS (GNU time) and peak tree PSS (bench.sh --mem) per host count go into
// docs/PERFORMANCE.md between the load-bench markers.
//   --hosts "1 50 100 200"  --workloads "noop20 files"
//   --shared 500       then one cell beyond the lab's 240 sshd hosts: 500 inventory hosts whose
//                      connections share the lab's sshd processes (host i on sshd i mod 200),
//                      both workloads, every host checked as bench.sh checks it
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BENCH, LAB, labUp, needBench, option as opt, readTsv } from './shared-bench.js';

const HOSTS = opt('--hosts', '1 50 100 200').split(/\s+/).map(Number);
const WORKLOADS = opt('--workloads', 'noop20 files');
// forks = hosts: runbook keeps one connection per host; a fork limit below the host count
// would measure the limit, not the load.
const RUNNER = `${resolve('dist/runbook')} apply -i {inventory} -f {hosts} {playbook}`;
const maxHosts = Math.max(...HOSTS);
const SHARED = Number(opt('--shared', '0'));

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
/** An inventory of `n` hosts over the lab's first `sshds` sshd processes (the lab's own variables). */
function sharedInventory(n: number, sshds: number): string {
  const lab = readFileSync(join(LAB, 'hosts.ini'), 'utf8');
  const vars = lab.slice(lab.indexOf('[all:vars]'));
  const line = (i: number): string =>
    `h${String(i).padStart(3, '0')} ansible_host=127.0.0.${10 + ((i - 1) % sshds) + 1}`;
  const rest = Array.from({ length: n - 1 }, (_, i) => line(i + 2));
  return `[controller]\n${line(1)}\n\n[compute]\n${rest.join('\n')}\n\n${vars}`;
}

/** One run of a workload on the shared inventory under treemem.py: wall, peak tree PSS, every host ok. */
function sharedCell(wl: string, n: number): { wall: number; pss: number; ok: boolean; tasks: number } {
  const dir = mkdtempSync(join(tmpdir(), 'rb-shared-'));
  const inv = join(dir, 'hosts.ini');
  writeFileSync(inv, sharedInventory(n, maxHosts));
  const pb = join(BENCH, 'workloads', `${wl}.yml`);
  const tasks = Number(/bench-tasks: (\d+)/.exec(readFileSync(pb, 'utf8'))?.[1] ?? 0);
  rmSync('/tmp/runbook-bench', { recursive: true, force: true });
  const t = performance.now();
  const r = spawnSync(
    'python3',
    [
      join(BENCH, 'lib/treemem.py'),
      join(dir, 'mem'),
      '--',
      ...RUNNER.replace('{inventory}', inv).replace('{hosts}', String(n)).replace('{playbook}', pb).split(' '),
    ],
    { encoding: 'utf8', maxBuffer: 1 << 28 },
  );
  const wall = (performance.now() - t) / 1000;
  const good = (r.stdout.match(/unreachable=0 +failed=0/g) ?? []).length;
  const marked =
    wl !== 'files' ||
    (existsSync('/tmp/runbook-bench') &&
      readdirSync('/tmp/runbook-bench').filter((h) =>
        existsSync(join('/tmp/runbook-bench', h, 'var/lib/nova/upgrade.done')),
      ).length === n);
  const pss = Number(readFileSync(join(dir, 'mem'), 'utf8').split(' ')[1]) / 1024;
  return { wall, pss, ok: r.status === 0 && good === n && marked, tasks };
}

if (SHARED > 0) {
  for (const wl of WORKLOADS.split(/\s+/)) {
    const c = sharedCell(wl, SHARED);
    allOk &&= c.ok;
    table.push(
      `| ${wl} | ${SHARED} (on ${maxHosts} sshd) | ${c.ok ? 'all' : '**failed**'} | ${c.wall.toFixed(2)} | ${((c.wall * 1000) / (c.tasks * SHARED)).toFixed(1)} | – | ${c.pss.toFixed(0)} | – |`,
    );
  }
}

const section = `<!-- load-bench:start -->
Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${cpus().length} cores, Node ${process.version}, by \`npm run bench:load\`:
\`../shared/bench/lab/lab.sh\` with ${maxHosts} sshd hosts, \`bench.sh --runs 1 --mem\`, runbook =
\`${RUNNER.replace(resolve('.'), '.')}\` (forks = hosts). "hosts ok" is bench.sh's check: exit 0, every
host's recap line \`unreachable=0 failed=0\`, and for \`files\` every host's marker file written.${SHARED ? ` The ${SHARED}-host rows: ${SHARED} inventory hosts whose connections share the lab's ${maxHosts} sshd processes (one run each under \`treemem.py\`, checked the same way).` : ''}

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
