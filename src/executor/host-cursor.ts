// Where one host is in a play: ansible-core 2.14's PlayIterator for one host, over the state
// machine of host-state.ts (moves in state-moves.ts, failures in state-failure.ts). The cursor
// is the only owner of a host's status in a play: failed, rescued, ended all live here.
import type { Item } from '../playbook/index.js';
import { HostState, Run, type CursorPlay } from './host-state.js';
import { nextFrom } from './state-moves.js';
import { setFailed, checkFailed, clearErrors, insertItems } from './state-failure.js';

export { HostState, Run, Failed, type CursorBlock, type CursorPlay } from './host-state.js';
export { activeState, isAnyBlockRescuing } from './state-failure.js';

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
