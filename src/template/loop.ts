// The `loop` variable of a for loop (Jinja2's LoopContext): index, first, last, length,
// cycle(), changed(), previtem/nextitem, depth, and loop(...) for recursive loops.
import { PyFunction } from './py/callable.js';
import { MISSING } from './py/values.js';
import { pyEquals } from './py/ops.js';
import { Undefined } from './undefined.js';
import { fail } from './errors.js';

export class LoopContext extends PyFunction {
  index0 = -1;
  private lastChanged: unknown = MISSING;

  constructor(
    private readonly items: readonly unknown[],
    readonly depth0: number,
    recurse: ((iterable: unknown) => unknown) | undefined,
  ) {
    super('loop', (args) => {
      if (!recurse) return fail('TypeError', "The loop must have the 'recursive' marker to be called recursively.");
      return recurse(args[0]);
    });
  }

  getAttr(name: string): unknown {
    const n = this.items.length;
    const i = this.index0;
    switch (name) {
      case 'index':
        return i + 1;
      case 'index0':
        return i;
      case 'revindex':
        return n - i;
      case 'revindex0':
        return n - i - 1;
      case 'first':
        return i === 0;
      case 'last':
        return i === n - 1;
      case 'length':
        return n;
      case 'depth':
        return this.depth0 + 1;
      case 'depth0':
        return this.depth0;
      case 'previtem':
        return i > 0
          ? this.items[i - 1]
          : new Undefined({ name: 'previtem', hint: 'there is no previous item' }, 'loop.previtem');
      case 'nextitem':
        return i < n - 1
          ? this.items[i + 1]
          : new Undefined({ name: 'nextitem', hint: 'there is no next item' }, 'loop.nextitem');
      case 'cycle':
        return new PyFunction('cycle', (args) => {
          if (!args.length) return fail('TypeError', 'no items for cycling given');
          return args[i % args.length];
        });
      case 'changed':
        return new PyFunction('changed', (args) => {
          const value = args.length === 1 ? args[0] : args;
          if (this.lastChanged !== MISSING && pyEquals(this.lastChanged, value)) return false;
          this.lastChanged = value;
          return true;
        });
      default:
        return MISSING;
    }
  }
}
