// Node's helper threads at the lowest priority. V8 runs its optimising compiler (TurboFan) and
// its concurrent garbage collection on the platform's worker threads; in a run of many tasks on
// many hosts the compiling is a third of runbook's CPU (perf of the bench's 50-host `files` run,
// 2026-12-06), and on a controller whose cores are all busy — with the hosts' sshd and shells in
// the lab, with anything else on a real one — it took their turn. At nice 19 those threads get
// what the machine has to spare: where a core is free nothing changes (the optimised code comes as
// soon as before), where none is, the compiling waits and the work goes first. The main thread,
// which starts every command runbook runs, keeps its priority, and so do the processes it starts
// and the threads it makes later (libuv's pool for file and DNS work): they inherit the priority
// of the thread that makes them, and this runs before any of them exists.
import { readdirSync } from 'node:fs';
import { setPriority } from 'node:os';

/** The lowest priority a process may set for itself (nice 19, setpriority(2)). */
const LOWEST = 19;

/**
 * Lowers every thread of this process but the main one to nice 19: Linux names them in
 * /proc/self/task, and setpriority(2) on a thread's id reaches that thread alone. Elsewhere, or
 * where it is refused, the threads stay as they are. Returns how many threads were lowered.
 */
export function lowerHelperThreads(): number {
  let ids: string[];
  try {
    ids = readdirSync('/proc/self/task');
  } catch {
    return 0;
  }
  let lowered = 0;
  for (const id of ids) {
    const tid = Number(id);
    if (!Number.isInteger(tid) || tid === process.pid) continue;
    try {
      setPriority(tid, LOWEST);
      lowered++;
    } catch {
      // a thread that ended meanwhile: nothing to lower
    }
  }
  return lowered;
}
