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
      g = { name, vars: new Map(), hosts: [], children: [], parents: new Set() };
      this.groups.set(name, g);
      if (name !== 'all') this.addChild('all', name);
    }
    return g;
  }

  host(name: string, group?: string): Host {
    let h = this.hosts.get(name);
    if (!h) {
      h = { name, vars: new Map(), groups: new Set() };
      this.hosts.set(name, h);
    }
    if (group && group !== 'all' && !h.groups.has(group)) {
      h.groups.add(group);
      this.group(group).hosts.push(name);
    }
    return h;
  }

  addChild(parent: string, child: string): void {
    const p = this.group(parent);
    const c = this.group(child);
    if (parent === child || c.parents.has(parent)) return;
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

  /** Hosts of a group: its own, then its children's (Group.get_hosts); `all` in inventory order. */
  hostsOf(groupName: string): string[] {
    if (groupName === 'all') return [...this.hosts.keys()];
    const seen = new Set<string>();
    const visit = (name: string, trail: Set<string>): void => {
      const g = this.groups.get(name);
      if (!g || trail.has(name)) return;
      for (const h of g.hosts) seen.add(h);
      for (const c of g.children) visit(c, new Set([...trail, name]));
    };
    visit(groupName, new Set());
    return [...seen];
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

  /** The `groups` magic variable: every group (and `all`, `ungrouped`) to its hosts. */
  groupsMap(): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const name of this.groups.keys()) out.set(name, this.hostsOf(name));
    return out;
  }

  /** ungrouped holds exactly the hosts that are in no other group. */
  reconcileUngrouped(): void {
    const ungrouped = this.group('ungrouped');
    ungrouped.hosts.length = 0;
    for (const h of this.hosts.values()) {
      h.groups.delete('ungrouped');
      if (!h.groups.size) ungrouped.hosts.push(h.name);
    }
  }
}
