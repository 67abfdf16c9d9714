// The `hostvars` magic variable: every host's variables as get_vars gives them without a play
// (inventory, facts, include_vars, set_fact/register, extra vars), built when a template reads them.
import type { VarsWorld } from './state.js';
import type { TaskScope } from './resolve.js';
import { inventoryVars, factVars } from './resolve.js';
import { hostState } from './state.js';
import { MISSING, hostVarReader } from '../template/index.js';

/** hostvars: looked up by host name from templates (template runtime calls getAttr), a MappingView of the hosts. */
export class HostVars {
  constructor(
    private readonly world: VarsWorld,
    private readonly scope: TaskScope,
  ) {}

  /** A host's variables, or the MISSING-like undefined when the host is unknown. */
  getAttr(host: string): unknown {
    // the implicit localhost is there too (InventoryData creates it when the run first asks for it)
    if (!this.world.inventory.inventory.hosts.has(host) && !this.world.hosts.has(host) && host !== 'localhost')
      return MISSING;
    const vars = new Map<string, unknown>();
    for (const [k, v] of inventoryVars(this.world, host)) vars.set(k, v);
    const state = hostState(this.world, host);
    for (const [k, v] of factVars(state.facts, this.world.injectFactsAsVars)) vars.set(k, v);
    for (const [k, v] of state.includeVars) vars.set(k, v);
    for (const [k, v] of state.setFacts) vars.set(k, v);
    for (const [k, v] of this.world.extraVars) vars.set(String(k), v);
    vars.set('inventory_hostname', host);
    vars.set(
      'group_names',
      this.world.inventory.inventory
        .groupsOf(host)
        .map((g) => g.name)
        .filter((g) => g !== 'all' && g !== 'ungrouped')
        .sort(),
    );
    return new HostVarsVars(vars);
  }

  /** HostVars' keys: the inventory's hosts, and the implicit localhost the run creates at its start. */
  mappingKeys(): string[] {
    const hosts = [...this.world.inventory.inventory.hosts.keys()];
    return hosts.includes('localhost') ? hosts : [...hosts, 'localhost'];
  }
}

// STATIC_VARS (vars/hostvars.py): read as they are, never templated
const STATIC_VARS = new Set([
  'ansible_version',
  'ansible_play_hosts',
  'ansible_dependent_role_names',
  'ansible_play_role_names',
  'ansible_role_names',
  'inventory_hostname',
  'inventory_hostname_short',
  'inventory_file',
  'inventory_dir',
  'groups',
  'group_names',
  'omit',
  'playbook_dir',
  'play_hosts',
  'role_names',
  'ungrouped',
]);

/**
 * HostVarsVars: one host's variables, each templated when read with that host's own variables
 * (hostvars['web1']['url'] of `url: "http://{{ ansible_host }}"` is the URL, not its template).
 * A Map, so everything that reads a dict reads it; iteration templates too.
 */
class HostVarsVars extends Map<string, unknown> {
  private readonly read: (name: string) => unknown;
  private readonly done = new Map<string, unknown>();

  constructor(raw: Map<string, unknown>) {
    super(raw);
    this.read = hostVarReader(raw);
  }

  override get(key: string): unknown {
    if (!super.has(key)) return undefined;
    if (STATIC_VARS.has(key)) return super.get(key);
    if (!this.done.has(key)) this.done.set(key, this.read(key));
    return this.done.get(key);
  }

  override *entries(): MapIterator<[string, unknown]> {
    for (const k of super.keys()) yield [k, this.get(k)];
  }

  override *values(): MapIterator<unknown> {
    for (const k of super.keys()) yield this.get(k);
  }

  override [Symbol.iterator](): MapIterator<[string, unknown]> {
    return this.entries();
  }

  override forEach(fn: (value: unknown, key: string, map: Map<string, unknown>) => void, self?: unknown): void {
    for (const [k, v] of this.entries()) fn.call(self, v, k, this);
  }
}
