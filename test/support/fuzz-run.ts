// Runs generated templates through every entry point and classifies the outcome: a failure
// must be a TemplateError that carries a line and column; anything else is a bug.
import { render, template, TemplateError } from '../../src/template/index.js';
import { TemplateGrammar, rng, FUZZ_VARS } from './template-grammar.js';

export interface FuzzReport {
  inputs: number;
  rendered: number;
  templateErrors: Record<string, number>;
  /** Inputs that raised something other than a positioned TemplateError. */
  bugs: { input: string; error: string }[];
  slowest: { ms: number; input: string };
}

function check(fn: () => unknown, input: string, report: FuzzReport): boolean {
  try {
    fn();
    return true;
  } catch (err) {
    if (err instanceof TemplateError && err.location?.line !== undefined && err.location.column !== undefined) {
      report.templateErrors[err.kind] = (report.templateErrors[err.kind] ?? 0) + 1;
    } else {
      report.bugs.push({
        input,
        error:
          err instanceof TemplateError
            ? `unpositioned ${err.kind}: ${err.message}`
            : String((err as Error).stack ?? err),
      });
    }
    return false;
  }
}

/** Generates `count` templates from `seed` and runs each through render (Ansible mode), template() and, for every fourth, plain Jinja2 mode. */
export function fuzzTemplates(seed: number, count: number, stepBudget = 200_000): FuzzReport {
  const grammar = new TemplateGrammar(rng(seed));
  const report: FuzzReport = { inputs: 0, rendered: 0, templateErrors: {}, bugs: [], slowest: { ms: 0, input: '' } };
  for (let i = 0; i < count; i++) {
    const input = grammar.template();
    const started = performance.now();
    report.inputs++;
    const ok = check(() => render(input, FUZZ_VARS, { mode: 'ansible', stepBudget }), input, report);
    check(() => template(input, FUZZ_VARS, { stepBudget }), input, report);
    // Plain Jinja2 mode lacks Ansible's filters, so most inputs fail there; a quarter is enough.
    if (i % 4 === 0) check(() => render(input, FUZZ_VARS, { mode: 'jinja', stepBudget }), input, report);
    if (ok) report.rendered++;
    const ms = performance.now() - started;
    if (ms > report.slowest.ms) report.slowest = { ms, input };
  }
  return report;
}
