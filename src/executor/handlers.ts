// Handler notification as Ansible tracks it: each handler keeps the hosts that notified it,
// by its name, "role : name", or a `listen` topic it subscribes to; a flush runs each
// notified handler once, in definition order, on those hosts.
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

export class Notifications {
  private readonly notified = new Map<Task, Set<string>>();

  constructor(private readonly handlers: readonly Task[]) {}

  /** Records that `host` notified `names`; returns names no handler answers to. */
  notify(host: string, names: string[]): string[] {
    const unknown: string[] = [];
    for (const name of names) {
      const matching = this.handlers.filter((h) => handlerNames(h).includes(name));
      if (!matching.length) unknown.push(name);
      for (const h of matching) {
        let set = this.notified.get(h);
        if (!set) {
          set = new Set();
          this.notified.set(h, set);
        }
        set.add(host);
      }
    }
    return unknown;
  }

  /** The hosts (among `active`) that notified this handler; forgets them. */
  take(handler: Task, active: string[]): string[] {
    const set = this.notified.get(handler);
    if (!set) return [];
    const out = active.filter((h) => set.has(h));
    this.notified.delete(handler);
    return out;
  }

  hasAny(): boolean {
    return [...this.notified.values()].some((s) => s.size > 0);
  }
}
