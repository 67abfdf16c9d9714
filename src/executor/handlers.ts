// Handler notification: by name or `listen` topic (also "role : name"); each handler runs
// once per flush, in definition order, on the hosts that notified it.
import type { Task } from '../playbook/index.js';

export function handlerNames(h: Task): string[] {
  const names: string[] = [];
  const name = h.keywords.get('name');
  if (typeof name === 'string') {
    names.push(name);
    if (h.role) names.push(`${h.role.name} : ${name}`);
  }
  const listen = h.keywords.get('listen');
  for (const l of Array.isArray(listen) ? listen : listen === undefined ? [] : [listen]) names.push(String(l));
  return names;
}

/** Notified handler names per host; a flush drains them. */
export class Notifications {
  private readonly pending = new Map<string, Set<string>>();

  notify(host: string, names: string[]): void {
    let set = this.pending.get(host);
    if (!set) {
      set = new Set();
      this.pending.set(host, set);
    }
    for (const n of names) set.add(n);
  }

  /** Hosts that notified any of a handler's names, and forgets that notification. */
  take(handler: Task, hosts: string[]): string[] {
    const names = handlerNames(handler);
    const out = hosts.filter((h) => names.some((n) => this.pending.get(h)?.has(n)));
    for (const h of out) for (const n of names) this.pending.get(h)?.delete(n);
    return out;
  }

  hasAny(): boolean {
    return [...this.pending.values()].some((s) => s.size > 0);
  }

  forget(host: string): void {
    this.pending.delete(host);
  }
}
