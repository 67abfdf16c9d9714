// `runbook roles`: each role the shipped playbooks use and where it resolves from — the site's
// ./roles, a roles_path entry, or the roles runbook ships — in the order `apply` searches.
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadSettings } from './config.js';
import { SHIPPED } from './apply-command.js';
import type { Io } from './main.js';

export function runRolesCommand(_argv: string[], io: Io): number {
  const shipped = join(SHIPPED, 'roles');
  const search: [string, string][] = [
    [resolve('roles'), 'site'],
    ...loadSettings().rolesPath.map((p): [string, string] => [p, 'roles_path']),
    [shipped, 'shipped'],
  ];
  const names = existsSync(shipped) ? readdirSync(shipped).sort() : [];
  for (const name of names) {
    const hit = search.find(([dir]) => existsSync(join(dir, name)));
    if (!hit) continue;
    // a site or roles_path role takes the shipped one's place in the shipped playbooks
    const replaces = hit[1] === 'shipped' ? '' : `  (replaces the shipped ${name})`;
    io.out(`${name.padEnd(26)} ${hit[1].padEnd(10)} ${join(hit[0], name)}${replaces}`);
  }
  return 0;
}
