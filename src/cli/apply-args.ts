// ansible-playbook's flags (ECOSYSTEM.md §6.1) for `runbook apply`, with argparse's
// unambiguous long-option prefixes (--extra-var → --extra-vars).
import {
  ASK_VAULT_PASSWORD,
  EXTRA_VARS,
  HELP,
  INVENTORY,
  VAULT_ID,
  VAULT_PASSWORD_FILE,
  VERBOSE,
  VERSION,
  formatHelp,
  parseFlags,
  type Command,
  type Flag,
} from './flags.js';
import { UsageError } from './usage-error.js';

const CONNECTION = 'Connection Options';
const BECOME = 'Privilege Escalation Options';
const OWN = "runbook's own options";

// ansible-playbook 2.14.18's flags and help texts (ansible/cli/arguments/option_helpers.py),
// runbook's own last.
const FLAGS = [
  ASK_VAULT_PASSWORD,
  {
    name: 'become-password-file',
    aliases: ['become-pass-file'],
    type: 'string',
    metavar: 'BECOME_PASSWORD_FILE',
    help: 'Become password file',
  },
  {
    name: 'connection-password-file',
    aliases: ['conn-pass-file'],
    type: 'string',
    metavar: 'CONNECTION_PASSWORD_FILE',
    help: 'Connection password file',
  },
  { name: 'flush-cache', type: 'boolean', help: 'clear the fact cache for every host in inventory' },
  { name: 'force-handlers', type: 'boolean', help: 'run handlers even if a task fails' },
  { name: 'list-hosts', type: 'boolean', help: 'outputs a list of matching hosts; does not execute anything else' },
  { name: 'list-tags', type: 'boolean', help: 'list all available tags' },
  { name: 'list-tasks', type: 'boolean', help: 'list all tasks that would be executed' },
  {
    name: 'skip-tags',
    type: 'string',
    multiple: true,
    help: 'only run plays and tasks whose tags do not match these values',
  },
  { name: 'start-at-task', type: 'string', help: 'start the playbook at the task matching this name' },
  { name: 'step', type: 'boolean', help: 'one-step-at-a-time: confirm each task before running' },
  { name: 'syntax-check', type: 'boolean', help: 'perform a syntax check on the playbook, but do not execute it' },
  VAULT_ID,
  VAULT_PASSWORD_FILE,
  VERSION,
  {
    name: 'check',
    short: 'C',
    type: 'boolean',
    help: "don't make any changes; instead, try to predict some of the changes that may occur",
  },
  {
    name: 'diff',
    short: 'D',
    type: 'boolean',
    help: 'when changing (small) files and templates, show the differences in those files; works great with --check',
  },
  { name: 'ask-become-pass', short: 'K', type: 'boolean', help: 'ask for privilege escalation password' },
  EXTRA_VARS,
  { name: 'forks', short: 'f', type: 'string', help: 'specify number of parallel processes to use (default=5)' },
  HELP,
  INVENTORY,
  { name: 'ask-pass', short: 'k', type: 'boolean', help: 'ask for connection password' },
  {
    name: 'limit',
    short: 'l',
    type: 'string',
    metavar: 'SUBSET',
    help: 'further limit selected hosts to an additional pattern',
  },
  {
    name: 'tags',
    short: 't',
    type: 'string',
    multiple: true,
    help: 'only run plays and tasks tagged with these values',
  },
  VERBOSE,
  {
    name: 'private-key',
    aliases: ['key-file'],
    type: 'string',
    metavar: 'PRIVATE_KEY_FILE',
    group: CONNECTION,
    help: 'use this file to authenticate the connection',
  },
  {
    name: 'ssh-common-args',
    type: 'string',
    group: CONNECTION,
    help: 'specify common arguments to pass to sftp/scp/ssh (e.g. ProxyCommand)',
  },
  {
    name: 'ssh-extra-args',
    type: 'string',
    group: CONNECTION,
    help: 'specify extra arguments to pass to ssh only (e.g. -R)',
  },
  {
    name: 'timeout',
    short: 'T',
    type: 'string',
    group: CONNECTION,
    help: 'override the connection timeout in seconds (default=10)',
  },
  {
    name: 'connection',
    short: 'c',
    type: 'string',
    group: CONNECTION,
    help: "connection type to use (default=smart: ssh, over runbook's own SSH client; local)",
  },
  {
    name: 'user',
    short: 'u',
    type: 'string',
    metavar: 'REMOTE_USER',
    group: CONNECTION,
    help: 'connect as this user (default=None)',
  },
  {
    name: 'become-method',
    type: 'string',
    group: BECOME,
    help: 'privilege escalation method to use (default=sudo; runbook has sudo and su)',
  },
  { name: 'become-user', type: 'string', group: BECOME, help: 'run operations as this user (default=root)' },
  {
    name: 'become',
    short: 'b',
    type: 'boolean',
    group: BECOME,
    help: 'run operations with become (does not imply password prompting)',
  },
  {
    name: 'resume',
    type: 'boolean',
    group: OWN,
    help: 'continue the last failed run of this playbook with this inventory from its state file: steps that changed nothing run again (they re-read the real state), finished steps are re-checked in check mode or not run twice, a step still running on a host is waited for',
  },
  {
    name: 'state-dir',
    type: 'string',
    metavar: 'DIR',
    group: OWN,
    help: 'where the state files live (default: .runbook in the current directory)',
  },
  { name: 'no-state', type: 'boolean', group: OWN, help: 'write no state file (such a run cannot be resumed)' },
  {
    name: 'report',
    type: 'string',
    metavar: 'FILE',
    group: OWN,
    help: "write an HTML report of the run: stages with actual and forecast times (the downtime_forecast fact, seconds per stage), a timeline per host, every task's results and diffs; vault values masked",
  },
  {
    name: 'guard',
    type: 'string',
    metavar: 'GUESTS',
    group: OWN,
    help: "the data-plane guardian: probe each guest of the YAML list GUESTS ({name, address, port}) that answers when the run starts, every second, while it runs; the footer and the report (--report) give each guest's downtime and whether it was restarted",
  },
] as const satisfies readonly Flag[];

export const APPLY: Command & { readonly flags: typeof FLAGS } = {
  prog: 'runbook apply',
  usage: `runbook apply [-h] [--version] [-v] [-k] [-K] [-i INVENTORY] [-l SUBSET] [-e EXTRA_VARS]
                     [-t TAGS] [--skip-tags SKIP_TAGS] [-C] [-D] [-f FORKS] [-b] [-u REMOTE_USER]
                     [--start-at-task START_AT_TASK] [--syntax-check] [--list-hosts] [--list-tasks]
                     [--list-tags] [--resume] [--report FILE] [--guard GUESTS]
                     playbook [playbook ...]`,
  description:
    'Runs Ansible playbooks, executing the defined tasks on the targeted hosts, as ansible-playbook 2.14 does.\n\npositional arguments:\n  playbook              Playbook(s)',
  flags: FLAGS,
  groups: [
    [CONNECTION, 'control as whom and how to connect to hosts'],
    [BECOME, 'control how and which user you become as on target hosts'],
    [OWN, 'resumable runs and reports'],
  ],
};

export type ApplyFlags = ReturnType<typeof parseApplyArgs>['values'];

export function parseApplyArgs(argv: string[]) {
  const parsed = parseFlags(APPLY, argv);
  const forks = parsed.values.forks;
  if (forks !== undefined && !/^\s*[+-]?\d+\s*$/.test(forks))
    throw new UsageError(`runbook apply: error: argument -f/--forks: invalid int value: '${forks}'`, 2);
  return parsed;
}

/** The help text, made when it is printed (building it cost every run ~0.5 ms at load). */
export function applyHelp(): string {
  return formatHelp(APPLY);
}
