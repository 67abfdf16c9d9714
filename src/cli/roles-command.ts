// `runbook roles`: each role the shipped playbooks use and where it resolves from — the site's
// ./roles, a roles_path entry, or the roles runbook ships — in the order `apply` searches.
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadSettings } from './config.js';
import { SHIPPED } from './apply-command.js';
import { UsageError } from './usage-error.js';
import type { Io } from './main.js';

export const ROLES_HELP = `usage: runbook roles [-h]

Each role the shipped playbooks use and where it resolves from, in the order \`runbook apply\`
searches: the site's ./roles, a roles_path entry (ansible.cfg, ANSIBLE_ROLES_PATH), the roles
runbook ships. A site or roles_path role replaces the shipped one of that name.

options:
  -h, --help              show this help message and exit`;

export function runRolesCommand(argv: string[], io: Io): number {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.out(ROLES_HELP);
    return 0;
  }
  if (argv.length) throw new UsageError(`runbook roles: error: unrecognized arguments: ${argv.join(' ')}`, 2);
  const shipped = join(SHIPPED, 'roles');
  const real = (d: string): string => (existsSync(d) ? realpathSync(d) : d);
  const search: [string, string][] = [
    [resolve('roles'), 'site'],
    ...loadSettings().rolesPath.map((p): [string, string] => [p, 'roles_path']),
    [shipped, 'shipped'],
  ];
  const names = existsSync(shipped) ? readdirSync(shipped).sort() : [];
  for (const name of names) {
    const found = search.find(([dir]) => existsSync(join(dir, name)));
    if (!found) continue;
    // run from the checkout, ./roles is the shipped tree itself
    const hit = real(found[0]) === real(shipped) ? [shipped, 'shipped'] : found;
    // a site or roles_path role takes the shipped one's place in the shipped playbooks
    const replaces = hit[1] === 'shipped' ? '' : `  (replaces the shipped ${name})`;
    io.out(`${name.padEnd(26)} ${hit[1]!.padEnd(10)} ${join(hit[0]!, name)}${replaces}`);
  }
  return 0;
}
