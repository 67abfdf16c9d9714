// Where one host is in a play: ansible-core 2.14's HostState and the PlayIterator methods that
// move it (executor/play_iterator.py), ported as they are — the state machine over the play's
// blocks (setup, tasks, rescue, always, handlers, complete) with its failed flags. The cursor is
// the only owner of a host's status in a play: failed, rescued, ended all live here.
import type { Block, Handler, Item } from '../playbook/index.js';

export enum Run {
  SETUP = 0,
  TASKS = 1,
  RESCUE = 2,
  ALWAYS = 3,
  HANDLERS = 4,
  COMPLETE = 5,
}

/** FailedStates: flags of where a host failed (bits, combined with |). */
export const Failed = { NONE: 0, SETUP: 1, TASKS: 2, RESCUE: 4, ALWAYS: 8, HANDLERS: 16 } as const;

/** A block as the cursor walks it (a copy of a playbook block once includes are spliced in). */
export type CursorBlock = Pick<Block, 'block' | 'rescue' | 'always'>;

/** What the cursor needs from the play: whether to gather facts, who is notified. */
export interface CursorPlay {
  /** Gathering facts for this host (the SETUP trip). */
  readonly gather: boolean;
  /** The play's handlers in order, copied in at each flush. */
  handlers(): Handler[];
  /** Whether `host` notified `handler` and it has not run for it since. */
  isNotified(handler: Handler, host: string): boolean;
}

export class HostState {
  curBlock = 0;
  curRegular = 0;
  curRescue = 0;
  curAlways = 0;
  curHandlers = 0;
  run = Run.SETUP;
  fail: number = Failed.NONE;
  preFlushing = Run.SETUP;
  updateHandlers = true;
  pendingSetup = false;
  didRescue = false;
  didStartAtTask = false;
  handlers: Handler[] = [];
  tasksChild: HostState | undefined;
  rescueChild: HostState | undefined;
  alwaysChild: HostState | undefined;

  constructor(public blocks: CursorBlock[]) {}

  copy(): HostState {
    const s = Object.assign(new HostState(this.blocks), this);
    s.blocks = [...this.blocks];
    s.handlers = [...this.handlers];
    s.tasksChild = this.tasksChild?.copy();
    s.rescueChild = this.rescueChild?.copy();
    s.alwaysChild = this.alwaysChild?.copy();
    return s;
  }

  get block(): CursorBlock | undefined {
    return this.blocks[this.curBlock];
  }

  /** Moves on to the next block of the list (its counters and children reset). */
  nextBlock(): void {
    this.curBlock++;
    this.curRegular = 0;
    this.curRescue = 0;
    this.curAlways = 0;
    this.run = Run.TASKS;
    this.tasksChild = undefined;
    this.rescueChild = undefined;
    this.alwaysChild = undefined;
    this.didRescue = false;
  }
}

function childOf(item: Block): HostState {
  const child = new HostState([item]);
  child.run = Run.TASKS;
  return child;
}

type Section = 'tasks' | 'rescue' | 'always';
const CHILD = { tasks: 'tasksChild', rescue: 'rescueChild', always: 'alwaysChild' } as const;
const COUNTER = { tasks: 'curRegular', rescue: 'curRescue', always: 'curAlways' } as const;
const LIST = { tasks: 'block', rescue: 'rescue', always: 'always' } as const;

/** The next item of a section: recurses into a child block; 'again' when the loop must go round. */
function fromSection(play: CursorPlay, s: HostState, host: string, section: Section): Item | 'again' | undefined {
  const child = s[CHILD[section]];
  if (child) {
    const [next, item] = nextFrom(play, child, host);
    s[CHILD[section]] = next;
    if (checkFailed(next)) {
      s[CHILD[section]] = undefined;
      setFailed(s);
      return undefined;
    }
    if (item === undefined || next.run === Run.COMPLETE) {
      s[CHILD[section]] = undefined;
      return 'again';
    }
    return item;
  }
  const block = s.block as CursorBlock;
  const list = block[LIST[section]];
  if (section === 'tasks' && checkFailed(s)) s.run = Run.RESCUE;
  else if (section === 'rescue' && (s.fail & Failed.RESCUE) === Failed.RESCUE) s.run = Run.ALWAYS;
  else if (s[COUNTER[section]] >= list.length) endSection(s, section, list.length);
  else {
    const item = list[s[COUNTER[section]]] as Item;
    s[COUNTER[section]]++;
    if (item.kind !== 'block') return item;
    s[CHILD[section]] = childOf(item);
  }
  return undefined;
}

function endSection(s: HostState, section: Section, length: number): void {
  if (section === 'tasks') s.run = Run.ALWAYS;
  else if (section === 'rescue') {
    if (length > 0) s.fail = Failed.NONE;
    s.run = Run.ALWAYS;
    s.didRescue = true;
  } else if (s.fail !== Failed.NONE) s.run = Run.COMPLETE;
  else s.nextBlock();
}

function fromSetup(play: CursorPlay, s: HostState): Item | undefined {
  if (!s.pendingSetup) {
    s.pendingSetup = true;
    const setup = s.blocks[0];
    return play.gather && setup?.block.length ? setup.block[0] : undefined;
  }
  s.pendingSetup = false;
  s.run = Run.TASKS;
  if (!s.didStartAtTask) s.nextBlock();
  return undefined;
}

function fromHandlers(play: CursorPlay, s: HostState, host: string): Item | undefined {
  if (s.updateHandlers) {
    // the handlers are copied afresh at each flush (included ones may have come since)
    s.handlers = play.handlers();
    s.updateHandlers = false;
    s.curHandlers = 0;
  }
  if ((s.fail & Failed.HANDLERS) === Failed.HANDLERS) {
    s.updateHandlers = true;
    s.run = Run.COMPLETE;
    return undefined;
  }
  for (;;) {
    const handler = s.handlers[s.curHandlers];
    if (!handler) {
      s.run = s.preFlushing;
      s.updateHandlers = true;
      return undefined;
    }
    s.curHandlers++;
    if (play.isNotified(handler, host)) return handler;
  }
}

/** _get_next_task_from_state: the state after taking the next item, and the item. */
export function nextFrom(play: CursorPlay, s: HostState, host: string): [HostState, Item | undefined] {
  for (;;) {
    if (!s.block) {
      s.run = Run.COMPLETE;
      return [s, undefined];
    }
    let item: Item | 'again' | undefined;
    switch (s.run) {
      case Run.SETUP: item = fromSetup(play, s); break;
      case Run.TASKS:
        if (s.pendingSetup) s.pendingSetup = false;
        item = fromSection(play, s, host, 'tasks');
        break;
      case Run.RESCUE: item = fromSection(play, s, host, 'rescue'); break;
      case Run.ALWAYS: item = fromSection(play, s, host, 'always'); break;
      case Run.HANDLERS: item = fromHandlers(play, s, host); break;
      case Run.COMPLETE: return [s, undefined];
    }
    if (item !== undefined && item !== 'again') return [s, item];
  }
}

/** _set_failed_state: the host failed where it stands; on to rescue, always or complete. */
export function setFailed(s: HostState): HostState {
  const block = s.block;
  switch (s.run) {
    case Run.SETUP:
      s.fail |= Failed.SETUP;
      s.run = Run.COMPLETE;
      break;
    case Run.TASKS:
      if (s.tasksChild) s.tasksChild = setFailed(s.tasksChild);
      else {
        s.fail |= Failed.TASKS;
        s.run = block?.rescue.length ? Run.RESCUE : block?.always.length ? Run.ALWAYS : Run.COMPLETE;
      }
      break;
    case Run.RESCUE:
      if (s.rescueChild) s.rescueChild = setFailed(s.rescueChild);
      else {
        s.fail |= Failed.RESCUE;
        s.run = block?.always.length ? Run.ALWAYS : Run.COMPLETE;
      }
      break;
    case Run.ALWAYS:
      if (s.alwaysChild) s.alwaysChild = setFailed(s.alwaysChild);
      else {
        s.fail |= Failed.ALWAYS;
        s.run = Run.COMPLETE;
      }
      break;
    case Run.HANDLERS:
      s.fail |= Failed.HANDLERS;
      s.updateHandlers = true;
      s.run = block?.rescue.length ? Run.RESCUE : block?.always.length ? Run.ALWAYS : Run.COMPLETE;
      break;
    default:
      break;
  }
  return s;
}

/** _check_failed_state: whether the host counts as failed now. */
export function checkFailed(s: HostState | undefined): boolean {
  if (!s) return false;
  if (s.run === Run.RESCUE && checkFailed(s.rescueChild)) return true;
  if (s.run === Run.ALWAYS && checkFailed(s.alwaysChild)) return true;
  if (s.run === Run.HANDLERS && (s.fail & Failed.HANDLERS) === Failed.HANDLERS) return true;
  if (s.fail !== Failed.NONE) {
    if (s.run === Run.RESCUE && (s.fail & Failed.RESCUE) === 0) return false;
    if (s.run === Run.ALWAYS && (s.fail & Failed.ALWAYS) === 0) return false;
    return !(s.didRescue && (s.fail & Failed.ALWAYS) === 0);
  }
  if (s.run === Run.TASKS && checkFailed(s.tasksChild)) {
    return !((s.block?.rescue.length ?? 0) > 0 && (s.fail & Failed.RESCUE) === 0);
  }
  return false;
}

/** get_active_state: the innermost state that is running. */
export function activeState(s: HostState): HostState {
  if (s.run === Run.TASKS && s.tasksChild) return activeState(s.tasksChild);
  if (s.run === Run.RESCUE && s.rescueChild) return activeState(s.rescueChild);
  if (s.run === Run.ALWAYS && s.alwaysChild) return activeState(s.alwaysChild);
  return s;
}

/** is_any_block_rescuing: a failure here would be caught by a rescue. */
export function isAnyBlockRescuing(s: HostState): boolean {
  if (s.run === Run.TASKS && s.block?.rescue.length) return true;
  const child = s.tasksChild ?? s.rescueChild ?? s.alwaysChild;
  return child ? isAnyBlockRescuing(child) : false;
}

/** _clear_state_errors (meta: clear_host_errors). */
export function clearErrors(s: HostState): void {
  s.fail = Failed.NONE;
  const child = s.tasksChild ?? s.rescueChild ?? s.alwaysChild;
  if (child) clearErrors(child);
}

/** _insert_tasks_into_state: included blocks go in right after the include. */
export function insertItems(s: HostState, items: Item[]): HostState {
  if ((s.fail !== Failed.NONE && s.run === Run.TASKS) || !items.length) return s;
  const splice = (section: Section): void => {
    const child = s[CHILD[section]];
    if (child) {
      s[CHILD[section]] = insertItems(child, items);
      return;
    }
    const block = { ...(s.block as CursorBlock) };
    const list = [...block[LIST[section]]];
    list.splice(s[COUNTER[section]], 0, ...items);
    block[LIST[section]] = list;
    s.blocks[s.curBlock] = block;
  };
  if (s.run === Run.TASKS) splice('tasks');
  else if (s.run === Run.RESCUE) splice('rescue');
  else if (s.run === Run.ALWAYS) splice('always');
  else if (s.run === Run.HANDLERS) {
    const handlers = items.flatMap((b) => (b.kind === 'block' ? b.block : [b])).filter((t): t is Handler => t.kind !== 'block');
    s.handlers.splice(s.curHandlers, 0, ...handlers);
  }
  return s;
}

/** One host's cursor over the play: the PlayIterator calls for that host. */
export class HostCursor {
  constructor(
    readonly host: string,
    private state: HostState,
    private readonly play: CursorPlay,
  ) {}

  /** The next item without moving (get_next_task_for_host with peek). */
  peek(): [HostState, Item | undefined] {
    const s = this.state.copy();
    if (s.run === Run.COMPLETE) return [s, undefined];
    return nextFrom(this.play, s, this.host);
  }

  /** Takes the next item. */
  next(): Item | undefined {
    const [s, item] = this.peek();
    this.state = s;
    return item;
  }

  /** Adopts a peeked state (the strategy chose this host's item). */
  adopt(s: HostState): void {
    this.state = s;
  }

  get current(): HostState {
    return this.state;
  }

  /** mark_host_failed. */
  fail(): void {
    this.state = setFailed(this.state.copy());
  }

  get failed(): boolean {
    return checkFailed(this.state);
  }

  get done(): boolean {
    return this.state.run === Run.COMPLETE;
  }

  complete(): void {
    this.state.run = Run.COMPLETE;
  }

  clearErrors(): void {
    clearErrors(this.state);
  }

  /** meta: flush_handlers — the host runs its notified handlers, then goes on where it was. */
  flush(): void {
    this.state.preFlushing = this.state.run;
    this.state.run = Run.HANDLERS;
  }

  insert(items: Item[]): void {
    this.state = insertItems(this.state.copy(), items);
  }
}
