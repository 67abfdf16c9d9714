// Records test/inventory-cli/expected.json from ansible-inventory (ansible-core 2.14.18): for each
// argument list of commands.json, run with -i hosts.ini -i more.yml in the directory, its exit
// code, stdout, and ERROR!/[WARNING] lines. Usage: npx tsx scripts/record-inventory-cli.ts
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { INVENTORY_CLI_DIR, inventoryCliHash, runInventoryCli } from '../test/support/inventory-cli-harness.js';

const version = (execFileSync('ansible-inventory', ['--version'], { encoding: 'utf8' }).split('\n')[0] ?? '').trim();
const commands = JSON.parse(readFileSync(join(INVENTORY_CLI_DIR, 'commands.json'), 'utf8')) as string[][];
const results = commands.map((args) => {
  const r = runInventoryCli(['ansible-inventory'], args);
  console.log(`${args.join(' ') || '(none)'}: exit ${r.code}`);
  return { args, ...r };
});
writeFileSync(
  join(INVENTORY_CLI_DIR, 'expected.json'),
  `${JSON.stringify({ recorded_with: version, case_sha256: inventoryCliHash(), results }, null, 1)}\n`,
);
