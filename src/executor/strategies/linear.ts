// The linear strategy (plugins/strategy/linear.py, ansible-core 2.14): every host takes the same
// task before any goes on. It only chooses which host runs what next — the flat task list
// (PlayIterator.all_tasks) says which task is next for any host, a host elsewhere waits (noop);
// once hosts meet at flush_handlers, handlers go in their order until none is left.
import type { Item } from '../../playbook/index.js';
import type { PlayBatch } from '../play-batch.js';
import { Run, type HostState } from '../host-cursor.js';
import { isMeta } from '../meta.js';
import { metaAction } from '../meta.js';
import { runStepOn, finishStep, afterStep, newStep } from './step.js';

const NOOP = Symbol('noop');
type Choice = [string, Item | typeof NOOP];

/** _get_next_task_lockstep: each host's item this round, or NOOP for a host elsewhere. */
function lockstep(b: PlayBatch, hosts: string[], mode: { inHandlers: boolean }): Choice[] {
  const peeked = new Map<string, [HostState, Item]>();
  for (const h of hosts) {
    const [s, item] = b.cursor(h).peek();
    if (item) peeked.set(h, [s, item]);
  }
  if (!peeked.size) return [];
  const states = [...peeked.values()];
  if (mode.inHandlers && !states.some(([s]) => s.run === Run.HANDLERS)) mode.inHandlers = false;
  let lowest = 0;
  let cur: Item | undefined;
  if (mode.inHandlers) lowest = Math.min(...states.filter(([s]) => s.run === Run.HANDLERS).map(([s]) => s.curHandlers));
  else cur = nextOfAllTasks(b, new Set(states.map(([, t]) => t)));
  const out: Choice[] = [];
  for (const [h, [s, item]] of peeked) {
    if ((mode.inHandlers && lowest === s.curHandlers) || (!mode.inHandlers && cur === item)) {
      b.cursor(h).adopt(s);
      out.push([h, item]);
    } else out.push([h, NOOP]);
  }
  if (!mode.inHandlers && cur?.kind === 'task' && isMeta(cur) && metaAction(cur) === 'flush_handlers')
    mode.inHandlers = true;
  return out;
}

/** The next task of the flat list that some host is at (wrapping once, for clear_host_errors). */
function nextOfAllTasks(b: PlayBatch, wanted: Set<Item>): Item {
  for (let wrapped = 0; wrapped <= 1;) {
    const cur = b.allTasks[b.curTask];
    if (cur === undefined) {
      b.curTask = 0;
      wrapped++;
      continue;
    }
    b.curTask++;
    if (wanted.has(cur)) return cur;
  }
  throw new Error('BUG: There seems to be a mismatch between tasks in PlayIterator and HostStates.');
}

/** Runs the batch; returns the TQM result (RUN.*). */
export async function runLinear(b: PlayBatch): Promise<number> {
  const mode = { inHandlers: false };
  let result = 0;
  while (!b.deps.ctx.cancelled.value) {
    const hostsLeft = b.hostsLeft();
    const choices = lockstep(b, hostsLeft, mode);
    if (!choices.length) break;
    const step = newStep();
    for (const [host, choice] of choices) {
      if (choice === NOOP) {
        step.results.push({ host, kind: 'noop' });
        continue;
      }
      if (runStepOn(b, choice, host, step)) break;
    }
    await finishStep(b, step);
    result |= afterStep(b, step);
    if (result !== 0 && b.deps.hosts.failed.size >= hostsLeft.length) {
      b.deps.ctx.callback.onNoHostsRemaining?.();
      return result;
    }
  }
  return b.finish(result);
}
