// The build's second step (issue 21): src/ bundled by esbuild into dist/bundle/, and dist/cli.js
// made the launcher of that bundle. Node then loads a few files instead of ~330 at every start
// (a one-task local run 364 → 241 ms median of 10 on 2 cores); each subcommand stays its own
// chunk (main.ts imports them on use), and the npm packages stay outside it, loaded where used.
// dist/bundle/ is two levels below the checkout like dist/cli/, so the paths the code builds from
// import.meta.url (package.json, lab/fakestack, the shipped roles) hold in both.
import { build } from 'esbuild';
import { rmSync, writeFileSync, chmodSync } from 'node:fs';

const OUT = 'dist/bundle';

rmSync(OUT, { recursive: true, force: true });
await build({
  entryPoints: ['src/cli.ts'],
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  // class and function names stay as written: the template engine reports Python type names
  // from them (an Undefined renamed _Undefined changed a filter's error and how a loop over an
  // undefined variable under a false `when` is skipped)
  keepNames: true,
  outdir: OUT,
  logLevel: 'warning',
});
writeFileSync(
  'dist/cli.js',
  [
    '#!/usr/bin/env node',
    '// The runbook executable: the bundle of src/ (scripts/bundle.ts); dist/cli/ is the same code unbundled.',
    "import './bundle/cli.js';",
    '',
  ].join('\n'),
);
chmodSync('dist/cli.js', 0o755);
