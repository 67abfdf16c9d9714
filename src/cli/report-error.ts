// How an error that ends a command is shown: "ERROR! file:line: message" and Ansible's exit code
// for what the user can fix, the stack only for what is runbook's own bug. Loaded on the error
// path only (it reaches the template engine and the connections' error types).
import { OptionsError, RunbookError } from '../util/index.js';
import { HostUnreachable } from '../connection/index.js';
import { TemplateError } from '../template/index.js';
import { PlaybookParseError } from './apply-command.js';
import { UsageError } from './usage-error.js';
import { ConfigSettingError } from './config.js';
import type { Io } from './main.js';

export function reportError(err: unknown, io: Io): number {
  // Display.display adds a newline only where the message has none
  const say = (s: string): void => io.err(s.endsWith('\n') ? s.slice(0, -1) : s);
  if (err instanceof ConfigSettingError) {
    say(`ERROR: ${err.message}`);
    return 5;
  }
  if (err instanceof UsageError) {
    say(`ERROR! ${err.message}`);
    return err.exitCode;
  }
  if (err instanceof OptionsError) {
    if (err.usage) io.out(err.usage);
    say(`ERROR! ${err.describe()}`);
    return 5;
  }
  if (err instanceof PlaybookParseError) {
    say(`ERROR! ${err.describe()}`);
    return err.exitCode ?? 4;
  }
  if (err instanceof TemplateError) {
    say(`ERROR! template error: ${err.describe()}`);
    return 1;
  }
  if (err instanceof RunbookError) {
    say(`ERROR! ${err.describe()}`);
    return err.exitCode ?? 1;
  }
  if (err instanceof HostUnreachable) {
    // Outside a play (lab commands): a host that cannot be reached is an error, not a bug.
    say(`ERROR! ${err.message}`);
    return 1;
  }
  // An error runbook did not expect is a bug: say so, with the stack, and exit as Ansible does (250).
  say(
    `ERROR! unexpected error (a runbook bug, please report it): ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
  );
  return 250;
}
