// The Ansible-mode differential cases: loading them, hashing their input, and running
// one through runbook's engine the way the recorder runs it through ansible-playbook.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { parseYamlValue } from '../../src/util/index.js';
import { pyJsonDumps, template, TemplateError } from '../../src/template/index.js';

export interface AnsibleCase {
  id: string;
  kind: 'render' | 'expr';
  tpl: string;
  vars: Map<unknown, unknown>;
  /** Recorded with ANSIBLE_JINJA2_NATIVE=1. */
  native: boolean;
}

/** What ansible-playbook 2.14.18 made of a case. */
export interface AnsibleRecord {
  recorded_with: string;
  input_sha256: string;
  ok: boolean;
  value?: unknown;
  error?: string;
}

export const HERE = dirname(fileURLToPath(import.meta.url));
export const CASES_FILE = join(HERE, 'cases.yaml');
export const RECORDS_FILE = join(HERE, 'recorded.json');

export function loadCases(): AnsibleCase[] {
  const raw = parseYamlValue(readFileSync(CASES_FILE, 'utf8'), CASES_FILE) as Map<string, unknown>[];
  return raw.map((c) => ({
    id: String(c.get('id')),
    kind: c.get('kind') === 'expr' ? 'expr' : 'render',
    tpl: String(c.get('tpl')),
    vars: (c.get('vars') as Map<unknown, unknown> | undefined) ?? new Map(),
    native: c.get('native') === true,
  }));
}

/** sha256 of the case input (kind, template, vars) in canonical JSON. */
export function caseHash(c: AnsibleCase): string {
  const canonical = pyJsonDumps(
    new Map<unknown, unknown>([
      ['kind', c.kind],
      ['tpl', c.tpl],
      ['vars', c.vars],
      // only native cases carry the key, so the hashes of the others stay as recorded
      ...(c.native ? [['native', true] as [string, unknown]] : []),
    ]),
    { sortKeys: true },
  );
  return createHash('sha256').update(canonical).digest('hex');
}

/** The text the debug task's msg carries. */
export function taskArgument(c: AnsibleCase): string {
  return c.kind === 'expr' ? `{{ ${c.tpl} }}` : c.tpl;
}

/** Runs a case through runbook: { ok, value } or { ok: false, error }. */
export function runCase(c: AnsibleCase): { ok: boolean; value?: unknown; error?: string } {
  try {
    return { ok: true, value: template(taskArgument(c), c.vars, { native: c.native }) };
  } catch (err) {
    if (err instanceof TemplateError) return { ok: false, error: err.message };
    throw err;
  }
}

/** The value as Python's json.dumps prints it (sorted keys), for comparing with a record. */
export function canonicalJson(v: unknown): string {
  return pyJsonDumps(v, { sortKeys: true });
}
