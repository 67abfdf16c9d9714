// One run at a time per state file: a lock file holding the pid of the run that owns it. A lock
// whose process is gone (a runbook that was SIGKILLed) is taken over; a live one refuses.
import { openSync, writeSync, closeSync, readFileSync, rmSync } from 'node:fs';
import { RunbookError } from '../util/index.js';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock at `path`; returns whether a stale lock of a dead run was taken over. */
export function takeLock(path: string, stateFile: string): boolean {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, `${process.pid}\n${new Date().toISOString()}\n`);
      closeSync(fd);
      return attempt > 0;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const [pid = '', since = ''] = readText(path).split('\n');
      if (Number(pid) > 0 && alive(Number(pid))) {
        throw new RunbookError(
          `another runbook run (pid ${pid}, started ${since}) is using ${stateFile}; wait for it to finish or stop it first`,
        );
      }
      rmSync(path, { force: true });
    }
  }
  throw new RunbookError(`could not take the lock ${path}`);
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

export function releaseLock(path: string): void {
  rmSync(path, { force: true });
}
