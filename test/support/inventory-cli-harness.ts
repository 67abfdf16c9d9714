// `runbook inventory` and ansible-inventory on the same inventory (test/inventory-cli): one
// invocation, its exit code, stdout, and its ERROR!/[WARNING] lines (Ansible also prints its help
// on an options error; runbook does not).
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dirHash } from './case-harness.js';

export const INVENTORY_CLI_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../inventory-cli');

export function inventoryCliHash(): string {
  return dirHash(INVENTORY_CLI_DIR);
}

export interface InventoryCliResult {
  code: number;
  stdout: string;
  messages: string[];
}

export function runInventoryCli(command: string[], args: string[]): InventoryCliResult {
  const r = spawnSync(command[0]!, [...command.slice(1), '-i', 'hosts.ini', '-i', 'more.yml', ...args], {
    cwd: INVENTORY_CLI_DIR,
    encoding: 'utf8',
    // the directory's ansible.cfg (empty) is the one both read
    env: { ...process.env, ANSIBLE_NOCOLOR: '1', ANSIBLE_CONFIG: join(INVENTORY_CLI_DIR, 'ansible.cfg') },
    timeout: 60_000,
  });
  const lines = `${r.stdout}\n${r.stderr}`.split('\n');
  return {
    code: r.status ?? -1,
    // an options error: Ansible prints its help on stdout as well, which is not compared
    stdout: r.status === 5 ? '' : r.stdout,
    messages: lines.filter((l) => /^(ERROR!|\[WARNING\])/.test(l)),
  };
}
