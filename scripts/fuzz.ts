// npm run fuzz [-- --seed N --count N --only yaml|ini|template]: the YAML loader, the INI
// inventory parser and the template engine fed generated input (100 000 each by default).
// Every input must parse or fail with runbook's own error carrying a position; a chunk of
// 10 000 that does not finish within 120 s is reported as a hang (the watchdog). Exits 1 on
// any finding. The seed and counts go to docs/RELIABILITY.md by hand.
import { spawnSync } from 'node:child_process';
import { fuzzTemplates } from '../test/support/fuzz-run.js';
import type { TextFuzzReport } from '../test/support/text-fuzz.js';

function arg(name: string, dflt: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? dflt) : dflt;
}

const seed = Number(arg('seed', '1'));
const count = Number(arg('count', '100000'));
const only = arg('only', '');
const CHUNK = 10_000;
let findings = 0;

for (const target of ['yaml', 'ini'] as const) {
  if (only && only !== target) continue;
  const total: TextFuzzReport = { inputs: 0, parsed: 0, positionedErrors: 0, bugs: [], slowest: { ms: 0, input: '' } };
  const started = performance.now();
  for (let from = 0; from < count; from += CHUNK) {
    const to = Math.min(count, from + CHUNK);
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'scripts/fuzz-chunk.ts', target, String(seed), String(from), String(to)],
      { encoding: 'utf8', timeout: 120_000, maxBuffer: 64 << 20 },
    );
    if (r.status !== 0) {
      findings++;
      console.log(
        `HANG or crash: ${target} seed=${seed} inputs ${from}..${to}: ${r.signal ?? `exit ${r.status}`} ${r.stderr.slice(0, 500)}`,
      );
      continue;
    }
    const c = JSON.parse(r.stdout) as TextFuzzReport;
    total.inputs += c.inputs;
    total.parsed += c.parsed;
    total.positionedErrors += c.positionedErrors;
    total.bugs.push(...c.bugs);
    if (c.slowest.ms > total.slowest.ms) total.slowest = c.slowest;
  }
  findings += total.bugs.length;
  console.log(
    `fuzz:${target} seed=${seed}: ${total.inputs} inputs in ${((performance.now() - started) / 1000).toFixed(1)} s: ${total.parsed} parsed, ${total.positionedErrors} positioned errors, ${total.bugs.length} bugs, slowest ${total.slowest.ms.toFixed(1)} ms`,
  );
  for (const b of total.bugs.slice(0, 10))
    console.log(`BUG ${JSON.stringify(b.input)}\n    ${b.error.split('\n').slice(0, 4).join('\n    ')}`);
}
if (!only || only === 'template') {
  const started = performance.now();
  const t = fuzzTemplates(seed, count);
  findings += t.bugs.length;
  console.log(
    `fuzz:template seed=${seed}: ${t.inputs} inputs in ${((performance.now() - started) / 1000).toFixed(1)} s: ${t.rendered} rendered, ${t.bugs.length} bugs, slowest ${t.slowest.ms.toFixed(1)} ms (step budget)`,
  );
  for (const b of t.bugs.slice(0, 10))
    console.log(`BUG ${JSON.stringify(b.input)}\n    ${b.error.split('\n').slice(0, 4).join('\n    ')}`);
}
console.log(findings ? `FAILED: ${findings} findings` : 'ok: 0 crashes, 0 hangs');
process.exit(findings ? 1 : 0);
