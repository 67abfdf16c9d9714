// A play: its hosts (pattern, --limit, hosts that failed earlier), serial batches, and the
// banner; each batch runs as a PlayState.
import { template } from '../template/index.js';
import { selectHosts } from '../inventory/index.js';
import type { LoadContext, Play } from '../playbook/index.js';
import type { RunContext } from './run-context.js';
import type { Stats } from './stats.js';
import { batchesOf } from './serial.js';
import { PlayState } from './play-state.js';

export interface PlayDeps {
  ctx: RunContext;
  stats: Stats;
  load: LoadContext;
}

/** Runs one play; returns false when the playbook must stop (any_errors_fatal). */
export async function runPlay(play: Play, deps: PlayDeps, failedBefore: Set<string>): Promise<boolean> {
  const { ctx } = deps;
  const inv = ctx.world.inventory.inventory;
  const pattern = template(play.keywords.get('hosts'), ctx.world.extraVars) as string | string[];
  let all = selectHosts(inv, pattern);
  if (ctx.options.limit) {
    const allowed = new Set(selectHosts(inv, ctx.options.limit));
    all = all.filter((h) => allowed.has(h) || !inv.hosts.has(h));
  }
  // Hosts that failed or were unreachable in earlier plays do not run again, but stay in
  // ansible_play_hosts_all.
  const hosts = all.filter((h) => !failedBefore.has(h));
  const name = String(play.keywords.get('name') ?? (Array.isArray(pattern) ? pattern.join(',') : pattern));
  if (!hosts.length) {
    ctx.callback.onPlayStart?.(name);
    ctx.callback.onNoHosts?.();
    return true;
  }
  for (const batch of batchesOf(hosts, play.keywords.get('serial'))) {
    // Ansible prints the play banner again for every serial batch.
    ctx.callback.onPlayStart?.(name);
    const state = new PlayState(play, all, batch, deps, failedBefore);
    const go = await state.run();
    for (const h of state.failed) failedBefore.add(h);
    if (!go) return false;
  }
  return true;
}
