// `runbook inventory` against ansible-inventory 2.14.18's recorded output on the same inventory
// (test/inventory-cli: INI and YAML sources, group and host vars files, children, ranges):
// the same stdout byte for byte, exit code and ERROR!/[WARNING] lines. Re-record with
// npx tsx scripts/record-inventory-cli.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI } from './support/ssh-lab.js';
import {
  INVENTORY_CLI_DIR,
  inventoryCliHash,
  runInventoryCli,
  type InventoryCliResult,
} from './support/inventory-cli-harness.js';

const recorded = JSON.parse(readFileSync(join(INVENTORY_CLI_DIR, 'expected.json'), 'utf8')) as {
  recorded_with: string;
  case_sha256: string;
  results: (InventoryCliResult & { args: string[] })[];
};

describe('runbook inventory, as ansible-inventory', () => {
  it('was recorded from the current inventory with ansible-inventory 2.14.18', () => {
    expect(recorded.recorded_with).toBe('ansible-inventory [core 2.14.18]');
    expect(recorded.case_sha256, 'changed since recorded: npx tsx scripts/record-inventory-cli.ts').toBe(
      inventoryCliHash(),
    );
  });

  for (const want of recorded.results) {
    it(`runbook inventory ${want.args.join(' ') || '(no action)'}`, () => {
      const got = runInventoryCli(['node', CLI, 'inventory'], want.args);
      expect(got).toEqual({ code: want.code, stdout: want.stdout, messages: want.messages });
    }, 30_000);
  }
});
