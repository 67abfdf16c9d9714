// Handler notification as ansible-core 2.14 tracks it (strategy/__init__.py
// search_handler_blocks_by_name, Handler.notify_host/remove_host): a name notifies the last
// handler defined with that name (or "role : name"); a `listen` topic notifies every handler
// that listens to it. Each handler keeps the hosts that notified it until it runs for them.
import type { Task } from '../playbook/index.js';

function namesOf(h: Task): string[] {
  const name = h.keywords.get('name');
  if (typeof name !== 'string') return [];
  return h.role ? [name, `${h.role.name} : ${name}`] : [name];
}

function topicsOf(h: Task): string[] {
  const listen = h.keywords.get('listen');
  return (Array.isArray(listen) ? listen : listen === undefined || listen === null ? [] : [listen]).map(String);
}

export class Notifications {
  private readonly notified = new Map<Task, Set<string>>();

  constructor(private readonly handlers: readonly Task[]) {}

  /** Records that `host` notified `names`; returns names no handler answers to. */
  notify(host: string, names: string[]): string[] {
    const unknown: string[] = [];
    for (const name of names) {
      const byName = [...this.handlers].reverse().find((h) => namesOf(h).includes(name));
      const listening = this.handlers.filter((h) => topicsOf(h).includes(name));
      const matching = [...(byName ? [byName] : []), ...listening];
      if (!matching.length) unknown.push(name);
      for (const h of matching) {
        let set = this.notified.get(h);
        if (!set) this.notified.set(h, (set = new Set()));
        set.add(host);
      }
    }
    return unknown;
  }

  isNotified(handler: Task, host: string): boolean {
    return this.notified.get(handler)?.has(host) ?? false;
  }

  /** The handler ran (or was skipped, or failed) for the host: it is no longer notified there. */
  ran(handler: Task, host: string): void {
    this.notified.get(handler)?.delete(host);
  }
}
