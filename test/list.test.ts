// `runbook apply --list-hosts/--list-tasks/--list-tags` against ansible-playbook 2.14.18's
// output for the same playbook (test/fixtures/list, recorded_with and hash in its README).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/index.js';

const DIR = join(import.meta.dirname, 'fixtures', 'list');
const BOOK = join(DIR, 'playbook.yml');

describe('--list-*', () => {
  it('the recording is of this playbook', () => {
    const sha = createHash('sha256').update(readFileSync(BOOK)).digest('hex');
    expect(readFileSync(join(DIR, 'README.md'), 'utf8')).toContain(sha);
  });

  for (const flag of ['list-hosts', 'list-tasks', 'list-tags']) {
    it(`--${flag} prints what ansible-playbook prints`, async () => {
      const out: string[] = [];
      const code = await main(['apply', '-i', 'h,', BOOK, `--${flag}`], {
        out: (s) => out.push(s),
        write: (s) => out.push(s),
        err: (s) => out.push(s),
      });
      const expected = readFileSync(join(DIR, `${flag}.txt`), 'utf8').replace(
        'playbook: playbook.yml',
        `playbook: ${BOOK}`,
      );
      expect(code).toBe(0);
      expect(`${out.join('\n')}\n`).toBe(expected);
    });
  }
});
