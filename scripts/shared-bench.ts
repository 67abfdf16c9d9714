// What the benchmarks on ../shared/bench share: its location, the loopback lab they bring up
// (and take down at exit when they started it: no daemon outlives a run), the raw TSV rows, and
// the checks that what bench.sh needs is here.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const BENCH = resolve('../shared/bench');
export const LAB = join(tmpdir(), 'runbook-lab');
export type Row = Record<string, string>;

/** `--name value` of argv, or the default. */
export function option(name: string, def: string): string {
  const args = process.argv.slice(2);
  const i = args.indexOf(name);
  return i >= 0 ? (args[i + 1] ?? def) : def;
}

/** Exits with the command that is missing: ../shared/bench, GNU time (installed as root). */
export function needBench(script: string): void {
  if (!existsSync(join(BENCH, 'bench.sh'))) {
    console.error(`${script} needs ../shared/bench`);
    process.exit(2);
  }
  if (existsSync('/usr/bin/time')) return;
  if (process.getuid?.() === 0) execFileSync('apt-get', ['install', '-y', 'time'], { stdio: 'inherit' });
  else {
    console.error('bench.sh needs GNU time: apt-get install -y time');
    process.exit(2);
  }
}

/** Brings the lab up to `hosts` hosts; it goes down at exit unless it was up before. */
export function labUp(hosts: number): void {
  const status =
    spawnSync('bash', [join(BENCH, 'lab/lab.sh'), 'status', LAB], { encoding: 'utf8' })
      .stdout.trim()
      .split('\n')
      .pop() ?? '';
  const wasUp = Number(status.split(' ')[0]) > 0;
  execFileSync('bash', [join(BENCH, 'lab/lab.sh'), 'up', String(hosts), LAB], { stdio: 'inherit' });
  process.on('exit', () => {
    if (!wasUp) spawnSync('bash', [join(BENCH, 'lab/lab.sh'), 'down', LAB], { stdio: 'inherit' });
  });
}

export function readTsv(file: string): Row[] {
  const [head = '', ...lines] = readFileSync(file, 'utf8').trim().split('\n');
  const cols = head.split('\t');
  return lines.map((l) => Object.fromEntries(l.split('\t').map((v, i) => [cols[i] ?? String(i), v])));
}
