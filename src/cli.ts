#!/usr/bin/env node
// The runbook executable: loads the CLI's bundle (dist/bundle/runbook.cjs, made by
// scripts/bundle.ts from src/cli/run.ts) through the V8 code cache of cli/code-cache.ts, and runs
// it. This file is bundled on its own and imports nothing else: whatever it loads, every run pays
// for before the cache can help. `runbook --version` needs no more than package.json.
import { cacheDir, commandOf, loadBundle } from './cli/code-cache.js';
import { version } from './cli/version.js';

const argv = process.argv.slice(2);
if (argv.length === 1 && argv[0] === '--version') {
  process.stdout.write(`${version(new URL('../package.json', import.meta.url))}\n`);
} else {
  const bundle = loadBundle(new URL('./bundle/runbook.cjs', import.meta.url), commandOf(argv), cacheDir(process.env));
  const run = bundle.exports.run as (argv: string[]) => Promise<number>;
  process.exitCode = await run(argv);
  bundle.keep();
}
