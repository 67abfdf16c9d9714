// The errors the template engine raises. Each carries the line and column in the template
// (callers add the file), and a Python-style class name so messages read like Jinja2's.
import { RunbookError, type SourceLocation } from '../util/index.js';

/** Jinja2's exception classes, kept as names so messages can be compared with Python's. */
export type TemplateErrorKind =
  | 'TemplateSyntaxError'
  | 'TemplateAssertionError'
  | 'UndefinedError'
  | 'TypeError'
  | 'ValueError'
  | 'ZeroDivisionError'
  | 'KeyError'
  | 'IndexError'
  | 'AttributeError'
  | 'TemplateNotFound'
  | 'TemplateRuntimeError'
  | 'FilterArgumentError'
  | 'StepBudgetExceeded';

/** Any failure while parsing or evaluating a template. */
export class TemplateError extends RunbookError {
  readonly kind: TemplateErrorKind;

  constructor(kind: TemplateErrorKind, message: string, location?: SourceLocation) {
    super(message, location);
    this.name = 'TemplateError';
    this.kind = kind;
  }

  /** `Kind: message`, the way Python prints an exception. */
  pythonText(): string {
    return `${this.kind}: ${this.message}`;
  }

  /** A copy of this error with a position filled in where it had none. */
  at(location: SourceLocation | undefined): TemplateError {
    if (!location || this.location?.line !== undefined) return this;
    const copy = new TemplateError(this.kind, this.message, { ...this.location, ...location });
    return copy;
  }
}

/** Raised where Python would raise; the evaluator adds the position. */
export function fail(kind: TemplateErrorKind, message: string): never {
  throw new TemplateError(kind, message);
}
