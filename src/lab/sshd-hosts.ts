// Lab hosts: real OpenSSH sshd "hosts" on loopback addresses, each with its own root view
// (an overlay of / whose writes land in DIR/hosts/NAME/up), its own PID and UTS namespace and
// its own host key — the recipe of ../shared/LAB-HOSTS.md. Used by the SSH e2e tests and by
// `runbook lab`. Needs root, unshare, overlayfs and /usr/sbin/sshd.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync, chmodSync, chownSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { join, resolve } from 'node:path';
import { hostRootScript, sshdConfig } from './sshd-files.js';
import { livePid, processTree } from './proc.js';

export interface LabUser {
  name: string;
  uid: number;
  /** Password for sudo (fed to openssl on stdin, never in argv). */
  sudoPassword?: string;
}

export interface LabHostsOptions {
  dir: string;
  names: string[];
  /** First three octets, e.g. "127.0.2"; host i gets .(firstHost + i). */
  network: string;
  firstHost: number;
  /** Controller paths a host must not see (a tmpfs over each): the checkout, backups, /root. */
  hide?: string[];
  /** One directory of DIR shared by every host at this path (nova's instances). */
  shared?: { name: string; path: string }[];
  users?: LabUser[];
}

export interface LabHost {
  name: string;
  address: string;
  port: number;
  dir: string;
}

/** A signal to a process that may have ended since its pid was read (ESRCH is not an error here). */
function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    /* gone */
  }
}

const delay = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function portOpen(address: string, port: number): Promise<boolean> {
  return new Promise((res) => {
    const s = connect({ host: address, port }, () => {
      s.destroy();
      res(true);
    });
    s.on('error', () => res(false));
    s.setTimeout(500, () => {
      s.destroy();
      res(false);
    });
  });
}

function keygen(file: string, comment: string): void {
  if (!existsSync(file)) execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', file]);
}

/** A user's /etc/shadow hash, the password on openssl's stdin. */
function shadowHash(password: string): string {
  return execFileSync('openssl', ['passwd', '-6', '-stdin'], { input: `${password}\n`, encoding: 'utf8' }).trim();
}

export class LabHosts {
  readonly hosts: LabHost[];
  readonly clientKey: string;
  readonly knownHosts: string;

  constructor(private readonly opts: LabHostsOptions) {
    const dir = resolve(opts.dir);
    this.hosts = opts.names.map((name, i) => ({
      name,
      address: `${opts.network}.${opts.firstHost + i}`,
      port: 22,
      dir: join(dir, 'hosts', name),
    }));
    this.clientKey = join(dir, 'keys', 'id_ed25519');
    this.knownHosts = join(dir, 'known_hosts');
  }

  host(name: string): LabHost {
    const h = this.hosts.find((x) => x.name === name);
    if (!h) throw new Error(`no lab host ${name}`);
    return h;
  }

  /** Creates what is missing (keys, seeds) and starts every host that is not running. */
  async up(extra: { seed?: (h: LabHost) => void } = {}): Promise<void> {
    const dir = resolve(this.opts.dir);
    mkdirSync(join(dir, 'keys'), { recursive: true, mode: 0o700 });
    keygen(this.clientKey, 'runbook-lab-client');
    for (const s of this.opts.shared ?? []) mkdirSync(join(dir, 'shared', s.name), { recursive: true });
    for (const h of this.hosts) {
      this.seed(h);
      extra.seed?.(h);
    }
    await Promise.all(this.hosts.map((h) => this.start(h.name)));
    writeFileSync(
      this.knownHosts,
      this.hosts
        .map(
          (h) =>
            `${h.address} ${readFileSync(join(h.dir, 'up/etc/ssh/lab_host_key.pub'), 'utf8').split(' ').slice(0, 2).join(' ')}\n`,
        )
        .join(''),
    );
    writeFileSync(join(dir, 'ssh_config'), this.sshConfig());
  }

  /** The host's upper layer: host key, sshd config, authorized keys, users. */
  seed(h: LabHost): void {
    const up = join(h.dir, 'up');
    if (existsSync(join(up, 'etc/ssh/sshd_lab_config'))) return;
    for (const d of ['up/etc/ssh/lab_keys', 'up/etc/sudoers.d', 'wk', 'root', 'home-root'])
      mkdirSync(join(h.dir, d), { recursive: true });
    keygen(join(up, 'etc/ssh/lab_host_key'), `lab-host-${h.name}`);
    writeFileSync(join(up, 'etc/ssh/sshd_lab_config'), sshdConfig());
    const pub = readFileSync(`${this.clientKey}.pub`, 'utf8');
    writeFileSync(join(up, 'etc/ssh/lab_keys/root'), pub);
    const users = this.opts.users ?? [];
    const append = (file: string, lines: string[]): void =>
      writeFileSync(join(up, 'etc', file), readFileSync(join('/etc', file), 'utf8') + lines.join(''));
    // sudo resolves the host's own name (it warns otherwise).
    append('hosts', [`${h.address} ${h.name}\n`]);
    append(
      'passwd',
      users.map((u) => `${u.name}:x:${u.uid}:${u.uid}::/home/${u.name}:/bin/sh\n`),
    );
    append(
      'group',
      users.map((u) => `${u.name}:x:${u.uid}:\n`),
    );
    append(
      'shadow',
      users.map((u) => `${u.name}:${u.sudoPassword ? shadowHash(u.sudoPassword) : '*'}:19000:0:99999:7:::\n`),
    );
    chmodSync(join(up, 'etc/shadow'), 0o640);
    for (const u of users) {
      writeFileSync(join(up, 'etc/ssh/lab_keys', u.name), pub);
      mkdirSync(join(up, 'home', u.name), { recursive: true });
      chownSync(join(up, 'home', u.name), u.uid, u.uid);
      writeFileSync(
        join(up, 'etc/sudoers.d', `lab-${u.name}`),
        `${u.name} ALL=(ALL:ALL) ${u.sudoPassword ? '' : 'NOPASSWD: '}ALL\n`,
        { mode: 0o440 },
      );
    }
  }

  private pidFile(h: LabHost): string {
    return join(h.dir, 'supervisor.pid');
  }

  /** The supervisor of a running host (a shell that boots the host again when it goes down). */
  pid(name: string): number | undefined {
    return livePid(this.pidFile(this.host(name)));
  }

  /** The host's sshd (PID 1 of its namespace), if it is up. */
  private sshd(name: string): number | undefined {
    const pid = this.pid(name);
    // supervisor → unshare → sshd
    return pid ? processTree(pid)[2] : undefined;
  }

  /**
   * Starts a host under a supervisor: when the host's PID 1 ends (`kill 1` on the host is how
   * a lab host reboots), the supervisor boots it again — new /run, new boot id — until stop().
   * With `wait: false` it returns once the host is powered (an installing host has no sshd yet).
   */
  async start(name: string, opts: { wait?: boolean } = {}): Promise<void> {
    const h = this.host(name);
    if (this.pid(name)) return;
    const dir = resolve(this.opts.dir);
    const script = hostRootScript({
      hostDir: h.dir,
      name: h.name,
      listen: `${h.address}:${h.port}`,
      hide: this.opts.hide ?? [],
      shared: (this.opts.shared ?? []).map((s) => ({ from: join(dir, 'shared', s.name), to: s.path })),
    });
    const stopFile = join(h.dir, 'stopped');
    rmSync(stopFile, { force: true });
    const loop =
      'while :; do unshare -m -p -f -u --kill-child --propagation private -- sh -c "$RB_HOST_SCRIPT"; [ -e "$RB_STOP" ] && exit 0; sleep 0.3; done';
    const child = spawn('sh', ['-c', loop], {
      detached: true,
      stdio: ['ignore', 'ignore', 'ignore'],
      env: { ...process.env, RB_HOST_SCRIPT: script, RB_STOP: stopFile },
    });
    child.unref();
    writeFileSync(this.pidFile(h), String(child.pid));
    if (opts.wait === false) return;
    for (let i = 0; i < 100; i++) {
      if (await portOpen(h.address, h.port)) return;
      if (!this.pid(name)) break;
      await delay(50);
    }
    throw new Error(`lab host ${name} did not start (see ${join(h.dir, 'up/var/log/sshd-lab.log')})`);
  }

  /**
   * Stops a host: every process in its namespace ends, its mounts go away. With graceMs, PID 1
   * gets SIGTERM first (a lab init stops its services, the database cleanly) and that long to end.
   */
  async stop(name: string, graceMs = 0): Promise<void> {
    const pid = this.pid(name);
    if (!pid) return;
    const h = this.host(name);
    writeFileSync(join(h.dir, 'stopped'), '');
    this.thaw(name);
    // unshare ignores SIGTERM while it waits; its child, the namespace's PID 1, takes every
    // process of the host with it (LAB-HOSTS.md).
    const init = this.sshd(name);
    if (init && graceMs > 0) {
      try {
        process.kill(init, 'SIGTERM');
      } catch {
        /* gone already */
      }
      for (let i = 0; i < graceMs / 50 && this.pid(name); i++) await delay(50);
    }
    if (init && this.pid(name)) {
      try {
        process.kill(init, 'SIGKILL');
      } catch {
        /* gone already */
      }
    }
    for (let i = 0; i < 150 && this.pid(name); i++) await delay(20);
    rmSync(this.pidFile(h), { force: true });
  }

  /** Blackhole: every process of the host stopped (SIGSTOP) — connections hang, nothing is refused. */
  freeze(name: string): void {
    for (const p of this.tree(name)) signal(p, 'SIGSTOP');
  }

  thaw(name: string): void {
    for (const p of this.tree(name)) signal(p, 'SIGCONT');
  }

  /** The host's own processes (not its supervisor). */
  private tree(name: string): number[] {
    const pid = this.pid(name);
    return pid ? processTree(pid).slice(1) : [];
  }

  async down(graceMs = 0): Promise<void> {
    await Promise.all(this.hosts.map((h) => this.stop(h.name, graceMs)));
  }

  sshConfig(): string {
    const hosts = this.hosts.map((h) => `Host ${h.name}\n  HostName ${h.address}\n`).join('\n');
    return `${hosts}\nHost *\n  User root\n  IdentityFile ${this.clientKey}\n  IdentitiesOnly yes\n  UserKnownHostsFile ${this.knownHosts}\n  StrictHostKeyChecking yes\n`;
  }
}
