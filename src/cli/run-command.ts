// `runbook run PATTERN -m MODULE -a ARGS`: one task on the hosts a pattern selects, as `ansible`
// 2.14 runs it (cli/adhoc.py): a play "Ansible Ad-Hoc" without fact gathering, the minimal
// stdout callback (oneline with -o), ansible-playbook's exit codes, no state file.
import { resolve } from 'node:path';
import { parseKvArgs } from '../playbook/index.js';
import { pyJsonLoads } from '../template/index.js';
import { APPLY } from './apply-args.js';
import { runApply } from './apply-command.js';
import { PLAYBOOK_DIR, VERSION, formatHelp, parseFlags, type Command, type Flag } from './flags.js';
import { UsageError } from './usage-error.js';
import type { Io } from './main.js';

// C.MODULE_REQUIRE_ARGS: their free-form argument is required (and parsed with check_raw)
const REQUIRE_ARGS = new Set(['command', 'win_command', 'shell', 'win_shell', 'raw', 'script']);

const SHARED = new Set([
  'ask-vault-password',
  'become-password-file',
  'connection-password-file',
  'vault-id',
  'vault-password-file',
  'check',
  'diff',
  'ask-become-pass',
  'extra-vars',
  'forks',
  'help',
  'inventory',
  'ask-pass',
  'limit',
  'verbose',
  'private-key',
  'ssh-common-args',
  'ssh-extra-args',
  'timeout',
  'connection',
  'user',
  'become-method',
  'become-user',
  'become',
  'list-hosts',
]);

const OWN = [
  {
    name: 'args',
    short: 'a',
    type: 'string',
    metavar: 'MODULE_ARGS',
    help: 'The action\'s options in space separated k=v format: -a \'opt1=val1 opt2=val2\' or a json string: -a \'{"opt1": "val1", "opt2": "val2"}\'',
  },
  { name: 'module-name', short: 'm', type: 'string', help: 'Name of the action to execute (default=command)' },
  { name: 'one-line', short: 'o', type: 'boolean', help: 'condense output' },
  {
    name: 'background',
    short: 'B',
    type: 'string',
    metavar: 'SECONDS',
    help: 'run asynchronously, failing after X seconds (default=N/A)',
  },
  {
    name: 'poll',
    short: 'P',
    type: 'string',
    metavar: 'POLL_INTERVAL',
    help: 'set the poll interval if using -B (default=15)',
  },
  PLAYBOOK_DIR,
  VERSION,
] as const satisfies readonly Flag[];

const FLAGS = [...APPLY.flags.filter((f) => SHARED.has(f.name)), ...OWN];

export const RUN: Command = {
  prog: 'runbook run',
  usage: 'runbook run <host-pattern> [-m MODULE_NAME] [-a MODULE_ARGS] [options]',
  description:
    "Define and run a single task 'playbook' against a set of hosts, as ansible 2.14 does.\n\npositional arguments:\n  pattern               host pattern",
  flags: FLAGS,
  groups: APPLY.groups!.filter(([g]) => !g.startsWith('runbook')),
  epilog: 'Some actions do not make sense in Ad-Hoc (include, meta, etc)',
};

/** AdHocCLI._play_ds: `-a` as JSON when it looks like a JSON object, else k=v (free form kept). */
function moduleArgs(module: string, raw: string | undefined): Map<string, unknown> {
  const text = raw ?? '';
  if (text.startsWith('{') && text.endsWith('}')) {
    try {
      const parsed = pyJsonLoads(text.trim());
      if (parsed instanceof Map && parsed.size) return parsed as Map<string, unknown>;
    } catch {
      // not JSON: k=v below, as Ansible falls back
    }
  }
  return parseKvArgs(text, REQUIRE_ARGS.has(module));
}

export async function runRunCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseFlags({ ...RUN, flags: FLAGS }, argv);
  const flags = values as Record<string, unknown>;
  if (flags.help) {
    io.out(formatHelp(RUN));
    return 0;
  }
  const [pattern, ...extra] = positionals;
  if (pattern === undefined)
    throw new UsageError('runbook run: error: the following arguments are required: pattern', 2);
  if (extra.length) throw new UsageError(`runbook run: error: unrecognized arguments: ${extra.join(' ')}`, 2);
  const module = String(flags['module-name'] ?? 'command');
  const short = module.replace(/^ansible\.(builtin|legacy)\./, '');
  if (REQUIRE_ARGS.has(short) && !flags.args && !flags['list-hosts'])
    throw new UsageError(
      `No argument passed to ${module} module${pattern.endsWith('.yml') ? ' (did you mean to run ansible-playbook?)' : ''}`,
      5,
    );
  if (short === 'import_playbook') throw new UsageError(`'${module}' is not a valid action for ad-hoc commands`, 5);
  // the `action:` form, as AdHocCLI writes it: an unknown module fails on the hosts, not at parse
  const task = new Map<string, unknown>([
    ['action', new Map<string, unknown>([['module', module], ...moduleArgs(short, flags.args as string | undefined)])],
  ]);
  // async only where given (and never for the include actions)
  if (flags.background !== undefined || flags.poll !== undefined) {
    task.set('async', Number(flags.background ?? 0));
    task.set('poll', Number(flags.poll ?? 15));
  }
  const play = new Map<string, unknown>([
    ['name', 'Ansible Ad-Hoc'],
    ['hosts', pattern],
    ['gather_facts', 'no'],
    ['tasks', [task]],
  ]);
  return runApply(flags, [], argv, io, {
    play,
    callback: flags['one-line'] ? 'oneline' : 'minimal',
    baseDir: resolve(String(flags['playbook-dir'] ?? '.')),
  });
}
