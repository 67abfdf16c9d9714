// The inventory: hosts, groups and their variables as loaded, before any play runs. Runtime
// host state (failed, unreachable) lives in the executor's HostCursor, not here.
import { mergeHash } from '../util/index.js';

export interface Group {
  readonly name: string;
  readonly vars: Map<string, unknown>;
  readonly hosts: string[];
  readonly children: string[];
  readonly parents: Set<string>;
}

export interface Host {
  readonly name: string;
  readonly vars: Map<string, unknown>;
  /** Groups the host was placed in directly. */
  readonly groups: Set<string>;
}

/** Hosts and groups in inventory order; `all` and `ungrouped` always exist. */
export class Inventory {
  readonly hosts = new Map<string, Host>();
  readonly groups = new Map<string, Group>();
  /** ansible_group_priority per group (default 1). */
  readonly priorities = new Map<string, number>();
  /** Groups a source put under `all` itself (a YAML inventory's all: children:), in order. */
  readonly explicitAllChildren: string[] = [];
  /** hash_behaviour=merge: a dict set again is merged into the one there (Host/Group.set_variable). */
  mergeHashes = false;
  /** groupsMap's answer until a host or group changes (InventoryData._groups_dict_cache). */
  private groupsDict: Map<string, string[]> | undefined;

  constructor() {
    this.group('all');
    this.group('ungrouped');
    this.addChild('all', 'ungrouped');
  }

  /** Sets a variable of a host or group, merging dicts under hash_behaviour=merge. */
  setVar(vars: Map<string, unknown>, key: string, value: unknown): void {
    const old = vars.get(key);
    vars.set(
      key,
      this.mergeHashes && old instanceof Map && value instanceof Map
        ? mergeHash(old as Map<unknown, unknown>, value as Map<unknown, unknown>)
        : value,
    );
  }

  group(name: string): Group {
    let g = this.groups.get(name);
    if (!g) {
      this.groupsDict = undefined;
      g = { name, vars: new Map(), hosts: [], children: [], parents: new Set() };
      this.groups.set(name, g);
      if (name !== 'all') this.addChild('all', name);
    }
    return g;
  }

  host(name: string, group?: string): Host {
    let h = this.hosts.get(name);
    if (!h) {
      this.groupsDict = undefined;
      h = { name, vars: new Map(), groups: new Set() };
      this.hosts.set(name, h);
    }
    if (group === 'all') {
      // InventoryData.add_host(host, 'all'): a host of `all` itself, in no group (so ungrouped too)
      const all = this.group('all');
      if (!all.hosts.includes(name)) {
        this.groupsDict = undefined;
        all.hosts.push(name);
      }
    } else if (group && !h.groups.has(group)) {
      this.groupsDict = undefined;
      h.groups.add(group);
      this.group(group).hosts.push(name);
    }
    return h;
  }

  /**
   * InventoryData.add_host for an inventory plugin: an empty name is refused; a host made here
   * with a port gets it as ansible_port (Host.__init__), one already known keeps its own.
   */
  addHost(name: string, group: string, port: number | null): Host {
    if (!name) throw new Error(`Invalid empty host name provided: ${name}`);
    const known = this.hosts.has(name);
    const host = this.host(name, group);
    if (!known && port) this.setVar(host.vars, 'ansible_port', port);
    return host;
  }

  addChild(parent: string, child: string): void {
    const p = this.group(parent);
    const c = this.group(child);
    if (parent === child || c.parents.has(parent)) return;
    this.groupsDict = undefined;
    if (parent !== 'all' && c.parents.delete('all')) {
      const all = this.group('all').children;
      all.splice(all.indexOf(child), 1);
    }
    c.parents.add(parent);
    if (!p.children.includes(child)) p.children.push(child);
  }

  /** Every group a host belongs to, directly or through parents, `all` included. */
  groupsOf(hostName: string): Group[] {
    const host = this.hosts.get(hostName);
    const out = new Map<string, Group>();
    const visit = (name: string): void => {
      const g = this.groups.get(name);
      if (!g || out.has(name)) return;
      out.set(name, g);
      for (const p of g.parents) visit(p);
    };
    for (const g of host?.groups.size ? host.groups : ['ungrouped']) visit(g);
    visit('all');
    return [...out.values()];
  }

  /**
   * Group.get_hosts: the group's own hosts, then its descendants' level by level, each host once
   * (_walk_relationship with preserve_ordering). Hosts placed in `all` itself (add_host, a YAML
   * inventory's `all: hosts:`) come first in `all`. Python walks a level deeper than the group's
   * children in set order (hash of the group's name, random per process); here it is the order
   * the groups were made in.
   */
  hostsOf(groupName: string): string[] {
    const start = this.groups.get(groupName);
    if (!start) return [];
    const ordered: Group[] = [start, ...this.childGroups(start)];
    const seen = new Set<Group>(ordered);
    for (let level = ordered.slice(1); level.length;) {
      const next: Group[] = [];
      for (const g of level)
        for (const c of this.childGroups(g))
          if (!seen.has(c)) {
            seen.add(c);
            next.push(c);
            ordered.push(c);
          }
      level = next;
    }
    const hosts = new Set<string>();
    for (const g of ordered) for (const h of g.hosts) hosts.add(h);
    return [...hosts];
  }

  private childGroups(g: Group): Group[] {
    return g.children.flatMap((c) => this.groups.get(c) ?? []);
  }

  /** Depth of a group below `all` (Ansible sorts group vars by depth, priority, name). */
  depth(groupName: string): number {
    const g = this.groups.get(groupName);
    if (!g || groupName === 'all') return 0;
    let best = 0;
    for (const p of g.parents) best = Math.max(best, this.depth(p) + 1);
    return best;
  }

  /** A host's groups in the order their variables apply: depth, then priority, then name. */
  sortedGroupsOf(hostName: string): Group[] {
    return this.groupsOf(hostName).sort(
      (a, b) =>
        this.depth(a.name) - this.depth(b.name) ||
        (this.priorities.get(a.name) ?? 1) - (this.priorities.get(b.name) ?? 1) ||
        (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
    );
  }

  /**
   * The `groups` magic variable: every group (and `all`, `ungrouped`) to its hosts. Built once
   * and shared until the inventory changes, as get_groups_dict caches it: each task on each host
   * walking every group made a play quadratic in its hosts.
   */
  groupsMap(): Map<string, string[]> {
    if (!this.groupsDict) {
      this.groupsDict = new Map();
      for (const name of this.groups.keys()) this.groupsDict.set(name, this.hostsOf(name));
    }
    return this.groupsDict;
  }

  /** ungrouped holds exactly the hosts that are in no other group. */
  reconcileUngrouped(): void {
    this.groupsDict = undefined;
    const ungrouped = this.group('ungrouped');
    ungrouped.hosts.length = 0;
    for (const h of this.hosts.values()) {
      h.groups.delete('ungrouped');
      if (!h.groups.size) ungrouped.hosts.push(h.name);
    }
  }
}
