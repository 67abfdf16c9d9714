// Assembles the variables a task sees on a host, layer by layer (precedence.ts), plus the
// magic variables. Values stay raw; the template engine templates them when read.
import { dirname, resolve } from 'node:path';
import { mergeHash } from '../util/index.js';
import type { Play, Block, Task, Include, RoleInstance } from '../playbook/index.js';
import { LOCALHOST } from '../inventory/index.js';
import type { VarsWorld } from './state.js';
import { hostState } from './state.js';
import { HostVars } from './host-vars.js';

type Layer = Map<unknown, unknown> | Map<string, unknown> | undefined;

/** combine_vars: a later layer replaces keys, or with hash_behaviour=merge merges dicts (merge_hash). */
function mergeInto(into: Map<string, unknown>, layer: Layer, deep: boolean): void {
  if (!layer) return;
  for (const [k, v] of layer) {
    const key = String(k);
    const old = into.get(key);
    into.set(
      key,
      deep && old instanceof Map && v instanceof Map
        ? mergeHash(old as Map<unknown, unknown>, v as Map<unknown, unknown>)
        : v,
    );
  }
}

/** Roles from the task outwards (the dependency chain), outermost first. */
export function roleChain(scope: Task | Block | Include | undefined): RoleInstance[] {
  const out: RoleInstance[] = [];
  for (let s: Task | Block | Include | undefined = scope; s; s = s.parent) {
    if (s.role && !out.includes(s.role)) out.unshift(s.role);
  }
  return out;
}

function blockChain(scope: Task | Block | Include | undefined): (Task | Block | Include)[] {
  const out: (Task | Block | Include)[] = [];
  for (let s = scope; s; s = s.parent) out.unshift(s);
  return out;
}

/**
 * The host variables InventoryData._create_implicit_localhost sets on the localhost it makes for a
 * pattern no inventory host matched: the local connection and the controller's Python.
 */
function implicitLocalhostVars(world: VarsWorld, host: string): Map<string, unknown> | undefined {
  if (!LOCALHOST.includes(host)) return undefined;
  return new Map<string, unknown>([
    ['ansible_connection', 'local'],
    ['ansible_python_interpreter', world.runMagic.get('ansible_playbook_python') ?? '/usr/bin/python3'],
  ]);
}

/** Inventory-level variables of a host (groups, then host), as hostvars shows them. */
export function inventoryVars(world: VarsWorld, host: string): Map<string, unknown> {
  const { inventory, inventoryVars: invDirs } = world.inventory;
  const pb = world.playbookVars;
  const merge = (into: Map<string, unknown>, layer: Layer): void =>
    mergeInto(into, layer, world.hashBehaviour === 'merge');
  const out = new Map<string, unknown>();
  // set by the inventory on each host it adds (InventoryData.add_host)
  const source = world.inventory.hostSources?.get(host);
  out.set('inventory_file', source ?? null);
  out.set('inventory_dir', source ? dirname(source) : null);
  const groups = inventory.sortedGroupsOf(host);
  const others = groups.filter((g) => g.name !== 'all');
  merge(out, inventory.groups.get('all')?.vars);
  for (const g of others) merge(out, g.vars);
  merge(out, invDirs.groups.get('all'));
  merge(out, pb.groups.get('all'));
  for (const g of others) merge(out, invDirs.groups.get(g.name));
  for (const g of others) merge(out, pb.groups.get(g.name));
  merge(out, inventory.hosts.get(host)?.vars ?? implicitLocalhostVars(world, host));
  merge(out, invDirs.hosts.get(host));
  merge(out, pb.hosts.get(host));
  return out;
}

/**
 * Facts as variables (VariableManager.get_vars at stable-2.14): `ansible_facts` holds them with
 * the ansible_ prefix taken off (namespace_facts), and with INJECT_FACTS_AS_VARS (the default)
 * each is injected under the name the module gave it (ansible_distribution, or a user module's
 * `greeted`) but the internal ones (clean_facts' strip_internal_keys: _ansible_facts_gathered);
 * without it only ansible_local is.
 */
export function factVars(facts: Map<string, unknown>, inject = true): Map<string, unknown> {
  // namespace_facts keeps ansible_local whole
  const namespaced = new Map(
    [...facts].map(([k, v]) => [k.startsWith('ansible_') && k !== 'ansible_local' ? k.slice(8) : k, v]),
  );
  const out = new Map<string, unknown>([['ansible_facts', namespaced]]);
  if (!inject) out.set('ansible_local', facts.get('ansible_local') ?? new Map());
  else for (const [k, v] of facts) if (!k.startsWith('_ansible_')) out.set(k, v);
  return out;
}

export interface TaskScope {
  play: Play;
  /** The task, block or include being run (undefined for play-level templating). */
  item?: Task | Block | Include;
  /** Hosts of the play (all, and those not failed: ansible_play_hosts) and of the batch. */
  playHosts: string[];
  liveHosts?: string[];
  batchHosts: string[];
  /** include_tasks / include_role parameters. */
  includeParams?: Map<string, unknown>;
  /** The play's vars_files, loaded for each host of the batch (they end with the play). */
  varsFiles?: Map<string, Map<string, unknown>>;
}

// PlaybookExecutor sets the loader's basedir per play: an imported playbook's plays see its own
// directory as playbook_dir (play._included_path), and local commands run there
const playDirs = new WeakMap<Play, string>();
export function playDir(play: Play | undefined): string | undefined {
  if (!play?.baseDir) return undefined;
  let dir = playDirs.get(play);
  if (dir === undefined) playDirs.set(play, (dir = resolve(play.baseDir)));
  return dir;
}

/** Every variable the host sees for this task, lowest precedence first. */
export function taskVars(world: VarsWorld, host: string, scope: TaskScope): Map<string, unknown> {
  const vars = new Map<string, unknown>();
  const merge = (into: Map<string, unknown>, layer: Layer): void =>
    mergeInto(into, layer, world.hashBehaviour === 'merge');
  const chain = roleChain(scope.item);
  for (const r of scope.play.roles) merge(vars, r.defaults);
  for (const r of chain) merge(vars, r.defaults);
  merge(vars, inventoryVars(world, host));
  const state = hostState(world, host);
  merge(vars, factVars(state.facts, world.injectFactsAsVars));
  merge(vars, scope.play.keywords.get('vars') as Layer);
  merge(vars, scope.varsFiles?.get(host));
  for (const r of scope.play.roles) if (r.isPublic) merge(vars, r.vars);
  // Role.get_vars(dep_chain): the parents' vars (get_inherited_vars), then each dependency's
  // exported vars, once each (get_all_dependencies), then the task's own role's
  const own = chain[chain.length - 1];
  for (const r of chain.slice(0, -1)) merge(vars, r.vars);
  if (own) {
    for (const d of new Set(allDependencies(own))) merge(vars, d.vars);
    merge(vars, own.vars);
  }
  for (const s of blockChain(scope.item)) merge(vars, s.keywords.get('vars') as Layer);
  merge(vars, state.includeVars);
  merge(vars, state.setFacts);
  for (const r of chain) merge(vars, r.params);
  for (const s of blockChain(scope.item)) merge(vars, includeParamsOf(s));
  merge(vars, scope.includeParams);
  merge(vars, world.extraVars);
  merge(vars, magicVars(world, host, scope, chain));
  // `vars`: every variable of the task as stored, not templated (VariableManager's 'vars')
  vars.set('vars', new Map(vars));
  return vars;
}

/**
 * Task.get_include_params: the `vars:` of every include around the task (the blocks includes
 * loaded, with their loop variables), and of the include itself when it is the one being run.
 */
function includeParamsOf(s: Task | Block | Include): Layer {
  if (s.kind === 'block') return s.includeParams;
  return s.kind === 'include' ? (s.keywords.get('vars') as Layer) : undefined;
}

/** Role.get_all_dependencies: each dependency's own dependencies before it. */
function allDependencies(role: RoleInstance): RoleInstance[] {
  return (role.dependencies ?? []).flatMap((d) => [...allDependencies(d), d]);
}

/**
 * The role names of _get_magic_variables: the play's roles (roles:, import_role, a public
 * include_role) and their dependencies. Ansible builds ansible_role_names and
 * ansible_dependent_role_names from Python sets, in an order that changes from run to run; here
 * they keep the order the roles were loaded in.
 */
function roleNames(roles: RoleInstance[]): [string, string[]][] {
  const played = roles.filter((r) => !r.dependency);
  const playNames = played.map((r) => r.name);
  const dependent = [...new Set(played.flatMap((r) => allDependencies(r).map((d) => d.name)))];
  return [
    ['ansible_role_names', [...new Set([...dependent, ...playNames])]],
    ['ansible_play_role_names', playNames],
    ['ansible_dependent_role_names', dependent],
    ['role_names', playNames],
  ];
}

function magicVars(world: VarsWorld, host: string, scope: TaskScope, chain: RoleInstance[]): Map<string, unknown> {
  const inv = world.inventory.inventory;
  const role = chain[chain.length - 1];
  const magic = new Map<string, unknown>(world.runMagic);
  magic.set('inventory_hostname', host);
  magic.set('inventory_hostname_short', host.split('.')[0]);
  magic.set('groups', inv.groupsMap());
  magic.set(
    'group_names',
    inv
      .groupsOf(host)
      .map((g) => g.name)
      .filter((g) => g !== 'all' && g !== 'ungrouped')
      .sort(),
  );
  magic.set('hostvars', new HostVars(world, scope));
  magic.set('play_hosts', scope.batchHosts);
  magic.set('ansible_play_hosts', scope.liveHosts ?? scope.playHosts);
  magic.set('ansible_play_batch', scope.batchHosts);
  magic.set('ansible_play_hosts_all', scope.playHosts);
  for (const [k, v] of roleNames(scope.play.roles)) magic.set(k, v);
  magic.set('ansible_play_name', scope.play.keywords.get('name') ?? scope.play.keywords.get('hosts'));
  magic.set('playbook_dir', playDir(scope.play) ?? world.runMagic.get('playbook_dir'));
  if (role) {
    magic.set('role_name', role.name);
    magic.set('role_path', role.path);
    magic.set('ansible_role_name', role.name);
    // IncludeRole.get_include_params: only a role included or imported from within another has
    // its parents' names and paths (innermost first); elsewhere they are undefined
    // the roles that included or imported the next one in the chain (a dependency is not included)
    const parents = chain
      .slice(0, -1)
      .filter((_r, i) => chain[i + 1]?.dependency !== true)
      .reverse();
    if (parents.length) {
      magic.set(
        'ansible_parent_role_names',
        parents.map((r) => r.name),
      );
      magic.set(
        'ansible_parent_role_paths',
        parents.map((r) => r.path),
      );
    }
  }
  return magic;
}
