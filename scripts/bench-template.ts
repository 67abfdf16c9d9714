// npm run bench:template: renders bench/template/config.conf.j2 (532 lines, loops and
// filters) 1 000 times, each with different variables, in runbook and in Python Jinja2 on the
// same data, and prints both rates and the digests of the outputs (which must be equal).
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from '../src/template/index.js';

const SECTIONS = [
  'DEFAULT',
  'api',
  'database',
  'api_database',
  'glance',
  'keystone_authtoken',
  'neutron',
  'oslo_messaging_rabbit',
  'libvirt',
  'scheduler',
  'vnc',
  'cinder',
  'placement',
  'conductor',
  'cache',
  'oslo_concurrency',
];

/** Variables for render number i: every render sees different data. */
function varsFor(i: number): Record<string, unknown> {
  const hosts = Array.from({ length: 5 + (i % 20) }, (_, j) => ({
    name: `${j % 3 ? 'compute' : 'controller'}${j}-${i}`,
    role: j % 3 ? 'compute' : 'controller',
    port: 5000 + j + i,
    tags: [`zone_${j % 4}`, `gen_${i % 7}`],
  }));
  const settings = Object.fromEntries(
    SECTIONS.map((s, k) => [
      s,
      {
        port: 8000 + k + i,
        enabled: (i + k) % 3 !== 0,
        vals: [`v${(i * 7 + k) % 13}`, `w${i % 5}`, `v${k}`, `x${(i + k) % 4}`],
      },
    ]),
  );
  return {
    cloud: { name: `cloud${i}`, region: `Region-${i % 9}`, vip: `10.0.${i % 250}.1` },
    generation: i,
    hosts,
    settings,
  };
}

const templatePath = new URL('../bench/template/config.conf.j2', import.meta.url).pathname;
const source = readFileSync(templatePath, 'utf8');
const count = Number(process.argv[process.argv.indexOf('--count') + 1]) || 1000;
const allVars = Array.from({ length: count }, (_, i) => varsFor(i));

function bench(mode: 'jinja' | 'ansible'): { rate: number; digest: string } {
  const digest = createHash('sha256');
  const start = performance.now();
  for (const v of allVars) digest.update(render(source, v, { mode, trimBlocks: true }));
  return { rate: count / ((performance.now() - start) / 1000), digest: digest.digest('hex') };
}

bench('jinja');
const ours = bench('jinja');
const oursAnsible = bench('ansible');
const dir = mkdtempSync(join(tmpdir(), 'rb-bench-'));
let python: { rate: number; digest: string; jinja2: string } | undefined;
try {
  writeFileSync(join(dir, 'vars.json'), JSON.stringify(allVars));
  const script = new URL('../bench/template/bench_jinja2.py', import.meta.url).pathname;
  python = JSON.parse(
    execFileSync('python3', [script, templatePath, join(dir, 'vars.json')], { encoding: 'utf8' }),
  ) as typeof python;
} catch (err) {
  console.log(
    `Python Jinja2 not run (${(err as Error).message.split('\n')[0] ?? ''}); install python3-jinja2 to compare`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(`template: ${source.split('\n').length - 1} lines, ${count} renders, different variables each`);
console.log(`runbook (Jinja2 mode)  ${ours.rate.toFixed(0).padStart(6)} renders/s  digest ${ours.digest.slice(0, 16)}`);
console.log(
  `runbook (Ansible mode) ${oursAnsible.rate.toFixed(0).padStart(6)} renders/s  digest ${oursAnsible.digest.slice(0, 16)}`,
);
if (python) {
  console.log(
    `Python Jinja2 ${python.jinja2.padEnd(8)} ${python.rate.toFixed(0).padStart(6)} renders/s  digest ${python.digest.slice(0, 16)}`,
  );
  console.log(
    `digests ${python.digest === ours.digest ? 'match' : 'DIFFER'}; runbook/Jinja2 speed ratio ${(ours.rate / python.rate).toFixed(2)}`,
  );
  if (python.digest !== ours.digest) process.exitCode = 1;
}
