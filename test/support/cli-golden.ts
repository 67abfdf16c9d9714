// A CLI and its Ansible twin on the same input directory (test/inventory-cli, test/adhoc-cli):
// one invocation's exit code, stdout, and ERROR!/[WARNING] lines. Ansible also prints its help
// on an options error (exit 5); that help is not compared.
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dirHash } from './case-harness.js';

export const TEST_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export interface GoldenResult {
  code: number;
  stdout: string;
  messages: string[];
}

export function goldenHash(dir: string): string {
  return dirHash(join(TEST_DIR, dir));
}

/** Runs `command ...args` in test/DIR with that directory's (empty) ansible.cfg. */
export function runGolden(dir: string, command: string[], args: string[]): GoldenResult {
  const cwd = join(TEST_DIR, dir);
  const r = spawnSync(command[0]!, [...command.slice(1), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ANSIBLE_NOCOLOR: '1', ANSIBLE_CONFIG: join(cwd, 'ansible.cfg') },
    timeout: 60_000,
  });
  return {
    code: r.status ?? -1,
    stdout: r.status === 5 ? '' : r.stdout,
    messages: `${r.stdout}\n${r.stderr}`.split('\n').filter((l) => /^(ERROR!|\[WARNING\])/.test(l)),
  };
}
