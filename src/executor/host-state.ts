// A host's place in a play as ansible-core 2.14 keeps it (executor/play_iterator.py HostState):
// where it is in the play's blocks (setup, tasks, rescue, always, handlers, complete), its
// failed flags and the child states of the blocks it is inside.
import type { Block, Handler } from '../playbook/index.js';

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
  /** Gathering facts for this host (the SETUP trip), decided when the host first reaches it. */
  gather(host: string): boolean;
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

/** The sections of a block and the state fields that go with each. */
export type Section = 'tasks' | 'rescue' | 'always';
export const CHILD = { tasks: 'tasksChild', rescue: 'rescueChild', always: 'alwaysChild' } as const;
export const COUNTER = { tasks: 'curRegular', rescue: 'curRescue', always: 'curAlways' } as const;
export const LIST = { tasks: 'block', rescue: 'rescue', always: 'always' } as const;
