// `runbook lab`: a simulated SUSE Cloud 5 (OpenStack Juno on SLES 11 SP3) on one machine —
// controller1 with MariaDB inside it, compute1..N, all real sshd hosts (sshd-hosts.ts) sharing
// /var/lib/nova/instances, with the fake packages of lab/fakestack. State lives in DIR:
// hosts/NAME/up (each host's own files, the database in the controller's), shared/, keys,
// snapshots/NAME, inventory.ini and lab.json.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SshPool, type SshSpec, type ExecResult } from '../connection/index.js';
import { LabHosts } from './sshd-hosts.js';
import { seedJunoHost, seedMedium, FAKESTACK, type Site } from './juno-seed.js';
import { bmcAddress, controlArgv, controlCommand, startBmc, stopBmc, chassisControl, type BmcSpec } from './bmc.js';
import { pxeEntry, prepareInstall, profileText } from './pxe.js';
import { buildLabPackages } from './packages.js';
import { writeLabFiles, type LabLayout } from './juno-files.js';

export interface JunoLabConfig {
  computes: number;
  scenario: 'default' | 'blockers';
  small: boolean;
  /** The cloud's database engine: MariaDB, or PostgreSQL as SUSE Cloud 5's Crowbar deployed by default. */
  database: 'mariadb' | 'postgresql';
  /** First three octets and first host number: 127.0.3 and 11 for `runbook lab`. */
  network: string;
  firstHost: number;
  /** Time each package takes to install (realistic reinstall durations); 0 while seeding. */
  secondsPerPackage: number;
}

export const DEFAULT_CONFIG: JunoLabConfig = {
  computes: 2,
  scenario: 'default',
  small: false,
  database: 'mariadb',
  network: '127.0.3',
  firstHost: 11,
  secondsPerPackage: 2,
};

export type HostStatus = { name: string; address: string; role: string; reachable: boolean; error?: string } & Record<
  string,
  unknown
>;

const GRACE_MS = 30_000;
/** The CLI the BMCs call back (dist/cli.js beside dist/lab/). */
const CLI_ENTRY = resolve(dirname(fileURLToPath(import.meta.url)), '../cli.js');
const PASSWORDS = ['mysql_root', 'nova', 'keystone', 'glance', 'cinder', 'neutron', 'heat', 'rabbit', 'svc', 'admin'];

export class JunoLab {
  readonly dir: string;
  readonly config: JunoLabConfig;
  readonly hosts: LabHosts;
  private readonly pool = new SshPool();

  constructor(dir: string, wanted: Partial<JunoLabConfig> = {}) {
    this.dir = resolve(dir);
    const saved = join(this.dir, 'lab-config.json');
    // A lab keeps the shape it was created with (its hosts and data exist); new flags apply to a new lab.
    this.config = existsSync(saved)
      ? { ...DEFAULT_CONFIG, ...(JSON.parse(readFileSync(saved, 'utf8')) as Partial<JunoLabConfig>) }
      : { ...DEFAULT_CONFIG, ...wanted };
    const names = ['controller1', ...Array.from({ length: this.config.computes }, (_, i) => `compute${i + 1}`)];
    const hide = [resolve(FAKESTACK, '../..'), this.dir].filter(
      (p, i, all) => !all.slice(0, i).some((q) => p.startsWith(`${q}/`)),
    );
    this.hosts = new LabHosts({
      dir: this.dir,
      names,
      network: this.config.network,
      firstHost: this.config.firstHost,
      hide,
      shared: [{ name: 'instances', path: '/var/lib/nova/instances' }],
    });
  }

  role(name: string): 'controller' | 'compute' {
    return name.startsWith('controller') ? 'controller' : 'compute';
  }

  get exists(): boolean {
    return existsSync(join(this.dir, 'lab-config.json'));
  }

  private site(): Site {
    const file = join(this.dir, 'site.json');
    if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Site;
    const controller = this.hosts.hosts[0]!;
    const site: Site = {
      controller_address: controller.address,
      computes: this.hosts.hosts.slice(1).map((h) => h.name),
      roles: Object.fromEntries(this.hosts.hosts.map((h) => [h.name, this.role(h.name)])),
      // the site's DNS (Crowbar's DNS server knows every node): nova's live_migration_uri names hosts
      hosts: Object.fromEntries(this.hosts.hosts.map((h) => [h.name, h.address])),
      mysql_root_pw: '',
      db_engine: this.config.database === 'postgresql' ? 'postgresql' : 'mysql',
      // the guests' own loopback addresses, apart from the hosts' (fakestack/seed.py guest_network)
      guest_network: `127.${200 + Number(this.config.network.split('.')[2])}.${this.config.firstHost}`,
      ...Object.fromEntries(PASSWORDS.map((p) => [`${p}_pw`, randomBytes(9).toString('base64url')])),
    };
    site.ctl = controller.address;
    writeFileSync(file, JSON.stringify(site, null, 1), { mode: 0o600 });
    return site;
  }

  /** The install server's directory (pxe.ts): pxelinux.cfg/ and autoyast/. */
  get installDir(): string {
    return join(this.dir, 'install');
  }

  private bmcPassword(): string {
    const file = join(this.dir, 'bmc', 'password');
    if (!existsSync(file)) {
      mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
      writeFileSync(file, randomBytes(9).toString('base64url'), { mode: 0o600 });
    }
    return readFileSync(file, 'utf8');
  }

  /** The host's BMC (bmc.ts): its own address, the lab's one admin user. */
  bmc(name: string): BmcSpec {
    const h = this.hosts.host(name);
    return {
      host: name,
      address: bmcAddress(h.address),
      user: 'admin',
      password: this.bmcPassword(),
      dir: this.dir,
      control: controlCommand(CLI_ENTRY, this.dir, name),
    };
  }

  private async startBmcs(): Promise<void> {
    if (!existsSync(CLI_ENTRY))
      throw new Error(`the lab's BMCs call ${CLI_ENTRY}: build runbook first (npm run build)`);
    await Promise.all(this.hosts.hosts.map((h) => startBmc(this.bmc(h.name))));
  }

  /** One request of a BMC's chassis control (`runbook lab bmc HOST get|set …`). */
  chassis(name: string, args: string[]): Promise<string> {
    this.hosts.host(name);
    return chassisControl(this.dir, name, args, {
      isOn: () => this.hosts.pid(name) !== undefined,
      off: () => this.hosts.stop(name),
      on: (pxe) => {
        const [node, ...argv] = controlArgv(CLI_ENTRY, this.dir, name);
        const child = spawn(node!, [...argv, 'power-on', pxe ? 'pxe' : 'disk'], { detached: true, stdio: 'ignore' });
        child.unref();
      },
    });
  }

  /**
   * Power on: from the local disk, or from the network — the install server's PXE entry and
   * AutoYaST profile for the host wipe its disk and install it (pxe.ts); without an entry, PXE
   * falls through to the disk; with an entry whose profile is missing the installer stops
   * there and the host never comes up (its console says why).
   */
  async powerOn(name: string, pxe: boolean): Promise<void> {
    const h = this.hosts.host(name);
    const entry = pxe ? pxeEntry(this.installDir, name) : undefined;
    if (entry) {
      const profile = profileText(this.installDir, entry.autoyast);
      const console = join(this.dir, 'bmc', name, 'console.log');
      if (profile === undefined) {
        writeFileSync(console, `${new Date().toISOString()} AutoYaST: cannot read the profile ${entry.autoyast}\n`, {
          flag: 'a',
        });
        return;
      }
      writeFileSync(console, `${new Date().toISOString()} PXE: installing from ${entry.install}\n`, { flag: 'a' });
      const repos = buildLabPackages(this.dir);
      prepareInstall(h.dir, entry, profile, (up) => seedMedium(up, this.site(), this.config.secondsPerPackage, repos));
    }
    await this.hosts.start(name, { wait: false });
  }

  spec(name: string): SshSpec {
    const h = this.hosts.host(name);
    return {
      name,
      address: h.address,
      port: h.port,
      user: 'root',
      keyFiles: [this.hosts.clientKey],
      identitiesOnly: true,
      jumps: [],
      knownHostsFiles: [this.hosts.knownHosts],
      strict: 'yes',
      timeoutMs: 10_000,
      keepaliveMs: 15_000,
      keepaliveCountMax: 3,
    };
  }

  /** Runs a shell command on a lab host as root. */
  run(name: string, command: string, timeoutMs = 300_000): Promise<ExecResult> {
    return this.pool.connection(name, this.spec(name)).exec(command, { timeoutMs });
  }

  private async must(name: string, command: string): Promise<string> {
    const r = await this.run(name, command);
    if (r.exitCode !== 0)
      throw new Error(`${name}: \`${command}\` failed (exit ${r.exitCode}):\n${r.stdout}${r.stderr}`);
    return r.stdout;
  }

  /** Brings the lab up: seeds and provisions it the first time, boots it after `down`. */
  async up(log: (s: string) => void = () => undefined): Promise<void> {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    if (!this.exists) writeFileSync(join(this.dir, 'lab-config.json'), `${JSON.stringify(this.config, null, 1)}\n`);
    const site = this.site();
    const repos = buildLabPackages(this.dir);
    await this.hosts.up({ seed: (h) => seedJunoHost(join(h.dir, 'up'), site, this.config.secondsPerPackage, repos) });
    await this.startBmcs();
    if (!existsSync(join(this.dir, 'provisioned'))) {
      await this.provision(log);
      writeFileSync(join(this.dir, 'provisioned'), new Date().toISOString());
      await this.snapshot('_initial', log);
    }
    await this.waitReady();
    await this.resumeGuests();
    this.writeFiles(site);
  }

  /** The guests libvirt recorded running, running again after the lab's hosts came up (virsh.py). */
  private async resumeGuests(): Promise<void> {
    await Promise.all(
      this.hosts.hosts
        .filter((h) => this.role(h.name) === 'compute')
        .map((h) => this.must(h.name, 'PYTHONPATH=/usr/lib/fakestack python3 -m fakestack.cli lab-guests resume')),
    );
  }

  /** The lab's guests (lab-domain.json on the shared instances path): name, address, the port they answer on. */
  guests(): { name: string; address: string; port: number; host: string }[] {
    const root = join(this.dir, 'shared', 'instances');
    if (!existsSync(root)) return [];
    return readdirSync(root)
      .map((d) => join(root, d, 'lab-domain.json'))
      .filter((f) => existsSync(f))
      .map((f) => JSON.parse(readFileSync(f, 'utf8')) as { name: string; address?: string; host: string })
      .filter((d) => d.address)
      .map((d) => ({ name: d.name, address: d.address!, port: 80, host: d.host }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  private writeFiles(site: Site): void {
    const layout: LabLayout = {
      dir: this.dir,
      hosts: this.hosts.hosts.map((h) => ({ ...h, role: this.role(h.name) })),
      clientKey: this.hosts.clientKey,
      knownHosts: this.hosts.knownHosts,
      mysqlRootPassword: site.mysql_root_pw,
      adminPassword: String(site.admin_pw),
      bmcAddress: (name) => this.bmc(name).address,
      bmcUser: 'admin',
      bmcPassword: this.bmcPassword(),
      installDir: this.installDir,
      scenario: this.config.scenario,
      small: this.config.small,
      database: this.config.database,
      guests: this.guests(),
    };
    writeLabFiles(layout);
  }

  /** SUSE Cloud 5's deployment, in short: Juno packages, the site's configs, services enabled; data seeded. */
  private async provision(log: (s: string) => void): Promise<void> {
    const controller = this.hosts.hosts[0]!.name;
    log('installing the Juno packages');
    await Promise.all(
      this.hosts.hosts.map((h) =>
        this.must(
          h.name,
          `LAB_PACKAGE_SECONDS=0 zypper -n in -t pattern cloud_${this.role(h.name)} >/dev/null && PYTHONPATH=/usr/lib/fakestack python3 -m fakestack.cli lab-rc enable-all`,
        ),
      ),
    );
    log(`seeding the databases (scenario ${this.config.scenario}${this.config.small ? ', small' : ''})`);
    await this.must(
      controller,
      `service ${this.config.database === 'postgresql' ? 'postgresql' : 'mysql'} start >/dev/null && PYTHONPATH=/usr/lib/fakestack python3 -m fakestack.cli seed ${this.config.scenario}${this.config.small ? ' --small' : ''}`,
    );
    log('starting the services');
    await this.must(controller, 'PYTHONPATH=/usr/lib/fakestack python3 -m fakestack.cli lab-rc boot');
    await Promise.all(
      this.hosts.hosts
        .slice(1)
        .map((h) => this.must(h.name, 'PYTHONPATH=/usr/lib/fakestack python3 -m fakestack.cli lab-rc boot')),
    );
  }

  /** Every host answers and runs every service it has enabled. */
  async waitReady(timeoutMs = 90_000): Promise<HostStatus[]> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const st = await this.status();
      const pending = st.filter(
        (h) =>
          !h.reachable ||
          Object.values((h.services ?? {}) as Record<string, { active: boolean; enabled: boolean }>).some(
            (s) => s.enabled && !s.active,
          ),
      );
      if (!pending.length) return st;
      if (Date.now() > until) throw new Error(`lab not ready: ${pending.map((h) => h.name).join(', ')}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }

  async status(): Promise<HostStatus[]> {
    return Promise.all(
      this.hosts.hosts.map(async (h): Promise<HostStatus> => {
        const base = { name: h.name, address: h.address, role: this.role(h.name) };
        if (!this.hosts.pid(h.name)) return { ...base, reachable: false, error: 'stopped' };
        try {
          const r = await this.run(h.name, '/usr/sbin/lab-status', 15_000);
          if (r.exitCode !== 0) return { ...base, reachable: true, error: r.stderr.trim() };
          return { ...base, reachable: true, ...(JSON.parse(r.stdout) as Record<string, unknown>) };
        } catch (e) {
          await this.pool.drop(this.spec(h.name));
          return { ...base, reachable: false, error: (e as Error).message };
        }
      }),
    );
  }

  async down(): Promise<void> {
    await this.pool.close();
    await this.hosts.down(GRACE_MS);
    for (const h of this.hosts.hosts) stopBmc(this.dir, h.name);
  }

  async close(): Promise<void> {
    await this.pool.close();
  }

  private snapDir(name: string): string {
    if (!/^[\w.-]+$/.test(name)) throw new Error(`bad snapshot name '${name}' (letters, digits, . _ -)`);
    return join(this.dir, 'snapshots', name);
  }

  snapshots(): string[] {
    const d = join(this.dir, 'snapshots');
    return existsSync(d) ? readdirSync(d).sort() : [];
  }

  /** The hosts' own layers and the shared directory, taken with every host stopped cleanly. */
  async snapshot(name: string, log: (s: string) => void = () => undefined): Promise<void> {
    const to = this.snapDir(name);
    const running = this.hosts.hosts.some((h) => this.hosts.pid(h.name));
    await this.down();
    rmSync(to, { recursive: true, force: true });
    mkdirSync(join(to, 'hosts'), { recursive: true });
    for (const h of this.hosts.hosts) {
      mkdirSync(join(to, 'hosts', h.name), { recursive: true });
      copy(join(h.dir, 'up'), join(to, 'hosts', h.name, 'up'));
    }
    copy(join(this.dir, 'shared'), join(to, 'shared'));
    log(`snapshot ${name} taken`);
    if (running) {
      await this.hosts.up();
      await this.startBmcs();
      await this.waitReady();
      await this.resumeGuests();
    }
  }

  async restore(name: string): Promise<void> {
    const from = this.snapDir(name);
    if (!existsSync(from)) throw new Error(`no snapshot '${name}' (have: ${this.snapshots().join(', ') || 'none'})`);
    await this.down();
    for (const h of this.hosts.hosts) {
      rmSync(join(h.dir, 'up'), { recursive: true, force: true });
      rmSync(join(h.dir, 'wk'), { recursive: true, force: true });
      mkdirSync(join(h.dir, 'wk'));
      copy(join(from, 'hosts', h.name, 'up'), join(h.dir, 'up'));
    }
    rmSync(join(this.dir, 'shared'), { recursive: true, force: true });
    copy(join(from, 'shared'), join(this.dir, 'shared'));
    await this.hosts.up();
    await this.startBmcs();
    await this.waitReady();
    await this.resumeGuests();
  }

  async fault(name: string, action: 'stop' | 'blackhole' | 'restore'): Promise<void> {
    this.hosts.host(name);
    await this.pool.drop(this.spec(name));
    if (action === 'stop') await this.hosts.stop(name);
    else if (action === 'blackhole') this.hosts.freeze(name);
    else {
      this.hosts.thaw(name);
      await this.hosts.start(name);
    }
  }
}

// cp -a keeps owners, modes, xattrs and the overlay's whiteouts (device files); reflinks where the
// filesystem has them.
function copy(from: string, to: string): void {
  execFileSync('cp', ['-a', '--reflink=auto', from, to]);
}
