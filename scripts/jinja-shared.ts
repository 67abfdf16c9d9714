// Runs ../shared/jinja's 84 cases in plain Jinja2 mode against Python Jinja2's recorded output.
// Usage: tsx scripts/jinja-shared.ts [--verbose]; exits 1 when fewer than the required cases match.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { render, TemplateError, pyJsonLoads } from '../src/template/index.js';

interface Case {
  id: string;
  tpl: string;
  ctx: unknown;
}
interface Ref {
  ok: boolean;
  out: string;
}

/** Cases we knowingly differ on, with the reason (none today). */
export const KNOWN_DIFFERENCES: Record<string, string> = {};

const dir = resolve(process.argv.find((a) => a.startsWith('--dir='))?.slice(6) ?? '../shared/jinja');
if (!existsSync(`${dir}/jinja-cases.json`)) {
  console.error(`test:shared needs the shared instruments at ${dir} (a checkout of shared/ next to this project)`);
  process.exit(2);
}
const cases = JSON.parse(readFileSync(`${dir}/jinja-cases.json`, 'utf8')) as Case[];
const refs = JSON.parse(readFileSync(`${dir}/jinja2-reference-output.json`, 'utf8')) as Record<string, Ref>;
const verbose = process.argv.includes('--verbose');

let pass = 0;
const failed: string[] = [];
for (const c of cases) {
  const ref = refs[c.id];
  let got: Ref;
  try {
    got = {
      ok: true,
      out: render(c.tpl, pyJsonLoads(JSON.stringify(c.ctx)) as Map<unknown, unknown>, { mode: 'jinja' }),
    };
  } catch (err) {
    if (!(err instanceof TemplateError)) throw err;
    got = { ok: false, out: `${err.kind}: ${err.message}`.slice(0, 80 + err.kind.length + 2) };
  }
  const match = ref !== undefined && got.ok === ref.ok && got.out === ref.out;
  if (match) pass++;
  else
    failed.push(
      `${c.id}: expected ${JSON.stringify(ref)} got ${JSON.stringify(got)}${KNOWN_DIFFERENCES[c.id] ? ` (known: ${KNOWN_DIFFERENCES[c.id]})` : ''}`,
    );
  if (verbose && match) console.log(`ok   ${c.id}`);
}
for (const f of failed) console.log(`FAIL ${f}`);
console.log(`jinja plain mode: ${pass}/${cases.length} match Python Jinja2`);
console.log(`${pass} passed, ${cases.length - pass} failed`);
const required = 82;
process.exit(pass >= required ? 0 : 1);
