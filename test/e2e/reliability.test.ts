// Issue 8 on the Juno lab (own lab on 127.0.2.61+, 1 controller + 1 compute): a vaulted
// password in no output, report, state file or process argv — local and on the hosts, logged by
// argv-recording shims first in PATH —, and faults struck at chosen moments: the backup disk full,
// SIGINT during a large copy, MariaDB stopped during restore, runbook SIGKILLed while
// `nova-manage db sync` is held at a migration by the lab's pause hook. The last two are one
// upgrade, in order: each strike's --resume is where the next strike lands.
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encryptVault } from '../../src/vault/index.js';
import { junoLabUnavailable, startJunoLab, type TestJunoLab } from '../support/juno-lab.js';
import { cloudDb, type CloudDb, type Row } from '../support/cloud-db.js';
import { runUnderShims, secretIn } from '../support/argv-shims.js';
import { strikeAt } from '../support/upgrade-scenarios.js';

const skip = junoLabUnavailable();
let lab: TestJunoLab;
let db: CloudDb;
let site: string;
const HOSTS = ['controller1', 'compute1'];

describe.skipIf(skip)('reliability on the lab: secrets and faults', () => {
  let before: { instances: Row[]; checksums: Row[] };
  beforeAll(() => {
    lab = startJunoLab('default', 61, 1);
    db = cloudDb(lab);
    site = mkdtempSync(join(tmpdir(), 'rb-site-faults-'));
    before = { instances: db.instances(), checksums: db.checksums() };
  }, 600_000);
  afterAll(() => lab?.down(), 120_000);

  it('a vaulted DB password at -vvvv, with --report and a failing task, is in no output, report, state file or argv, local or remote', async () => {
    const password = lab.site.mysql_root_pw!;
    expect(password.length).toBeGreaterThan(8);
    const dir = mkdtempSync(join(tmpdir(), 'rb-argv-site-'));
    writeFileSync(join(dir, 'vault-pass'), 'the vault password\n');
    writeFileSync(
      join(dir, 'vault.yml'),
      encryptVault(`vault_db_password: ${password}\n`, { id: 'default', password: Buffer.from('the vault password') }),
    );
    writeFileSync(
      join(dir, 'secrets.yml'),
      `- hosts: controller1
  gather_facts: false
  vars_files: [vault.yml]
  module_defaults:
    # each module by name: community.mysql 3.7 has no action group (Ansible refuses group/ there)
    community.mysql.mysql_query: &login { login_user: root, login_password: "{{ vault_db_password }}", login_unix_socket: /run/mysqld/mysqld.sock }
    community.mysql.mysql_db: *login
    community.mysql.mysql_user: *login
  tasks:
    - community.mysql.mysql_query: { query: SELECT COUNT(*) AS n FROM keystone.user }
    - community.mysql.mysql_db: { name: keystone, state: dump, target: /tmp/rb-secret-keystone.sql.gz }
    - community.mysql.mysql_db: { name: rb_secret_scratch, state: present }
    - community.mysql.mysql_db: { name: rb_secret_scratch, state: import, target: /tmp/rb-secret-keystone.sql.gz }
    - community.mysql.mysql_user: { name: rb_secret_user, host: localhost, password: "{{ vault_db_password }}", priv: "rb_secret_scratch.*:SELECT" }
    - community.mysql.mysql_user: { name: rb_secret_user, host: localhost, state: absent }
    - community.mysql.mysql_db: { name: rb_secret_scratch, state: absent }
    - name: a local process that gets the password on its stdin
      ansible.builtin.shell: cat > /dev/null
      args: { stdin: "{{ vault_db_password }}" }
      delegate_to: localhost
    - ansible.builtin.debug: { msg: "logging in with {{ vault_db_password }}" }
- hosts: all
  gather_facts: false
  vars_files: [vault.yml]
  tasks:
    - name: as root through sudo, with the vaulted become password
      ansible.builtin.command: id -u
      become: true
      vars: { ansible_become_password: "{{ vault_db_password }}" }
    - name: a failing task that echoes the password
      ansible.builtin.shell: echo "{{ vault_db_password }}"; exit 4
      when: inventory_hostname == 'compute1'
`,
    );
    const temporary = (): string[] =>
      HOSTS.map((h) => lab.ssh(h, "ls -A /tmp | grep -e '^\\.rb-' -e '^\\.runbook-' -e '^tmp\\.' | sort").out);
    const temporaryBefore = temporary();
    // every program runbook starts through PATH, here and on the hosts, is logged
    const {
      r,
      remote,
      local: localLog,
    } = await runUnderShims(
      lab,
      HOSTS,
      ['-vvvv', '--vault-password-file', 'vault-pass', '--report', 'run.html', 'secrets.yml'],
      dir,
    );
    expect(r.code, r.out.slice(-3000)).toBe(2);
    expect(r.out).toContain('logging in with ********');
    // the client files that carried the password to mysqldump and mysql are gone
    expect(temporary()).toEqual(temporaryBefore);
    const state = readdirSync(join(dir, '.runbook'))
      .map((f) => readFileSync(join(dir, '.runbook', f), 'utf8'))
      .join('');
    // the shims saw the processes that handle the password: mysqldump and mysql with a defaults
    // file, sudo, the login shells of exec channels, the local shell fed on stdin
    expect(remote).toMatch(/^mysqldump --defaults-extra-file=/m);
    expect(remote).toMatch(/^mysql --defaults-extra-file=/m);
    expect(remote).toMatch(/^sudo -H -S /m);
    expect(remote).toMatch(/^login-shell -c /m);
    expect(localLog).toMatch(/^cat$/m);
    expect(
      secretIn(password, [
        ['stdout', r.out],
        ['stderr', r.err],
        ['report', readFileSync(join(dir, 'run.html'), 'utf8')],
        ['state file', state],
        ['argv on the hosts', remote],
        ['argv on this machine', localLog],
      ]),
    ).toEqual([]);
  }, 300_000);

  it('the backup disk full (a small tmpfs where the dumps go): preflight refuses, nothing is stopped', () => {
    const m = lab.ssh(
      'controller1',
      'mkdir -p /var/backups/openstack && mount -t tmpfs -o size=4m tmpfs /var/backups/openstack',
    );
    expect(m.code, m.err).toBe(0);
    try {
      const r = lab.apply(['upgrade-juno-liberty.yml'], site);
      expect(r.code, r.out.slice(-2000)).toBe(2);
      expect(r.out).toMatch(
        /Not enough space for the Database dump on node controller1! Database size is: \d+MiB, available space on \/var\/backups\/openstack is only [0-4]MiB\./,
      );
      expect(r.out).not.toContain('TASK [backup');
      const st = JSON.parse(lab.cli('status', '--json').out) as { services: Record<string, { active: boolean }> }[];
      expect(st.every((h) => Object.values(h.services).every((s) => s.active))).toBe(true);
      expect(lab.ssh('controller1', 'ls -A /var/backups/openstack').out).toBe('');
    } finally {
      lab.ssh('controller1', 'umount /var/backups/openstack; rmdir /var/backups/openstack');
    }
  }, 300_000);

  it('SIGINT during a large copy: exit 99, no half-written file on any host, the state file whole and marked interrupted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rb-sigint-'));
    const big = randomBytes(192 * 1024 * 1024);
    writeFileSync(join(dir, 'big.bin'), big);
    const sum = createHash('sha1').update(big).digest('hex');
    writeFileSync(
      join(dir, 'copy.yml'),
      '- hosts: all\n  gather_facts: false\n  tasks:\n    - ansible.builtin.copy: { src: big.bin, dest: /root/rb-big.bin }\n',
    );
    const run = lab.applyAsync(['copy.yml'], dir);
    // strike once the transfer is under way: the temporary file beside the destination exists
    for (let i = 0; ; i++) {
      if (lab.ssh('controller1', 'ls -A /root').out.includes('.rb-big.bin.rb-')) break;
      if (i > 600) throw new Error(`no transfer seen:\n${run.out()}`);
      await new Promise((res) => setTimeout(res, 20));
    }
    run.child.kill('SIGINT');
    const r = await run.done;
    expect(r.code, r.out + r.err).toBe(99);
    expect(r.err).toContain('ERROR! User interrupted execution');
    await new Promise((res) => setTimeout(res, 1500)); // the hosts' shells see the closed channel
    for (const h of HOSTS) {
      // the destination is whole or absent, and no temporary file is left
      const ls = lab.ssh(h, 'cd /root && ls -A | grep rb-big; test ! -e rb-big.bin || sha1sum rb-big.bin').out;
      expect(
        ls.split('\n').filter((l) => l.includes('.rb-big.bin.rb-')),
        h,
      ).toEqual([]);
      if (ls.includes('rb-big.bin\n')) expect(ls, h).toContain(sum);
    }
    const state = JSON.parse(
      readFileSync(
        join(
          dir,
          '.runbook',
          readdirSync(join(dir, '.runbook')).find((f) => f.endsWith('.json'))!,
        ),
        'utf8',
      ),
    ) as { status: string };
    expect(state.status).toBe('interrupted');
    for (const h of HOSTS) lab.ssh(h, 'rm -f /root/rb-big.bin');
  }, 300_000);

  it('MariaDB stopped during restore: a clear failure naming the database, the restore marked unfinished', async () => {
    const run = lab.applyAsync(['upgrade-juno-liberty.yml'], site);
    // runbook held still while MariaDB goes down, so the strike lands inside restore
    expect(
      await strikeAt(
        lab,
        run,
        /TASK \[restore : each database dropped and imported from its dump\]/,
        'systemctl stop mysql',
      ),
    ).toBe(0);
    const r = await run.done;
    expect(r.code, r.out.slice(-3000) + r.err).toBe(2);
    // at connect (the socket gone) or mid-query (the server went away under a DROP or an import)
    expect(r.out).toMatch(
      /unable to connect to database, check login_user and login_password are correct or \S+ has the credentials\. Exception message: .*(cannot reach \/run\/mysqld\/mysqld\.sock|Connection lost: The server closed the connection)|"msg": "mysql_db: Connection lost: The server closed the connection\."|"msg": "mysql failed \(exit \d+\): ERROR 2013/,
    );
    expect(r.err).toMatch(
      /controller1: failed at "restore : (each database dropped and imported from its dump|imported)" \(\S*roles\/restore\/tasks\/db\/mysql\/import\.yml:\d+\)/,
    );
    expect(r.err).toMatch(/resume with:\n {2}runbook apply --resume /);
    expect(lab.ssh('controller1', 'cat /var/backups/openstack/restore-in-progress').code).toBe(0);
  }, 900_000);

  it('--resume starts MariaDB and restores again; runbook SIGKILLed while nova-manage db sync is held at 295, --resume waits for it and completes, the database intact', async () => {
    // the pause hook holds `nova-manage db sync` before migration 295 (the sync to head)
    lab.ssh('controller1', 'echo "nova-manage 295" > /run/fakestack/pause');
    const first = lab.applyAsync(['--resume', 'upgrade-juno-liberty.yml'], site);
    for (
      let i = 0;
      !lab.ssh('controller1', 'cat /run/fakestack/paused 2>/dev/null').out.startsWith('nova-manage 295 ');
      i++
    ) {
      if (i > 3000) throw new Error(`nova-manage never reached 295:\n${first.out().slice(-3000)}`);
      await new Promise((res) => setTimeout(res, 100));
    }
    // the restore ran again from the verified dumps, and its mark is gone
    expect(first.out()).toMatch(/TASK \[restore : imported\][^\n]*\n(changed|ok): \[controller1\] => \(item=nova\)/);
    expect(first.out()).toMatch(
      /TASK \[restore : the same rows as when the backup was taken\][^\n]*\nok: \[controller1\]/,
    );
    first.child.kill('SIGKILL');
    await first.done;
    expect(lab.query('nova', "SELECT version FROM migrate_version WHERE repository_id = 'nova'")).toBe('294');
    // resumed: the step still running on the host is waited for, then run again
    const second = lab.applyAsync(['--resume', 'upgrade-juno-liberty.yml'], site);
    await new Promise<void>((res, rej) => {
      const t = setInterval(() => {
        if (/this step of the run being resumed is still running\s\(pid \d+/.test(second.out() + second.err())) {
          clearInterval(t);
          res();
        }
        if (second.child.exitCode !== null) {
          clearInterval(t);
          rej(new Error(`the resumed run ended without waiting:\n${second.out().slice(-3000)}`));
        }
      }, 50);
    });
    lab.ssh('controller1', 'rm -f /run/fakestack/pause');
    const r = await second.done;
    expect(r.code, r.out.slice(-3000) + r.err).toBe(0);
    expect(db.versions()).toBe('nova=302 nova_api=3 keystone=75 glance=42 cinder=60 heat=65');
    expect(db.instances()).toEqual(before.instances);
    expect(db.checksums()).toEqual(before.checksums);
    expect(db.sysmetaFlavors()).toBe('0');
    expect(lab.ssh('controller1', 'test -e /var/backups/openstack/restore-in-progress').code).toBe(1);
  }, 900_000);
});
