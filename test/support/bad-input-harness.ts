// The bad-input corpus (test/bad-input/<case>): each case a directory of input files with
// case.json (title, the arguments after `ansible-playbook`/`runbook apply`, the culprit runbook
// must name: file, line, names) and expected.json recorded from ansible-playbook 2.14.18.
// A run copies the case to a scratch directory and runs there.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dirHash } from './case-harness.js';

export const BAD_INPUT_DIR = fileURLToPath(new URL('../bad-input', import.meta.url));

export interface BadInputCase {
  title: string;
  args: string[];
  culprit: { file?: string; line?: number; names?: string[] };
  /** Where runbook deliberately exits otherwise than Ansible (Ansible crashes), and why. */
  exitCode?: { runbook: number; why: string };
}
export interface BadInputRecord {
  case: string;
  recorded_with: string;
  case_sha256: string;
  exit_code: number;
  messages: string[];
  /** A YAML syntax error's problem line and its position line, where the loader refused the text. */
  yaml_error?: string[];
}

export function badInputCases(): string[] {
  return readdirSync(BAD_INPUT_DIR)
    .filter((n) => /^\d/.test(n))
    .sort();
}

export function readCase(name: string): BadInputCase {
  return JSON.parse(readFileSync(join(BAD_INPUT_DIR, name, 'case.json'), 'utf8')) as BadInputCase;
}

/** sha256 over the case's files (paths and bytes), expected.json excluded. */
export function badInputHash(name: string): string {
  return dirHash(join(BAD_INPUT_DIR, name));
}

/** Runs `command ...case.args` in a scratch copy of the case: exit code and all output. */
export function runBadInput(
  name: string,
  command: string[],
  env: NodeJS.ProcessEnv = {},
): { code: number; output: string; work: string } {
  const work = mkdtempSync(join(tmpdir(), `rb-bad-${name.slice(0, 2)}-`));
  cpSync(join(BAD_INPUT_DIR, name), work, { recursive: true });
  // no ansible.cfg of the machine's: an empty one outside the case
  const cfg = join(mkdtempSync(join(tmpdir(), 'rb-bad-cfg-')), 'ansible.cfg');
  writeFileSync(cfg, '');
  const [cmd = '', ...pre] = command;
  const r = spawnSync(cmd, [...pre, ...readCase(name).args], {
    cwd: work,
    encoding: 'utf8',
    env: { ...process.env, ANSIBLE_NOCOLOR: '1', ANSIBLE_CONFIG: cfg, ...env },
    timeout: 60_000,
  });
  return { code: r.status ?? -1, output: `${r.stdout}${r.stderr}`.split(work).join('<CASE>'), work };
}
