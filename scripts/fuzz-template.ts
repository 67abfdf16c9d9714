// npm run fuzz:template [-- --seed N --count N]: 100 000 generated templates by default.
// Exits 1 when any input fails with something other than a positioned TemplateError.
import { fuzzTemplates } from '../test/support/fuzz-run.js';

function arg(name: string, dflt: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
}

const seed = arg('seed', 1);
const count = arg('count', 100_000);
const started = performance.now();
const report = fuzzTemplates(seed, count);
const seconds = (performance.now() - started) / 1000;
console.log(`fuzz:template seed=${seed}: ${report.inputs} inputs in ${seconds.toFixed(1)} s`);
console.log(`  rendered without error: ${report.rendered} (${((100 * report.rendered) / report.inputs).toFixed(1)} %)`);
console.log(`  TemplateErrors by kind: ${JSON.stringify(report.templateErrors)}`);
console.log(`  slowest input: ${report.slowest.ms.toFixed(1)} ms`);
for (const bug of report.bugs.slice(0, 20))
  console.log(`BUG ${JSON.stringify(bug.input)}\n    ${bug.error.split('\n').slice(0, 4).join('\n    ')}`);
console.log(`${report.bugs.length ? 'FAILED' : 'ok'}: ${report.bugs.length} inputs failed outside TemplateError`);
process.exit(report.bugs.length ? 1 : 0);
