// One serial batch of a play (ansible-core's TaskQueueManager.run with the StrategyBase it
// drives): a cursor per host, the flat task list the linear lockstep follows, and what happens
// to a result — the cursor told of a failure, handlers notified, the recap counted.
import {
  taskKeywords,
  leafItems,
  type Handler,
  type Item,
  type Play,
  type Task,
  type Include,
  type LoadContext,
} from '../playbook/index.js';
import { hostState, taskVars, type TaskScope } from '../vars/index.js';
import { RunbookError, didYouMean } from '../util/index.js';
import { inherited } from './keywords.js';
import { checkModeKeyword } from './task-env.js';
import { RUN, type TaskResult } from './result.js';
import type { TaskStart } from './events.js';
import type { PlayDeps } from './run-play.js';
import { HostCursor, HostState, Run, isAnyBlockRescuing, type CursorPlay } from './host-cursor.js';
import { Notifications } from './handlers.js';
import { runStep } from './resume.js';
import { failedTask, taskName } from './task-name.js';
import { playBlocks } from './play-blocks.js';
import { startAtTask } from './start-at-task.js';
import { template } from '../template/index.js';
import { invalidRegister, isRegisterName } from './register-name.js';
import type { RemovedHosts } from './removed-hosts.js';
import { hostLimit } from './throttle.js';

export { RUN };

/** What outlives a play: the TQM's failed and unreachable hosts, start-at-task found. */
export interface RunHosts {
  failed: Set<string>;
  unreachable: Set<string>;
  startAtDone: boolean;
}

/** What the strategy hears while a task runs on its hosts (PlayBatch.run). */
export interface RunHooks {
  queued?: (index: number) => void;
  done?: (r: TaskResult) => void;
}

export class PlayBatch {
  readonly cursors = new Map<string, HostCursor>();
  /** The flat task list of the play (PlayIterator.all_tasks), includes spliced in. */
  readonly allTasks: Item[];
  curTask = 0;
  endPlay = false;
  readonly notes: Notifications;
  private readonly cursorPlay: CursorPlay;
  private live: { version: number; live: string[]; batch: string[] } | undefined;
  /** The play's vars_files per host of the batch (vars-files.ts). */
  readonly varsFiles = new Map<string, Map<string, unknown>>();

  constructor(
    readonly play: Play,
    /** The play's hosts under --limit (ansible_play_hosts_all); refresh_inventory renews them. */
    public hostsAll: string[],
    public batch: string[],
    readonly deps: PlayDeps,
    /** The play's removed hosts (play._removed_hosts): failed, unreachable, ended. */
    readonly removed: RemovedHosts,
    gather: (host: string) => boolean,
  ) {
    this.notes = new Notifications(play.handlers, (raw, h) => this.handlerName(raw, h));
    this.cursorPlay = {
      gather,
      handlers: () => [...play.handlers],
      isNotified: (h, host) => this.notes.isNotified(h, host),
    };
    const blocks = playBlocks(play, deps.ctx);
    this.allTasks = blocks.flatMap((b) => leafItems([...b.block, ...b.rescue, ...b.always]));
    for (const host of batch) this.cursors.set(host, new HostCursor(host, new HostState(blocks), this.cursorPlay));
    const want = deps.ctx.options.startAtTask;
    if (want !== undefined && !deps.hosts.startAtDone && startAtTask(this.cursors.values(), want))
      deps.hosts.startAtDone = true;
  }

  /** How the play's files were loaded: files included at run time load the same way. */
  get load(): LoadContext {
    return this.play.load ?? this.deps.load;
  }

  /** A cursor for a host that is not in the batch (a host failed in an earlier play). */
  cursor(host: string): HostCursor {
    let c = this.cursors.get(host);
    if (!c) {
      c = new HostCursor(host, new HostState([]), this.cursorPlay);
      this.cursors.set(host, c);
    }
    return c;
  }

  /**
   * StrategyBase._set_hosts_cache after refresh_inventory: the play's hosts as the inventory now
   * has them. A host gone from it takes no further task; a new one joins the batch with nothing
   * to run (PlayIterator.get_host_state's empty stub state).
   */
  rehost(all: string[]): void {
    const before = { all: new Set(this.hostsAll), batch: new Set(this.batch) };
    this.hostsAll = all;
    this.batch = all.filter((h) => before.batch.has(h) || !before.all.has(h));
    this.live = undefined;
  }

  /** The batch's hosts that are still reachable (get_hosts_left). */
  hostsLeft(): string[] {
    return this.batch.filter((h) => !this.deps.hosts.unreachable.has(h));
  }

  /** mark_host_failed: the cursor and the play's removed hosts. */
  markFailed(host: string): void {
    this.cursor(host).fail();
    this.removed.add(host);
  }

  /**
   * A host fails where it stands (mark_host_failed): it fails the run only when its cursor is left
   * with nothing to run — a block's rescue or always still runs (get_failed_hosts).
   */
  failHost(host: string): void {
    this.markFailed(host);
    const [next] = this.cursor(host).peek();
    if (this.cursor(host).failed && next.run === Run.COMPLETE) this.deps.hosts.failed.add(host);
  }

  /** The hosts whose cursor counts as failed (get_failed_hosts). */
  failedHosts(): string[] {
    return [...this.cursors.values()].filter((c) => c.failed).map((c) => c.host);
  }

  scope(item?: Task | Include): TaskScope {
    const { live, batch } = this.liveHosts();
    return {
      play: this.play,
      ...(item ? { item } : {}),
      playHosts: this.hostsAll,
      liveHosts: live,
      batchHosts: batch,
      varsFiles: this.varsFiles,
    };
  }

  /** The play's and the batch's hosts not removed, filtered again only when `removed` changed. */
  private liveHosts(): { live: string[]; batch: string[] } {
    if (this.live?.version !== this.removed.version) {
      this.live = {
        version: this.removed.version,
        live: this.hostsAll.filter((h) => !this.removed.has(h)),
        batch: this.batch.filter((h) => !this.removed.has(h)),
      };
    }
    return this.live;
  }

  /** The banner of a task, its name templated for the first host (linear's callback_sent). */
  start(task: Task | Include, host: string | undefined, isHandler: boolean, deferBanner: boolean): TaskStart {
    let vars: Map<string, unknown> | undefined;
    try {
      vars = host === undefined ? undefined : taskVars(this.deps.ctx.world, host, this.scope(task));
    } catch {
      vars = undefined;
    }
    const name =
      task.kind === 'include' && task.what === 'role' && taskKeywords(task).name === undefined
        ? `${task.written ?? 'include_role'} : ${String(task.args.get('name') ?? '')}`
        : taskName(task, vars);
    let checkMode = this.deps.ctx.options.check;
    try {
      checkMode = checkModeKeyword(task, this.play, vars ?? new Map<string, unknown>()) ?? checkMode;
    } catch {
      // a keyword that cannot be templated yet: the run's mode for the banner
    }
    return {
      name,
      isHandler,
      origin: `${task.origin.file ?? ''}:${task.origin.line ?? ''}`,
      ...(task.kind === 'task' ? { action: task.action } : {}),
      id: task,
      deferBanner,
      checkMode,
    };
  }

  /**
   * Runs a task on hosts at once (at most `forks`), in their order; results not yet processed.
   * `hooks.queued` is told when a host's turn comes (its index in `hosts`), `hooks.done` each result.
   */
  async run(task: Task, hosts: string[], start: TaskStart, hooks: RunHooks = {}): Promise<TaskResult[]> {
    const { ctx } = this.deps;
    const first = hosts[0];
    const limit = hostLimit(task, this.play, ctx.options.forks, () =>
      first === undefined ? new Map<string, unknown>() : taskVars(ctx.world, first, this.scope(task)),
    );
    return Promise.all(
      hosts.map((h, i) =>
        limit(async () => {
          hooks.queued?.(i);
          ctx.callback.onHostStart?.(h, start);
          const r = await runStep(task, h, this.scope(task), ctx, start);
          hooks.done?.(r);
          return r;
        }),
      ),
    );
  }

  /** _process_pending_results for one result: the cursor, the recap, notify, the callback. */
  process(
    task: Task | Include,
    r: TaskResult,
    start: TaskStart | undefined,
    isHandler: boolean,
    runOnce: boolean,
  ): void {
    const { ctx, stats, hosts } = this.deps;
    if (r.status === 'failed' && !r.ignored) this.processFailure(task, r, runOnce);
    else if (r.status === 'unreachable' && !r.ignored) {
      hosts.unreachable.add(r.host);
      this.removed.add(r.host);
      stats.record(r);
    } else {
      stats.record(r);
      if ((r.status === 'ok' || r.status === 'changed') && task.kind === 'task') this.notify(task, r);
    }
    ctx.callback.onHostResult?.(r, start);
    if (isHandler) this.notes.ran(task, r.host);
    // StrategyBase._process_pending_results registers the result: an invalid name ends the run
    const register = task.kind === 'task' ? taskKeywords(task).register : undefined;
    if (register !== undefined && !isRegisterName(register))
      throw new RunbookError(invalidRegister(register), undefined, { exitCode: 1, culprit: task.origin });
  }

  private processFailure(task: Task | Include, r: TaskResult, runOnce: boolean): void {
    const { stats, hosts } = this.deps;
    const before = this.cursor(r.host).current.copy();
    // run_once fails every host of the play (_process_pending_results), otherwise the one
    const failing = runOnce ? this.hostsAll.filter((h) => !hosts.unreachable.has(h)) : [r.host];
    for (const h of failing) if (h !== r.host) this.markFailed(h);
    this.failHost(r.host);
    if (isAnyBlockRescuing(before)) {
      stats.of(r.host).rescued++;
      this.removed.delete(r.host);
      const facts = hostState(this.deps.ctx.world, r.host).setFacts;
      facts.set('ansible_failed_task', failedTask(task));
      facts.set('ansible_failed_result', r.data);
    } else stats.record(r);
  }

  private notify(task: Task, r: TaskResult): void {
    // notify is inherited from a block's or an import's keywords (Notifiable)
    const notify = inherited(task, this.play, 'notify');
    if (notify === undefined || notify === null || r.data.get('changed') !== true) return;
    // notify is templated with the task's variables (Task.post_validate)
    const vars = taskVars(this.deps.ctx.world, r.host, this.scope(task));
    let value: unknown = notify;
    try {
      value = template(notify, vars);
    } catch {
      // an untemplatable name stays as written (and is then not found)
    }
    const names = (Array.isArray(value) ? value : [value]).map(String);
    const notified = this.notes.notify(r.host, names);
    // v2_playbook_on_notify, before the task's result
    for (const h of notified.newly) this.deps.ctx.callback.onNotify?.(taskName(h, vars), r.host);
    const unknown = notified.unknown.filter((n) => !n.includes('{{'));
    if (!unknown.length) return;
    const msg = `The requested handler '${unknown[0] ?? ''}' was not found in either the main handlers list nor in the listening handlers list`;
    // ERROR_ON_MISSING_HANDLER (default true): ansible-playbook stops here, exit 1; else a warning
    if (this.deps.ctx.options.errorOnMissingHandler === false) {
      this.deps.ctx.callback.onWarning?.(msg);
      return;
    }
    // StrategyBase._process_pending_results raises it without the task: runbook names the task after
    throw new RunbookError(msg, undefined, {
      exitCode: 1,
      culprit: task.origin,
      hint: didYouMean(unknown[0] ?? '', this.notes.known()),
    });
  }

  private readonly unusable = new Set<Handler>();

  /**
   * A handler's name templated with the play's variables; undefined when it cannot be — then a
   * handler without `listen` is unusable, and Ansible warns once (search_handler_blocks_by_name).
   */
  private handlerName(raw: string, h: Handler): string | undefined {
    try {
      return String(template(raw, taskVars(this.deps.ctx.world, this.batch[0] ?? '', this.scope())));
    } catch (err) {
      if (taskKeywords(h).listen === undefined && !this.unusable.has(h)) {
        this.unusable.add(h);
        this.deps.ctx.callback.onWarning?.(
          `Handler '${raw}' is unusable because it has no listen topics and the name could not be templated (host-specific variables are not supported in handler names). The error: ${(err as Error).message}`,
        );
      }
      return undefined;
    }
  }

  /** StrategyBase.run's end: every host advanced, then the batch's result. */
  finish(result: number): number {
    for (const host of this.batch) if (!this.deps.hosts.unreachable.has(host)) this.cursor(host).next();
    if (result !== RUN.OK) return result;
    if (this.deps.hosts.unreachable.size) return RUN.UNREACHABLE;
    if (this.failedHosts().length) return RUN.FAILED_HOSTS;
    return RUN.OK;
  }
}
