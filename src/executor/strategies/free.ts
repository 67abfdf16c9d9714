// The free strategy (plugins/strategy/free.py): each host goes through the play at its own
// pace, at most `forks` hosts at a time; banners come with each result (default.py prints the
// task's banner again when a result of another task arrives).
import pLimit from 'p-limit';
import type { PlayBatch } from '../play-batch.js';
import { runStepOn, finishStep, afterStep, newStep } from './step.js';

async function runHost(b: PlayBatch, host: string): Promise<number> {
  let result = 0;
  while (!b.deps.ctx.cancelled.value && !b.deps.hosts.unreachable.has(host)) {
    const item = b.cursor(host).next();
    if (!item) break;
    const step = newStep();
    runStepOn(b, item, host, step);
    await finishStep(b, step, true);
    result |= afterStep(b, step);
  }
  return result;
}

/** Runs the batch; returns the TQM result (RUN.*). */
export async function runFree(b: PlayBatch): Promise<number> {
  const limit = pLimit(Math.max(1, b.deps.ctx.options.forks));
  const results = await Promise.all(b.hostsLeft().map((h) => limit(() => runHost(b, h))));
  return b.finish(results.reduce((a, r) => a | r, 0));
}
