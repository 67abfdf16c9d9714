// The play-level failure rules the linear strategy applies after each round (linear.py,
// ansible-core 2.14): any_errors_fatal and max_fail_percentage. Each returns RUN bits.
import { playKeywords } from '../playbook/index.js';
import { template } from '../template/index.js';
import { RUN, type PlayBatch } from './play-batch.js';
import { Run, Failed, activeState } from './host-cursor.js';

/** any_errors_fatal after a round: the hosts left that are not rescuing join the failed; the play breaks. */
export function anyErrorsFatal(b: PlayBatch): number {
  let result: number = RUN.OK;
  for (const host of b.hostsLeft()) {
    const s = activeState(b.cursor(host).peek()[0]);
    if ((s.run !== Run.RESCUE && s.run !== Run.ALWAYS) || (s.run === Run.RESCUE && (s.fail & Failed.RESCUE) !== 0)) {
      b.deps.hosts.failed.add(host);
      result |= RUN.FAILED_BREAK_PLAY;
    }
  }
  return result;
}

/** max_fail_percentage after a round: past it, every host left fails and the play breaks. */
export function maxFailPercentage(b: PlayBatch, failedNow: string[]): number {
  const raw = playKeywords(b.play).maxFailPercentage;
  if (raw === undefined || raw === null) return RUN.OK;
  const max = Number(template(raw, b.deps.ctx.world.extraVars));
  if (b.deps.hosts.failed.size / Math.max(1, b.batch.length) <= max / 100) return RUN.OK;
  for (const host of b.hostsLeft()) {
    if (failedNow.includes(host)) continue;
    b.deps.hosts.failed.add(host);
    b.markFailed(host);
  }
  b.deps.ctx.callback.onNoHostsRemaining?.();
  return RUN.FAILED_BREAK_PLAY;
}
