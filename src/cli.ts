#!/usr/bin/env node
// The runbook executable: loads the CLI's bundle (dist/bundle/runbook.cjs, made by
// scripts/bundle.ts from src/cli/run.ts) through the V8 code cache of cli/code-cache.ts, and runs
// it. This file is bundled on its own and imports nothing else: whatever it loads, every run pays
// for before the cache can help.
import { cacheDir, commandOf, loadBundle } from './cli/code-cache.js';

const argv = process.argv.slice(2);
const bundle = loadBundle(new URL('./bundle/runbook.cjs', import.meta.url), commandOf(argv), cacheDir(process.env));
const run = bundle.exports.run as (argv: string[]) => Promise<number>;
process.exitCode = await run(argv);
bundle.keep();
