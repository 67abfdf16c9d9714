// Variable scopes: a chain of frames over a root resolver (the caller's variables), then
// the environment's globals. Loops, macros and `with` push frames; `set` writes the top one.
import { MISSING } from './py/values.js';

/** Looks up a root variable; returns MISSING when there is none. */
export type Resolver = (name: string) => unknown;

export class Scope {
  private readonly vars = new Map<string, unknown>();

  constructor(
    private readonly parent: Scope | undefined,
    private readonly root?: Resolver,
  ) {}

  lookup(name: string): unknown {
    if (this.vars.has(name)) return this.vars.get(name);
    if (this.root) {
      const v = this.root(name);
      if (v !== MISSING) return v;
    }
    return this.parent ? this.parent.lookup(name) : MISSING;
  }

  set(name: string, value: unknown): void {
    this.vars.set(name, value);
  }

  child(): Scope {
    return new Scope(this);
  }

  /** Names set directly in this frame (what an imported template exports). */
  ownEntries(): [string, unknown][] {
    return [...this.vars.entries()];
  }
}
