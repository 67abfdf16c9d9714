// One batch of a play: the hosts still running, blocks with rescue/always, includes, meta,
// handler flushes and the failure rules (any_errors_fatal, max_fail_percentage).
import pLimit from 'p-limit';
import { dirname, resolve } from 'node:path';
import { template, pyStr } from '../template/index.js';
import { loopItems } from './loops.js';
import { RunbookError } from '../util/index.js';
import { loadVarsFile } from '../loader/index.js';
import { loadTaskFile, resolveTaskFile, loadRole, type Play, type Item, type Task, type Block, type Include } from '../playbook/index.js';
import { hostState, taskVars } from '../vars/index.js';
import { findModule } from '../modules/index.js';
import type { TaskResult } from './result.js';
import { runStep } from './resume.js';
import { Notifications } from './handlers.js';
import { shouldRun } from './tags.js';
import { tagsOf, inherited, whenChain } from './keywords.js';
import { isTruthy } from './truth.js';
import { taskName } from './task-name.js';
import { allConditions } from './conditional.js';
import type { PlayDeps } from './run-play.js';

function loopItemsOf(inc: Include): boolean {
  return inc.keywords.has('loop') || [...inc.keywords.keys()].some((k) => k.startsWith('with_'));
}

export class PlayState {
  readonly active: Set<string>;
  readonly failed = new Set<string>();
  private readonly notes: Notifications;
  /** The last failure per host, for ansible_failed_task / ansible_failed_result in rescue. */
  private readonly lastFailure = new Map<string, { task: Task; result: TaskResult }>();
  private stop = false;
  /** strategy: free — every host runs through the tasks at its own pace. */
  private free = false;
  private stopPlaybook = false;
  private startReached: boolean;

  constructor(
    private readonly play: Play,
    private readonly playHosts: string[],
    private readonly batch: string[],
    private readonly deps: PlayDeps,
    private readonly failedBefore: Set<string>,
  ) {
    this.active = new Set(batch);
    this.notes = new Notifications(play.handlers);
    this.startReached = !deps.ctx.options.startAtTask;
  }

  private scope(item?: Task | Block | Include, includeParams?: Map<string, unknown>) {
    const live = this.playHosts.filter((h) => !this.failed.has(h) && !this.failedBefore.has(h));
    return { play: this.play, ...(item ? { item } : {}), playHosts: this.playHosts, liveHosts: live, batchHosts: [...this.active], ...(includeParams ? { includeParams } : {}) };
  }

  async run(): Promise<boolean> {
    const { ctx } = this.deps;
    this.free = String(template(this.play.keywords.get('strategy') ?? ctx.options.strategy ?? 'linear', ctx.world.extraVars)).replace(/^ansible\.(builtin|legacy)\./, '') === 'free';
    this.loadVarsFiles();
    await this.gatherFacts();
    for (const section of this.play.sections) {
      if (this.stop) break;
      await this.runSection(section.items);
      await this.flushHandlers();
    }
    return !this.stopPlaybook;
  }

  // linear: each task on every host before the next; free (plugins/strategy/free.py): each host
  // through the section on its own, at most `forks` hosts at a time; handlers still run when
  // every host has finished the section (chosen: Ansible runs them per host as each arrives).
  private async runSection(items: Item[]): Promise<void> {
    if (!this.free) {
      await this.runItems(items, [...this.active]);
      return;
    }
    const limit = pLimit(Math.max(1, this.deps.ctx.options.forks));
    await Promise.all([...this.active].map((h) => limit(() => this.runItems(items, [h]))));
  }

  private loadVarsFiles(): void {
    const files = this.play.keywords.get('vars_files');
    if (!files) return;
    const { ctx } = this.deps;
    for (const host of this.batch) {
      const merged = new Map<string, unknown>();
      const vars = taskVars(ctx.world, host, this.scope());
      for (const entry of Array.isArray(files) ? files : [files]) {
        const candidates = Array.isArray(entry) ? entry : [entry];
        const path = candidates.map((c) => resolve(this.play.baseDir, String(template(c, vars)))).find((p) => ctx.loader.exists(p));
        if (!path) throw new RunbookError(`vars file ${String(candidates[0])} was not found`, this.play.origin);
        for (const [k, v] of loadVarsFile(ctx.loader, path)) merged.set(String(k), v);
      }
      ctx.world.runMagic.set(`vars_files:${host}`, merged);
    }
  }

  private async gatherFacts(): Promise<void> {
    const gather = this.play.keywords.get('gather_facts');
    if (gather !== undefined && !isTruthy(template(gather, this.deps.ctx.world.extraVars))) return;
    const args = new Map<string, unknown>();
    if (this.play.keywords.has('gather_subset')) args.set('gather_subset', this.play.keywords.get('gather_subset'));
    const task: Task = { kind: 'task', action: 'setup', args, keywords: new Map([['name', 'Gathering Facts']]), origin: this.play.origin, parent: undefined, role: undefined };
    await this.runTaskOn(task, [...this.active], true);
  }

  /** Runs items for `hosts`; returns the hosts that failed in them. */
  async runItems(items: Item[], hosts: string[]): Promise<Set<string>> {
    const failed = new Set<string>();
    for (const item of items) {
      if (this.stop) break;
      const here = hosts.filter((h) => this.active.has(h));
      if (!here.length) break;
      const f = item.kind === 'block' ? await this.runBlock(item, here) : item.kind === 'include' ? await this.runInclude(item, here) : await this.runTaskOn(item, here, false);
      for (const h of f) failed.add(h);
    }
    return failed;
  }

  private async runBlock(block: Block, hosts: string[]): Promise<Set<string>> {
    const failedInBlock = await this.runItems(block.block, hosts);
    let still = failedInBlock;
    if (block.rescue.length && failedInBlock.size) {
      for (const h of failedInBlock) {
        this.active.add(h);
        this.failed.delete(h);
        this.deps.stats.rescued(h);
        this.exposeFailure(h);
      }
      still = await this.runItems(block.rescue, [...failedInBlock]);
    }
    if (!block.always.length) return still;
    for (const h of still) this.active.add(h);
    const failedInAlways = await this.runItems(block.always, hosts);
    for (const h of still) {
      this.active.delete(h);
      this.failed.add(h);
    }
    return new Set([...still, ...failedInAlways]);
  }

  /** Rescue tasks see the failure as ansible_failed_task and ansible_failed_result. */
  private exposeFailure(host: string): void {
    const f = this.lastFailure.get(host);
    if (!f) return;
    const facts = hostState(this.deps.ctx.world, host).setFacts;
    facts.set('ansible_failed_task', new Map<string, unknown>([['name', String(f.task.keywords.get('name') ?? f.task.action)], ['action', f.task.action], ...[...f.task.keywords].filter(([k]) => k !== 'name')]));
    facts.set('ansible_failed_result', f.result.data);
  }

  private selected(item: Task | Include): boolean {
    const { options } = this.deps.ctx;
    if (!shouldRun(tagsOf(item, this.play), options.tags, options.skipTags)) return false;
    if (!this.startReached && item.kind === 'task') {
      const name = String(item.keywords.get('name') ?? '');
      if (name !== options.startAtTask && taskName(item) !== options.startAtTask) return false;
      this.startReached = true;
    }
    return true;
  }

  /** Runs a task on hosts; returns those that failed (and were not ignored). */
  async runTaskOn(task: Task, hosts: string[], isFacts: boolean, isHandler = false): Promise<Set<string>> {
    const { ctx, stats } = this.deps;
    if (!isFacts && !isHandler && !this.selected(task)) return new Set();
    if (task.action === 'meta') return this.runMeta(task, hosts);
    const first = hosts[0] ?? '';
    const name = taskName(task, first ? this.safeVars(task, first) : undefined);
    const start = { name, isHandler, origin: `${task.origin.file ?? ''}:${task.origin.line ?? ''}`, action: task.action, id: task, deferBanner: this.free };
    ctx.callback.onTaskStart?.(start);
    const runOnce = isTruthy(inherited(task, this.play, 'run_once') ?? false) || findModule(task.action)?.bypassHostLoop === true;
    const targets = runOnce ? hosts.slice(0, 1) : hosts;
    const limit = pLimit(Math.max(1, ctx.options.forks));
    const results = await Promise.all(targets.map((h) => limit(() => { ctx.callback.onHostStart?.(h, start); return runStep(task, h, this.scope(task), ctx, start); })));
    if (runOnce) this.shareRunOnce(task, results[0], hosts);
    const failed = new Set<string>();
    for (const r of results) {
      ctx.callback.onHostResult?.(r, start);
      stats.record(r);
      this.afterResult(task, r, failed);
    }
    this.checkFatal(task, failed);
    return failed;
  }

  private safeVars(task: Task, host: string): Map<string, unknown> | undefined {
    try {
      return taskVars(this.deps.ctx.world, host, this.scope(task));
    } catch {
      return undefined;
    }
  }

  private shareRunOnce(task: Task, r: TaskResult | undefined, hosts: string[]): void {
    const register = task.keywords.get('register');
    if (!r || typeof register !== 'string') return;
    for (const h of hosts.slice(1)) hostState(this.deps.ctx.world, h).setFacts.set(register, r.data);
  }

  private afterResult(task: Task, r: TaskResult, failed: Set<string>): void {
    if ((r.status === 'failed' || r.status === 'unreachable') && !r.ignored) {
      this.lastFailure.set(r.host, { task, result: r });
      this.active.delete(r.host);
      this.failed.add(r.host);
      failed.add(r.host);
      return;
    }
    const notify = task.keywords.get('notify');
    if (notify !== undefined && r.data.get('changed') === true) {
      const unknown = this.notes.notify(r.host, (Array.isArray(notify) ? notify : [notify]).map(String)).filter((n) => !n.includes('{{'));
      // ansible-playbook stops the run here (exit 1); runbook also says which task notified it
      if (unknown.length) throw new RunbookError(`The requested handler '${unknown[0] ?? ''}' was not found in either the main handlers list nor in the listening handlers list`, task.origin, { exitCode: 1 });
    }
  }

  private checkFatal(task: Task, failed: Set<string>): void {
    if (!failed.size) return;
    if (isTruthy(inherited(task, this.play, 'any_errors_fatal') ?? false)) {
      this.stop = true;
      this.stopPlaybook = true;
      return;
    }
    const max = this.play.keywords.get('max_fail_percentage');
    if (max !== undefined && (this.failed.size / Math.max(1, this.batch.length)) * 100 > Number(max)) {
      this.stop = true;
      this.stopPlaybook = true;
    }
  }

  private async runMeta(task: Task, hosts: string[]): Promise<Set<string>> {
    const what = String(task.args.get('_raw_params') ?? '');
    const when = whenChain(task);
    const { callback } = this.deps.ctx;
    const start = { name: taskName(task), isHandler: false, origin: `${task.origin.file ?? ''}:${task.origin.line ?? ''}`, action: task.action, id: task, deferBanner: this.free };
    const banner = (): void => callback.onTaskStart?.(start);
    // Ansible runs a conditional meta task host by host: a banner each, "skipping" where the
    // condition is false, and no recap counts; an unconditional one shows one banner.
    const applies: string[] = [];
    if (!when.length) {
      banner();
      applies.push(...hosts);
    }
    for (const h of when.length ? hosts : []) {
      banner();
      if (allConditions(when, taskVars(this.deps.ctx.world, h, this.scope(task)), {}, task.origin)) applies.push(h);
      else callback.onHostResult?.({ host: h, status: 'skipped', data: new Map([['skipped', true]]), ignored: false, noLog: false, verboseAlways: false }, start);
    }
    switch (what) {
      case 'flush_handlers': await this.flushHandlers(); break;
      case 'end_play': if (applies.length) { this.stop = true; for (const h of hosts) this.active.delete(h); } break;
      case 'end_host': for (const h of applies) this.active.delete(h); break;
      case 'end_batch': if (applies.length) this.stop = true; break;
      case 'clear_host_errors': for (const h of this.failed) { this.failed.delete(h); this.active.add(h); } break;
      case 'clear_facts': for (const h of applies) hostState(this.deps.ctx.world, h).facts.clear(); break;
      default: break;
    }
    return new Set();
  }

  private async runInclude(inc: Include, hosts: string[]): Promise<Set<string>> {
    const { ctx } = this.deps;
    if (!this.selected(inc)) return new Set();
    const label = inc.what === 'role' ? `include_role : ${String(inc.args.get('name') ?? '')}` : taskName(inc);
    const start = { name: inc.keywords.has('name') ? taskName(inc) : label, isHandler: false, origin: `${inc.origin.file ?? ''}:${inc.origin.line ?? ''}`, id: inc, deferBanner: this.free };
    ctx.callback.onTaskStart?.(start);
    const skipped = new Set<string>();
    const groups = new Map<string, { hosts: string[]; params: Map<string, unknown> }>();
    for (const h of hosts) {
      const base = taskVars(ctx.world, h, this.scope(inc));
      const items = loopItems(inc.keywords, base, {}, inc.origin);
      const control = inc.keywords.get('loop_control');
      const loopVar = control instanceof Map && control.get('loop_var') ? String(control.get('loop_var')) : 'item';
      for (const item of items ?? [undefined]) {
        const vars = items ? new Map(base).set(loopVar, item) : base;
        const when = whenChain(inc);
        if (when.length && !allConditions(when, vars, {}, inc.origin)) {
          skipped.add(h);
          continue;
        }
        const args = template(inc.args, vars) as Map<string, unknown>;
        const params = new Map([...args].filter(([k]) => !['_raw_params', 'file', 'name', 'tasks_from', 'vars_from', 'defaults_from', 'apply', 'public', 'handlers_from'].includes(k)));
        if (items) params.set(loopVar, item);
        const file = inc.what === 'tasks' ? String(args.get('_raw_params') ?? args.get('file') ?? '') : `${String(args.get('name'))}\0${String(args.get('tasks_from') ?? '')}`;
        const key = `${file}\0${JSON.stringify([...params].map(([k, v]) => [k, pyStr(v)]))}`;
        const g = groups.get(key) ?? { hosts: [], params: new Map([...params, ['__args', args], ['__file', file]]) };
        g.hosts.push(h);
        groups.set(key, g);
      }
    }
    for (const h of skipped) {
      const r: TaskResult = { host: h, status: 'skipped', data: new Map<string, unknown>([['changed', false], ['skipped', true], ['skip_reason', 'Conditional result was False']]), ignored: false, noLog: false, verboseAlways: false };
      ctx.callback.onHostResult?.(r, start);
      this.deps.stats.record(r);
    }
    const failed = new Set<string>();
    for (const g of groups.values()) {
      const args = g.params.get('__args') as Map<string, unknown>;
      const key = String(g.params.get('__file'));
      g.params.delete('__args');
      g.params.delete('__file');
      let block: Block;
      try {
        block = this.loadInclude(inc, key, args, g.params);
      } catch (err) {
        if (!(err instanceof RunbookError)) throw err;
        // A file an include cannot load fails the hosts that include it (Ansible: exit 2).
        for (const h of this.failInclude(g.hosts, err.message, err.describe())) failed.add(h);
        continue;
      }
      // Ansible counts each included file as an ok result for every host that includes it.
      const shown = inc.what === 'tasks' ? (resolveTaskFile(key, inc.baseDir, this.deps.load, inc.role) ?? key) : key.split('\0')[0] ?? key;
      const control = inc.keywords.get('loop_control');
      const loopVar = control instanceof Map && control.get('loop_var') ? String(control.get('loop_var')) : 'item';
      if (inc.what === 'tasks') ctx.callback.onIncluded?.(shown, g.hosts, g.params.has(loopVar) && loopItemsOf(inc) ? pyStr(g.params.get(loopVar)) : undefined);
      if (inc.what === "tasks") for (const h of g.hosts) this.deps.stats.of(h).ok++;
      const f = await this.runItems([block], g.hosts);
      for (const h of f) failed.add(h);
    }
    return failed;
  }

  /** `reason` as Ansible words it; `msg` also names the include's file and line. */
  private failInclude(hosts: string[], message: string, located = message): string[] {
    for (const h of hosts) {
      const r: TaskResult = { host: h, status: 'failed', data: new Map<string, unknown>([['failed', true], ['changed', false], ['reason', message], ['msg', located]]), ignored: false, noLog: false, verboseAlways: false };
      this.deps.ctx.callback.onHostResult?.(r);
      this.deps.stats.record(r);
      this.active.delete(h);
      this.failed.add(h);
    }
    return hosts;
  }

  private loadInclude(inc: Include, key: string, args: Map<string, unknown>, params: Map<string, unknown>): Block {
    const applyKw = args.get('apply');
    const ownVars = inc.keywords.get('vars');
    const vars = new Map<string, unknown>([...(ownVars instanceof Map ? ownVars : []), ...params]);
    const applied = applyKw instanceof Map ? ([...applyKw] as [string, unknown][]) : [];
    const applyVars = applyKw instanceof Map && applyKw.get('vars') instanceof Map ? (applyKw.get('vars') as Map<string, unknown>) : new Map();
    const keywords = new Map<string, unknown>([...applied, ['vars', new Map([...vars, ...applyVars])]]);
    const block: Block = { kind: 'block', block: [], rescue: [], always: [], keywords, origin: inc.origin, parent: inc.parent, role: inc.role };
    if (inc.what === 'tasks') {
      const file = resolveTaskFile(key, inc.baseDir, this.deps.load, inc.role);
      if (!file) throw new RunbookError(`Could not find or access '${key}'`, inc.origin);
      block.block.push(...loadTaskFile(file, this.deps.load, block, inc.role));
      return block;
    }
    const opt = (k: string): string | undefined => (args.get(k) === undefined ? undefined : String(args.get(k)));
    const role = loadRole({
      name: String(args.get('name')), keywords: new Map(), params, isPublic: isTruthy(args.get('public') ?? false),
      ...(opt('tasks_from') ? { tasksFrom: opt('tasks_from') } : {}), ...(opt('vars_from') ? { varsFrom: opt('vars_from') } : {}),
      ...(opt('defaults_from') ? { defaultsFrom: opt('defaults_from') } : {}),
    }, this.deps.load, { roles: isTruthy(args.get('public') ?? false) ? this.play.roles : [], handlers: this.play.handlers, seen: new Set() }, block, inc.origin, dirname(inc.baseDir));
    if (role) block.block.push(role);
    return block;
  }

  async flushHandlers(): Promise<void> {
    // --force-handlers / force_handlers: notified handlers run on hosts that failed since.
    const force = this.deps.ctx.options.forceHandlers || isTruthy(this.play.keywords.get('force_handlers') ?? false);
    for (let round = 0; round < 10 && this.notes.hasAny(); round++) {
      for (const handler of this.play.handlers) {
        const candidates = force ? [...this.active, ...[...this.failed].filter((h) => !this.active.has(h))] : [...this.active];
        const hosts = this.notes.take(handler, candidates);
        if (hosts.length) await this.runTaskOn(handler, hosts, false, true);
      }
    }
  }
}
