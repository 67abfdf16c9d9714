// Jinja2's default globals: range, dict, namespace, cycler, joiner, lipsum.
import { PyFunction } from './py/callable.js';
import { Namespace, makeDict, toJsNumber, dictEntries, isDict } from './py/values.js';
import { fail } from './errors.js';

/** range() with Python's arguments; the evaluator's budget is charged by the caller. */
export function pyRange(args: unknown[]): number[] {
  const n = args.map((a) => toJsNumber(a));
  const [start, stop, step] = n.length === 1 ? [0, n[0] ?? 0, 1] : [n[0] ?? 0, n[1] ?? 0, n[2] ?? 1];
  if (step === 0) return fail('ValueError', 'range() arg 3 must not be zero');
  const count = Math.max(0, Math.ceil((stop - start) / step));
  if (count > 10_000_000) return fail('TemplateRuntimeError', `range too big (${count} items)`);
  const out: number[] = [];
  for (let i = 0; i < count; i++) out.push(start + i * step);
  return out;
}

class Cycler {
  private pos = 0;
  constructor(private readonly items: unknown[]) {}
  getAttr(name: string): unknown {
    if (name === 'current') return this.items[this.pos];
    if (name === 'next')
      return new PyFunction('next', () => {
        const v = this.items[this.pos];
        this.pos = (this.pos + 1) % this.items.length;
        return v;
      });
    if (name === 'reset')
      return new PyFunction('reset', () => {
        this.pos = 0;
        return null;
      });
    return undefined;
  }
}

/** dict(iterable): each element a key/value pair, as Python's dict() wants them. */
function pairs(v: unknown): [unknown, unknown][] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) return fail('TypeError', 'cannot convert dictionary update sequence element #0 to a sequence');
  return v.map((p, i): [unknown, unknown] => {
    const items = Array.isArray(p)
      ? p
      : typeof p === 'string'
        ? [...p]
        : fail('TypeError', `cannot convert dictionary update sequence element #${i} to a sequence`);
    if (items.length !== 2)
      return fail('ValueError', `dictionary update sequence element #${i} has length ${items.length}; 2 is required`);
    return [items[0], items[1]];
  });
}

/** The default globals; `charge` lets range() count against the step budget. */
export function defaultGlobals(charge: (n: number) => void): Map<string, unknown> {
  return new Map<string, unknown>([
    [
      'range',
      new PyFunction('range', (args) => {
        const r = pyRange(args);
        charge(r.length);
        return r;
      }),
    ],
    [
      'dict',
      new PyFunction('dict', (args, kwargs) =>
        makeDict([...(isDict(args[0]) ? dictEntries(args[0]) : pairs(args[0])), ...kwargs]),
      ),
    ],
    [
      'namespace',
      new PyFunction('namespace', (args, kwargs) => {
        const ns = new Namespace();
        if (isDict(args[0])) for (const [k, v] of dictEntries(args[0])) ns.attrs.set(String(k), v);
        for (const [k, v] of kwargs) ns.attrs.set(k, v);
        return ns;
      }),
    ],
    ['cycler', new PyFunction('cycler', (args) => new Cycler(args))],
    [
      'joiner',
      new PyFunction('joiner', (args) => {
        let used = false;
        return new PyFunction('joiner', () => {
          if (!used) {
            used = true;
            return '';
          }
          return args[0] ?? ', ';
        });
      }),
    ],
    ['lipsum', new PyFunction('lipsum', () => 'Lorem ipsum dolor sit amet.')],
  ]);
}
