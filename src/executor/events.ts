// The Callback interface: the executor tells, callbacks only render (STYLE.md §3).
import type { TaskResult, ItemResult } from './result.js';
import type { HostStats } from './stats.js';

export interface TaskStart {
  name: string;
  isHandler: boolean;
  /** The task's file:line, for -v output. */
  origin: string;
  /** The module or action it runs (the json callback records it with every result). */
  action?: string;
  /** The task itself, so a result can tell whether its banner is the one on screen. */
  id?: object;
  /** strategy free: print the banner with the first result instead (default.py _task_start). */
  deferBanner?: boolean;
  /** task.check_mode (its keyword, else --check): check_mode_markers' " [CHECK MODE]". */
  checkMode?: boolean;
}

export interface Callback {
  /** The playbook begins (v2_playbook_on_start): its file as given and its number of plays. */
  onPlaybookStart?(file: string, plays: number): void;
  /** A play begins (its file:line for the json callback's path). */
  onPlayStart?(name: string, path?: string, checkMode?: boolean): void;
  /** A task begins (once, before any host runs it). */
  onTaskStart?(task: TaskStart): void;
  /** A host starts the task (the run report's timings, the live status line). */
  onHostStart?(host: string, task: TaskStart): void;
  /** One item of a looped task finished on a host. */
  onItemResult?(host: string, item: ItemResult, noLog: boolean, task?: TaskStart): void;
  /** A task finished on a host. */
  onHostResult?(result: TaskResult, task?: TaskStart): void;
  /** An include_tasks/include_role file was loaded for these hosts. */
  onIncluded?(file: string, hosts: string[], item?: string, task?: TaskStart): void;
  /** A play had no hosts to run on. */
  onNoHosts?(): void;
  /** Every host of the batch has failed (v2_playbook_on_no_hosts_remaining). */
  onNoHostsRemaining?(): void;
  /** The playbook finished; stats per host in first-seen order. */
  /** The run ends: the recap's counters, and set_stats' custom stats (per host, the run's under '_run'). */
  onPlaybookEnd?(stats: Map<string, HostStats>, custom?: Map<string, Map<string, unknown>>): void;
  /**
   * A warning for the user, shown once per run (Display.warning's memory) — except one an action
   * plugin shows as it runs (`fromWorker`): its Display lives in a worker process forked per task
   * and host, so the same warning shows again for the next one.
   */
  onWarning?(message: string, fromWorker?: boolean): void;
  /**
   * Display.error: a message the run ends with, "[ERROR]: " wrapped on stderr (not a failure of a
   * task); with wrap false (wrap_text=False) "ERROR! " and the message as it is.
   */
  onError?(message: string, wrap?: boolean): void;
  /** A handler a host newly notified (v2_playbook_on_notify), by its name as shown. */
  onNotify?(handler: string, host: string): void;
  /** A line shown from verbosity `level` on (display.vv and the like). */
  onDisplay?(text: string, level: number): void;
}
