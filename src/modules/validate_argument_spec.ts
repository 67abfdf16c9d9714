// validate_argument_spec (action/validate_argument_spec.py): arguments checked against an argument
// spec — the role's meta/argument_specs for its entry point, in the task runbook puts first in a
// role with one (Role._prepend_validation_task) — collecting every error as ArgumentSpecValidator
// does: required arguments, then each argument's type, then its choices, then parameters the spec
// does not know. The values come from the provided arguments (a role's parameters) over the
// task's variables of the same names. Nested `options` are not validated (chosen).
import { defineModule, type ModuleResult } from './define.js';
import { coerce, ModuleArgError, type ArgType } from './args.js';

const TYPES = new Set(['str', 'bool', 'int', 'float', 'path', 'list', 'dict', 'raw']);

function asMap(v: unknown): Map<string, unknown> | undefined {
  return v instanceof Map ? (v as Map<string, unknown>) : undefined;
}

/** The errors ArgumentSpecValidator.validate reports for these parameters (empty: valid). */
export function specErrors(spec: Map<string, unknown>, params: Map<string, unknown>): string[] {
  const errors: string[] = [];
  const defs = [...spec].map(([name, d]) => [name, asMap(d) ?? new Map<string, unknown>()] as const);
  const missing = defs.filter(([n, d]) => d.get('required') === true && params.get(n) === undefined).map(([n]) => n);
  if (missing.length) errors.push(`missing required arguments: ${missing.sort().join(', ')}`);
  const typed = new Map<string, unknown>();
  for (const [name, d] of defs) {
    if (!params.has(name)) continue;
    const type = String(d.get('type') ?? 'str');
    const elements = d.get('elements') === undefined ? undefined : String(d.get('elements'));
    try {
      typed.set(
        name,
        TYPES.has(type)
          ? coerce(
              params.get(name),
              type as ArgType,
              name,
              elements && TYPES.has(elements) ? (elements as ArgType) : undefined,
            )
          : params.get(name),
      );
    } catch (e) {
      if (!(e instanceof ModuleArgError)) throw e;
      errors.push(e.message);
    }
  }
  for (const [name, d] of defs) {
    const choices = d.get('choices');
    const v = typed.get(name);
    if (Array.isArray(choices) && v !== undefined && v !== null && !choices.some((c) => c === v))
      errors.push(`value of ${name} must be one of: ${choices.map(String).join(', ')}, got: ${String(v)}`);
  }
  const unknown = [...params.keys()].filter((k) => !spec.has(k));
  if (unknown.length)
    errors.push(`${unknown.sort().join(', ')}. Supported parameters include: ${[...spec.keys()].sort().join(', ')}.`);
  return errors;
}

export default defineModule({
  name: 'validate_argument_spec',
  collection: 'ansible.builtin',
  description: 'Validate role argument specs',
  checkMode: 'supported',
  args: {
    argument_spec: { type: 'raw', required: true, description: 'The argument spec (a dict of options).' },
    provided_arguments: { type: 'raw', description: 'The arguments to validate (a dict).' },
    validate_args_context: { type: 'raw', description: 'What is validated (a role, its entry point), for the result.' },
  },
  async run(a, ctx): Promise<ModuleResult> {
    const context = asMap(a.validate_args_context) ?? new Map<string, unknown>();
    const spec = asMap(a.argument_spec);
    if (!spec) return { changed: false, failed: true, msg: `Incorrect type for argument_spec, expected dict` };
    const provided = a.provided_arguments === undefined ? new Map<string, unknown>() : asMap(a.provided_arguments);
    if (!provided) return { changed: false, failed: true, msg: `Incorrect type for provided_arguments, expected dict` };
    // get_args_from_task_vars: the spec's names among the task's variables, templated
    const fromVars = new Map<string, unknown>();
    for (const name of spec.keys()) {
      if (!/^[A-Za-z_]\w*$/.test(name)) continue;
      try {
        const v = ctx.evaluate(name);
        if (v !== undefined) fromVars.set(name, v);
      } catch {
        // not a variable of the task
      }
    }
    const errors = specErrors(spec, new Map([...fromVars, ...provided]));
    const data: Record<string, unknown> = { validate_args_context: context };
    if (errors.length)
      return {
        changed: false,
        failed: true,
        msg: `Validation of arguments failed:\n${errors.join('\n')}`,
        data: { ...data, argument_spec_data: spec, argument_errors: errors },
      };
    return { changed: false, msg: 'The arg spec validation passed', data };
  },
});
