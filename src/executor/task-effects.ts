// What a task's result changes beyond itself: facts and set_fact, the inventory (add_host,
// group_by), and the registered value without the executor's own keys.
import { pyStr } from '../template/index.js';
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

interface InventoryChanges {
  addHost?: { name: string; groups: string[]; vars: Map<string, unknown> };
  groupBy?: { groups: string[]; parents: string[] };
}

/** add_host and group_by change the run's inventory (Ansible: _add_host / _add_group). */
export function applyInventory(
  ctx: RunContext,
  host: string,
  data: Map<string, unknown>,
  items: ItemResult[] | undefined,
): void {
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
    for (const base of ctx.world.inventory.baseDirs)
      loadVarsDirs(ctx.loader, base, inv, ctx.world.inventory.inventoryVars);
    loadVarsDirs(ctx.loader, ctx.playbookDir, inv, ctx.world.playbookVars);
  }
}

/** The inventory's hosts, groups and host variables, to tell whether a change changed it. */
function inventoryPrint(inv: RunContext['world']['inventory']['inventory']): string {
  const hosts = [...inv.hosts.values()].map((h) => [h.name, [...h.groups], [...h.vars].map(([k, v]) => [k, pyStr(v)])]);
  const groups = [...inv.groups.values()].map((g) => [g.name, [...g.parents]]);
  return JSON.stringify([hosts, groups]);
}

export function applyFacts(
  ctx: RunContext,
  host: string,
  data: Map<string, unknown>,
  items: ItemResult[] | undefined,
): void {
  const all = items ? items.map((i) => i.data) : [data];
  const state = hostState(ctx.world, host);
  for (const d of all) {
    const f = d.get('__facts') as { facts: Map<string, unknown>; kind: string } | undefined;
    if (!f || d.get('failed') === true) continue;
    const target = f.kind === 'facts' ? state.facts : f.kind === 'include_vars' ? state.includeVars : state.setFacts;
    for (const [k, v] of f.facts) target.set(k, v);
  }
}
