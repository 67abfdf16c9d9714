// `runbook lab up|down|status|reset|snapshot|restore|fault`: the Juno lab (src/lab/juno-lab.ts).
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { JunoLab, type HostStatus, type JunoLabConfig } from '../lab/index.js';
import { UsageError } from './usage-error.js';
import type { Io } from './main.js';

export const LAB_HELP = `usage: runbook lab <command> [--dir DIR] [options]

A simulated SUSE Cloud 5 (OpenStack Juno, SLES 11 SP3) on this machine: controller1 (with its
MariaDB) and compute1..N, reached over real SSH. Needs root. DIR defaults to ./.runbook-lab.

commands:
  up [--computes N] [--scenario default|blockers] [--small] [--database mariadb|postgresql] [--package-seconds S] [--network NET[/FIRST]]
                          create (first time) or start the lab; writes DIR/inventory.ini, DIR/lab.json
  down                    stop every host (services and database cleanly)
  status [--json]         per host: reachable, OS, OpenStack release, services, schema versions
  snapshot NAME           save the hosts' disks and the shared instances directory
  restore NAME            go back to a snapshot
  reset                   go back to the lab as \`up\` first made it
  fault HOST stop|blackhole|restore
                          kill a host, make it stop answering, or bring it back

runbook lab COMMAND --help shows a command's options.`;

const DIR = "  --dir DIR               the lab's directory (default: ./.runbook-lab)";

/** Each command's own --help. */
const COMMAND_HELP: Record<string, string> = {
  up: `usage: runbook lab up [--dir DIR] [--computes N] [--scenario default|blockers] [--small]
                      [--database mariadb|postgresql] [--package-seconds S] [--network NET[/FIRST]]

Creates the lab the first time (hosts, database, seed data, BMCs, install server), or starts
it; prints each host's status and writes DIR/inventory.ini and DIR/lab.json.

options:
${DIR}
  --computes N            compute hosts, 1 to 200 (default: 2)
  --scenario NAME         default, or blockers: adds what preflight must refuse (NULL instance
                          uuids for nova 267, an unmigratable flavor, duplicate neutron security
                          groups, a latin1 glance table)
  --small                 fewer instances and rows (quicker; the tests use it)
  --database ENGINE       the cloud's database: mariadb (default) or postgresql (SUSE Cloud 5's
                          default engine; the upgrade's roles do not handle it yet)
  --package-seconds S     seconds each package install or upgrade takes (default: 2; 0 for
                          none)
  --network NET[/FIRST]   the hosts' addresses: NET is three octets (default 127.0.3), FIRST
                          the first host's last octet (default 11); the BMCs add 100 to the
                          third octet
  -h, --help              show this help message and exit`,
  down: `usage: runbook lab down [--dir DIR]\n\nStops every host: its services, then the database, cleanly.\n\noptions:\n${DIR}`,
  status: `usage: runbook lab status [--dir DIR] [--json]\n\nPer host: reachable, OS, OpenStack release, services, schema versions; exit 1 if a host is unreachable.\n\noptions:\n${DIR}\n  --json                  the same as JSON`,
  snapshot: `usage: runbook lab snapshot [--dir DIR] NAME\n\nSaves the hosts' disks and the shared instances directory as NAME.\n\noptions:\n${DIR}`,
  restore: `usage: runbook lab restore [--dir DIR] NAME\n\nGoes back to the snapshot NAME.\n\noptions:\n${DIR}`,
  reset: `usage: runbook lab reset [--dir DIR]\n\nGoes back to the lab as \`up\` first made it.\n\noptions:\n${DIR}`,
  fault: `usage: runbook lab fault [--dir DIR] HOST stop|blackhole|restore\n\nKills HOST (stop), makes it stop answering (blackhole), or brings it back (restore).\n\noptions:\n${DIR}`,
};

const NEEDS: [string, string][] = [
  ['/usr/sbin/sshd', 'openssh-server'],
  ['/usr/sbin/mariadbd', 'mariadb-server'],
  ['/usr/lib/python3/dist-packages/pymysql', 'python3-pymysql'],
  // the hosts' BMCs (OpenIPMI's simulator) and the tool the reinstall role drives them with
  ['/usr/bin/ipmi_sim', 'openipmi'],
  ['/usr/bin/ipmitool', 'ipmitool'],
  // the repositories' packages with content (rpmbuild) and the hosts' rpm2cpio and cpio
  ['/usr/bin/rpmbuild', 'rpm'],
  ['/usr/bin/rpm2cpio', 'rpm2cpio'],
  ['/usr/bin/cpio', 'cpio'],
];
// --database postgresql: Debian's PostgreSQL (the controller runs its server binaries) and the
// driver the fake tools connect with
const NEEDS_POSTGRESQL: [string, string][] = [
  ['/usr/lib/postgresql/15/bin/postgres', 'postgresql'],
  ['/usr/lib/python3/dist-packages/psycopg2', 'python3-psycopg2'],
];

/** Installs the Debian packages the lab needs (as root), or says which command would. */
function ensurePackages(io: Io, database: JunoLabConfig['database']): void {
  const needs = database === 'postgresql' ? [...NEEDS, ...NEEDS_POSTGRESQL] : NEEDS;
  const missing = needs.filter(([p]) => !existsSync(p)).map(([, pkg]) => pkg);
  if (!missing.length) return;
  const cmd = `apt-get install -y ${missing.join(' ')}`;
  if (process.getuid?.() !== 0) throw new UsageError(`the lab needs ${missing.join(', ')}: run ${cmd} as root`);
  io.err(`installing ${missing.join(' ')}`);
  const r = spawnSync('apt-get', ['install', '-y', ...missing], {
    stdio: 'ignore',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (r.status !== 0) throw new UsageError(`${cmd} failed`);
}

interface Parsed {
  command: string;
  positional: string[];
  dir: string;
  json: boolean;
  help: boolean;
  config: Partial<JunoLabConfig>;
}

function parse(argv: string[]): Parsed {
  const p: Parsed = {
    command: argv[0] ?? '',
    positional: [],
    dir: '.runbook-lab',
    json: false,
    help: false,
    config: {},
  };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value\n\n${LAB_HELP}`);
      return v;
    };
    if (a === '--help' || a === '-h') p.help = true;
    else if (a === '--dir') p.dir = value();
    else if (a === '--json') p.json = true;
    else if (a === '--small') p.config.small = true;
    else if (a === '--computes') p.config.computes = positiveInt(a, value());
    else if (a === '--database') {
      const d = value();
      if (d !== 'mariadb' && d !== 'postgresql') throw new UsageError(`unknown database '${d}' (mariadb, postgresql)`);
      p.config.database = d;
    } else if (a === '--package-seconds') p.config.secondsPerPackage = Number(value());
    else if (a === '--scenario') {
      const s = value();
      if (s !== 'default' && s !== 'blockers') throw new UsageError(`unknown scenario '${s}' (default, blockers)`);
      p.config.scenario = s;
    } else if (a === '--network') {
      const v = value();
      const [net = '', first] = v.split('/');
      // The lab numbers hosts NET.FIRST, NET.FIRST+1, …: NET is the first three octets.
      if (!/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(net) || net.split('.').some((o) => Number(o) > 255))
        throw new UsageError(
          `${a} wants the first three octets of an address and optionally /FIRST-HOST, e.g. 127.0.6/11, not '${v}'`,
        );
      p.config.network = net;
      if (first) p.config.firstHost = positiveInt(a, first);
    } else if (a.startsWith('-')) throw new UsageError(`unknown option ${a}\n\n${LAB_HELP}`);
    else p.positional.push(a);
  }
  return p;
}

function positiveInt(flag: string, v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 200)
    throw new UsageError(`${flag} wants a whole number from 1 to 200, not '${v}'`);
  return n;
}

function statusLine(h: HostStatus): string {
  if (!h.reachable) return `${h.name.padEnd(12)} ${h.address.padEnd(12)} UNREACHABLE (${h.error ?? ''})`;
  const services = Object.values((h.services ?? {}) as Record<string, { active: boolean }>);
  const dbs = h.databases
    ? ` db ${Object.entries(h.databases as Record<string, unknown>)
        .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : String(v)}`)
        .join(' ')}`
    : '';
  return `${h.name.padEnd(12)} ${h.address.padEnd(12)} ${String(h.os)} · ${String(h.openstack ?? 'no OpenStack')} · services ${services.filter((s) => s.active).length}/${services.length} active${dbs}`;
}

export async function runLabCommand(argv: string[], io: Io): Promise<number> {
  const p = parse(argv);
  if (!p.command || p.command === '--help' || p.command === '-h' || p.command === 'help') {
    io.out(LAB_HELP);
    return p.command ? 0 : 5;
  }
  if (p.help) {
    const help = COMMAND_HELP[p.command];
    if (!help) throw new UsageError(`unknown lab command '${p.command}'\n\n${LAB_HELP}`);
    io.out(help);
    return 0;
  }
  if (process.getuid?.() !== 0)
    throw new UsageError(
      `runbook lab needs root (mount and PID namespaces, overlayfs): run sudo runbook lab ${argv.join(' ')}`,
    );
  const lab = new JunoLab(p.dir, p.config);
  if (p.command !== 'up' && !lab.exists)
    throw new UsageError(
      `no lab in ${lab.dir}: run runbook lab up${p.dir === '.runbook-lab' ? '' : ` --dir ${p.dir}`} first`,
    );
  try {
    return await dispatch(lab, p, io);
  } finally {
    await lab.close();
  }
}

async function dispatch(lab: JunoLab, p: Parsed, io: Io): Promise<number> {
  const arg = (i: number, what: string): string => {
    const v = p.positional[i];
    if (v === undefined) throw new UsageError(`lab ${p.command} needs ${what}\n\n${LAB_HELP}`);
    return v;
  };
  const log = (s: string): void => io.err(`lab: ${s}`);
  switch (p.command) {
    case 'up': {
      ensurePackages(io, lab.config.database);
      const t0 = Date.now();
      await lab.up(log);
      for (const h of await lab.status()) io.out(statusLine(h));
      io.out(`lab ready in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${lab.dir}/inventory.ini, ${lab.dir}/lab.json`);
      return 0;
    }
    case 'down':
      await lab.down();
      io.out('lab down');
      return 0;
    case 'status': {
      const st = await lab.status();
      if (p.json) io.out(JSON.stringify(st, null, 2));
      else for (const h of st) io.out(statusLine(h));
      return st.every((h) => h.reachable) ? 0 : 1;
    }
    case 'snapshot':
      await lab.snapshot(arg(0, 'a NAME'));
      io.out(`snapshot ${p.positional[0]} taken`);
      return 0;
    case 'restore':
      await lab.restore(arg(0, 'a NAME'));
      io.out(`restored ${p.positional[0]}`);
      return 0;
    case 'reset':
      await lab.restore('_initial');
      io.out('lab reset to its first state');
      return 0;
    case 'bmc': {
      // ipmi_sim's chassis control program (bmc.ts), and the power-on it starts in the background
      const host = arg(0, 'a HOST');
      if (p.positional[1] === 'power-on') {
        await lab.powerOn(host, p.positional[2] === 'pxe');
        return 0;
      }
      const out = await lab.chassis(host, p.positional.slice(1));
      if (out) io.out(out);
      return 0;
    }
    case 'fault': {
      const action = arg(1, 'stop, blackhole or restore');
      if (action !== 'stop' && action !== 'blackhole' && action !== 'restore')
        throw new UsageError(`lab fault: unknown action '${action}' (stop, blackhole, restore)`);
      await lab.fault(arg(0, 'a HOST'), action);
      io.out(`${p.positional[0]}: ${action}`);
      return 0;
    }
    default:
      throw new UsageError(`unknown lab command '${p.command}'\n\n${LAB_HELP}`);
  }
}
