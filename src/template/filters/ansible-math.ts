// Ansible's math filters (mathstuff.py, 2.14): log, pow, root, human_readable, human_to_bytes.
import type { FilterFn } from '../environment.js';
import { params } from './args.js';
import { fail } from '../errors.js';
import { num, toJsNumber, isNumber, typeName } from '../py/values.js';
import { pyStr } from '../py/repr.js';

const UNITS: [string, number][] = [['Y', 2 ** 80], ['Z', 2 ** 70], ['E', 2 ** 60], ['P', 2 ** 50], ['T', 2 ** 40], ['G', 2 ** 30], ['M', 2 ** 20], ['K', 2 ** 10], ['B', 1]];

function numeric(v: unknown, fn: string): number {
  if (!isNumber(v) && typeof v !== 'boolean') return fail('FilterArgumentError', `${fn}() can only be used on numbers: must be real number, not ${typeName(v)}`);
  return toJsNumber(v);
}

/** formatters.bytes_to_human. */
function bytesToHuman(size: number, isbits: boolean, unit: unknown): string {
  const base = isbits ? 'bits' : 'Bytes';
  let suffix = 'B';
  let limit = 1;
  for ([suffix, limit] of UNITS) {
    if ((unit === null && size >= limit) || (unit !== null && String(unit).toUpperCase() === suffix[0])) break;
  }
  const label = limit !== 1 ? suffix + base[0] : base;
  return `${(size / limit).toFixed(2)} ${label}`;
}

/** formatters.human_to_bytes (the common forms: 10M, 1.5 GB, 512, 2Kb with isbits). */
function humanToBytes(value: unknown, defaultUnit: unknown, isbits: boolean): number {
  const m = /^\s*(\d*\.?\d*)\s*([A-Za-z]+)?\s*$/.exec(pyStr(value));
  if (!m || m[1] === '') return fail('FilterArgumentError', `human_to_bytes() can't interpret following string: ${pyStr(value)}`);
  const n = Number(m[1]);
  let unit = m[2] ?? (defaultUnit === null ? 'B' : String(defaultUnit));
  if (/^(bytes?|bits?)$/i.test(unit)) unit = 'B';
  const factor = UNITS.find(([u]) => u === unit.charAt(0).toUpperCase())?.[1];
  if (factor === undefined) return fail('FilterArgumentError', `human_to_bytes() failed to convert ${pyStr(value)}. Value is not a valid string`);
  return Math.round(n * factor);
}

export const ansibleMathFilters: Record<string, FilterFn> = {
  log: (_ctx, v, a, k) => {
    const [base] = params('log', [['base', Math.E]], a, k);
    const x = numeric(v, 'log');
    const b = toJsNumber(base);
    return num(b === 10 ? Math.log10(x) : Math.log(x) / Math.log(b), true);
  },
  pow: (_ctx, v, a) => num(numeric(v, 'pow') ** toJsNumber(a[0]), true),
  root: (_ctx, v, a, k) => {
    const [base] = params('root', [['base', 2]], a, k);
    const b = toJsNumber(base);
    return num(b === 2 ? Math.sqrt(numeric(v, 'root')) : numeric(v, 'root') ** (1 / b), true);
  },
  human_readable: (_ctx, v, a, k) => {
    const [isbits, unit] = params('human_readable', [['isbits', false], ['unit', null]], a, k);
    return bytesToHuman(toJsNumber(typeof v === 'string' ? Number(v) : v), Boolean(isbits), unit);
  },
  human_to_bytes: (_ctx, v, a, k) => {
    const [defaultUnit, isbits] = params('human_to_bytes', [['default_unit', null], ['isbits', false]], a, k);
    return humanToBytes(v, defaultUnit, Boolean(isbits));
  },
};
