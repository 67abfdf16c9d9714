// ansible-playbook's flags (ECOSYSTEM.md §6.1) for `runbook apply`, with argparse's
// unambiguous long-option prefixes (--extra-var → --extra-vars).
import { parseArgs } from 'node:util';
import { UsageError } from './usage-error.js';

const OPTIONS = {
  inventory: { type: 'string', short: 'i', multiple: true },
  'extra-vars': { type: 'string', short: 'e', multiple: true },
  limit: { type: 'string', short: 'l' },
  tags: { type: 'string', short: 't', multiple: true },
  'skip-tags': { type: 'string', multiple: true },
  check: { type: 'boolean', short: 'C' },
  diff: { type: 'boolean', short: 'D' },
  verbose: { type: 'boolean', short: 'v', multiple: true },
  forks: { type: 'string', short: 'f' },
  'start-at-task': { type: 'string' },
  'force-handlers': { type: 'boolean' },
  'syntax-check': { type: 'boolean' },
  'list-hosts': { type: 'boolean' },
  'list-tasks': { type: 'boolean' },
  'list-tags': { type: 'boolean' },
  connection: { type: 'string', short: 'c' },
  user: { type: 'string', short: 'u' },
  become: { type: 'boolean', short: 'b' },
  'become-user': { type: 'string' },
  'become-method': { type: 'string' },
  'private-key': { type: 'string' },
  'ssh-common-args': { type: 'string' },
  'ssh-extra-args': { type: 'string' },
  timeout: { type: 'string', short: 'T' },
  'flush-cache': { type: 'boolean' },
  'vault-password-file': { type: 'string', multiple: true },
  'vault-id': { type: 'string', multiple: true },
  'ask-vault-pass': { type: 'boolean', short: 'J' },
  step: { type: 'boolean' },
  resume: { type: 'boolean' },
  report: { type: 'string' },
  'state-dir': { type: 'string' },
  'no-state': { type: 'boolean' },
  version: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export type ApplyFlags = ReturnType<typeof parseApplyArgs>['values'];

/** Expands unambiguous prefixes of long options, as argparse allows. */
function expandPrefixes(argv: string[]): string[] {
  const names = Object.keys(OPTIONS);
  return argv.map((a) => {
    const m = /^--([a-z-]+)(=.*)?$/.exec(a);
    if (!m || names.includes(m[1] ?? '')) return a;
    const hits = names.filter((n) => n.startsWith(m[1] ?? ''));
    if (hits.length === 1) return `--${hits[0] ?? ''}${m[2] ?? ''}`;
    if (hits.length > 1)
      throw new UsageError(`ambiguous option: --${m[1] ?? ''} could match ${hits.map((h) => `--${h}`).join(', ')}`);
    return a;
  });
}

export function parseApplyArgs(argv: string[]) {
  try {
    const parsed = parseArgs({ args: expandPrefixes(argv), allowPositionals: true, options: OPTIONS });
    const forks = parsed.values.forks;
    if (forks !== undefined && !/^\s*[+-]?\d+\s*$/.test(forks))
      throw new UsageError(`runbook apply: error: argument -f/--forks: invalid int value: '${forks}'`, 2);
    return parsed;
  } catch (err) {
    if (err instanceof UsageError) throw err;
    // argparse's wording and exit code (2) for what the parser rejects
    const m = /^Unknown option '([^']+)'/.exec((err as Error).message);
    throw new UsageError(
      `runbook apply: error: ${m ? `unrecognized arguments: ${m[1] ?? ''}` : (err as Error).message}`,
      2,
    );
  }
}

export const APPLY_HELP = `usage: runbook apply [-i INVENTORY] [-e EXTRA_VARS] [-l SUBSET] [-t TAGS] [--skip-tags TAGS]
                     [-C] [-D] [-v] [-f FORKS] [--start-at-task NAME] [--force-handlers]
                     [--syntax-check] [--list-hosts] [--list-tasks] [--list-tags] playbook [playbook ...]

Runs Ansible playbooks, as ansible-playbook 2.14 does.

runbook's own options:
  --resume            continue the last failed run of this playbook with this inventory from its
                      state file: steps that changed nothing run again (they re-read the real
                      state), finished steps are re-checked in check mode or not run twice, a step
                      still running on a host is waited for
  --state-dir DIR     where the state files live (default: .runbook in the current directory)
  --no-state          write no state file (such a run cannot be resumed)
  --report FILE       write an HTML report of the run: stages with actual and forecast times
                      (the downtime_forecast fact, seconds per stage), a timeline per host, every
                      task's results and diffs; vault values masked`;
