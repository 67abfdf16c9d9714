// What a task's result changes beyond itself: facts and set_fact, the inventory (add_host,
// group_by), and the registered value without the executor's own keys.
import { markUnsafe, pyStr, template, type TemplateOptions } from '../template/index.js';
import { isTruthy } from '../util/index.js';
import { taskKeywords, type Task } from '../playbook/index.js';
import type { TaskScope } from '../vars/index.js';
import { inherited, keywordTruth } from './keywords.js';
import { allConditions } from './conditional.js';
import { loadVarsDirs } from '../inventory/index.js';
import { hostState } from '../vars/index.js';
import type { RunContext } from './run-context.js';
import type { ItemResult } from './result.js';

export function publicResult(data: Map<string, unknown>): Map<string, unknown> {
  const out = new Map([...data].filter(([k]) => !k.startsWith('__')));
  const results = out.get('results');
  if (Array.isArray(results))
    out.set(
      'results',
      (results as unknown[]).map((r) => (r instanceof Map ? publicResult(r as Map<string, unknown>) : r)),
    );
  return out;
}

/** vars/clean.py strip_internal_keys, on a copy: every `_ansible_` key, however deep. */
function withoutInternalKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.some(hasInternalKeys) ? value.map(withoutInternalKeys) : value;
  if (!(value instanceof Map) || !hasInternalKeys(value)) return value instanceof Map ? new Map(value) : value;
  const out = new Map<unknown, unknown>();
  for (const [k, v] of value as Map<unknown, unknown>)
    if (!(typeof k === 'string' && k.startsWith('_ansible_'))) out.set(k, withoutInternalKeys(v));
  return out;
}

function hasInternalKeys(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasInternalKeys);
  if (!(value instanceof Map)) return false;
  for (const [k, v] of value as Map<unknown, unknown>)
    if ((typeof k === 'string' && k.startsWith('_ansible_')) || hasInternalKeys(v)) return true;
  return false;
}

interface InventoryChanges {
  addHost?: { name: string; groups: string[]; vars: Map<string, unknown> };
  groupBy?: { groups: string[]; parents: string[] };
}

type Inventory = RunContext['world']['inventory']['inventory'];

/**
 * add_host and group_by change the run's inventory (InventoryManager.add_dynamic_host and
 * add_dynamic_group): changed only when the inventory changed; the group_vars/host_vars of
 * groups and hosts that exist only now are read then (vars plugins read them lazily).
 */
export function applyInventory(
  ctx: RunContext,
  host: string,
  data: Map<string, unknown>,
  items: ItemResult[] | undefined,
): void {
  // add_host and group_by change the inventory only from a result that did not fail (the
  // strategy's _process_pending_results: a loop with a failed item adds none of its hosts)
  if (data.get('failed') === true || data.get('unreachable') === true) return;
  for (const d of items ? items.map((i) => i.data) : [data]) {
    const change = d.get('__inventory') as InventoryChanges | undefined;
    if (!change || d.get('failed') === true) continue;
    d.set('changed', applyChange(ctx, host, change));
    dynamicChanges(ctx.world).push({ host, change });
  }
}

// InventoryManager._cached_dynamic_hosts and _cached_dynamic_grouping: what add_host and group_by
// did, in order, so refresh_inventory can do it again over the inventory read afresh
const DYNAMIC = new WeakMap<RunContext['world'], { host: string; change: InventoryChanges }[]>();
function dynamicChanges(world: RunContext['world']): { host: string; change: InventoryChanges }[] {
  let list = DYNAMIC.get(world);
  if (!list) DYNAMIC.set(world, (list = []));
  return list;
}

/**
 * meta: refresh_inventory (InventoryManager.refresh_inventory): the sources read again, then every
 * add_host and group_by of the run so far applied to them again; the variables of hosts and
 * groups that are new are read as add_host's are.
 */
export function refreshInventory(ctx: RunContext): void {
  const fresh = ctx.reloadInventory?.();
  if (!fresh) return;
  const before = ctx.world.inventory.inventory;
  ctx.world.inventory = fresh;
  const inv = fresh.inventory;
  const only = {
    groups: [...inv.groups.keys()].filter((g) => !before.groups.has(g)),
    hosts: [...inv.hosts.keys()].filter((h) => !before.hosts.has(h)),
  };
  loadVarsDirs(ctx.loader, ctx.playbookDir, inv, ctx.world.playbookVars, only);
  // add_dynamic_group with refresh: a host the sources no longer have is passed over
  for (const { host, change } of dynamicChanges(ctx.world))
    if (change.addHost || inv.hosts.has(host)) applyChange(ctx, host, change);
}

/** One add_host or group_by result applied to the inventory; true when it changed. */
function applyChange(ctx: RunContext, host: string, change: InventoryChanges): boolean {
  const inv = ctx.world.inventory.inventory;
  const hosts = change.addHost ? [change.addHost.name] : [host];
  const groups = [
    ...(change.addHost?.groups ?? []),
    ...(change.groupBy?.groups ?? []),
    ...(change.groupBy?.parents ?? []),
  ];
  const before = {
    print: entitiesPrint(inv, hosts, groups),
    groups: new Set(inv.groups.keys()),
    hosts: new Set(inv.hosts.keys()),
  };
  if (change.addHost) {
    // StrategyBase._add_host: a new host goes into `all` itself (first in groups['all'])
    const h = inv.hosts.get(change.addHost.name) ?? inv.host(change.addHost.name, 'all');
    for (const g of change.addHost.groups) inv.host(change.addHost.name, g);
    for (const [k, v] of change.addHost.vars) inv.setVar(h.vars, k, v);
  }
  for (const g of change.groupBy?.groups ?? []) {
    inv.host(host, g);
    for (const p of change.groupBy?.parents ?? []) inv.addChild(p, g);
  }
  const changed = entitiesPrint(inv, hosts, groups) !== before.print;
  inv.reconcileUngrouped();
  const only = {
    groups: [...inv.groups.keys()].filter((g) => !before.groups.has(g)),
    hosts: [...inv.hosts.keys()].filter((h) => !before.hosts.has(h)),
  };
  for (const base of ctx.world.inventory.baseDirs)
    loadVarsDirs(ctx.loader, base, inv, ctx.world.inventory.inventoryVars, only);
  loadVarsDirs(ctx.loader, ctx.playbookDir, inv, ctx.world.playbookVars, only);
  return changed;
}

/**
 * changed_when, then failed_when, on a result (TaskExecutor._execute; the strategy's
 * post_process_whens again after add_host or group_by). `stage` hears which one is evaluated.
 */
export function overrideWhens(
  task: Task,
  vars: Map<string, unknown>,
  options: TemplateOptions,
  d: Map<string, unknown>,
  stage: (which: 'changed' | 'failed') => void = () => undefined,
): void {
  const { changedWhen, failedWhen } = taskKeywords(task);
  const given = (c: unknown): boolean => c !== undefined && c !== null && c !== '';
  stage('changed');
  if (given(changedWhen)) d.set('changed', allConditions(changedWhen, vars, options, task.origin));
  stage('failed');
  if (given(failedWhen)) {
    const failed = allConditions(failedWhen, vars, options, task.origin);
    d.set('failed_when_result', failed).set('failed', failed);
  }
}

/**
 * post_process_whens: after add_host or group_by changed the inventory (and set `changed` from
 * it), the task's changed_when and failed_when are evaluated again, with the result registered
 * and a loop item's variables (StrategyBase._process_pending_results).
 */
function postProcessWhens(
  task: Task,
  d: Map<string, unknown>,
  t: { vars: Map<string, unknown>; options: TemplateOptions },
): void {
  const { changedWhen, failedWhen, register } = taskKeywords(task);
  if (changedWhen === undefined && failedWhen === undefined) return;
  const vars = new Map(t.vars);
  const loopVar = d.get('ansible_loop_var');
  if (typeof loopVar === 'string' && d.has(loopVar)) vars.set(loopVar, d.get(loopVar));
  if (typeof register === 'string') vars.set(register, d);
  overrideWhens(task, vars, t.options, d);
}

/** The hosts' groups and variables and the groups' parents a change can touch, to tell whether it did. */
function entitiesPrint(inv: Inventory, hosts: string[], groups: string[]): string {
  const h = hosts
    .map((n) => inv.hosts.get(n))
    .map((x) => (x ? [[...x.groups], [...x.vars].map(([k, v]) => [k, pyStr(v)])] : null));
  const g = groups.map((n) => inv.groups.get(n)).map((x) => (x ? [...x.parents] : null));
  return JSON.stringify([h, g]);
}

/**
 * The host's facts as they are now, and a function that puts them back. A loop's items see each
 * other's facts (TaskExecutor._execute updates the task's variables), but the strategy applies
 * ansible_facts only from a result that did not fail (StrategyBase._process_pending_results): a
 * loop with a failed item, ignored or not, leaves the host's facts as they were.
 */
export function factsCheckpoint(ctx: RunContext, host: string): () => void {
  const state = hostState(ctx.world, host);
  const kinds = ['facts', 'setFacts', 'includeVars'] as const;
  const saved = kinds.map((k) => new Map(state[k]));
  return () => {
    kinds.forEach((k, i) => {
      state[k].clear();
      for (const [name, value] of saved[i]!) state[k].set(name, value);
    });
    ctx.world.factCache?.save(host, state.facts);
  };
}

export function applyFacts(
  ctx: RunContext,
  host: string,
  data: Map<string, unknown>,
  items: ItemResult[] | undefined,
): void {
  // a failed, unreachable or skipped task (a loop with a failed item, a module that skipped in
  // check mode) changes no facts: _process_pending_results applies them in its ok branch only,
  // so the interpreter a skipped module discovered is discovered again by the next task
  if (data.get('failed') === true || data.get('unreachable') === true || data.get('skipped') === true) return;
  const all = items ? items.map((i) => i.data) : [data];
  const state = hostState(ctx.world, host);
  for (const d of all) {
    const f = d.get('__facts') as { facts: Map<string, unknown>; kind: string } | undefined;
    if (!f || d.get('failed') === true) continue;
    const target = f.kind === 'facts' ? state.facts : f.kind === 'include_vars' ? state.includeVars : state.setFacts;
    for (const [k, v] of f.facts) target.set(k, v);
    // set_fact cacheable=true: a fact (cached) as well as a host variable (set_host_facts and
    // set_nonpersistent_facts, strategy/__init__.py)
    if (f.kind === 'set_fact_cacheable') for (const [k, v] of f.facts) state.facts.set(k, v);
    if (f.kind === 'facts' || f.kind === 'set_fact_cacheable') ctx.world.factCache?.save(host, state.facts);
  }
}

/** A keyword's truth, false when it cannot be templated (the task's own result says why). */
export function safeTruth(fn: () => unknown): boolean {
  try {
    return isTruthy(fn());
  } catch {
    return false;
  }
}

/**
 * What the strategy does with a task's result (StrategyBase._process_pending_results): facts to
 * the host (the delegate's with delegate_facts, every host of the batch with run_once), add_host
 * and group_by to the inventory, the registered variable. Returns the result without the
 * executor's own keys.
 */
export function applyOutcome(
  task: Task,
  host: string,
  scope: TaskScope,
  ctx: RunContext,
  t: { vars: Map<string, unknown>; options: TemplateOptions },
  data: Map<string, unknown>,
  items: ItemResult[] | undefined,
): Map<string, unknown> {
  const delegate = inherited(task, scope.play, 'delegate_to');
  const render = (raw: unknown): unknown => template(raw, t.vars, t.options);
  const delegatedFacts = delegate && safeTruth(() => keywordTruth(task, scope.play, 'delegate_facts', render));
  // run_once: the facts go to every host of the batch (StrategyBase.get_task_hosts)
  const runOnce = safeTruth(() => keywordTruth(task, scope.play, 'run_once', render));
  const factHosts = delegatedFacts
    ? [String(template(delegate, t.vars, t.options))]
    : runOnce && scope.batchHosts.length
      ? scope.batchHosts
      : [host];
  for (const h of factHosts) applyFacts(ctx, h, data, items);
  applyInventory(ctx, host, data, items);
  for (const d of items?.length ? items.map((i) => i.data) : [data])
    if (d.has('__inventory') && d.get('failed') !== true) postProcessWhens(task, d, t);
  if (items?.length && items.some((i) => i.data.has('__inventory')))
    data.set(
      'changed',
      items.some((i) => i.data.get('changed') === true),
    );
  const register = taskKeywords(task).register;
  const clean = publicResult(data);
  if (typeof register === 'string') {
    // _process_pending_results registers a clean copy without the top-level invocation (the
    // task's own changed_when/until saw it; loop items keep theirs) and without internal keys
    // at any depth (strip_internal_keys: gather_facts' ansible_facts._ansible_facts_gathered)
    const registered = withoutInternalKeys(clean) as Map<string, unknown>;
    registered.delete('invocation');
    hostState(ctx.world, host).setFacts.set(register, markUnsafe(registered));
  }
  return clean;
}
