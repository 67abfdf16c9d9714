#!/usr/bin/env node
// The runbook executable.
import { main } from './cli/index.js';

// Output piped into a reader that stops early (`runbook roles | head -3`): end quietly, as a
// shell tool does on SIGPIPE, not with a stack trace.
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });

process.exitCode = await main(process.argv.slice(2), {
  out: (s) => process.stdout.write(`${s}\n`),
  write: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(`${s}\n`),
});
