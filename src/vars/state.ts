// Per-run variable state the executor updates: facts, set_fact/register results,
// include_vars, and the variables of the playbook's own group_vars/host_vars.
import type { FactCache } from './fact-cache.js';
import type { LoadedInventory, VarsDirs } from '../inventory/index.js';

export interface HostVarState {
  /** Facts (the fact cache's): gathered ones with their ansible_ names, set_fact's cacheable ones. */
  facts: Map<string, unknown>;
  /** set_fact and register (nonpersistent facts). */
  setFacts: Map<string, unknown>;
  /** include_vars. */
  includeVars: Map<string, unknown>;
}

export interface VarsWorld {
  inventory: LoadedInventory;
  /** group_vars/host_vars beside the playbook. */
  playbookVars: VarsDirs;
  extraVars: Map<unknown, unknown>;
  hosts: Map<string, HostVarState>;
  /** Magic values fixed for the run (playbook_dir, ansible_check_mode, …). */
  runMagic: Map<string, unknown>;
  /** DEFAULT_HASH_BEHAVIOUR: 'merge' combines dicts of the same name across layers, recursively. */
  hashBehaviour?: 'replace' | 'merge';
  /** INJECT_FACTS_AS_VARS: facts as top-level variables too (ansible_hostname), not only in ansible_facts. */
  injectFactsAsVars?: boolean;
  /** fact_caching=jsonfile: facts read from and written to the cache. */
  factCache?: FactCache;
}

export function hostState(world: VarsWorld, host: string): HostVarState {
  let s = world.hosts.get(host);
  if (!s) {
    s = {
      facts: world.factCache?.load(host) ?? new Map<string, unknown>(),
      setFacts: new Map(),
      includeVars: new Map(),
    };
    world.hosts.set(host, s);
  }
  return s;
}
