#!/usr/bin/env node
// The runbook executable: loads the CLI's bundle (dist/bundle/runbook.cjs, made by
// scripts/bundle.ts from src/cli/run.ts) through the V8 code cache of cli/code-cache.ts, and runs
// it. This file is bundled on its own and imports nothing else: whatever it loads, every run pays
// for before the cache can help. `runbook --version` needs no more than package.json. It is built
// as CommonJS (dist/package.json says so): Node's ESM loader, which an ES module entry starts,
// cost every run ~8 ms of CPU before this file's first line (perf stat, 3 × 20 runs).
import { cacheDir, cacheKey, loadBundle } from './cli/code-cache.js';
import { version } from './cli/version.js';
import { lowerHelperThreads } from './cli/helper-threads.js';

// dist/runbook (src/cli/runbook.sh) keeps Node from reading NODE_EXTRA_CA_CERTS at start-up;
// the processes runbook starts get the variable as the operator set it
const heldCaCerts = process.env.RUNBOOK_NODE_EXTRA_CA_CERTS;
if (heldCaCerts !== undefined) {
  process.env.NODE_EXTRA_CA_CERTS = heldCaCerts;
  delete process.env.RUNBOOK_NODE_EXTRA_CA_CERTS;
}

const argv = process.argv.slice(2);
if (argv.length === 1 && argv[0] === '--version') {
  process.stdout.write(`${version(new URL('../package.json', import.meta.url))}\n`);
} else {
  // before anything makes a thread of its own (cli/helper-threads.ts says why)
  lowerHelperThreads();
  const bundle = loadBundle(
    new URL('./bundle/runbook.cjs', import.meta.url),
    cacheKey(argv, process.cwd()),
    cacheDir(process.env),
  );
  const run = bundle.exports.run as (argv: string[]) => Promise<number>;
  // no top-level await in CommonJS: the run's promise is the last thing the event loop waits for
  void run(argv).then((code) => {
    process.exitCode = code;
    bundle.keep();
    exitOnceWritten(code);
  });
}

/**
 * Ends the process once stdout and stderr have taken what was written to them. The run is over:
 * its files are written and closed, its connections sent their goodbye. Waiting for Node's own
 * end instead costs a one-host run ~5–10 ms (PERFORMANCE.md, twenty-seventh session): sshd closing
 * each connection after the goodbye, V8 giving the heap back page by page, its threads joined —
 * all of which the kernel does at once for an exiting process.
 */
function exitOnceWritten(code: number): void {
  let pending = 2;
  const done = () => {
    if (--pending === 0) process.exit(code);
  };
  // a write's callback runs once it and every write before it are handed to the stream's file
  process.stdout.write('', done);
  process.stderr.write('', done);
}
