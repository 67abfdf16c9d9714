// -vvvv: the default callback shows the command line's arguments after the PLAYBOOK banner
// (default.py v2_playbook_on_start: every truthy CLIARGS value, in ansible-playbook's argparse
// order, 'Positional arguments' first). The values are runbook's flags under Ansible's names.
import { pyRepr } from '../template/index.js';

type Flags = Record<string, unknown>;

const tuple = (items: string[]): string =>
  `(${items.map((i) => pyRepr(i)).join(', ')}${items.length === 1 ? ',' : ''})`;
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v === undefined ? [] : [String(v)]);

/** The "name: value" lines, for the playbooks given and the settings in force. */
export function cliArgsLines(
  flags: Flags,
  playbooks: string[],
  defaults: { inventory: string[]; forks: number },
): string[] {
  const v = (k: string): unknown => flags[k];
  const entries: [string, unknown][] = [
    ['verbosity', list(flags.verbose).length],
    ['private_key_file', v('private-key')],
    ['remote_user', v('user')],
    ['connection', v('connection') ?? 'smart'],
    ['timeout', v('timeout') ?? 10],
    ['ssh_common_args', v('ssh-common-args')],
    ['ssh_extra_args', v('ssh-extra-args')],
    ['ask_pass', v('ask-pass')],
    ['connection_password_file', v('connection-password-file')],
    ['force_handlers', v('force-handlers')],
    ['flush_cache', v('flush-cache')],
    ['become', v('become')],
    ['become_method', v('become-method') ?? 'sudo'],
    ['become_user', v('become-user')],
    ['become_ask_pass', v('ask-become-pass')],
    ['become_password_file', v('become-password-file')],
    [
      'tags',
      tuple(
        list(v('tags')).flatMap((t) => t.split(',')).length ? list(v('tags')).flatMap((t) => t.split(',')) : ['all'],
      ),
    ],
    ['skip_tags', list(v('skip-tags')).length ? tuple(list(v('skip-tags')).flatMap((t) => t.split(','))) : undefined],
    ['check', v('check')],
    ['diff', v('diff')],
    ['inventory', tuple(list(v('inventory')).length ? list(v('inventory')) : defaults.inventory)],
    ['listhosts', v('list-hosts')],
    ['subset', v('limit')],
    ['extra_vars', list(v('extra-vars')).length ? tuple(list(v('extra-vars'))) : undefined],
    ['forks', v('forks') ?? defaults.forks],
    ['syntax', v('syntax-check')],
    ['listtasks', v('list-tasks')],
    ['listtags', v('list-tags')],
    ['step', v('step')],
    ['start_at_task', v('start-at-task')],
  ];
  const shown = entries.filter(([, x]) => x !== undefined && x !== null && x !== false && x !== '' && x !== 0);
  return [
    `Positional arguments: ${playbooks.join(' ')}`,
    ...shown.map(([k, x]) => `${k}: ${x === true ? 'True' : String(x)}`),
  ];
}
