// Connections opened as a batch starts (issue 21): each host's handshake — mostly waiting on
// sshd — starts while the first task is still being prepared and dispatched, instead of when the
// task reaches its connection (noop20 at 10 hosts 1124 -> 1068 ms; a 1-host run, one thread's
// work until its first task, gains nothing). Only when the first task is sure to reach the host —
// fact gathering, or a module without delegate_to or when — so a play of debug and set_fact
// opens nothing, as under Ansible; and only for the hosts the task will run on first. The
// connection is the one the task would open (its variables and keywords); the pool shares it.
import { taskVars } from '../vars/index.js';
import type { Item, Task } from '../playbook/index.js';
import type { PlayBatch } from './play-batch.js';
import { inherited, whenChain } from './keywords.js';
import { withConnectionVars } from './task-vars.js';
import { withConnectionKeywords } from './connection-vars.js';
import { CONTROLLER_ACTIONS } from './interpreter-discovery.js';

/** Actions that run on the controller, and includes: their task opens no connection. */
const ON_CONTROLLER = new Set([
  ...CONTROLLER_ACTIONS,
  // retries its own connection until the host answers
  'wait_for_connection',
  'include',
  'include_tasks',
  'import_tasks',
  'include_role',
  'import_role',
]);

/** The play's first task when it certainly runs a module on every host of the batch. */
export function firstRemoteTask(items: readonly Item[], play: PlayBatch['play']): Task | undefined {
  const first = items.find((i) => !(i.kind === 'task' && i.implicit));
  if (first?.kind !== 'task') return undefined;
  if (ON_CONTROLLER.has(first.action.replace(/^ansible\.(builtin|legacy)\./, ''))) return undefined;
  if (inherited(first, play, 'delegate_to') !== undefined || whenChain(first).length) return undefined;
  return first;
}

/** Asks the run to start opening the connections of the batch's hosts for their first task. */
export function warmUp(b: PlayBatch): void {
  const ctx = b.deps.ctx;
  if (!ctx.warm) return;
  const task = firstRemoteTask(b.allTasks, b.play);
  if (!task) return;
  // as many as the first task runs at once (forks): no more handshakes in flight than the task
  // itself would start — a bastion or an sshd's MaxStartups sees what it saw before
  const first = b.batch.filter((h) => !b.removed.has(h)).slice(0, ctx.options.forks);
  for (const host of first) {
    try {
      const vars = withConnectionVars(taskVars(ctx.world, host, b.scope(task)), host);
      ctx.warm(host, withConnectionKeywords(task, b.play, vars));
    } catch {
      // variables that cannot be resolved before the task runs: it connects when it does
    }
  }
}
