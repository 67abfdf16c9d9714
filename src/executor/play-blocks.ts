// The play compiled into the blocks a cursor walks (Play.compile and PlayIterator.__init__ in
// ansible-core 2.14): the fact-gathering block first, then pre_tasks, roles and tasks, post_tasks,
// each followed by an implicit flush_handlers; with force_handlers each section is a block
// whose `always` flushes. Tasks that --tags/--skip-tags leave out are filtered here, once.
import { implicitBlock, playKeywords, type Block, type Item, type Play, type Task } from '../playbook/index.js';
import { isTruthy, type SourceLocation } from '../util/index.js';
import type { CursorBlock } from './host-cursor.js';
import type { RunContext } from './run-context.js';
import { shouldRun } from './tags.js';
import { tagsOf } from './keywords.js';
import { template } from '../template/index.js';

function implicitMeta(play: Play, what: string): Task {
  return {
    kind: 'task',
    action: 'meta',
    args: new Map([['_raw_params', what]]),
    keywords: new Map(),
    origin: play.origin,
    parent: undefined,
    role: undefined,
    implicit: true,
  };
}

/** The Gathering Facts task: tagged `always` unless the play has tags (then it inherits them). */
function setupTask(play: Play): Task {
  const args = new Map<string, unknown>();
  const kw = playKeywords(play);
  for (const [k, v] of [
    ['gather_subset', kw.gatherSubset],
    ['gather_timeout', kw.gatherTimeout],
    ['fact_path', kw.factPath],
  ] as const)
    if (v !== undefined) args.set(k, v);
  const keywords = new Map<string, unknown>([['name', 'Gathering Facts']]);
  if (playKeywords(play).tags === undefined) keywords.set('tags', ['always']);
  // PlayIterator: an import_playbook's condition short-circuits gathering too
  if (play.includedWhen) keywords.set('when', play.includedWhen);
  return {
    kind: 'task',
    action: 'gather_facts',
    written: 'gather_facts',
    args,
    keywords,
    origin: play.origin,
    parent: undefined,
    role: undefined,
  };
}

/** Consecutive bare tasks share one implicit block (helpers.load_list_of_blocks). */
export function asBlocks(items: Item[], origin: SourceLocation): Block[] {
  const out: Block[] = [];
  let run: Item[] = [];
  const implicit = (): void => {
    if (run.length) out.push(implicitBlock(run, origin));
    run = [];
  };
  for (const item of items) {
    if (item.kind !== 'block') {
      run.push(item);
      continue;
    }
    implicit();
    out.push(item);
  }
  implicit();
  return out;
}

/** Block.filter_tagged_tasks: tasks the tags select, blocks that keep any. */
export function filterTagged(items: Item[], play: Play, ctx: RunContext): Item[] {
  const { tags, skipTags } = ctx.options;
  const out: Item[] = [];
  for (const item of items) {
    if (item.kind === 'block') {
      const b = filterBlock(item, play, ctx);
      if (b.block.length + b.rescue.length + b.always.length) out.push(b);
    } else if ((item.kind === 'task' && item.implicit) || shouldRun(tagsOf(item, play), tags, skipTags)) out.push(item);
  }
  return out;
}

function filterBlock<B extends CursorBlock>(b: B, play: Play, ctx: RunContext): B {
  return {
    ...b,
    block: filterTagged(b.block, play, ctx),
    rescue: filterTagged(b.rescue, play, ctx),
    always: filterTagged(b.always, play, ctx),
  };
}

export function playBlocks(play: Play, ctx: RunContext): CursorBlock[] {
  const setup = filterBlock({ block: [setupTask(play)], rescue: [], always: [] }, play, ctx);
  const section = (name: string): Item[] => play.sections.find((s) => s.name === name)?.items ?? [];
  const flush = implicitMeta(play, 'flush_handlers');
  // Play.compile's flush_block: a block of its own, also inside `always` (so a host flushing
  // there is in TASKS of that block, which any_errors_fatal counts as not rescuing)
  const flushBlock: Block = implicitBlock([flush], play.origin);
  // the play's force_handlers overrides --force-handlers (its default, Play.force_handlers)
  const kw = playKeywords(play).forceHandlers;
  const force =
    kw === undefined || kw === null ? ctx.options.forceHandlers : isTruthy(template(kw, ctx.world.extraVars));
  const compiled: CursorBlock[] = [];
  for (const name of ['pre_tasks', 'tasks', 'post_tasks']) {
    if (force) {
      // the section's blocks inside one block whose always flushes
      const items = asBlocks(section(name), play.origin);
      compiled.push({ block: items.length ? items : [implicitMeta(play, 'noop')], rescue: [], always: [flushBlock] });
    } else compiled.push(...asBlocks(section(name), play.origin), flushBlock);
  }
  const kept = compiled
    .map((b) => filterBlock(b, play, ctx))
    .filter((b) => b.block.length + b.rescue.length + b.always.length > 0);
  return [setup, ...kept];
}

export type { Block };
