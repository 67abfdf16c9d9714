// A play: its hosts (pattern, --limit), serial batches, and for each batch what ansible-core's
// TaskQueueManager.run does around the strategy — hosts that failed before are failed in the
// new cursors, unreachable ones removed, the strategy run, the failed hosts kept.
import { template, TemplateError } from '../template/index.js';
import { playKeywords, setPostValidated, type LoadContext, type Play } from '../playbook/index.js';
import type { RunContext } from './run-context.js';
import type { Stats } from './stats.js';
import { batchesOf } from './serial.js';
import { PlayBatch, RUN, type RunHosts } from './play-batch.js';
import { runLinear } from './strategies/linear.js';
import { runFree } from './strategies/free.js';
import { OptionsError, RunbookError, isTruthy } from '../util/index.js';
import { OMIT } from './task-env.js';
import { loadVarsFiles, playLevelVars, readVarsFilesForPlay } from './vars-files.js';
import { RemovedHosts } from './removed-hosts.js';
import { warmUp } from './warm-up.js';
import { playHosts } from './play-hosts.js';
import { hostState } from '../vars/index.js';
import { warnReservedNames } from './reserved-names.js';
import { promptVars } from './vars-prompt.js';

export interface PlayDeps {
  ctx: RunContext;
  stats: Stats;
  load: LoadContext;
  hosts: RunHosts;
}

/** The play's result and whether the playbook stops after it (PlaybookExecutor.run). */
export interface PlayOutcome {
  result: number;
  breakPlay: boolean;
}

// Play's fields with always_post_validate (playbook/play.py at stable-2.14): PlaybookExecutor
// templates them with the play's variables before the banner; `name` may stay undefined
const POST_VALIDATED = [
  'hosts',
  'gather_facts',
  'gather_subset',
  'gather_timeout',
  'force_handlers',
  'max_fail_percentage',
  'serial',
  'strategy',
  'order',
];

/**
 * play.post_validate(templar) with VariableManager.get_vars(play=play): no host, so the play's
 * vars, its vars_files, its roles' defaults and vars, the extra vars and the magic variables —
 * an undefined variable in one of the fields above is AnsibleParserError (exit 4), at the play.
 * Returns the fields that were templates, templated.
 */
function postValidatePlay(play: Play, ctx: RunContext, fromFiles: Map<string, unknown>): Map<string, unknown> {
  const raws = POST_VALIDATED.map((name): [string, unknown] => [name, play.keywords.get(name)]).filter(([, raw]) =>
    /\{\{|\{%/.test(JSON.stringify(raw) ?? ''),
  );
  const templated = new Map<string, unknown>();
  if (!raws.length) return templated;
  // the templar of Play.post_validate: the play's variables with omit, and the lookups
  const vars = playLevelVars(play, ctx, fromFiles, true).set('omit', OMIT);
  const options = { lookups: ctx.lookupsFor([play.baseDir], play.baseDir) };
  for (const [name, raw] of raws) {
    try {
      const value = template(raw, vars, options);
      // Base.post_validate: a field that templates to omit gets its default back
      templated.set(name, value === OMIT ? undefined : value);
    } catch (err) {
      if (!(err instanceof TemplateError) || err.kind !== 'UndefinedError') throw err;
      throw new RunbookError(
        `The field '${name}' has an invalid value, which includes an undefined variable. The error was: ${err.ansibleMessage()}`,
        play.origin,
        { exitCode: 4, ...(play.keywordOrigins?.get(name) ? { culprit: play.keywordOrigins.get(name) } : {}) },
      );
    }
  }
  return templated;
}

/**
 * The play's `order` (InventoryManager.get_hosts(order=)): the hosts its batches take, in that
 * order; ansible_play_hosts_all stays in the inventory's.
 */
function ordered(all: string[], play: Play): string[] {
  const raw = play.keywords.get('order');
  const order = raw === undefined || raw === null ? 'inventory' : String(raw);
  // sorted(key=name): code point order, as Python compares str
  const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  switch (order) {
    case 'inventory':
      return all;
    case 'reverse_inventory':
      return [...all].reverse();
    case 'sorted':
      return [...all].sort(byName);
    case 'reverse_sorted':
      return [...all].sort(byName).reverse();
    case 'shuffle': {
      const out = [...all];
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(Math.random() * (i + 1));
        [out[i], out[j]] = [out[j]!, out[i]!];
      }
      return out;
    }
    default:
      throw new OptionsError(`Invalid 'order' specified for inventory hosts: ${order}`, play.origin);
  }
}

/** play.check_mode: its keyword, else --check (for check_mode_markers). */
function playCheckMode(play: Play, ctx: RunContext): boolean {
  const kw = play.keywords.get('check_mode');
  return kw === undefined || kw === null ? ctx.options.check : isTruthy(template(kw, ctx.world.extraVars));
}

function strategyOf(play: Play, ctx: RunContext): 'linear' | 'free' {
  const raw = String(playKeywords(play).strategy ?? ctx.options.strategy ?? 'linear');
  return raw.replace(/^ansible\.(builtin|legacy)\./, '') === 'free' ? 'free' : 'linear';
}

/**
 * Whether a host gathers facts in this play (PlayIterator's SETUP state): DEFAULT_GATHERING
 * implicit — unless the play says gather_facts: false; explicit — only when it says true;
 * smart — as implicit, but not for a host whose facts were gathered already (the fact cache's
 * _ansible_facts_gathered, which only gather_facts sets).
 */
function gathers(play: Play, ctx: RunContext): (host: string) => boolean {
  const kw = playKeywords(play).gatherFacts;
  const said = kw === undefined || kw === null ? undefined : isTruthy(template(kw, ctx.world.extraVars));
  const implied = said ?? true;
  switch (ctx.options.gathering ?? 'implicit') {
    case 'explicit':
      return () => said === true;
    case 'smart':
      return (host) => implied && hostState(ctx.world, host).facts.get('_ansible_facts_gathered') !== true;
    default:
      return () => implied;
  }
}

/** TaskQueueManager.run for one batch. */
async function runBatch(
  play: Play,
  all: string[],
  batch: string[],
  deps: PlayDeps,
  removed: RemovedHosts,
): Promise<{ result: number; endPlay: boolean }> {
  const { ctx, hosts } = deps;
  const b = new PlayBatch(play, all, batch, deps, removed, gathers(play, ctx));
  for (const h of hosts.failed) b.markFailed(h);
  for (const h of hosts.unreachable) removed.add(h);
  hosts.failed.clear();
  loadVarsFiles(play, batch, b, ctx);
  warmUp(b);
  const result = strategyOf(play, ctx) === 'free' ? await runFree(b) : await runLinear(b);
  for (const h of b.failedHosts()) hosts.failed.add(h);
  return { result, endPlay: b.endPlay };
}

/** Runs one play, batch by batch, with PlaybookExecutor's rules for when the playbook stops. */
export async function runPlay(play: Play, deps: PlayDeps, last: number): Promise<PlayOutcome> {
  const { ctx, hosts } = deps;
  // PlaybookExecutor reads the play's variables (its vars_files too), then asks vars_prompt,
  // before the play's hosts are known
  const fromFiles = readVarsFilesForPlay(play, ctx);
  promptVars(play, ctx);
  const validated = postValidatePlay(play, ctx, fromFiles);
  // Play.post_validate sets each field to its templated value: hosts, serial, strategy,
  // gather_facts… are read from the play from here on
  setPostValidated(play, validated);
  const { all, name } = playHosts(play, ctx);
  const batches = all.length ? batchesOf(ordered(all, play), playKeywords(play).serial) : [];
  const path = `${play.origin.file ?? ''}:${play.origin.line ?? ''}`;
  if (!batches.length) {
    ctx.callback.onPlayStart?.(name, path, playCheckMode(play, ctx));
    ctx.callback.onNoHosts?.();
    return { result: last, breakPlay: false };
  }
  const removed = new RemovedHosts();
  let previouslyFailed = hosts.failed.size;
  let previouslyUnreachable = hosts.unreachable.size;
  let result = last;
  // TaskQueueManager.run warns at each batch; Display shows a warning once, so once per play says it all
  warnReservedNames(play, ctx);
  for (const batch of batches) {
    // Ansible prints the play banner again for every serial batch.
    ctx.callback.onPlayStart?.(name, path, playCheckMode(play, ctx));
    const run = await runBatch(play, all, batch, deps, removed);
    result = run.result;
    if (run.endPlay) return { result, breakPlay: false };
    let breakPlay = false;
    if ((result & RUN.FAILED_BREAK_PLAY) !== 0) {
      result = RUN.FAILED_HOSTS;
      breakPlay = true;
    }
    // a batch whose every host failed (this time) ends the playbook
    if (batch.length === hosts.failed.size + hosts.unreachable.size - (previouslyFailed + previouslyUnreachable))
      return { result, breakPlay: true };
    if (breakPlay) return { result, breakPlay };
    previouslyFailed = hosts.failed.size;
    previouslyUnreachable = hosts.unreachable.size;
    if (ctx.cancelled.value) break;
  }
  return { result, breakPlay: false };
}
