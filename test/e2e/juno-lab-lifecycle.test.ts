// The Juno lab's lifecycle and its hosts as runbook sees them: `lab up` twice, snapshot/restore
// round trip, SysV services driven by runbook's service module, a reboot that starts only what is
// enabled, zypper refusing a major version, the BMCs and a PXE + AutoYaST reinstall to SLES 12 SP1
// (systemd), RabbitMQ's logins, the pause hook, SILENT config rows, faults, and `lab down` leaving
// nothing behind (no BMC either). Own lab on 127.0.2.41+.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { junoLabUnavailable, startJunoLab, type Shell, type TestJunoLab } from '../support/juno-lab.js';
import { CLI } from '../support/ssh-lab.js';

const skip = junoLabUnavailable();
let lab: TestJunoLab;
const machineMysql = existsSync('/var/lib/mysql') ? statSync('/var/lib/mysql').mtimeMs : 0;

function apply(playbook: string): { code: number; out: string } {
  const file = join(lab.dir, `play-${Date.now()}.yml`);
  writeFileSync(file, playbook);
  const r = spawnSync('node', [CLI, 'apply', '-i', join(lab.dir, 'inventory.ini'), file], {
    encoding: 'utf8',
    env: { ...process.env, ANSIBLE_NOCOLOR: '1' },
    timeout: 300_000,
  });
  return { code: r.status ?? -1, out: r.stdout + r.stderr };
}

/** A command on this machine, with extra environment (a password never in argv). */
function run(cmd: string, args: string[], env: Record<string, string> = {}): Shell {
  const r = spawnSync(cmd, args, { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000 });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

/** Every process under these (ps's pid/ppid table). */
function descendants(roots: number[]): number[] {
  const rows = spawnSync('ps', ['-e', '-o', 'pid=,ppid='], { encoding: 'utf8' })
    .stdout.trim()
    .split('\n')
    .map((l) => l.trim().split(/\s+/).map(Number));
  const out = new Set(roots);
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, ppid] of rows)
      if (!out.has(pid!) && out.has(ppid!)) {
        out.add(pid!);
        grew = true;
      }
  }
  return [...out];
}

const sleep = (ms: number): void => {
  spawnSync('sleep', [String(ms / 1000)]);
};
function waitFor(what: string, check: () => boolean, ms = 60_000): void {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    sleep(500);
  }
}

describe.skipIf(skip)('the Juno lab lifecycle', () => {
  beforeAll(() => {
    lab = startJunoLab('default', 41);
  }, 600_000);
  afterAll(() => lab?.down(), 120_000);

  it('lab up twice is harmless: same hosts, same data', () => {
    const before = readFileSync(join(lab.dir, 'hosts/controller1/supervisor.pid'), 'utf8');
    const count = lab.query('nova', 'SELECT COUNT(*) FROM instances');
    expect(lab.cli('up').code).toBe(0);
    expect(readFileSync(join(lab.dir, 'hosts/controller1/supervisor.pid'), 'utf8')).toBe(before);
    expect(lab.query('nova', 'SELECT COUNT(*) FROM instances')).toBe(count);
    const json = JSON.parse(readFileSync(join(lab.dir, 'lab.json'), 'utf8')) as {
      mysql: { host: string; port: number; user: string };
      hosts: { name: string; role: string }[];
    };
    expect(json.mysql).toMatchObject({ host: '127.0.2.41', port: 3306, user: 'root' });
    expect(json.hosts.map((h) => `${h.name}:${h.role}`)).toEqual(['controller1:controller', 'compute1:compute']);
    expect(statSync(join(lab.dir, 'lab.json')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(lab.dir, 'inventory.ini'), 'utf8')).toMatch(/\[openstack:children\]\ncontroller\ncompute/);
  }, 120_000);

  it('snapshot and restore round-trip the hosts, the database and the shared instances path', () => {
    expect(lab.cli('snapshot', 'before').code).toBe(0);
    const uuid = lab.query('nova', 'SELECT uuid FROM instances WHERE deleted = 0 ORDER BY id LIMIT 1');
    expect(
      lab.ssh(
        'compute1',
        `test -f /var/lib/nova/instances/${uuid}/disk && test -f /var/lib/nova/instances/${uuid}/disk.info`,
      ).code,
    ).toBe(0);
    const name = lab.query('nova', `SELECT display_name FROM instances WHERE uuid = '${uuid}'`);
    // (Juno's foreign keys keep the instance's rows from going without their dependants)
    lab.query('nova', `UPDATE instances SET display_name = 'changed' WHERE uuid = '${uuid}'`);
    lab.ssh('compute1', `rm -r /var/lib/nova/instances/${uuid}; echo changed > /etc/motd`);
    expect(lab.ssh('controller1', `test -e /var/lib/nova/instances/${uuid}`).code).not.toBe(0); // shared
    lab.restore('before');
    expect(lab.query('nova', `SELECT display_name FROM instances WHERE uuid = '${uuid}'`)).toBe(name);
    expect(lab.ssh('controller1', `test -f /var/lib/nova/instances/${uuid}/disk`).code).toBe(0);
    expect(lab.ssh('compute1', 'cat /etc/motd').out).not.toContain('changed');
  }, 120_000);

  it('runbook sees SysV hosts (service_mgr sysvinit) and drives their init scripts; a reboot starts only what is enabled', () => {
    const r = apply(`- hosts: controller1
  tasks:
    - setup:
        gather_subset: [min]
    - assert:
        that:
          - ansible_facts.service_mgr == 'sysvinit'
          - ansible_facts.distribution == 'SLES'
    - service: { name: openstack-heat-engine, state: stopped, enabled: false }
`);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/controller1\s+: ok=4\s+changed=1/);
    expect(
      apply(
        '- hosts: controller1\n  gather_facts: false\n  tasks:\n    - service: { name: openstack-heat-engine, state: stopped, enabled: false }\n',
      ).out,
    ).toMatch(/changed=0/);
    const boot = lab.ssh('controller1', 'cat /run/lab-boot-id').out;
    lab.ssh('controller1', 'reboot');
    waitFor('controller1 back', () => {
      const id = lab.ssh('controller1', 'cat /run/lab-boot-id');
      return id.code === 0 && id.out !== boot;
    });
    waitFor('nova-api up', () => lab.ssh('controller1', 'service openstack-nova-api status').code === 0);
    expect(lab.ssh('controller1', 'service openstack-heat-engine status').code).toBe(3);
    expect(lab.ssh('controller1', 'chkconfig openstack-heat-engine').out).toMatch(/openstack-heat-engine\s+off/);
  }, 180_000);

  it('the pause hook holds a tool at a chosen migration', () => {
    lab.ssh(
      'controller1',
      'zypper -n rr Cloud-5 >/dev/null; zypper -n ar lab:///liberty Cloud-6 >/dev/null; LAB_PACKAGE_SECONDS=0 zypper -n up >/dev/null; echo "nova-manage 270" > /run/fakestack/pause',
    );
    const bg = lab.ssh('controller1', 'nohup nova-manage db sync --version 280 > /tmp/sync.log 2>&1 & echo started');
    expect(bg.out).toContain('started');
    waitFor('the pause', () => lab.ssh('controller1', 'cat /run/fakestack/paused').out.startsWith('nova-manage 270 '));
    expect(lab.query('nova', "SELECT version FROM migrate_version WHERE repository_id = 'nova'")).toBe('269');
    lab.ssh('controller1', 'rm /run/fakestack/pause');
    waitFor(
      'the sync to finish',
      () => lab.query('nova', "SELECT version FROM migrate_version WHERE repository_id = 'nova'") === '280',
    );
  }, 120_000);

  it('a Liberty glance-api with the Juno glance-api.conf silently falls back to the file store (§7 row 24), and ignores an option §7 does not list', () => {
    // db_enforce_mysql_charset: a Juno glance option (glance/common/config.py @ 2014.2.4) no
    // Liberty code declares; the lab knows it from Liberty's option table, not from a list of its own
    lab.ssh('controller1', "sed -i '/^\\[DEFAULT\\]/a db_enforce_mysql_charset = False' /etc/glance/glance-api.conf");
    expect(lab.ssh('controller1', 'glance-manage db_sync && service openstack-glance-api restart').code).toBe(0);
    const eff = JSON.parse(
      lab.ssh('controller1', 'cat /var/lib/fakestack/effective/openstack-glance-api.json').out,
    ) as { options: Record<string, unknown>; ignored: string[]; deprecated: string[] };
    expect(eff.options['glance_store.default_store']).toBe('file');
    expect(eff.ignored).toContain('DEFAULT.default_store');
    expect(eff.ignored).toContain('DEFAULT.db_enforce_mysql_charset');
    // read by its deprecated group: oslo.messaging's rabbit options still come from [DEFAULT]
    expect(eff.options['oslo_messaging_rabbit.rabbit_userid']).toBe('nova');
    expect(eff.deprecated.join('\n')).toContain('Option "rabbit_host" from group "DEFAULT" is deprecated.');
    expect(lab.ssh('controller1', 'grep -c "^default_store = rbd" /etc/glance/glance-api.conf').out.trim()).toBe('1');
    lab.ssh('controller1', "sed -i '/^db_enforce_mysql_charset/d' /etc/glance/glance-api.conf");
  });

  it('zypper refuses a distribution upgrade across SLES major versions, changing nothing', () => {
    const r = lab.ssh('compute1', 'zypper -n ar lab:///sles12sp1 SLES12-SP1 >/dev/null; zypper -n dup; echo rc=$?');
    expect(r.err).toContain('cannot be reached from SLES 11 by a distribution upgrade');
    expect(r.out).toContain('rc=4');
    lab.ssh('compute1', 'zypper -n rr SLES12-SP1 >/dev/null');
    expect(lab.ssh('compute1', '. /etc/os-release; echo $VERSION_ID').out.trim()).toBe('11.3');
  });

  it("a BMC per host: ipmitool over RMCP+ with the lab's credentials (password from the environment); a wrong password is refused", () => {
    const gv = readFileSync(join(lab.dir, 'group_vars/all.yml'), 'utf8');
    const password = JSON.parse(/^bmc_password: (.*)$/m.exec(gv)![1]!) as string;
    const bmc = /compute1 .*bmc_address=(\S+)/.exec(readFileSync(join(lab.dir, 'inventory.ini'), 'utf8'))![1]!;
    const ipmi = (pw: string, ...args: string[]): Shell =>
      run('ipmitool', ['-I', 'lanplus', '-C', '3', '-H', bmc, '-U', 'admin', '-E', ...args], { IPMI_PASSWORD: pw });
    expect(ipmi(password, 'chassis', 'power', 'status').out).toContain('Chassis Power is on');
    expect(ipmi('wrong', 'chassis', 'power', 'status').code).not.toBe(0);
  });

  it("PXE + AutoYaST through the BMC: the disk wiped, SLES 12 SP1 with exactly the profile's packages, the SSH identity and the kept instances partition from the profile, a new boot", () => {
    const gv = readFileSync(join(lab.dir, 'group_vars/all.yml'), 'utf8');
    const password = JSON.parse(/^bmc_password: (.*)$/m.exec(gv)![1]!) as string;
    const install = JSON.parse(/^install_server_dir: (.*)$/m.exec(gv)![1]!) as string;
    const bmc = /compute1 .*bmc_address=(\S+)/.exec(readFileSync(join(lab.dir, 'inventory.ini'), 'utf8'))![1]!;
    const address = /compute1 ansible_host=(\S+)/.exec(readFileSync(join(lab.dir, 'inventory.ini'), 'utf8'))![1]!;
    const disks = lab.ssh('compute1', 'ls /var/lib/nova/instances | sort').out;
    const boot = lab.ssh('compute1', 'cat /proc/sys/kernel/random/boot_id').out;
    lab.ssh('compute1', 'echo site-edit > /etc/nova/local-note');
    const ssh = (f: string): string => lab.ssh('compute1', `cat /etc/ssh/${f}`).out;
    const file = (path: string, body: string, mode = '600'): string =>
      `<file><file_path>${path}</file_path><file_contents><![CDATA[${body}]]></file_contents><file_permissions>${mode}</file_permissions></file>`;
    mkdirSync(join(install, 'autoyast'), { recursive: true });
    mkdirSync(join(install, 'pxelinux.cfg'), { recursive: true });
    // a profile with two packages only: neutron's agent is left out on purpose
    writeFileSync(
      join(install, 'autoyast/compute1.xml'),
      `<?xml version="1.0"?>
<profile xmlns="http://www.suse.com/1.0/yast2ns" xmlns:config="http://www.suse.com/1.0/configns">
  <networking><dns><hostname>compute1</hostname></dns><interfaces config:type="list"><interface><ipaddr>${address}</ipaddr></interface></interfaces></networking>
  <partitioning config:type="list"><drive><partitions config:type="list"><partition><mount>/var/lib/nova/instances</mount><format config:type="boolean">false</format></partition></partitions></drive></partitioning>
  <add-on><add_on_products config:type="list"><listentry><media_url>lab:///liberty</media_url><alias>Cloud-6</alias></listentry></add_on_products></add-on>
  <software><packages config:type="list"><package>openstack-nova</package><package>openstack-nova-compute</package></packages></software>
  <files config:type="list">${file('/etc/ssh/lab_host_key', ssh('lab_host_key'))}${file('/etc/ssh/sshd_lab_config', ssh('sshd_lab_config'), '644')}${file('/etc/ssh/lab_keys/root', ssh('lab_keys/root'), '644')}</files>
</profile>
`,
    );
    writeFileSync(
      join(install, 'pxelinux.cfg/compute1'),
      'default install\nlabel install\n  append initrd=i install=lab:///sles12sp1 autoyast=http://install/autoyast/compute1.xml\n',
    );
    const ipmi = (...args: string[]): Shell =>
      run('ipmitool', ['-I', 'lanplus', '-C', '3', '-H', bmc, '-U', 'admin', '-E', 'chassis', ...args], {
        IPMI_PASSWORD: password,
      });
    expect(ipmi('bootdev', 'pxe').code).toBe(0);
    expect(ipmi('power', 'cycle').code).toBe(0);
    waitFor(
      'compute1 installed',
      () => {
        const id = lab.ssh('compute1', 'cat /proc/sys/kernel/random/boot_id');
        return id.code === 0 && id.out !== boot;
      },
      120_000,
    );
    const h = (cmd: string): string => lab.ssh('compute1', cmd).out.trim();
    expect(h('. /etc/os-release; echo $PRETTY_NAME')).toBe('SUSE Linux Enterprise Server 12 SP1');
    expect(h('cat /proc/1/comm')).toBe('systemd');
    expect(h("rpm -qa --qf '%{NAME} %{VERSION}\\n'")).toBe('openstack-nova 12.0.6\nopenstack-nova-compute 12.0.6');
    expect(lab.ssh('compute1', 'rpm -q openstack-neutron-openvswitch-agent').code).not.toBe(0);
    expect(lab.ssh('compute1', 'test -e /etc/nova/local-note').code).not.toBe(0);
    expect(h('systemctl is-enabled openstack-nova-compute')).toBe('disabled');
    expect(h('cat /etc/nova/nova.conf')).not.toContain('rabbit_host');
    expect(h('ls /var/lib/nova/instances | sort')).toBe(disks.trim());
    expect(h('test -s /root/autoinst.xml && echo kept')).toBe('kept');
    const r = apply(`- hosts: compute1
  tasks:
    - assert: { that: [ansible_facts.service_mgr == 'systemd'] }
    - systemd: { name: openstack-nova-compute, state: started, enabled: true }
`);
    // Liberty's nova-compute with the package's bare nova.conf: no database to talk to
    expect(r.code).toBe(2);
    expect(r.out).toContain('Unable to start service openstack-nova-compute');
  }, 240_000);

  it('RabbitMQ is needed: without its user on the broker nova-compute logs the refusal and stops reporting in', () => {
    lab.restore('_initial');
    expect(lab.ssh('controller1', 'nova-manage service list').out).toMatch(
      /nova-compute\s+compute1\s+nova\s+enabled\s+:-\)/,
    );
    expect(lab.ssh('controller1', 'rabbitmqctl -q delete_user nova').code).toBe(0);
    waitFor(
      'the refusal in the log',
      () =>
        lab
          .ssh('compute1', 'cat /var/log/fakestack/openstack-nova-compute.log')
          .out.includes('is unreachable: ACCESS_REFUSED - Login was refused using authentication mechanism AMQPLAIN'),
      30_000,
    );
    const before = lab.query('nova', "SELECT report_count FROM services WHERE `binary` = 'nova-compute'");
    sleep(12_000); // more than one report_interval (10 s)
    expect(lab.query('nova', "SELECT report_count FROM services WHERE `binary` = 'nova-compute'")).toBe(before);
    lab.restore('_initial');
  }, 180_000);

  it('faults: a stopped host is unreachable, a blackholed host does not answer, restore brings both back', () => {
    expect(lab.cli('fault', 'compute1', 'stop').code).toBe(0);
    const st = JSON.parse(lab.cli('status', '--json').out) as { name: string; reachable: boolean }[];
    expect(st.find((h) => h.name === 'compute1')?.reachable).toBe(false);
    expect(lab.cli('fault', 'compute1', 'restore').code).toBe(0);
    expect(lab.ssh('compute1', 'true').code).toBe(0);
    expect(lab.cli('fault', 'controller1', 'blackhole').code).toBe(0);
    const t0 = Date.now();
    const r = spawnSync('ssh', ['-F', join(lab.dir, 'ssh_config'), '-o', 'ConnectTimeout=2', 'controller1', 'true'], {
      timeout: 20_000,
    });
    expect(r.status).not.toBe(0);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1900);
    expect(lab.cli('fault', 'controller1', 'restore').code).toBe(0);
    expect(lab.ssh('controller1', 'true').code).toBe(0);
  }, 120_000);

  it('lab down leaves no process running and nothing written outside the lab dir', () => {
    const supervisors = ['controller1', 'compute1'].map((h) =>
      Number(readFileSync(join(lab.dir, 'hosts', h, 'supervisor.pid'), 'utf8')),
    );
    const pids = descendants(supervisors);
    expect(pids.length).toBeGreaterThan(10); // sshd, init, mariadbd, the services …
    expect(lab.cli('down').code).toBe(0);
    expect(pids.filter((p) => existsSync(`/proc/${p}`))).toEqual([]);
    for (const host of ['controller1', 'compute1']) {
      expect(existsSync(join(lab.dir, 'hosts', host, 'supervisor.pid'))).toBe(false);
      expect(existsSync(join(lab.dir, 'bmc', host, 'pid'))).toBe(false);
    }
    expect(spawnSync('pgrep', ['-f', `ipmi_sim -c ${lab.dir}/`]).status).not.toBe(0);
    expect(existsSync('/etc/nova')).toBe(false);
    expect(existsSync('/run/fakestack')).toBe(false);
    expect(readFileSync('/etc/os-release', 'utf8')).not.toContain('SLES');
    expect(existsSync('/var/lib/mysql') ? statSync('/var/lib/mysql').mtimeMs : 0).toBe(machineMysql);
  }, 120_000);
});
