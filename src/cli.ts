#!/usr/bin/env node
// The runbook executable.
import { main } from './cli/index.js';

process.exitCode = await main(process.argv.slice(2), {
  out: (s) => process.stdout.write(`${s}\n`),
  write: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(`${s}\n`),
});
