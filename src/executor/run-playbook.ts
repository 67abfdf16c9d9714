// The playbook: each play in order with the hosts that have not failed, then the recap.
import type { Playbook, LoadContext } from '../playbook/index.js';
import type { RunContext } from './run-context.js';
import { Stats } from './stats.js';
import { runPlay } from './run-play.js';

export interface PlaybookOutcome {
  stats: Stats;
  exitCode: number;
}

/** Runs every play; returns the stats and Ansible's exit code. */
export async function runPlaybook(playbook: Playbook, ctx: RunContext, load: LoadContext): Promise<PlaybookOutcome> {
  const stats = new Stats();
  const failed = new Set<string>();
  for (const play of playbook.plays) {
    if (ctx.cancelled.value) break;
    const go = await runPlay(play, { ctx, stats, load }, failed);
    if (!go) break;
  }
  ctx.callback.onPlaybookEnd?.(stats.hosts);
  return { stats, exitCode: stats.exitCode() };
}
