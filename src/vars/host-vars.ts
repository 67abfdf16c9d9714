// The `hostvars` magic variable: every host's variables as get_vars gives them without a play
// (inventory, facts, include_vars, set_fact/register, extra vars), built when a template reads them.
import type { VarsWorld } from './state.js';
import type { TaskScope } from './resolve.js';
import { inventoryVars, factVars } from './resolve.js';
import { hostState } from './state.js';
import { MISSING } from '../template/index.js';

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
    return vars;
  }

  /** HostVars' keys: the inventory's hosts, and the implicit localhost the run creates at its start. */
  mappingKeys(): string[] {
    const hosts = [...this.world.inventory.inventory.hosts.keys()];
    return hosts.includes('localhost') ? hosts : [...hosts, 'localhost'];
  }
}
