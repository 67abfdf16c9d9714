// User-facing errors: every one carries where it happened, so the CLI can print file:line
// instead of a stack trace.
import { extendedError } from './extended-error.js';

/** A place in a source file (1-based line and column). */
export interface SourceLocation {
  file?: string;
  line?: number;
  column?: number;
}

/** The base of every error runbook shows to a user. */
export class RunbookError extends Error {
  readonly location: SourceLocation | undefined;
  /** The exit code ansible-playbook gives this error, when it is not the caller's default. */
  exitCode: number | undefined;
  /** Where the mistake itself is, when Ansible's message points elsewhere or nowhere. */
  readonly culprit: SourceLocation | undefined;
  /** runbook's advice after Ansible's text ("did you mean 'lineinfile'?"). */
  readonly hint: string | undefined;

  constructor(
    message: string,
    location?: SourceLocation,
    options?: ErrorOptions & { exitCode?: number; culprit?: SourceLocation; hint?: string },
  ) {
    super(message, options);
    this.name = 'RunbookError';
    this.location = location;
    this.exitCode = options?.exitCode;
    this.culprit = options?.culprit;
    this.hint = options?.hint || undefined;
  }

  /** The message as ansible-core prints an AnsibleError: its extended error where the file and line are known. */
  describe(): string {
    const text =
      this.location?.file && this.location.line !== undefined
        ? `${this.message}${appearsIn(this.location)}`
        : this.message;
    // runbook's lines after Ansible's text: the exact place, where Ansible's is the play's or
    // none; what the mistake probably is
    const extra = [
      ...(this.culprit ? [`runbook: the culprit is at ${formatLocation(this.culprit).replace(/: $/, '')}`] : []),
      ...(this.hint ? [`runbook: ${this.hint}`] : []),
    ];
    return extra.length ? `${text.replace(/\n$/, '')}\n\n${extra.join('\n')}` : text;
  }
}

/** `file:line:col: ` for a location, or '' when nothing is known. */
export function formatLocation(loc: SourceLocation | undefined): string {
  if (!loc) return '';
  const parts = [loc.file, loc.line, loc.line !== undefined ? loc.column : undefined].filter((p) => p !== undefined);
  return parts.length ? `${parts.join(':')}: ` : '';
}

/** Ansible's pointer appended to an error: where it appears to be (AnsibleError's obj). */
export function appearsIn(loc: SourceLocation): string {
  return `\n\n${extendedError(loc)}`;
}

/**
 * AnsibleOptionsError: the CLI prints its usage on stdout, then the message alone (no position),
 * and exits 5. `usage` is the command's help, set by the command that shows it.
 */
export class OptionsError extends RunbookError {
  usage: string | undefined;
  constructor(message: string, culprit?: SourceLocation) {
    super(message, undefined, { exitCode: 5, ...(culprit ? { culprit } : {}) });
    this.name = 'OptionsError';
  }
}
