// An undefined variable in Jinja2's tests, `in` and comparisons, in both modes: plain Jinja2's
// Undefined (iterable as empty, len 0, str '') and Ansible's strict one (iter, len, str, ==
// and `in` raise). Recorded from Jinja2 and ansible-core's Templar by
// /usr/bin/python3 scripts/record-undefined-cases.py.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pyStr, render, template, TemplateError } from './index.js';

type Outcome = { out: string } | { err: string };
const recorded = JSON.parse(readFileSync(new URL('./undefined.cases.json', import.meta.url), 'utf8')) as {
  recorded_with: string;
  cases: { expr: string; jinja: Outcome; ansible: Outcome }[];
};

// Ansible's side is Templar.template (its backslashes in expressions escaped), runbook's template()
function outcome(expr: string, mode: 'jinja' | 'ansible'): Outcome {
  try {
    const text = `{{ ${expr} }}`;
    return { out: mode === 'jinja' ? String(render(text, new Map(), { mode })) : pyStr(template(text, new Map())) };
  } catch (err) {
    if (err instanceof TemplateError) return { err: err.kind };
    throw err;
  }
}

describe(`an undefined value in tests and operators (${recorded.recorded_with})`, () => {
  it.each(recorded.cases)('$expr', ({ expr, jinja, ansible }) => {
    expect({ jinja: outcome(expr, 'jinja'), ansible: outcome(expr, 'ansible') }).toEqual({ jinja, ansible });
  });
});
