// npm run test:shared, part 2: ../shared/compat's differential suite against the built CLI.
// Prints the harness's own summary ("compat: N passed, M failed") and exits with its code
// unless only the known failures failed (docs/COMPAT.md explains each).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** Cases that cannot pass on this machine, with the reason. */
const KNOWN: Record<string, string> = {};

const source = resolve('../shared/compat');
if (!existsSync(join(source, 'harness/compat.mjs'))) {
  console.error(`test:shared needs ../shared/compat (a checkout of shared/ next to this project)`);
  process.exit(2);
}
// The suite runs from a private copy with the owner's write bit back: ../shared is mounted
// read-only here, which turns 36_copy's files/tool.sh (0755 where it was recorded) into 0555,
// and `mode: preserve` would then faithfully copy 0555.
const suite = mkdtempSync(join(tmpdir(), 'rb-compat-'));
cpSync(source, suite, { recursive: true });
spawnSync('chmod', ['-R', 'u+w', suite]);
const harness = join(suite, 'harness/compat.mjs');
const cli = resolve('dist/runbook');
const r = spawnSync(
  'node',
  [harness, '--runner', `${cli} apply -i {inventory} {extra} {args} {playbook}`, '--jobs', '2'],
  { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
);
rmSync(suite, { recursive: true, force: true });
process.stdout.write(r.stdout);
process.stderr.write(r.stderr);
const failed = [...r.stdout.matchAll(/^FAIL (\S+)/gm)].map((m) => m[1] ?? '');
const unexpected = failed.filter((name) => !(name in KNOWN));
for (const name of failed) if (name in KNOWN) console.log(`known: ${name}: ${KNOWN[name] ?? ''}`);
if (unexpected.length) {
  console.log(`unexpected compat failures: ${unexpected.join(', ')}`);
  process.exit(1);
}
