// Records src/modules/ansible-doc-options.json: for each module runbook has, the options
// ansible-doc 2.14.18 (Debian's ansible for the collections) documents — type, required,
// default, choices, aliases, elements — from which docs/MODULES.md lists, per module, the
// options runbook does not accept yet (src/modules/docs.ts). Usage: npx tsx scripts/record-ansible-doc.ts
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MODULES } from '../src/modules/index.js';

const KEEP = ['type', 'required', 'default', 'choices', 'aliases', 'elements'];
const version = (execFileSync('ansible-doc', ['--version'], { encoding: 'utf8' }).split('\n')[0] ?? '').trim();
const names = MODULES.map((m) => `${m.collection}.${m.name}`);
const docs = JSON.parse(
  execFileSync('ansible-doc', ['-j', ...names], { encoding: 'utf8', maxBuffer: 64 << 20 }),
) as Record<string, { doc: { options?: Record<string, Record<string, unknown>> } }>;
const modules: Record<string, Record<string, Record<string, unknown>>> = {};
for (const name of names.sort()) {
  const options = docs[name]?.doc.options ?? {};
  modules[name] = Object.fromEntries(
    Object.entries(options)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([o, spec]) => [o, Object.fromEntries(KEEP.filter((k) => spec[k] !== undefined).map((k) => [k, spec[k]]))]),
  );
}
writeFileSync(
  join(import.meta.dirname, '..', 'src', 'modules', 'ansible-doc-options.json'),
  `${JSON.stringify({ recorded_with: version, modules }, null, 1)}\n`,
);
console.log(`${names.length} modules recorded`);
