// Handler notification as ansible-core 2.14 tracks it (strategy/__init__.py
// search_handler_blocks_by_name, Handler.notify_host/remove_host): a name notifies one handler
// with that name (or "role : name"); a `listen` topic notifies every handler that listens to it. Each handler keeps the hosts that notified it until it runs for them.
import { taskKeywords, type Handler } from '../playbook/index.js';

/** A handler's names; a name that cannot be templated gives none (resolve returns undefined). */
function namesOf(h: Handler, resolve: (raw: string, h: Handler) => string | undefined): string[] {
  const raw = taskKeywords(h).name;
  if (typeof raw !== 'string') return [];
  const name = raw.includes('{{') ? resolve(raw, h) : raw;
  if (name === undefined) return [];
  return h.role ? [name, `${h.role.name} : ${name}`] : [name];
}

function topicsOf(h: Handler): string[] {
  const listen = taskKeywords(h).listen;
  return (Array.isArray(listen) ? listen : listen === undefined || listen === null ? [] : [listen]).map(String);
}

export class Notifications {
  private readonly notified = new Map<Handler, Set<string>>();

  /** `resolve` templates a handler's name (Ansible templates it once, with the play's variables). */
  constructor(
    private readonly handlers: readonly Handler[],
    private readonly resolve: (raw: string, h: Handler) => string | undefined = (raw) => raw,
  ) {}

  /**
   * Records that `host` notified `names`: the names no handler answers to, and the handlers the
   * host newly notified, in order (notify_host's True: v2_playbook_on_notify for each).
   */
  notify(host: string, names: string[]): { unknown: string[]; newly: Handler[] } {
    const unknown: string[] = [];
    const newly: Handler[] = [];
    for (const name of names) {
      const byName = this.byName(name);
      const listening = this.handlers.filter((h) => topicsOf(h).includes(name));
      const matching = [...(byName ? [byName] : []), ...listening];
      if (!matching.length) unknown.push(name);
      for (const h of matching) {
        let set = this.notified.get(h);
        if (!set) this.notified.set(h, (set = new Set()));
        if (!set.has(host)) newly.push(h);
        set.add(host);
      }
    }
    return { unknown, newly };
  }

  /** Every name and listen topic a notify can reach (for "did you mean"). */
  known(): string[] {
    return this.handlers.flatMap((h) => [...namesOf(h, this.resolve), ...topicsOf(h)]);
  }

  /** The tasks of an included handler file run for the hosts that ran the include. */
  mark(handler: Handler, hosts: string[]): void {
    this.notified.set(handler, new Set(hosts));
  }

  /**
   * search_handler_blocks_by_name: the handler blocks last to first, each block's handlers first to
   * last — so of two handlers with one name in the same list the first answers, across lists
   * (a role's handlers file, the play's handlers) the last list's. A list is told by its file.
   */
  private byName(name: string): Handler | undefined {
    const blocks: Handler[][] = [];
    for (const h of this.handlers) {
      const last = blocks[blocks.length - 1];
      if (last && last[0]?.origin.file === h.origin.file && last[0]?.role === h.role) last.push(h);
      else blocks.push([h]);
    }
    for (const block of blocks.reverse()) {
      const found = block.find((h) => namesOf(h, this.resolve).includes(name));
      if (found) return found;
    }
    return undefined;
  }

  isNotified(handler: Handler, host: string): boolean {
    return this.notified.get(handler)?.has(host) ?? false;
  }

  /** The handler ran (or was skipped, or failed) for the host: it is no longer notified there. */
  ran(handler: Handler, host: string): void {
    this.notified.get(handler)?.delete(host);
  }
}
