// The keywords the executor reads, typed once per task, block or play (the raw values as
// written: each is templated where Ansible templates it). Reading keywords by string is done
// here and nowhere else; loop_control is parsed here once.
import type { Block, Include, Play, Task } from './model.js';

/** loop_control (LoopControl in ansible-core 2.14). */
export interface LoopControl {
  loopVar: string;
  indexVar?: string;
  label?: unknown;
  pause: unknown;
  extended: unknown;
  extendedAllitems: unknown;
}

export interface TaskKeywords {
  /** `name:` as written, or undefined. */
  name: unknown;
  register?: string;
  listen: unknown;
  /** This item's own `when` (whenChain adds its blocks'). */
  when: unknown;
  /** `loop:` as written (undefined when the item has none). */
  loop: unknown;
  hasLoop: boolean;
  /** `with_<lookup>:` — the lookup's name and its terms as written. */
  withLookup?: { name: string; terms: unknown };
  loopControl: LoopControl;
  until: unknown;
  retries: unknown;
  delay: unknown;
  changedWhen: unknown;
  failedWhen: unknown;
  async: unknown;
  poll: unknown;
  noLog: unknown;
  vars: unknown;
  environment: unknown;
  tags: unknown;
}

export interface PlayKeywords {
  name: unknown;
  hosts: unknown;
  strategy: unknown;
  gatherFacts: unknown;
  serial: unknown;
  maxFailPercentage: unknown;
  forceHandlers: unknown;
  varsFiles: unknown;
  tags: unknown;
  environment: unknown;
  gatherSubset: unknown;
  gatherTimeout: unknown;
  factPath: unknown;
}

function loopControlOf(raw: unknown): LoopControl {
  const c = raw instanceof Map ? (raw as Map<string, unknown>) : new Map<string, unknown>();
  const indexVar = c.get('index_var');
  return {
    loopVar: c.get('loop_var') ? String(c.get('loop_var')) : 'item',
    ...(indexVar ? { indexVar: String(indexVar) } : {}),
    ...(c.has('label') ? { label: c.get('label') } : {}),
    pause: c.get('pause') ?? 0,
    extended: c.get('extended') ?? false,
    extendedAllitems: c.get('extended_allitems') ?? true,
  };
}

/** The keywords a block, role or play passes down (FieldAttribute inheritance), by name. */
export type InheritedKeyword =
  | 'any_errors_fatal'
  | 'become'
  | 'become_exe'
  | 'become_flags'
  | 'become_method'
  | 'become_user'
  | 'check_mode'
  | 'diff'
  | 'environment'
  | 'ignore_errors'
  | 'ignore_unreachable'
  | 'no_log'
  | 'run_once'
  | 'delegate_to'
  | 'delegate_facts'
  | 'remote_user'
  | 'connection'
  | 'port'
  | 'collections'
  | 'module_defaults'
  | 'when'
  | 'tags'
  | 'throttle'
  | 'timeout'
  | 'notify';

/** One inheritable keyword of an item or play, as written (undefined when it does not set it). */
export function keywordOf(item: Task | Include | Block | Play, key: InheritedKeyword): unknown {
  return item.keywords.get(key);
}

const tasks = new WeakMap<object, TaskKeywords>();

/** The typed keywords of a task, include or block. */
export function taskKeywords(item: Task | Include | Block): TaskKeywords {
  const hit = tasks.get(item);
  if (hit) return hit;
  const k = item.keywords;
  const register = k.get('register');
  const withKey = [...k.keys()].find((key) => key.startsWith('with_'));
  const kw: TaskKeywords = {
    name: k.get('name'),
    // a string field: a number or boolean is its str (then refused as a variable name)
    ...(typeof register === 'string'
      ? { register }
      : typeof register === 'number' || typeof register === 'boolean'
        ? { register: typeof register === 'boolean' ? (register ? 'True' : 'False') : String(register) }
        : {}),
    listen: k.get('listen'),
    when: k.get('when'),
    loop: k.get('loop'),
    hasLoop: k.has('loop') || withKey !== undefined,
    ...(withKey ? { withLookup: { name: withKey.slice(5), terms: k.get(withKey) } } : {}),
    loopControl: loopControlOf(k.get('loop_control')),
    until: k.get('until'),
    retries: k.get('retries'),
    delay: k.get('delay'),
    changedWhen: k.get('changed_when'),
    failedWhen: k.get('failed_when'),
    async: k.get('async'),
    poll: k.get('poll'),
    noLog: k.get('no_log'),
    vars: k.get('vars'),
    environment: k.get('environment'),
    tags: k.get('tags'),
  };
  tasks.set(item, kw);
  return kw;
}

const plays = new WeakMap<Play, PlayKeywords>();

/** The typed keywords of a play. */
/** Play.post_validate: the play's fields set to their templated values (read fresh after). */
export function setPostValidated(play: Play, values: ReadonlyMap<string, unknown>): void {
  if (!values.size) return;
  for (const [field, value] of values) play.keywords.set(field, value);
  plays.delete(play);
}

export function playKeywords(play: Play): PlayKeywords {
  const hit = plays.get(play);
  if (hit) return hit;
  const k = play.keywords;
  const kw: PlayKeywords = {
    name: k.get('name'),
    hosts: k.get('hosts'),
    strategy: k.get('strategy'),
    gatherFacts: k.get('gather_facts'),
    serial: k.get('serial'),
    maxFailPercentage: k.get('max_fail_percentage'),
    forceHandlers: k.get('force_handlers'),
    varsFiles: k.get('vars_files'),
    tags: k.get('tags'),
    environment: k.get('environment'),
    gatherSubset: k.get('gather_subset'),
    gatherTimeout: k.get('gather_timeout'),
    factPath: k.get('fact_path'),
  };
  plays.set(play, kw);
  return kw;
}
