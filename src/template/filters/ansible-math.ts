// Ansible's math filters (mathstuff.py, 2.14): log, pow, root, human_readable, human_to_bytes.
import type { FilterFn } from '../environment.js';
import { params } from './args.js';
import { fail, TemplateError } from '../errors.js';
import { num, toJsNumber, isNumber, typeName } from '../py/values.js';
import { pyStr } from '../py/repr.js';
import { SIZE_UNITS, bytesToHuman } from '../../util/index.js';

function numeric(v: unknown, fn: string): number {
  if (!isNumber(v) && typeof v !== 'boolean')
    return fail('TypeError', `${fn}() can only be used on numbers: must be real number, not ${typeName(v)}`);
  return toJsNumber(v);
}

/** formatters.human_to_bytes: '10M', '1.5 GB', or bits ('1Mb') when isbits. */
function humanToBytes(value: unknown, defaultUnit: unknown, isbits: boolean): number {
  const text = pyStr(value);
  const m = /^\s*(\d*\.?\d*)\s*([A-Za-z]+)?/.exec(text);
  const n = Number(m?.[1] || NaN);
  if (!m || Number.isNaN(n))
    return fail(
      'FilterArgumentError',
      `human_to_bytes() can't interpret following number: ${m?.[1] ?? ''} (original input string: ${text})`,
    );
  const unit = m[2] ?? (defaultUnit === null ? undefined : String(defaultUnit));
  if (unit === undefined) return pyRoundInt(n);
  const rangeKey = unit.charAt(0).toUpperCase();
  const factor = SIZE_UNITS.find(([u]) => u === rangeKey)?.[1];
  if (factor === undefined)
    return fail(
      'FilterArgumentError',
      `human_to_bytes() failed to convert ${text} (unit = ${unit}). The suffix must be one of Y, Z, E, P, T, G, M, K, B`,
    );
  const [unitClass, unitName] = isbits ? ['b', 'bit'] : ['B', 'byte'];
  if (unit.length > 1 && !unit.toLowerCase().includes(unitName) && unit[1] !== unitClass) {
    const expect =
      rangeKey === 'B' ? `expect ${unitClass} or ${unitName}` : `expect ${rangeKey}${unitClass} or ${rangeKey}`;
    return fail(
      'FilterArgumentError',
      `human_to_bytes() failed to convert ${text}. Value is not a valid string (${expect})`,
    );
  }
  return pyRoundInt(n * factor);
}

/** int(round(x)): Python rounds halves to even. */
function pyRoundInt(x: number): number {
  const f = Math.floor(x);
  const diff = x - f;
  if (diff === 0.5) return f % 2 === 0 ? f : f + 1;
  return Math.round(x);
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
    const [isbits, unit] = params(
      'human_readable',
      [
        ['isbits', false],
        ['unit', null],
      ],
      a,
      k,
    );
    // formatters.bytes_to_human compares and divides the size: anything but a number is
    // mathstuff's AnsibleFilterTypeError (a string "10" too)
    if (!isNumber(v) && typeof v !== 'boolean') {
      const why =
        unit === null || unit === undefined
          ? `'>=' not supported between instances of '${typeName(v)}' and 'int'`
          : `unsupported operand type(s) for /: '${typeName(v)}' and 'int'`;
      return fail('TypeError', `human_readable() failed on bad input: ${why}`);
    }
    return bytesToHuman(toJsNumber(v), Boolean(isbits), unit);
  },
  human_to_bytes: (_ctx, v, a, k) => {
    const [defaultUnit, isbits] = params(
      'human_to_bytes',
      [
        ['default_unit', null],
        ['isbits', false],
      ],
      a,
      k,
    );
    // mathstuff.human_to_bytes: formatters' ValueError (any of its words) becomes one message
    try {
      return humanToBytes(v, defaultUnit, Boolean(isbits));
    } catch (err) {
      if (!(err instanceof TemplateError) || err.kind !== 'FilterArgumentError') throw err;
      return fail('AnsibleError', `human_to_bytes() can't interpret following string: ${pyStr(v)}`);
    }
  },
};
