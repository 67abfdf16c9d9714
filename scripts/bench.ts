// npm run bench: runbook against ansible-playbook on the shared loopback lab
// (../shared/bench), the transport floors, and runbook's marginal cost per task·host; writes
// the table into docs/PERFORMANCE.md between the bench markers.
//   --vs-ansible       measure Ansible's side now too (else bench/ansible-2.14.18.tsv, recorded
//                      once on this kind of machine by the same bench.sh, is reused)
//   --hosts "1 10 50"  --runs 3  --warmup 1  --workloads "noop20 files facts"
// It also times runbook's start-up (median of 10): `--version`, a one-task local run, a one-task
// run on one SSH host of the lab.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BENCH, LAB, labUp, needBench, option as opt, readTsv, type Row } from './shared-bench.js';
import { factsProgram, probeAnswers } from '../src/modules/support/facts.js';

const args = process.argv.slice(2);
const HOSTS = opt('--hosts', '1 10 50').split(/\s+/).map(Number);
const RUNS = opt('--runs', '3');
const WARMUP = opt('--warmup', '1');
const WORKLOADS = opt('--workloads', 'noop20 files facts');
const RECORDED = resolve('bench/ansible-2.14.18.tsv');
// runbook as users start it: package.json's bin, dist/runbook (src/cli/runbook.sh)
const RUNBOOK = resolve('dist/runbook');
const RUNNER = `${RUNBOOK} apply -i {inventory} -f {forks} {playbook}`;
/** bench.sh's name for that runner in its table: the command's file name. */
const LABEL = 'runbook';
const maxHosts = Math.max(...HOSTS);

needBench('npm run bench');
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[(s.length - 1) >> 1]! + s[s.length >> 1]!) / 2 : NaN;
};

function bench(runner: string, out: string, extra: string[] = []): void {
  const r = spawnSync(
    'bash',
    [
      join(BENCH, 'bench.sh'),
      '--runner',
      runner,
      '--workloads',
      WORKLOADS,
      '--hosts',
      HOSTS.join(' '),
      '--runs',
      RUNS,
      '--warmup',
      WARMUP,
      '--lab',
      LAB,
      '--out',
      out,
      ...extra,
    ],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  if (r.status !== 0) {
    console.error(`bench.sh failed (${r.status})`);
    process.exit(1);
  }
}

function walls(rows: Row[], runnerName: string): Map<string, number> {
  const cells = new Map<string, number[]>();
  for (const r of rows) {
    if (r.kind !== 'timed' || r.ok !== '1' || !r.runner?.startsWith(runnerName)) continue;
    const key = `${r.workload}@${r.hosts}`;
    cells.set(key, [...(cells.get(key) ?? []), Number(r.wall_s)]);
  }
  return new Map([...cells].map(([k, v]) => [k, median(v)]));
}

/** Median wall seconds of `runbook apply` on a generated noopN playbook over the lab. */
function noopWall(n: number, hosts: number): number {
  const dir = mkdtempSync(join(tmpdir(), 'rb-marginal-'));
  writeFileSync(
    join(dir, 'p.yml'),
    `- hosts: all\n  gather_facts: false\n  tasks:\n${'    - command: /bin/true\n'.repeat(n)}`,
  );
  const inv = join(dir, 'hosts.ini');
  writeFileSync(
    inv,
    execFileSync('bash', [join(BENCH, 'lab/lab.sh'), 'inventory', LAB, String(hosts)], { encoding: 'utf8' }),
  );
  const times: number[] = [];
  for (let i = 0; i < Number(RUNS); i++) {
    const t = performance.now();
    const r = spawnSync(RUNBOOK, ['apply', '-i', inv, '-f', String(hosts), join(dir, 'p.yml')], {
      stdio: 'ignore',
    });
    if (r.status !== 0) throw new Error(`noop${n} failed`);
    times.push((performance.now() - t) / 1000);
  }
  return median(times);
}

function shellFloor(hosts: number): { exec: number; shell: number } {
  const dir = mkdtempSync(join(tmpdir(), 'rb-floor-'));
  cpSync(join(BENCH, 'floor'), dir, { recursive: true });
  symlinkSync(resolve('node_modules'), join(dir, 'node_modules'));
  const out = execFileSync('node', [join(dir, 'shell-floor.mjs'), LAB, String(hosts), '20'], { encoding: 'utf8' });
  const j = JSON.parse(out.trim().split('\n').pop() ?? '{}') as {
    exec_ms_per_taskhost: number;
    shell_bintrue_round_ms: number;
  };
  return { exec: j.exec_ms_per_taskhost, shell: j.shell_bintrue_round_ms / hosts };
}

/** Median wall ms of 10 runs of runbook with these arguments (after one untimed run). */
function startupMs(argv: string[], cwd: string): number {
  const times: number[] = [];
  for (let i = 0; i <= 10; i++) {
    const t = performance.now();
    const r = spawnSync(RUNBOOK, argv, { cwd, stdio: 'ignore' });
    if (r.status !== 0) throw new Error(`runbook ${argv.join(' ')} failed (${r.status})`);
    if (i > 0) times.push(performance.now() - t);
  }
  return median(times);
}

function startup(): { version: number; local: number; ssh: number } {
  const dir = mkdtempSync(join(tmpdir(), 'rb-startup-'));
  const task = `  gather_facts: false\n  tasks:\n    - command: /bin/true\n`;
  writeFileSync(join(dir, 'local.yml'), `- hosts: localhost\n  connection: local\n${task}`);
  writeFileSync(join(dir, 'ssh.yml'), `- hosts: all\n${task}`);
  writeFileSync(join(dir, 'local.ini'), 'localhost ansible_connection=local\n');
  writeFileSync(
    join(dir, 'ssh.ini'),
    execFileSync('bash', [join(BENCH, 'lab/lab.sh'), 'inventory', LAB, '1'], { encoding: 'utf8' }),
  );
  const measured = {
    version: startupMs(['--version'], dir),
    local: startupMs(['apply', '-i', 'local.ini', 'local.yml'], dir),
    ssh: startupMs(['apply', '-i', 'ssh.ini', 'ssh.yml'], dir),
  };
  // each workload twice on one host, untimed: the code cache then holds what the cells run, as a
  // playbook's third run and later find it (code-cache.ts: its first run takes the command's
  // cache, its second compiles alone and writes the playbook's own; the cells have one sample each)
  for (const w of WORKLOADS.split(/\s+/).filter(Boolean))
    for (const time of ['first', 'second']) {
      const r = spawnSync(RUNBOOK, ['apply', '-i', 'ssh.ini', join(BENCH, 'workloads', `${w}.yml`)], {
        cwd: dir,
        stdio: 'ignore',
      });
      if (r.status !== 0) throw new Error(`runbook apply ${w}.yml failed (${r.status}, its ${time} run)`);
    }
  return measured;
}

/**
 * The facts program's own cost on a lab host: CPU ms per run of 20 runs timed together by GNU
 * time on the host (its resolution is 10 ms), with the interpreter's version and capsh's answer
 * remembered (probe-cache.ts), and when it starts both.
 */
function factsOnTarget(): { cached: number; uncached: number } {
  const ssh = (script: string): string =>
    execFileSync('ssh', ['-F', join(LAB, 'ssh_config'), 'node01', 'sh', '-s'], { input: script, encoding: 'utf8' });
  const known = probeAnswers(ssh(factsProgram()));
  const cpuMs = (program: string): number => {
    const file = '/tmp/rb-facts-bench.sh';
    const quoted = `'${program.replaceAll("'", `'\\''`)}'`;
    const out = ssh(
      `printf '%s\\n' ${quoted} > ${file}; /usr/bin/time -f '@@%U %S' sh -c 'for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do sh ${file}; done' 2>&1 >/dev/null | tail -1`,
    );
    const [u = 0, sy = 0] = out.trim().replace('@@', '').split(' ').map(Number);
    return ((u + sy) * 1000) / 20;
  };
  return { cached: cpuMs(factsProgram(known)), uncached: cpuMs(factsProgram()) };
}

// The lab is brought up here (bench.sh keeps a lab it did not start) and taken down at the end.
labUp(maxHosts);
// Start-up first: its runs, and one of each workload, leave this build's code cache warm
// (src/cli/code-cache.ts), as every run after the first of its kind finds it; the cells then
// measure such runs, as
// bench.sh's default warm-up run would (the bench runs here with --warmup 0 for Ansible's sake).
const start = startup();
const state = mkdtempSync(join(tmpdir(), 'rb-bench-'));
const rbTsv = join(state, 'runbook.tsv');
const live = args.includes('--vs-ansible') || !existsSync(RECORDED);
if (live) bench(RUNNER, rbTsv, ['--vs', 'ansible', '--mem']);
else bench(RUNNER, rbTsv, ['--mem']);
const rbRows = readTsv(rbTsv);
const ansRows = live ? rbRows : readTsv(RECORDED);
const rb = walls(rbRows, LABEL);
const an = walls(ansRows, 'ansible');
const lines: string[] = [];
const ratios: number[] = [];
for (const [cell, w] of rb) {
  const a = an.get(cell);
  const [wl, h] = cell.split('@');
  const tasks = Number(rbRows.find((r) => r.workload === wl)?.tasks ?? 0);
  const ratio = a ? w / a : NaN;
  if (a) ratios.push(ratio);
  lines.push(
    `| ${wl} | ${h} | ${w.toFixed(2)} | ${a?.toFixed(2) ?? '–'} | ${((w * 1000) / (tasks * Number(h))).toFixed(1)} | ${a ? ((a * 1000) / (tasks * Number(h))).toFixed(0) : '–'} | ${Number.isNaN(ratio) ? '–' : ratio.toFixed(3)} |`,
  );
}
const geo = Math.exp(ratios.reduce((s, r) => s + Math.log(r), 0) / ratios.length);
const pss = Math.max(
  ...rbRows
    .filter((r) => r.kind === 'mem' && r.runner === LABEL && Number(r.hosts) === maxHosts)
    .map((r) => Number(r.tree_pss_kb) / 1024)
    .filter((x) => !Number.isNaN(x)),
);
/** Median CPU ms per host spent on the lab hosts (sshd, shells, programs) in a cell of runbook's. */
function targetMsPerHost(workload: string, hosts: number): number {
  const xs = rbRows
    .filter((r) => r.kind === 'timed' && r.ok === '1' && r.runner === LABEL)
    .filter((r) => r.workload === workload && Number(r.hosts) === hosts)
    .map((r) => Number(r.target_s));
  return (median(xs) * 1000) / hosts;
}
const factsTarget = targetMsPerHost('facts', maxHosts);
const filesWall = (rb.get(`files@${maxHosts}`) ?? NaN) * 1000;
const filesTasks = Number(rbRows.find((r) => r.workload === 'files')?.tasks ?? 15);
const t20 = noopWall(20, maxHosts);
const t100 = noopWall(100, maxHosts);
const marginal = ((t100 - t20) * 1000) / (80 * maxHosts);
const floor = shellFloor(maxHosts);
const factsCpu = factsOnTarget();
const date = new Date().toISOString().slice(0, 16).replace('T', ' ');
const section = `<!-- bench:start -->
Measured ${date} UTC on ${cpus().length} cores (${cpus()[0]?.model.trim() ?? '?'}), Node ${process.version}, loopback lab of
\`../shared/bench/lab/lab.sh\` (${maxHosts} sshd hosts), \`bench.sh --runs ${RUNS} --warmup ${WARMUP} --mem\`, runbook =
\`${RUNNER.replace(resolve('.'), '.')}\`. Ansible's side: ${live ? 'measured in the same run, paired (A B A B …)' : `**recorded once on this machine** (\`bench/ansible-2.14.18.tsv\`, ansible-core 2.14.18 tuned: pipelining, forks = hosts) and reused`}.

| workload | hosts | runbook wall s | ansible wall s | runbook ms/task·host | ansible ms/task·host | ratio |
|---|---|---|---|---|---|---|
${lines.join('\n')}

- geometric-mean wall ratio runbook/ansible: **${geo.toFixed(3)}** (target ≤ 0.04)
- \`files\` at ${maxHosts} hosts: **${(filesWall / (filesTasks * maxHosts)).toFixed(1)} ms per task·host** (target ≤ 12);
  \`facts\` at ${maxHosts} hosts: **${factsTarget.toFixed(1)} ms CPU per host on the target** (sshd, shell and the facts
  program, bench.sh's \`tgt\`), of which the facts program itself: **${factsCpu.cached.toFixed(0)} ms CPU** with the
  interpreter's version remembered, ${factsCpu.uncached.toFixed(0)} ms when it starts Python (20 runs timed by GNU time on the
  host; target ≤ 30)
- marginal cost at ${maxHosts} hosts (noop100 − noop20, median of ${RUNS}): **${marginal.toFixed(2)} ms per task·host**
  (${t20.toFixed(2)} s → ${t100.toFixed(2)} s); persistent-shell floor (\`shell-floor.mjs\`, /bin/true): ${floor.shell.toFixed(2)} ms,
  one exec channel per task: ${floor.exec.toFixed(2)} ms → **${(marginal / floor.shell).toFixed(2)}× the shell floor** (target ≤ 1.5×)
- peak tree PSS of runbook at ${maxHosts} hosts: **${pss.toFixed(0)} MB** (target ≤ 100 MB)
- start-up, median of 10: \`runbook --version\` **${start.version.toFixed(0)} ms** (target ≤ 150), a one-task local run
  **${start.local.toFixed(0)} ms** (target ≤ 400), a one-task run on one SSH host of the lab **${start.ssh.toFixed(0)} ms**
<!-- bench:end -->`;
const doc = readFileSync('docs/PERFORMANCE.md', 'utf8');
const marked = /<!-- bench:start -->[\s\S]*<!-- bench:end -->/;
writeFileSync(
  'docs/PERFORMANCE.md',
  marked.test(doc) ? doc.replace(marked, section) : `${doc.trimEnd()}\n\n## SSH — \`npm run bench\`\n\n${section}\n`,
);
console.log(section);
console.log(`bench raw runs: ${rbTsv}`);
