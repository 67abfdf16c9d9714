// Undefined values. Jinja2's default Undefined renders as '' and fails on attribute access;
// Ansible's AnsibleUndefined (a StrictUndefined) fails on output, truth tests, iteration and
// comparison, but lets attribute chains continue (ansible/template/native_helpers.py), which
// is what makes `a.b.c | default('z')` work.
import { TemplateError } from './errors.js';
import { objectTypeRepr } from './py/values.js';

export interface UndefinedOrigin {
  /** The variable or attribute name that was missing. */
  name: string;
  /** The object the attribute was looked up on, when it was not a bare name. */
  owner?: { value: unknown };
  /** Set when a caller supplies its own message (mandatory, lazy templating). */
  hint?: string;
  /** Element lookups (`l[5]`) say "has no element", attribute lookups "has no attribute". */
  isElement?: boolean;
  /** Jinja2's plain Undefined even under Ansible (the missing else of `x if c`). */
  lenient?: boolean;
}

/** A missing value. `path` grows as attribute chains continue past it. */
export class Undefined {
  constructor(
    readonly origin: UndefinedOrigin,
    readonly path: string,
  ) {}

  /** Jinja2's message for the first failure ("'x' is undefined"). */
  get jinjaMessage(): string {
    const { name, owner, hint, isElement } = this.origin;
    if (hint) return hint;
    if (!owner) return `'${name}' is undefined`;
    if (isElement) return `${objectTypeRepr(owner.value)} has no element ${name}`;
    return `'${objectTypeRepr(owner.value)}' has no attribute '${name}'`;
  }

  /** runbook's message: Jinja2's, preceded by the full path when it says more. */
  get message(): string {
    const base = this.jinjaMessage;
    if (this.path === this.origin.name || this.origin.hint) return base;
    return `'${this.path}' is undefined (${base})`;
  }

  /** Continue a chain (`a.b` → `a.b.c`), keeping the first failure. */
  extend(segment: string): Undefined {
    return new Undefined(this.origin, `${this.path}${segment}`);
  }
}

export function isUndefined(v: unknown): v is Undefined {
  return v instanceof Undefined;
}

/** Whether using this undefined value must fail: always under Ansible unless it is lenient. */
export function isStrict(u: Undefined, isAnsible: boolean): boolean {
  return isAnsible && !u.origin.lenient;
}

/** Raises UndefinedError for an undefined value used where a value is needed. */
export function failUndefined(u: Undefined, isAnsible: boolean): never {
  // Jinja2's words, as Ansible reports them; runbook's own commands also name the whole chain
  const err = new TemplateError('UndefinedError', u.jinjaMessage);
  if (isAnsible && u.message !== u.jinjaMessage) err.detail = u.message;
  throw err;
}
