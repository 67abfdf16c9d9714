// Records test/cursor/cases.json: for each tree of test/cursor/cases.ts, a playbook whose tasks
// are debug (or fail, for the failing ones) on one local host, run by ansible-playbook; the
// tasks it ran (the TASK banners, in order) and the recap's failed and rescued counts.
// Usage: npx tsx scripts/record-cursor-cases.ts
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { CURSOR_CASES, playbookOf } from '../test/cursor/cases.js';

const version = (execFileSync('ansible-playbook', ['--version'], { encoding: 'utf8' }).split('\n')[0] ?? '').trim();
const dir = mkdtempSync(join(tmpdir(), 'rb-cursor-'));
const out: Record<string, unknown>[] = [];
for (const c of CURSOR_CASES) {
  const playbook = playbookOf(c);
  writeFileSync(join(dir, 'play.yml'), playbook);
  const r = spawnSync('ansible-playbook', ['-i', 'localhost,', join(dir, 'play.yml')], {
    encoding: 'utf8',
    env: { ...process.env, ANSIBLE_NOCOLOR: '1' },
  });
  const ran = [...r.stdout.matchAll(/^TASK \[(.*)\]/gm)].map((m) => m[1]);
  const recap = /localhost\s+:.*failed=(\d+).*rescued=(\d+)/.exec(r.stdout);
  out.push({
    name: c.name,
    input_sha256: createHash('sha256').update(playbook).digest('hex'),
    ran,
    failed: Number(recap?.[1]),
    rescued: Number(recap?.[2]),
    exit_code: r.status,
  });
  console.log(`${c.name}: ${ran.join(' ')} (exit ${r.status})`);
}
rmSync(dir, { recursive: true, force: true });
writeFileSync(
  new URL('../test/cursor/cases.json', import.meta.url),
  `${JSON.stringify({ recorded_with: version, cases: out }, null, 1)}\n`,
);
