// Binds positional and keyword arguments to a parameter list the way Python does, with
// Python's error texts ("f() got an unexpected keyword argument 'x'").
import { fail } from '../errors.js';
import type { Kwargs } from './callable.js';

/** A parameter: its name and default; a parameter without a default is required. */
export type Param = [name: string, defaultValue?: unknown];

const REQUIRED = Symbol('required');

/** Returns one value per parameter, in order. */
export function bindArgs(fn: string, params: readonly Param[], args: readonly unknown[], kwargs?: Kwargs): unknown[] {
  if (args.length > params.length) {
    return fail('TypeError', `${fn}() takes ${params.length} positional arguments but ${args.length} were given`);
  }
  const out: unknown[] = params.map((p, i) => (i < args.length ? args[i] : p.length > 1 ? p[1] : REQUIRED));
  for (const [key, value] of kwargs ?? []) {
    const i = params.findIndex((p) => p[0] === key);
    if (i < 0) return fail('TypeError', `${fn}() got an unexpected keyword argument '${key}'`);
    if (i < args.length) return fail('TypeError', `${fn}() got multiple values for argument '${key}'`);
    out[i] = value;
  }
  const missing = out.findIndex((v) => v === REQUIRED);
  if (missing >= 0)
    return fail('TypeError', `${fn}() missing required positional argument: '${params[missing]?.[0] ?? '?'}'`);
  return out;
}
