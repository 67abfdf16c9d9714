// Ansible's random and shuffle filters (plugins/filter/core.py rand, randomize_list at
// stable-2.14) on Python's own Mersenne Twister, so a seeded pick is the one Ansible makes.
import { randomBytes } from 'node:crypto';
import type { FilterFn } from '../environment.js';
import { params } from './args.js';
import { iterate, truthy } from '../runtime.js';
import { fail } from '../errors.js';
import { isDict, isInt, isNumber, toJsNumber } from '../py/values.js';
import { pyStr } from '../py/repr.js';
import { PyRandom } from '../py/random.js';

/** Random(seed); no seed is SystemRandom, here a generator seeded from the OS. */
function generator(seed: unknown): PyRandom {
  if (seed === null || seed === undefined) return new PyRandom(BigInt(`0x${randomBytes(32).toString('hex')}`));
  if (typeof seed === 'boolean') return new PyRandom(seed ? 1n : 0n);
  if (isNumber(seed) && Number.isInteger(toJsNumber(seed))) return new PyRandom(BigInt(toJsNumber(seed)));
  // chosen: other seeds (floats, lists) are seeded by their text, not by Python's hash()
  return new PyRandom(pyStr(seed));
}

function bigOf(v: unknown): bigint {
  return BigInt(Math.trunc(toJsNumber(v)));
}

export const ansibleRandomFilters: Record<string, FilterFn> = {
  random: (ctx, v, a, k) => {
    const [start, step, seed] = params(
      'random',
      [
        ['start', null],
        ['step', null],
        ['seed', null],
      ],
      a,
      k,
    );
    const r = generator(seed);
    if (isInt(v) || typeof v === 'boolean') {
      const from = truthy(start, ctx) ? bigOf(start) : 0n;
      const by = truthy(step, ctx) ? bigOf(step) : 1n;
      try {
        return Number(r.randrange(from, bigOf(v), by));
      } catch (err) {
        return fail('ValueError', (err as Error).message);
      }
    }
    if (typeof v === 'string' || Array.isArray(v) || isDict(v)) {
      if (truthy(start, ctx) || truthy(step, ctx))
        return fail('FilterArgumentError', 'start and step can only be used with integer values');
      const items = iterate(v, ctx);
      if (!items.length) return fail('IndexError', 'Cannot choose from an empty sequence');
      return r.choice(items);
    }
    return fail('FilterArgumentError', 'random can only be used on sequences and integers');
  },
  shuffle: (ctx, v, a, k) => {
    const [seed] = params('shuffle', [['seed', null]], a, k);
    // randomize_list: list(mylist), and any exception leaves the value as it came
    if (typeof v !== 'string' && !Array.isArray(v) && !isDict(v)) return v;
    const items = iterate(v, ctx);
    return generator(truthy(seed, ctx) ? seed : null).shuffle(items);
  },
};
