// The process around main(): what dist/cli.js runs once it has loaded the bundle (src/cli.ts).
import { main } from './main.js';

/** Runs runbook on this process's stdio; returns the exit code. */
export async function run(argv: string[]): Promise<number> {
  // Output piped into a reader that stops early (`runbook roles | head -3`): end quietly, as a
  // shell tool does on SIGPIPE, not with a stack trace.
  for (const stream of [process.stdout, process.stderr])
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw e;
    });
  return main(argv, {
    out: (s) => process.stdout.write(`${s}\n`),
    write: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(`${s}\n`),
  });
}
