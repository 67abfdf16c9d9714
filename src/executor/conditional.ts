// when:, changed_when:, failed_when: and until: as ansible-core 2.14 evaluates them
// (playbook/conditional.py): the text is templated first, then wrapped as
// `{% if <cond> %} True {% else %} False {% endif %}`; a list means all must hold.
import { template, TemplateError, type TemplateOptions } from '../template/index.js';
import { RunbookError, VaultValueError, type SourceLocation } from '../util/index.js';

/** Conditional._check_conditional's warning for a condition that is itself a template. */
export function delimiterWarning(cond: unknown): string | undefined {
  return typeof cond === 'string' && /\{\{|\{%|\{#/.test(cond)
    ? `conditional statements should not include jinja2 templating delimiters such as {{ }} or {% %}. Found: ${cond}`
    : undefined;
}

/** Evaluates one condition (a string, bool or number). */
export function evaluateCondition(
  cond: unknown,
  vars: Map<string, unknown>,
  options: TemplateOptions,
  where?: SourceLocation,
): boolean {
  if (typeof cond === 'boolean') return cond;
  if (cond === null || cond === undefined) return true;
  if (typeof cond !== 'string') return Boolean(cond);
  try {
    const first = template(cond, vars, options);
    // Ansible returns a non-string (or empty) result as it is, and tests its truth.
    if (typeof first !== 'string' || first === '') return pyTruth(first);
    const val = String(template(`{% if ${first} %} True {% else %} False {% endif %}`, vars, options)).trim();
    if (val === 'True' || val === 'true') return true;
    if (val === 'False' || val === 'false') return false;
    throw new ConditionalError(checkFailed(cond, `unable to evaluate conditional: ${cond}`), where);
  } catch (err) {
    // an inline vault value that does not open is an AnsibleError too
    if (err instanceof VaultValueError) throw new ConditionalError(checkFailed(cond, err.message), where);
    if (!(err instanceof TemplateError)) throw err;
    // _check_conditional re-raises an undefined variable with the condition in front;
    // evaluate_conditional wraps every error in "The conditional check … failed".
    const inner =
      err.kind === 'UndefinedError'
        ? `error while evaluating conditional (${cond}): ${err.ansibleMessage()}`
        : err.ansibleMessage();
    throw new ConditionalError(checkFailed(cond, inner), where);
  }
}

function checkFailed(cond: string, error: string): string {
  return `The conditional check '${cond}' failed. The error was: ${error}`;
}

function pyTruth(v: unknown): boolean {
  if (v instanceof Map) return v.size > 0;
  if (Array.isArray(v)) return v.length > 0;
  return Boolean(v && Number(v) !== 0) || (typeof v === 'object' && v !== null);
}

/** A condition that could not be evaluated; the task fails with this message. */
export class ConditionalError extends RunbookError {
  constructor(message: string, where: SourceLocation | undefined) {
    super(message, where);
  }
}

/** A when-style keyword value: a list means every condition must hold. */
export function allConditions(
  value: unknown,
  vars: Map<string, unknown>,
  options: TemplateOptions,
  where?: SourceLocation,
): boolean {
  const list = Array.isArray(value) ? value : [value];
  return list.every((c) => evaluateCondition(c, vars, options, where));
}
