// The lines a run appends beside its state file (`<state>.journal`): one per step a host starts
// or finishes, so recording a step costs one write(2) however large the state has grown (the
// state file rewritten whole at every step made a run quadratic in hosts × tasks: at 100 hosts
// and 20 tasks, 86 % of runbook's CPU). A killed run leaves whole lines, and at most one cut
// one at the end, which the reader drops: the step it recorded was not yet under way.
import { closeSync, existsSync, ftruncateSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';

export class JournalFile {
  private fd: number | undefined;
  /** Bytes written since the journal was last emptied. */
  bytes = 0;

  constructor(readonly path: string) {}

  /** Appends one line (the write reaches the kernel before this returns: a kill cannot lose it). */
  append(line: string): void {
    this.fd ??= openSync(this.path, 'a', 0o600);
    const data = `${line}\n`;
    writeSync(this.fd, data);
    this.bytes += Buffer.byteLength(data);
  }

  /** Empties the journal: the state file written just before holds everything it said. */
  clear(): void {
    if (this.fd !== undefined) ftruncateSync(this.fd, 0);
    else rmSync(this.path, { force: true });
    this.bytes = 0;
  }

  /** Closes the journal and removes it (the run ended; its state file is whole). */
  remove(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    rmSync(this.path, { force: true });
  }
}

/** The journal's records in order; a last line cut short by a kill is dropped. */
export function readJournal(path: string): unknown[] {
  if (!existsSync(path)) return [];
  const out: unknown[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line) continue;
    try {
      out.push(JSON.parse(line));
    } catch {
      break;
    }
  }
  return out;
}
