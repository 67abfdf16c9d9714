// Moving a host's state on (PlayIterator._get_next_task_from_state, ansible-core 2.14): the next
// item of the section it is in, down into child blocks, on to rescue, always, the next block.
import type { Block, Item } from '../playbook/index.js';
import {
  HostState,
  Run,
  Failed,
  CHILD,
  COUNTER,
  LIST,
  type CursorBlock,
  type CursorPlay,
  type Section,
} from './host-state.js';
import { checkFailed, setFailed } from './state-failure.js';

function childOf(item: Block): HostState {
  const child = new HostState([item]);
  child.run = Run.TASKS;
  return child;
}

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

function fromSetup(play: CursorPlay, s: HostState, host: string): Item | undefined {
  if (!s.pendingSetup) {
    s.pendingSetup = true;
    const setup = s.blocks[0];
    return setup?.block.length && play.gather(host) ? setup.block[0] : undefined;
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
      case Run.SETUP:
        item = fromSetup(play, s, host);
        break;
      case Run.TASKS:
        if (s.pendingSetup) s.pendingSetup = false;
        item = fromSection(play, s, host, 'tasks');
        break;
      case Run.RESCUE:
        item = fromSection(play, s, host, 'rescue');
        break;
      case Run.ALWAYS:
        item = fromSection(play, s, host, 'always');
        break;
      case Run.HANDLERS:
        item = fromHandlers(play, s, host);
        break;
      case Run.COMPLETE:
        return [s, undefined];
    }
    if (item !== undefined && item !== 'again') return [s, item];
  }
}
