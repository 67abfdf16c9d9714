// The run journal the executor reports to, so a failed run can be resumed (`--resume`): which
// steps each host finished and which one it was in. The executor only tells; src/resume keeps
// the file (STYLE.md: one-way imports, the executor knows this interface and nothing more).
import type { Task } from '../playbook/index.js';
import type { TaskResult } from './result.js';

/** A step a host finished in the run being resumed. */
export interface DoneStep {
  changed: boolean;
  /** The registered result, when the task has `register` (secrets redacted). */
  registered?: unknown;
  at: string;
  /** The step was no_log: its result was not written down. */
  hidden?: boolean;
}

/** What the run being resumed knew about one step on one host. */
export interface PreviousStep {
  done?: DoneStep;
  /** The step was running when that run ended (killed): its id, as the host's processes carry it. */
  running?: { step: string; since: string };
}

export interface Journal {
  /** Whether this run resumes an earlier one (only then are steps skipped). */
  readonly resuming: boolean;
  /** The key of this execution of `task` on `host`: its file:line and how often it ran there before. */
  next(host: string, task: Task): string;
  /** The key `next` gave for the latest execution of `task` on `host` (an include whose file failed to load). */
  current(host: string, task: Pick<Task, 'origin'>): string;
  previous(host: string, key: string): PreviousStep | undefined;
  /** The host starts the step; returns the step id its commands carry (RUNBOOK_STEP). */
  started(host: string, key: string, name: string): string;
  /** The host finished the step (`registered` when the task registers its result). */
  finished(host: string, key: string, result: TaskResult, registered: boolean): void;
}
