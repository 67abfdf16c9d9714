// The playbook (PlaybookExecutor.run): each play in order until one breaks the run, then the
// recap. The exit code is the last play's result, as ansible-playbook returns it.
import type { Playbook, LoadContext } from '../playbook/index.js';
import type { RunContext } from './run-context.js';
import { Stats } from './stats.js';
import { runPlay } from './run-play.js';
import type { RunHosts } from './play-batch.js';

export interface PlaybookOutcome {
  stats: Stats;
  exitCode: number;
}

/** Runs every play; returns the stats and Ansible's exit code. */
export async function runPlaybook(playbook: Playbook, ctx: RunContext, load: LoadContext): Promise<PlaybookOutcome> {
  const stats = new Stats();
  const hosts: RunHosts = { failed: new Set(), unreachable: new Set(), startAtDone: false };
  let result = 0;
  ctx.callback.onPlaybookStart?.(playbook.given, playbook.plays.length);
  for (const play of playbook.plays) {
    if (ctx.cancelled.value) break;
    const outcome = await runPlay(play, { ctx, stats, load, hosts }, result);
    result = outcome.result;
    if (outcome.breakPlay) break;
  }
  ctx.callback.onPlaybookEnd?.(stats.hosts, stats.custom);
  // PlaybookExecutor.run, after the recap: a --start-at-task that never matched
  if (ctx.options.startAtTask !== undefined && !hosts.startAtDone)
    ctx.callback.onError?.(
      `No matching task "${ctx.options.startAtTask}" found. Note: --start-at-task can only follow static includes.`,
    );
  return { stats, exitCode: result };
}
