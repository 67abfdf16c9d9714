// One task on one host (ansible's TaskExecutor): loop items, when, templated arguments,
// the module, until/retries, changed_when/failed_when, register. Failures become results;
// nothing here throws for a task's own errors.
import { template, TemplateError, pyStr, type TemplateOptions } from '../template/index.js';
import { RunbookError, VaultValueError, formatLocation } from '../util/index.js';
import { HostUnreachable } from '../connection/index.js';
import { loadVarsDirs } from '../inventory/index.js';
import { findModule, validateArgs, ModuleArgError, ANY_ARGS, type ModuleResult, type ArgSpec } from '../modules/index.js';
import type { Play, Task, Block, Include } from '../playbook/index.js';
import { taskVars, hostState, type TaskScope } from '../vars/index.js';
import type { RunContext } from './run-context.js';
import type { TaskResult, ItemResult } from './result.js';
import type { TaskStart } from './events.js';
import { becomeOf } from './become.js';
import { statusOf } from './result.js';
import { allConditions, ConditionalError } from './conditional.js';
import { inherited, moduleDefaults, whenChain } from './keywords.js';
import { loopItems, extendedLoop } from './loops.js';
import { makeModuleContext, searchPaths } from './module-context.js';
import { isTruthy } from './truth.js';

export const OMIT = '__omit_place_holder__9a8ca3b1d2f1e0c4b5a69788776655443322110f';

interface Env {
  /** The task's variables again, after set_fact in an earlier loop item changed them. */
  refresh: () => Map<string, unknown>;
  task: Task;
  host: string;
  vars: Map<string, unknown>;
  options: TemplateOptions;
  ctx: RunContext;
  play: Play;
  /** The banner of this task, for item lines (strategy free prints it with the results). */
  start?: TaskStart;
  /** --diff or the task's `diff:` keyword. */
  showDiff: boolean;
  /** The journal's id of this step: command and shell processes carry it as RUNBOOK_STEP. */
  step?: string;
}

function failure(msg: string, extra: Record<string, unknown> = {}): Map<string, unknown> {
  return new Map<string, unknown>([['failed', true], ['msg', msg], ['changed', false], ...Object.entries(extra)]);
}

// Results of a task that failed before its module ran (a template, a condition): Ansible's
// TaskExecutor returns only failed and msg, and the callback prints them on one line even for
// debug (no _ansible_verbose_always: the action never ran).
const EARLY_FAILURES = new WeakSet<Map<string, unknown>>();

function earlyFailure(err: RunbookError | TemplateError, task: Task): Map<string, unknown> {
  const data = new Map<string, unknown>([['failed', true], ['msg', describeError(err, task)]]);
  EARLY_FAILURES.add(data);
  return data;
}

/** Ansible's pointer at the task: where the error appears to be. */
function atTask(task: Task): string {
  return `\n\nThe error appears to be in '${task.origin.file ?? '?'}': line ${task.origin.line ?? '?'}, column ${task.origin.column ?? '?'}`;
}

function describeError(err: unknown, task: Task): string {
  if (err instanceof ConditionalError) return err.message;
  if (err instanceof TemplateError) {
    // An error inside a template file names that file and line (Ansible names neither), then the task.
    const own = err.location?.file && err.location.file !== task.origin.file ? err.location : undefined;
    const where = own
      ? `\n\nThe error appears to be in '${own.file ?? '?'}': line ${own.line ?? '?'}, column ${own.column ?? '?'} (the template of the task at '${task.origin.file ?? '?'}': line ${task.origin.line ?? '?'})`
      : atTask(task);
    const prefix = err.kind === 'UndefinedError' ? 'The task includes an option with an undefined variable. The error was: ' : 'template error while templating string: ';
    return `${prefix}${err.message}${where}`;
  }
  // Ansible's message, then the task that used the value (the value names its own file)
  if (err instanceof VaultValueError) return `${err.message}${atTask(task)}`;
  if (err instanceof RunbookError) return `${formatLocation(err.location)}${err.message}`;
  return String(err);
}

/**
 * Arguments given as one template: a dict merged under the task's own arguments (TaskExecutor's
 * _variable_params; add_host's action plugin does the same with its _raw_params).
 */
function withVariableParams(given: Map<string, unknown>, module: string): Map<string, unknown> {
  const key = given.has('_variable_params') ? '_variable_params' : module === 'add_host' && given.get('_raw_params') instanceof Map ? '_raw_params' : undefined;
  if (!key) return given;
  const params = given.get(key);
  const rest = new Map([...given].filter(([k]) => k !== key));
  return params instanceof Map ? new Map([...(params as Map<string, unknown>), ...rest]) : rest;
}

/** A key the spec knows, by name or alias. */
function isArgOf(spec: ArgSpec, key: string): boolean {
  return key in spec || Object.values(spec).some((s) => s.aliases?.includes(key) === true);
}

function stripOmitted(args: unknown): unknown {
  if (args instanceof Map) return new Map([...args].filter(([, v]) => v !== OMIT).map(([k, v]) => [k, stripOmitted(v)]));
  if (Array.isArray(args)) return args.filter((v) => v !== OMIT).map(stripOmitted);
  return args;
}

// The connection passwords Ansible's connection plugins take (ssh.py, paramiko_ssh.py).
const CONNECTION_PASSWORDS = ['ansible_password', 'ansible_ssh_pass', 'ansible_ssh_password'];

/** Adds this step's secret values — no_log arguments, the become and connection passwords — to the masked set. */
function rememberSecrets(ctx: RunContext, spec: ArgSpec, args: Record<string, unknown>, becomePassword: string | undefined, connVars: Map<string, unknown>, options: TemplateOptions): void {
  if (!ctx.secrets) return;
  const found = [becomePassword, ...Object.entries(spec).filter(([, s]) => s.noLog).map(([k]) => args[k])];
  for (const k of CONNECTION_PASSWORDS) {
    try {
      if (connVars.has(k)) found.push(template(connVars.get(k), connVars, options));
    } catch {
      // an unresolvable password fails at connect, with its own message
    }
  }
  for (const v of found) if (typeof v === 'string' && v.length >= 3) ctx.secrets.add(v);
}

async function runModule(env: Env, vars: Map<string, unknown>): Promise<Map<string, unknown>> {
  const { task, ctx, play, options } = env;
  const module = findModule(task.action);
  if (!module) return failure(`module ${task.action} is not implemented by runbook (see docs/MODULES.md)`);
  let given = stripOmitted(template(task.args, vars, options)) as Map<string, unknown>;
  given = withVariableParams(given, module.name);
  // set_fact templates its keys too (action/set_fact.py: k = self._templar.template(k))
  if (module.name === 'set_fact') given = new Map([...given].map(([k, v]) => [String(template(k, vars, options)), v]));
  const defaults = stripOmitted(template(moduleDefaults(task, play, module), vars, options)) as Map<string, unknown>;
  const raw = defaults.size ? new Map([...defaults, ...given]) : given;
  let args: Record<string, unknown>;
  try {
    args = ANY_ARGS.has(module.name)
      ? { __all: Object.fromEntries(raw), ...validateArgs(module.name, { cacheable: { type: 'bool', default: false, description: '' }, ...(module.name === 'add_host' ? module.args : {}) }, new Map([...raw].filter(([k]) => k === 'cacheable' || (module.name === 'add_host' && isArgOf(module.args, k))))) }
      : validateArgs(module.name, module.args, raw);
  } catch (err) {
    if (err instanceof ModuleArgError) return failure(err.message);
    throw err;
  }
  const checkKw = inherited(task, play, 'check_mode');
  const checkMode = checkKw === undefined || checkKw === null ? ctx.options.check : isTruthy(template(checkKw, vars, options));
  if (checkMode && module.checkMode === 'skip') return new Map<string, unknown>([['changed', false], ['skipped', true], ['msg', 'remote module does not support check mode']]);
  const delegate = inherited(task, play, 'delegate_to');
  const target = delegate ? String(template(delegate, vars, options)) : env.host;
  // A delegate known to the inventory is reached with its own connection variables.
  const connVars = target === env.host ? vars : ctx.world.inventory.inventory.hosts.has(target) ? taskVars(ctx.world, target, { play, playHosts: [], liveHosts: [], batchHosts: [] }) : new Map<string, unknown>([['ansible_connection', ['localhost', '127.0.0.1'].includes(target) ? 'local' : 'ssh']]);
  const become = becomeOf(task, play, vars, options, ctx.options);
  rememberSecrets(ctx, module.args, args, become?.password, connVars, options);
  const conn = await ctx.connect(target, connVars, become);
  // A resumed run finds a step that outlived a killed runbook by this variable (resume.ts).
  const stepEnv: Record<string, string> = env.step && (module.name === 'command' || module.name === 'shell') ? { RUNBOOK_STEP: env.step } : {};
  const mctx = makeModuleContext(task, env.host, conn, vars, ctx, { checkMode, diff: env.showDiff, env: { ...environmentOf(task, play, vars, options), ...stepEnv } });
  let result: ModuleResult;
  try {
    result = await module.run(args, mctx);
  } catch (err) {
    // A module that throws fails its task on that host, as an Ansible module's exception does
    // ("MODULE FAILURE"); the run goes on for the others. A database that went away mid-query
    // (MariaDB stopped during restore) must not end the whole run with exit 250.
    if (err instanceof HostUnreachable || err instanceof RunbookError || !(err instanceof Error)) throw err;
    return failure(`${module.name}: ${err.message}`, { exception: err.name });
  }
  return resultMap(result);
}

/** The `environment` keyword (a dict, or a list of dicts merged), templated. */
function environmentOf(task: Task, play: Play, vars: Map<string, unknown>, options: TemplateOptions): Record<string, string> {
  const out: Record<string, string> = {};
  const chain: unknown[] = [];
  for (let s: Task | Block | Include | undefined = task; s; s = s.parent) if (s.keywords.has('environment')) chain.unshift(s.keywords.get('environment'));
  if (play.keywords.has('environment')) chain.unshift(play.keywords.get('environment'));
  for (const raw of chain) {
    for (const d of Array.isArray(raw) ? raw : [raw]) {
      if (!(d instanceof Map)) continue;
      for (const [k, v] of d) {
        const value = envValue(task, v, vars, options);
        if (value !== undefined) out[String(k)] = pyStr(value);
      }
    }
  }
  return out;
}

/**
 * One environment value templated; undefined when it needs ansible_env, which only fact
 * gathering brings (Task._post_validate_environment skips such a key instead of failing).
 */
function envValue(task: Task, v: unknown, vars: Map<string, unknown>, options: TemplateOptions): unknown {
  try {
    return template(v, vars, options);
  } catch (err) {
    const gathering = task.action === 'setup' || task.action === 'gather_facts';
    if (err instanceof TemplateError && err.kind === 'UndefinedError' && ((gathering && err.message.includes('ansible_facts.env')) || err.message.includes('ansible_env'))) return undefined;
    throw err;
  }
}

function resultMap(r: ModuleResult): Map<string, unknown> {
  const m = new Map<string, unknown>(Object.entries(r.data ?? {}));
  m.set('changed', r.changed);
  if (r.msg !== undefined) m.set('msg', r.msg);
  if (r.failed) m.set('failed', true);
  if (r.skipped) m.set('skipped', true);
  if (r.diff) m.set('diff', r.diff);
  if (r.facts) m.set('__facts', { facts: r.facts, kind: r.factKind });
  if (r.inventoryChanges) m.set('__inventory', r.inventoryChanges);
  return m;
}

/** Ansible's defaults for a module result: failed from rc, changed false (TaskExecutor._execute). */
function withDefaults(data: Map<string, unknown>): Map<string, unknown> {
  if (!data.has('failed')) {
    const rc = data.get('rc');
    data.set('failed', rc !== undefined && rc !== 0 && rc !== '0');
  }
  if (!data.has('changed')) data.set('changed', false);
  return data;
}

let jobCounter = 0;

/** `async`/`poll`: poll > 0 waits for the job; poll 0 starts it and returns its id. */
async function runAsync(env: Env, vars: Map<string, unknown>): Promise<Map<string, unknown>> {
  const { task, options } = env;
  const seconds = Number(template(task.keywords.get('async') ?? 0, vars, options));
  if (!(seconds > 0)) return runModule(env, vars);
  const poll = Number(template(task.keywords.get('poll') ?? 15, vars, options));
  const jid = `${Date.now()}${String(process.pid).slice(-3)}.${++jobCounter}`;
  const job: { host: string; result?: Map<string, unknown> } = { host: env.host };
  env.ctx.jobs.set(jid, job);
  const run = withTimeout(runModule(env, vars), seconds * 1000, jid).then((r) => { job.result = withDefaults(r); return job.result; });
  const stamp = new Map<string, unknown>([['ansible_job_id', jid], ['results_file', `~/.ansible_async/${jid}`], ['started', 1]]);
  if (poll === 0) return new Map([...stamp, ['finished', 0], ['changed', true]]);
  const result = await run;
  return new Map([...result, ...stamp, ['finished', 1]]);
}

function withTimeout(p: Promise<Map<string, unknown>>, ms: number, jid: string): Promise<Map<string, unknown>> {
  return Promise.race([p, new Promise<Map<string, unknown>>((resolve) => setTimeout(() => resolve(failure(`async task did not complete within the requested time - ${ms / 1000}s`, { ansible_job_id: jid })), ms).unref())]);
}

/** Runs the module, with until/retries and changed_when/failed_when (TaskExecutor._execute). */
async function attempt(env: Env, vars: Map<string, unknown>): Promise<Map<string, unknown>> {
  const { task, options } = env;
  const until = task.keywords.get('until');
  let retries = 1;
  if (until !== undefined) {
    const r = task.keywords.has('retries') ? Number(template(task.keywords.get('retries'), vars, options)) : 3;
    retries = r <= 0 ? 1 : r + 1;
  }
  const delay = Number(template(task.keywords.get('delay') ?? 5, vars, options));
  const register = task.keywords.get('register') as string | undefined;
  let data = new Map<string, unknown>();
  for (let n = 1; n <= retries; n++) {
    data = withDefaults(await runAsync(env, vars));
    if (until !== undefined) data.set('attempts', n);
    const withResult = register ? new Map(vars).set(register, data) : vars;
    if (!data.has('skipped')) applyOverrides(env, withResult, data);
    if (retries <= 1) return data;
    if (allConditions(until, withResult, options, task.origin)) return data;
    if (n < retries) {
      env.ctx.callback.onWarning?.(`FAILED - RETRYING: [${env.host}]: ${String(task.keywords.get('name') ?? task.action)} (${retries - n} retries left).`);
      if (delay > 0) await new Promise((r) => setTimeout(r, delay * 1000));
    }
  }
  data.set('attempts', retries - 1);
  data.set('failed', true);
  return data;
}

function applyOverrides(env: Env, withResult: Map<string, unknown>, data: Map<string, unknown>): void {
  const { task, options } = env;
  let which = 'changed';
  try {
    const changedWhen = task.keywords.get('changed_when');
    if (changedWhen !== undefined && changedWhen !== null && changedWhen !== '') data.set('changed', allConditions(changedWhen, withResult, options, task.origin));
    which = 'failed';
    const failedWhen = task.keywords.get('failed_when');
    if (failedWhen !== undefined && failedWhen !== null && failedWhen !== '') {
      const failed = allConditions(failedWhen, withResult, options, task.origin);
      data.set('failed_when_result', failed).set('failed', failed);
    }
  } catch (err) {
    if (!(err instanceof RunbookError)) throw err;
    data.set('failed', true).set(`${which}_when_result`, err.message);
  }
}

function loopLabel(env: Env, vars: Map<string, unknown>, item: unknown): string {
  const control = env.task.keywords.get('loop_control');
  const label: unknown = control instanceof Map ? (control as Map<string, unknown>).get('label') : undefined;
  const value = label !== undefined ? template(label, vars, env.options) : item;
  return pyStr(value);
}

async function runLoop(env: Env, items: unknown[]): Promise<{ data: Map<string, unknown>; items: ItemResult[] }> {
  const control = env.task.keywords.get('loop_control');
  const loopVar = control instanceof Map && control.get('loop_var') ? String(control.get('loop_var')) : 'item';
  const indexVar = control instanceof Map && control.get('index_var') ? String(control.get('index_var')) : undefined;
  const pause = control instanceof Map ? Number(control.get('pause') ?? 0) : 0;
  const results: ItemResult[] = [];
  for (const [i, item] of items.entries()) {
    const vars = new Map(i === 0 ? env.vars : env.refresh()).set(loopVar, item).set('ansible_loop_var', loopVar);
    if (indexVar) vars.set(indexVar, i);
    const extended = extendedLoop(control, items, i);
    if (extended) vars.set('ansible_loop', extended);
    const data = await runOne(env, vars);
    data.set(loopVar, item).set('ansible_loop_var', loopVar);
    if (indexVar) data.set('ansible_index_var', indexVar).set(indexVar, i);
    // set_fact in one item is visible to the next (Ansible updates the host's facts per item).
    applyFacts(env.ctx, env.host, data, undefined);
    const r: ItemResult = { status: statusOf(data), label: loopLabel(env, vars, item), data, verboseAlways: env.task.action === 'debug', showDiff: env.showDiff };
    results.push(r);
    env.ctx.callback.onItemResult?.(env.host, r, isTruthy(env.task.keywords.get('no_log') ?? false), env.start);
    if (pause > 0 && i < items.length - 1) await new Promise((res) => setTimeout(res, pause * 1000));
  }
  return { data: loopResult(results), items: results };
}

/** The overall result of a loop (TaskExecutor.run). */
function loopResult(results: ItemResult[]): Map<string, unknown> {
  if (!results.length) return new Map<string, unknown>([['changed', false], ['skipped', true], ['skipped_reason', 'No items in the list'], ['results', []]]);
  const data = new Map<string, unknown>([['results', results.map((r) => r.data)]]);
  if (results.some((r) => r.data.get('changed') === true)) data.set('changed', true);
  const allSkipped = results.every((r) => r.data.get('skipped') === true);
  if (results.some((r) => r.data.get('failed') === true)) data.set('failed', true).set('msg', 'One or more items failed');
  else data.set('msg', 'All items completed');
  data.set('skipped', allSkipped);
  if (allSkipped) data.set('msg', 'All items skipped');
  if (!data.has('changed')) data.set('changed', false);
  return data;
}

/** when, then the attempt; a false `when` is a skip. */
async function runOne(env: Env, vars: Map<string, unknown>): Promise<Map<string, unknown>> {
  try {
    const when = whenChain(env.task);
    if (when.length && !allConditions(when, vars, env.options, env.task.origin)) return skippedResult(env.task, vars, env.options);
    return await attempt(env, vars);
  } catch (err) {
    if (err instanceof HostUnreachable) return new Map<string, unknown>([['unreachable', true], ['changed', false], ['msg', err.message]]);
    if (err instanceof RunbookError || err instanceof TemplateError) return earlyFailure(err, env.task);
    throw err;
  }
}

/**
 * The loop's items; an undefined variable in them waits for `when` (TaskExecutor keeps the
 * error as _loop_eval_error): a false condition skips the task, otherwise the error stands.
 */
function loopItemsOrSkip(task: Task, vars: Map<string, unknown>, options: TemplateOptions): unknown[] | undefined | 'skip' {
  try {
    return loopItems(task.keywords, vars, options, task.origin);
  } catch (err) {
    if (!(err instanceof TemplateError && err.kind === 'UndefinedError')) throw err;
    const when = whenChain(task);
    if (when.length && !allConditions(when, vars, options, task.origin)) return 'skip';
    throw err;
  }
}

function skippedResult(task: Task, vars: Map<string, unknown>, options: TemplateOptions): Map<string, unknown> {
  const when = whenChain(task);
  return new Map<string, unknown>([['changed', false], ['skipped', true], ['skip_reason', 'Conditional result was False'], ['false_condition', when.find((c) => !allConditions([c], vars, options, task.origin))]]);
}

/** Runs `task` on `host` and returns its result (registered, facts applied). */
export async function runTask(task: Task, host: string, scope: TaskScope, ctx: RunContext, start?: TaskStart, step?: string): Promise<TaskResult> {
  const refresh = (): Map<string, unknown> => taskVars(ctx.world, host, scope)
    .set('omit', OMIT).set('ansible_check_mode', ctx.options.check).set('ansible_diff_mode', ctx.options.diff).set('ansible_verbosity', ctx.options.verbosity);
  const vars = refresh();
  const options: TemplateOptions = { lookups: ctx.lookupsFor(searchPaths(task, ctx)) };
  // The `diff:` keyword of a task, block or play overrides --diff either way.
  const diffKw = inherited(task, scope.play, 'diff');
  const showDiff = diffKw === undefined ? ctx.options.diff : safeTruth(() => template(diffKw, vars, options));
  const env: Env = { task, host, vars, options, ctx, play: scope.play, refresh, showDiff, ...(start ? { start } : {}), ...(step ? { step } : {}) };
  let data: Map<string, unknown>;
  let items: ItemResult[] | undefined;
  try {
    const loop = loopItemsOrSkip(task, vars, options);
    if (loop === 'skip') data = skippedResult(task, vars, options);
    else if (loop) ({ data, items } = await runLoop(env, loop));
    else data = await runOne(env, vars);
  } catch (err) {
    if (!(err instanceof RunbookError || err instanceof TemplateError)) throw err;
    data = earlyFailure(err, task);
  }
  const delegate = inherited(task, scope.play, 'delegate_to');
  const factHost = delegate && isTruthy(inherited(task, scope.play, 'delegate_facts') ?? false) ? String(template(delegate, vars, options)) : host;
  applyFacts(ctx, factHost, data, items);
  applyInventory(ctx, host, data, items);
  if (items?.length && items.some((i) => i.data.has('__inventory'))) data.set('changed', items.some((i) => i.data.get('changed') === true));
  const register = task.keywords.get('register');
  const clean = publicResult(data);
  if (typeof register === 'string') hostState(ctx.world, host).setFacts.set(register, clean);
  const status = statusOf(data);
  const keyword = status === 'unreachable' ? 'ignore_unreachable' : 'ignore_errors';
  const ignore = (status === 'failed' || status === 'unreachable') && safeTruth(() => template(inherited(task, scope.play, keyword) ?? false, vars, options));
  return { host, status, data: clean, ignored: ignore, verboseAlways: (task.action === 'debug' && !EARLY_FAILURES.has(data)) || (task.action === 'assert' && !isTruthy(task.args.get('quiet') ?? false)), isDebug: task.action === 'debug', showDiff, ...(items ? { items } : {}), noLog: safeTruth(() => template(inherited(task, scope.play, 'no_log') ?? false, vars, options)) };
}

function safeTruth(fn: () => unknown): boolean {
  try {
    return isTruthy(fn());
  } catch {
    return false;
  }
}

function publicResult(data: Map<string, unknown>): Map<string, unknown> {
  const out = new Map([...data].filter(([k]) => !k.startsWith('__')));
  const results = out.get('results');
  if (Array.isArray(results)) out.set('results', (results as unknown[]).map((r) => (r instanceof Map ? publicResult(r as Map<string, unknown>) : r)));
  return out;
}

interface InventoryChanges {
  addHost?: { name: string; groups: string[]; vars: Map<string, unknown> };
  groupBy?: { groups: string[]; parents: string[] };
}

/** add_host and group_by change the run's inventory (Ansible: _add_host / _add_group). */
function applyInventory(ctx: RunContext, host: string, data: Map<string, unknown>, items: ItemResult[] | undefined): void {
  const inv = ctx.world.inventory.inventory;
  for (const d of items ? items.map((i) => i.data) : [data]) {
    const change = d.get('__inventory') as InventoryChanges | undefined;
    if (!change || d.get('failed') === true) continue;
    // changed only when the inventory changed (InventoryManager.add_dynamic_host/_group)
    const before = inventoryPrint(inv);
    if (change.addHost) {
      const h = inv.host(change.addHost.name);
      for (const g of change.addHost.groups) inv.host(change.addHost.name, g);
      for (const [k, v] of change.addHost.vars) h.vars.set(k, v);
    }
    if (change.groupBy) {
      for (const g of change.groupBy.groups) {
        inv.host(host, g);
        for (const p of change.groupBy.parents) inv.addChild(p, g);
      }
    }
    d.set('changed', inventoryPrint(inv) !== before);
    inv.reconcileUngrouped();
    // group_vars/host_vars of groups and hosts that exist only now (vars plugins read them lazily)
    for (const base of ctx.world.inventory.baseDirs) loadVarsDirs(ctx.loader, base, inv, ctx.world.inventory.inventoryVars);
    loadVarsDirs(ctx.loader, ctx.playbookDir, inv, ctx.world.playbookVars);
  }
}

/** The inventory's hosts, groups and host variables, to tell whether a change changed it. */
function inventoryPrint(inv: RunContext['world']['inventory']['inventory']): string {
  const hosts = [...inv.hosts.values()].map((h) => [h.name, [...h.groups], [...h.vars].map(([k, v]) => [k, pyStr(v)])]);
  const groups = [...inv.groups.values()].map((g) => [g.name, [...g.parents]]);
  return JSON.stringify([hosts, groups]);
}

function applyFacts(ctx: RunContext, host: string, data: Map<string, unknown>, items: ItemResult[] | undefined): void {
  const all = items ? items.map((i) => i.data) : [data];
  const state = hostState(ctx.world, host);
  for (const d of all) {
    const f = d.get('__facts') as { facts: Map<string, unknown>; kind: string } | undefined;
    if (!f || d.get('failed') === true) continue;
    const target = f.kind === 'facts' ? state.facts : f.kind === 'include_vars' ? state.includeVars : state.setFacts;
    for (const [k, v] of f.facts) target.set(k, v);
  }
}
