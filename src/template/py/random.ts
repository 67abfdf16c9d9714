// Python's random.Random (CPython 3.11 Modules/_randommodule.c and Lib/random.py): the
// Mersenne Twister, seeded the way Python seeds it, so `random(seed=…)` and `shuffle(seed=…)`
// pick what ansible-core picks — a playbook's "{{ 59 | random(seed=inventory_hostname) }}"
// gives each host the same minute under runbook as under Ansible.
import { createHash } from 'node:crypto';

const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;

export class PyRandom {
  private readonly mt = new Uint32Array(N);
  private mti = N + 1;

  /** random.Random(seed) for an int or a str (seed version 2: the text plus its sha512). */
  constructor(seed: bigint | string) {
    let n: bigint;
    if (typeof seed === 'string') {
      const bytes = Buffer.from(seed, 'utf8');
      const all = Buffer.concat([bytes, createHash('sha512').update(bytes).digest()]);
      n = BigInt(`0x${all.toString('hex') || '0'}`);
    } else n = seed < 0n ? -seed : seed;
    this.initByArray(wordsOf(n));
  }

  private initGenrand(s: number): void {
    const mt = this.mt;
    mt[0] = s >>> 0;
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1] as number;
      mt[i] = (Math.imul(1812433253, prev ^ (prev >>> 30)) + i) >>> 0;
    }
    this.mti = N;
  }

  private initByArray(key: number[]): void {
    const mt = this.mt;
    this.initGenrand(19650218);
    let i = 1;
    let j = 0;
    for (let k = Math.max(N, key.length); k; k--) {
      const prev = mt[i - 1] as number;
      mt[i] = ((((mt[i] as number) ^ Math.imul(prev ^ (prev >>> 30), 1664525)) >>> 0) + (key[j] as number) + j) >>> 0;
      i++;
      j++;
      if (i >= N) {
        mt[0] = mt[N - 1] as number;
        i = 1;
      }
      if (j >= key.length) j = 0;
    }
    for (let k = N - 1; k; k--) {
      const prev = mt[i - 1] as number;
      mt[i] = ((((mt[i] as number) ^ Math.imul(prev ^ (prev >>> 30), 1566083941)) >>> 0) - i) >>> 0;
      i++;
      if (i >= N) {
        mt[0] = mt[N - 1] as number;
        i = 1;
      }
    }
    mt[0] = 0x80000000;
  }

  private twist(): void {
    const mt = this.mt;
    const mix = (a: number, b: number): number => ((mt[a] as number) & UPPER_MASK) | ((mt[b] as number) & LOWER_MASK);
    let kk = 0;
    for (; kk < N - M; kk++) {
      const y = mix(kk, kk + 1);
      mt[kk] = (mt[kk + M] as number) ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    for (; kk < N - 1; kk++) {
      const y = mix(kk, kk + 1);
      mt[kk] = (mt[kk + M - N] as number) ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    const y = mix(N - 1, 0);
    mt[N - 1] = (mt[M - 1] as number) ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    this.mti = 0;
  }

  /** genrand_uint32. */
  private next32(): number {
    if (this.mti >= N) this.twist();
    let y = this.mt[this.mti++] as number;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** getrandbits(k): 32-bit words filled least significant first. */
  getrandbits(k: number): bigint {
    if (k <= 0) return 0n;
    if (k <= 32) return BigInt(this.next32() >>> (32 - k));
    let out = 0n;
    for (let shift = 0n; k > 0; k -= 32, shift += 32n) {
      let r = this.next32();
      if (k < 32) r >>>= 32 - k;
      out |= BigInt(r) << shift;
    }
    return out;
  }

  /** _randbelow_with_getrandbits. */
  randbelow(n: bigint): bigint {
    if (n <= 0n) return 0n;
    const k = n.toString(2).length;
    let r = this.getrandbits(k);
    while (r >= n) r = this.getrandbits(k);
    return r;
  }

  /** randrange(start, stop, step), with Python's ValueErrors as messages thrown. */
  randrange(start: bigint, stop: bigint, step: bigint): bigint {
    const width = stop - start;
    if (step === 1n) {
      if (width > 0n) return start + this.randbelow(width);
      throw new RangeError(`empty range for randrange() (${start}, ${stop}, ${width})`);
    }
    if (step === 0n) throw new RangeError('zero step for randrange()');
    const n = step > 0n ? floorDiv(width + step - 1n, step) : floorDiv(width + step + 1n, step);
    if (n <= 0n) throw new RangeError('empty range for randrange()');
    return start + step * this.randbelow(n);
  }

  choice<T>(items: readonly T[]): T {
    if (!items.length) throw new RangeError('Cannot choose from an empty sequence');
    return items[Number(this.randbelow(BigInt(items.length)))] as T;
  }

  /** shuffle in place: Fisher-Yates from the end, as Lib/random.py. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Number(this.randbelow(BigInt(i + 1)));
      [items[i], items[j]] = [items[j] as T, items[i] as T];
    }
    return items;
  }
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

/** The 32-bit words of a non-negative integer, least significant first ([0] for zero). */
function wordsOf(n: bigint): number[] {
  const words: number[] = [];
  for (let x = n; x > 0n; x >>= 32n) words.push(Number(x & 0xffffffffn));
  return words.length ? words : [0];
}
