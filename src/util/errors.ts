// User-facing errors: every one carries where it happened, so the CLI can print file:line
// instead of a stack trace.

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

  constructor(message: string, location?: SourceLocation, options?: ErrorOptions & { exitCode?: number }) {
    super(message, options);
    this.name = 'RunbookError';
    this.location = location;
    this.exitCode = options?.exitCode;
  }

  /** The message prefixed with file:line:column where known. */
  describe(): string {
    return `${formatLocation(this.location)}${this.message}`;
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
  return `\n\nThe error appears to be in '${loc.file ?? '?'}': line ${loc.line ?? '?'}, column ${loc.column ?? '?'}`;
}
