// The errors the template engine raises. Each carries the line and column in the template
// (callers add the file), and a Python-style class name so messages read like Jinja2's.
import { RunbookError, formatLocation, type SourceLocation } from '../util/index.js';

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
  | 'LookupError'
  | 'UnicodeEncodeError'
  | 'TemplateNotFound'
  | 'TemplateRuntimeError'
  | 'FilterArgumentError'
  | 'StepBudgetExceeded'
  // raised by Ansible's own code with its final message (a lookup plugin's AnsibleError)
  | 'AnsibleError'
  | 'AnsibleLookupError'
  | 'AnsibleParserError'
  | 'AnsibleOptionsError'
  // Python's configparser, as the ini lookup meets it (its class is shown whole)
  | 'configparser.MissingSectionHeaderError'
  | 'configparser.ParsingError'
  | 'configparser.InterpolationDepthError'
  | 'configparser.InterpolationMissingOptionError'
  | 'configparser.InterpolationSyntaxError'
  // JinjaPluginIntercept's error for a filter or test name looked up while rendering (map('x'),
  // select('x')): not an AnsibleError, so the task fails with it as an exception
  | 'jinja2.exceptions.TemplateSyntaxError';

/** Any failure while parsing or evaluating a template. */
export class TemplateError extends RunbookError {
  readonly kind: TemplateErrorKind;
  /** The template text that was being rendered (Templar.do_template's `data`), once known. */
  source: string | undefined;
  /** runbook's fuller message where Jinja2's says less (the undefined chain `a.b.c`), for its own commands. */
  detail: string | undefined;
  /** The text of the exception Ansible made this one from (orig_exc), when it is not the message itself. */
  orig: string | undefined;

  constructor(kind: TemplateErrorKind, message: string, location?: SourceLocation, source?: string) {
    super(message, location);
    this.name = 'TemplateError';
    this.kind = kind;
    this.source = source;
  }

  /**
   * `file:line:col: message` — a position inside a template, not a YAML node, so not Ansible's
   * "appears to be in" form (runbook template prints this).
   */
  override describe(): string {
    return `${formatLocation(this.location)}${this.detail ?? this.message}`;
  }

  /** `Kind: message`, the way Python prints an exception. */
  pythonText(): string {
    // TemplateSyntaxError's str() adds its line, 0 here
    if (this.kind === 'jinja2.exceptions.TemplateSyntaxError') return `${this.kind}: ${this.message}\n  line 0`;
    return `${this.kind}: ${this.message}`;
  }

  /** A copy of this error with a position filled in where it had none. */
  at(location: SourceLocation | undefined): TemplateError {
    if (!location || this.location?.line !== undefined) return this;
    const copy = new TemplateError(this.kind, this.message, { ...this.location, ...location }, this.source);
    copy.detail = this.detail;
    return copy;
  }

  /**
   * The message as ansible-core's Templar.do_template re-raises it (template/__init__.py at
   * stable-2.14): every AnsibleError made with orig_exc prints "msg. orig" — so an undefined
   * variable reads "'x' is undefined. 'x' is undefined", and each lazily templated variable in
   * between adds "its template: " and doubles again.
   */
  ansibleMessage(): string {
    const m = this.message;
    const data = this.source ?? '';
    switch (this.kind) {
      case 'UndefinedError': {
        // do_template re-raises AnsibleUndefinedVariable(e, orig_exc=e): the error's text twice,
        // where that error was itself made with an orig_exc ("msg. orig")
        const u = this.orig === undefined ? m : `${m}. ${this.orig}`;
        return `${u}. ${u}`;
      }
      case 'TemplateSyntaxError':
      case 'TemplateAssertionError':
        return `template error while templating string: ${m}. String: ${data}. ${m}`;
      case 'TypeError':
        return `Unexpected templating type error occurred on (${data}): ${m}. ${m}`;
      default:
        return m;
    }
  }

  /** A Python exception Ansible does not wrap: the task fails with it as an exception. */
  isPythonException(): boolean {
    return PYTHON_EXCEPTIONS.has(this.kind);
  }
}

const PYTHON_EXCEPTIONS = new Set<TemplateErrorKind>([
  'ZeroDivisionError',
  'ValueError',
  'KeyError',
  'IndexError',
  'AttributeError',
  'LookupError',
  'UnicodeEncodeError',
  'jinja2.exceptions.TemplateSyntaxError',
]);

/** Raised where Python would raise; the evaluator adds the position. */
export function fail(kind: TemplateErrorKind, message: string): never {
  throw new TemplateError(kind, message);
}
