// The Juno lab for tests: `runbook lab` (the CLI itself) on the test address range
// 127.0.2.31+, one compute, the small seed; commands run with plain `ssh -F DIR/ssh_config`.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI } from './ssh-lab.js';

export interface Shell {
  code: number;
  out: string;
  err: string;
}

/** A runbook run in the background: its output so far, and its end. */
export interface Running {
  child: ChildProcess;
  out(): string;
  err(): string;
  /** Resolves when `pattern` shows in stdout (rejects after `ms` or when the run ends first). */
  until(pattern: RegExp, ms?: number): Promise<void>;
  done: Promise<Shell>;
}

export interface TestJunoLab {
  dir: string;
  site: Record<string, string>;
  cli(...args: string[]): Shell;
  /** runbook apply with the lab's inventory, from a directory of the test's (a site directory). */
  apply(args: string[], cwd?: string): Shell;
  /** The same, in the background (to strike at a chosen moment); `env` adds to runbook's environment. */
  applyAsync(args: string[], cwd: string, env?: Record<string, string>): Running;
  /** A shell command line on a lab host over plain ssh; stdin optional. */
  ssh(host: string, command: string, stdin?: string): Shell;
  /** The cloud's database engine (lab up --database). */
  database: 'mariadb' | 'postgresql';
  /** The rows of a query on the controller's database (MariaDB, or PostgreSQL as its superuser
   *  over the socket), tab-separated columns; the SQL on stdin. */
  rows(db: string, sql: string): string[][];
  /** One value (first column of the first row) of a query on the controller's database. */
  query(db: string, sql: string): string;
  restore(name: string): void;
  down(): void;
}

/** Why the Juno lab cannot run here, or undefined. */
export function junoLabUnavailable(database: 'mariadb' | 'postgresql' = 'mariadb'): string | undefined {
  if (process.getuid?.() !== 0) return 'the Juno lab needs root (namespaces, overlay mounts); run npm test as root';
  const missing = [
    ['/usr/sbin/mariadbd', 'mariadb-server'],
    ['/usr/bin/ipmi_sim', 'openipmi'],
    ['/usr/bin/ipmitool', 'ipmitool'],
    ['/usr/bin/rpmbuild', 'rpm'],
    ['/usr/bin/rpm2cpio', 'rpm2cpio'],
    ['/usr/bin/cpio', 'cpio'],
    ['/usr/lib/python3/dist-packages/pymysql', 'python3-pymysql'],
    ['/usr/sbin/sshd', 'openssh-server'],
    ['/usr/bin/sudo', 'sudo'],
    ...(database === 'postgresql'
      ? [
          ['/usr/lib/postgresql/15/bin/postgres', 'postgresql'],
          ['/usr/lib/python3/dist-packages/psycopg2', 'python3-psycopg2'],
        ]
      : []),
  ]
    .filter(([p]) => !existsSync(p!))
    .map(([, pkg]) => pkg!);
  if (missing.length) {
    const r = spawnSync('apt-get', ['install', '-y', ...missing], {
      stdio: 'ignore',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (r.status !== 0)
      return `missing ${missing.join(' ')} and apt-get install failed: run apt-get install -y ${missing.join(' ')}`;
  }
  return undefined;
}

function run(cmd: string, args: string[], input?: string): Shell {
  const r = spawnSync(cmd, args, { encoding: 'utf8', input, timeout: 600_000 });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

export function startJunoLab(
  scenario: 'default' | 'blockers',
  firstHost = 31,
  computes = 1,
  database: 'mariadb' | 'postgresql' = 'mariadb',
): TestJunoLab {
  const dir = mkdtempSync(join(tmpdir(), 'rb-juno-lab-'));
  const cli = (...args: string[]): Shell => run('node', [CLI, 'lab', ...args, '--dir', dir]);
  const up = cli(
    'up',
    '--network',
    `127.0.2/${firstHost}`,
    '--computes',
    String(computes),
    '--small',
    '--scenario',
    scenario,
    ...(database === 'postgresql' ? ['--database', 'postgresql'] : []),
  );
  if (up.code !== 0) {
    // Whatever came up goes down again: a failed start must not leave hosts on the test addresses.
    cli('down');
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`lab up failed:\n${up.out}${up.err}`);
  }
  const site = JSON.parse(readFileSync(join(dir, 'site.json'), 'utf8')) as Record<string, string>;
  const ssh = (host: string, command: string, stdin?: string): Shell =>
    run('ssh', ['-F', join(dir, 'ssh_config'), host, command], stdin ?? '');
  // The test's own client credentials, in root's home on the controller (outside the snapshots);
  // PostgreSQL's superuser needs none over the socket (below).
  if (database === 'mariadb')
    ssh('controller1', 'umask 077; cat > /root/.my.cnf', `[client]\nuser=root\npassword=${site.mysql_root_pw}\n`);
  // PostgreSQL's superuser by peer authentication over the socket: no password, and it holds
  // across a reinstall (the home directory does not)
  const client = (db: string): string =>
    database === 'postgresql'
      ? `runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -At -F "$(printf '\\t')" -d ${db}`
      : `mysql -N -B ${db}`;
  const rows = (db: string, sql: string): string[][] => {
    const r = ssh('controller1', client(db), sql);
    if (r.code !== 0) throw new Error(`query failed: ${sql}\n${r.err}`);
    return r.out
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split('\t'));
  };
  return {
    dir,
    site,
    database,
    rows,
    cli,
    ssh,
    apply(args, cwd = dir) {
      const r = spawnSync('node', [CLI, 'apply', '-f', '10', '-i', join(dir, 'inventory.ini'), ...args], {
        encoding: 'utf8',
        cwd,
        env: { ...process.env, PWD: cwd, ANSIBLE_NOCOLOR: '1' },
        timeout: 900_000,
      });
      return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
    },
    applyAsync(args, cwd, env = {}) {
      const child = spawn('node', [CLI, 'apply', '-f', '10', '-i', join(dir, 'inventory.ini'), ...args], {
        cwd,
        env: { ...process.env, PWD: cwd, ANSIBLE_NOCOLOR: '1', ...env },
      });
      let out = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
      });
      child.stderr.on('data', (d: Buffer) => {
        err += d.toString();
      });
      const done = new Promise<Shell>((res) =>
        child.on('close', (code, signal) => res({ code: code ?? (signal ? -1 : 0), out, err })),
      );
      let ended = false;
      void done.then(() => {
        ended = true;
      });
      return {
        child,
        done,
        out: () => out,
        err: () => err,
        async until(pattern, ms = 600_000) {
          const t0 = Date.now();
          while (!pattern.test(out)) {
            if (ended) throw new Error(`the run ended before ${pattern}:\n${out.slice(-3000)}${err.slice(-2000)}`);
            if (Date.now() - t0 > ms) throw new Error(`no ${pattern} in ${ms} ms:\n${out.slice(-3000)}`);
            await new Promise((r) => setTimeout(r, 20));
          }
        },
      };
    },
    query(db, sql) {
      return rows(db, sql)[0]?.[0] ?? '';
    },
    restore(name) {
      const r = cli('restore', name);
      if (r.code !== 0) throw new Error(`lab restore ${name} failed:\n${r.out}${r.err}`);
    },
    down() {
      cli('down');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
