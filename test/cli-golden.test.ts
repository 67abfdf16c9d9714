// `runbook run` and `runbook inventory` against ansible 2.14.18 and ansible-inventory 2.14.18 on
// the same input (test/adhoc-cli, test/inventory-cli): the same stdout byte for byte, exit code
// and ERROR!/[WARNING] lines for every recorded invocation. Re-record with
// npx tsx scripts/record-cli-golden.ts adhoc-cli inventory-cli.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI } from './support/ssh-lab.js';
import { TEST_DIR, goldenHash, runGolden, type GoldenResult } from './support/cli-golden.js';

const CASES: [string, string, string[]][] = [
  ['adhoc-cli', 'ansible', ['node', CLI, 'run', '-i', 'hosts.ini']],
  ['inventory-cli', 'ansible-inventory', ['node', CLI, 'inventory', '-i', 'hosts.ini', '-i', 'more.yml']],
];

for (const [dir, twin, command] of CASES) {
  const recorded = JSON.parse(readFileSync(join(TEST_DIR, dir, 'expected.json'), 'utf8')) as {
    recorded_with: string;
    case_sha256: string;
    results: (GoldenResult & { args: string[] })[];
  };
  describe(`${command.slice(2, 3).join(' ')} as ${twin} (test/${dir})`, () => {
    it(`was recorded from the current input with ${twin} 2.14.18`, () => {
      expect(recorded.recorded_with).toBe(`${twin} [core 2.14.18]`);
      expect(recorded.case_sha256, `changed since recorded: npx tsx scripts/record-cli-golden.ts ${dir}`).toBe(
        goldenHash(dir),
      );
    });
    for (const want of recorded.results) {
      it(`runbook ${command[2]!} ${want.args.join(' ') || '(no action)'}`, () => {
        const got = runGolden(dir, command, want.args);
        expect(got).toEqual({ code: want.code, stdout: want.stdout, messages: want.messages });
      }, 30_000);
    }
  });
}
