// The files `runbook lab up` leaves for the operator: DIR/inventory.ini (groups controller,
// compute, openstack:children and the SSH vars) and DIR/lab.json (hosts, addresses and the
// database's coordinates for a client on this machine; 0600: it holds the root password).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LabHost } from './sshd-hosts.js';

export interface LabLayout {
  dir: string;
  hosts: (LabHost & { role: 'controller' | 'compute' })[];
  clientKey: string;
  knownHosts: string;
  mysqlRootPassword: string;
  /** The cloud admin's password (keystone), for the non-disruptive path's nova API calls. */
  adminPassword: string;
  /** Each host's BMC address (bmc.ts), and the BMCs' one user. */
  bmcAddress: (host: string) => string;
  bmcUser: string;
  bmcPassword: string;
  installDir: string;
  scenario: string;
  small: boolean;
  /** The cloud's database engine (lab up --database). */
  database: 'mariadb' | 'postgresql';
  /** The guests and where they answer (for `runbook apply --guard DIR/guests.yml`). */
  guests: { name: string; address: string; port: number }[];
}

export function inventoryText(l: LabLayout): string {
  const group = (role: string): string[] =>
    l.hosts
      .filter((h) => h.role === role)
      .map((h) => `${h.name} ansible_host=${h.address} bmc_address=${l.bmcAddress(h.name)}`);
  return [
    '# Written by `runbook lab up`: the Juno lab.',
    '[controller]',
    ...group('controller'),
    '',
    '[compute]',
    ...group('compute'),
    '',
    '[openstack:children]',
    'controller',
    'compute',
    '',
    '[openstack:vars]',
    'ansible_user=root',
    `ansible_ssh_private_key_file=${l.clientKey}`,
    `ansible_ssh_common_args='-o UserKnownHostsFile=${l.knownHosts}'`,
    '',
  ].join('\n');
}

export function labJson(l: LabLayout): object {
  const controller = l.hosts.find((h) => h.role === 'controller');
  return {
    dir: l.dir,
    scenario: l.scenario,
    small: l.small,
    inventory: join(l.dir, 'inventory.ini'),
    ssh: { user: 'root', key: l.clientKey, known_hosts: l.knownHosts, config: join(l.dir, 'ssh_config') },
    hosts: l.hosts.map((h) => ({ name: h.name, address: h.address, port: h.port, role: h.role })),
    mysql: { host: controller?.address, port: 3306, user: 'root', password: l.mysqlRootPassword },
  };
}

export function writeLabFiles(l: LabLayout): void {
  writeFileSync(join(l.dir, 'inventory.ini'), inventoryText(l));
  // The database password the upgrade roles log in with (a real site vaults it).
  mkdirSync(join(l.dir, 'group_vars'), { recursive: true, mode: 0o700 });
  writeFileSync(
    join(l.dir, 'group_vars', 'all.yml'),
    [
      '# Written by `runbook lab up`.',
      ...(l.database === 'postgresql'
        ? [
            // the superuser's (the lab initdb's it with the site's one database secret); the
            // roles find the engine themselves (nova.conf, the backup's manifest)
            `postgresql_password: ${JSON.stringify(l.mysqlRootPassword)}`,
          ]
        : [`mysql_root_password: ${JSON.stringify(l.mysqlRootPassword)}`]),
      "# the cloud admin's, for nova's API (upgrade_mode: non_disruptive's live migrations)",
      `openstack_admin_password: ${JSON.stringify(l.adminPassword)}`,
      "# the hosts' BMCs (each host has bmc_address in inventory.ini)",
      `bmc_user: ${JSON.stringify(l.bmcUser)}`,
      `bmc_password: ${JSON.stringify(l.bmcPassword)}`,
      '# the install server: its PXE entries and AutoYaST profiles (on this machine)',
      `install_server_dir: ${JSON.stringify(l.installDir)}`,
      "# the lab's guests ignore ACPI at once or never: a short wait before they are powered off",
      'guest_shutdown_timeout: 10',
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  writeFileSync(
    join(l.dir, 'guests.yml'),
    [
      "# Written by `runbook lab up`: the cloud's guests, for the data-plane guardian",
      '# (runbook apply --guard guests.yml …): each answers on its address with its name and a counter.',
      ...l.guests.map((g) => `- { name: ${g.name}, address: ${g.address}, port: ${g.port} }`),
      '',
    ].join('\n'),
  );
  writeFileSync(join(l.dir, 'lab.json'), `${JSON.stringify(labJson(l), null, 2)}\n`, { mode: 0o600 });
}
