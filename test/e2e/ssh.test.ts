// End to end over real sshd hosts (test/support/ssh-lab.ts): every core module over SSH, run
// twice (changes, then changed=0), become with and without a password, an unreachable host,
// the channel budget counted by sshd itself, a changed host key, and ProxyJump.
import { readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, startTestLab, sshLabUnavailable, recap, OPERATOR_PASSWORD, type TestLab } from '../support/ssh-lab.js';
import { ansibleUnavailable } from '../support/ansible.js';
import { ensureDebianPackage } from '../support/debian-package.js';

const why = sshLabUnavailable();
if (why) console.warn(`skipping SSH e2e tests: ${why}`);
const FILES = resolve('test/e2e/files');

const MODULES = `
- hosts: lab
  gather_facts: true
  vars_files: [${FILES}/vars.yml]
  tasks:
    - assert: {that: ["ansible_hostname == inventory_hostname", "ansible_distribution != ''", "lab_secret_value == 'from-vars-file'"]}
    - file: {path: /srv/app, state: directory, mode: "0750"}
    - copy: {dest: /srv/app/plain.txt, content: "hello {{ inventory_hostname }}\\n", mode: "0640", force: false}
    - copy: {src: ${FILES}/hello.sh, dest: /srv/app/hello.sh, mode: "0755"}
    - template: {src: ${FILES}/app.conf.j2, dest: /srv/app/app.conf}
    - copy: {dest: /srv/app/edited.conf, content: "[main]\\nhost = x\\n", force: false}
    - lineinfile: {path: /srv/app/edited.conf, line: "debug = true", insertafter: "^\\\\[main\\\\]"}
    - blockinfile: {path: /srv/app/edited.conf, block: "[extra]\\nk = v"}
    - ini_file: {path: /srv/app/nova.conf, section: DEFAULT, option: rpc_backend, value: rabbit}
    - replace: {path: /srv/app/plain.txt, regexp: "^hello", replace: "hi"}
    - file: {src: /srv/app/plain.txt, dest: /srv/app/link.txt, state: link}
    - file: {path: /srv/app/gone, state: absent}
    - command: /srv/app/hello.sh arg1
      args: {creates: /tmp/script-out}
    - shell: "echo made > /srv/app/made-by-shell"
      args: {creates: /srv/app/made-by-shell}
    - script: ${FILES}/hello.sh again
      args: {creates: /tmp/script-out-2}
    - command: cp /tmp/script-out /tmp/script-out-2
      args: {creates: /tmp/script-out-2}
    - uri: {url: "{{ http_base }}/status", return_content: true}
      register: web
    - get_url: {url: "{{ http_base }}/file.txt", dest: /srv/app/downloaded.txt, checksum: "sha1:997e49bbf4ad5ee847d0e77aa30648c70c71323c"}
    - unarchive: {src: ${resolve('test/cases/39_unarchive/files/app.tar.gz')}, dest: /srv/app}
    - stat: {path: /srv/app/plain.txt}
      register: st
    - slurp: {src: /srv/app/plain.txt}
      register: sl
    - find: {paths: /srv/app, patterns: "*.txt"}
      register: found
    - fetch: {src: /srv/app/plain.txt, dest: "{{ fetch_dir }}/"}
    - set_fact: {mode_seen: "{{ st.stat.mode }}"}
    - include_vars: {file: ${FILES}/vars.yml, name: included}
    - wait_for: {port: 22, host: "{{ ansible_host }}", timeout: 5}
    - pause: {seconds: 0}
    - command: sleep 0
      async: 10
      poll: 1
      changed_when: false
    - debug: {msg: "{{ mode_seen }} {{ sl.content | b64decode | trim }} {{ found.matched }} {{ included.lab_secret_value }} {{ web.content }}"}
    - fail: {msg: never}
      when: found.matched != 2
    - meta: noop
`;

/** A shell command on a lab host through `runbook run` (resetting what a parity test leaves). */
function shellOn(t: TestLab, host: string, cmd: string): void {
  const r = spawnSync('node', [CLI, 'run', '-i', t.inventory, host, '-m', 'shell', '-a', cmd], { encoding: 'utf8' });
  expect(r.status, r.stdout).toBe(0);
}

/** ansible-playbook 2.14 on the lab inventory, as the reference run of a parity test. */
function ansiblePlaybook(t: TestLab, file: string): { status: number | null; stdout: string } {
  const missing = ansibleUnavailable();
  if (missing) throw new Error(missing);
  const ap = spawnSync('ansible-playbook', ['-i', t.inventory, file], {
    encoding: 'utf8',
    env: { ...process.env, ANSIBLE_NOCOLOR: '1', ANSIBLE_PYTHON_INTERPRETER: 'auto_silent' },
    timeout: 300_000,
  });
  expect(ap.status, `${ap.stdout}${ap.stderr}`).toBe(0);
  return ap;
}

/** ok/changed/fatal per task for a host, in order. */
function statusesOf(out: string, host: string): string[] {
  return out
    .split('\n')
    .filter((l) => ['ok', 'changed', 'fatal'].some((s) => l.startsWith(`${s}: [${host}]`)))
    .map((l) => l.split(' ')[0]!);
}

// what some tests run on the lab hosts, from Debian (see `needs` below)
const PACKAGES: [path: string, pkg: string][] = [
  ['/usr/bin/zypper', 'zypper'],
  ['/usr/bin/dnf', 'dnf'],
  ['/usr/bin/createrepo_c', 'createrepo-c'],
  ['/usr/bin/rpmbuild', 'rpm'],
  ['/usr/lib/postgresql/15/bin/initdb', 'postgresql'],
  ['/usr/lib/python3/dist-packages/psycopg2/__init__.py', 'python3-psycopg2'],
  ['/sbin/modprobe', 'kmod'],
];

describe.skipIf(why !== undefined)('SSH end to end', () => {
  let t: TestLab;
  // An HTTP server the lab hosts reach (they share this machine's network): uri, get_url. A
  // process of its own, since t.apply blocks this one.
  const http = { proc: undefined as ChildProcess | undefined, base: '' };
  // The Debian packages some tests need, installed before the lab hosts start: a host's root is
  // an overlay of this machine's, and a package installed under a mounted overlay may not show
  // in it (on a fresh machine zypper's and dnf's tests failed so, though apt had installed them)
  const missing = new Map<string, string>();
  const needs = (...pkgs: string[]): void => {
    for (const pkg of pkgs) if (missing.has(pkg)) throw new Error(missing.get(pkg));
  };
  beforeAll(async () => {
    for (const [path, pkg] of PACKAGES) {
      const reason = ensureDebianPackage(path, pkg);
      if (reason) missing.set(pkg, reason);
    }
    t = await startTestLab(['ssh1', 'ssh2', 'ssh3'], 11);
    const code =
      "require('http').createServer((q, r) => { if (q.url === '/file.txt') { r.writeHead(200, {'Content-Type': 'text/plain'}); r.end('payload\\n'); } else { r.writeHead(200); r.end('up'); } }).listen(0, '127.0.0.1', function () { console.log(this.address().port); });";
    http.proc = spawn('node', ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
    const port = await new Promise<string>((r) =>
      http.proc?.stdout?.once('data', (d: Buffer) => r(d.toString().trim())),
    );
    http.base = `http://127.0.0.1:${port}`;
    // apt-get of the packages on a fresh machine: minutes
  }, 900_000);
  afterAll(async () => {
    http.proc?.kill();
    await t?.down();
  });

  it('runs raw, which always reports a change, with the output of the host', () => {
    const r = t.apply(
      '- hosts: ssh1\n  gather_facts: false\n  tasks:\n    - raw: hostname\n      register: h\n    - assert: {that: "h.stdout | trim == \'ssh1\' and h.rc == 0"}\n',
    );
    expect(r.code, r.out).toBe(0);
    expect(recap(r.out, 'ssh1')).toMatchObject({ changed: 1, failed: 0 });
  }, 30_000);

  it("command runs its argv as ansible-playbook 2.14 does (no shell builtin, Python's OSError for a missing or non-executable program, cmd masked); the pooled shell keeps nothing of one command for the next", () => {
    const play = `
- hosts: ssh1
  gather_facts: false
  tasks:
    - command: echo 'a\\nb' -e x
      register: e
    - command: type ls
      ignore_errors: true
    - command: /no/such/prog --password secret plain
      ignore_errors: true
    - command: /etc/passwd a
      ignore_errors: true
    - command: /usr/bin/env
      environment: {RB_X: "it's"}
      register: env1
    - command: /bin/sh -c 'umask 077; cd /; X=1; exit 3'
      ignore_errors: true
    - shell: umask 027; cd /etc; Y=2; echo "\${RB_X:-unset}"
      register: env2
    - shell: echo "$(umask) $(pwd) \${X:-unset} \${Y:-unset}"
      register: after
    - command: pwd
      args: {chdir: /etc}
      register: d
    - command: /bin/pwd
      register: home
    - debug:
        msg: "{{ e.stdout_lines }} {{ env1.stdout_lines | select('match', 'RB_') | list }} {{ env2.stdout }} {{ after.stdout }} {{ d.stdout }} {{ home.stdout }}"
`;
    const file = join(t.dir, 'command-argv-play.yml');
    writeFileSync(file, play);
    // the lines both print, run-specific times left out
    const seen = (out: string): string[] =>
      out
        .split('\n')
        .filter((l) => /^(fatal|ok|changed): \[ssh1\]|"msg": /.test(l))
        .map((l) => l.replace(/"(start|end|delta)": "[^"]*", /g, '').replace(/"ansible_facts": \{[^}]*\}, /, ''));
    const rb = t.apply(play);
    expect(rb.code, rb.out).toBe(0);
    // echo kept its backslash, the environment reached env alone, no umask, cwd or variable stayed
    expect(rb.out).toContain(String.raw`['a\\\\nb -e x'] [\"RB_X=it's\"] unset 0022 `);
    expect(rb.out).toMatch(/ unset 0022 \/\S* unset unset \/etc \/\S*"/);
    expect(seen(ansiblePlaybook(t, file).stdout)).toEqual(seen(rb.out));
  }, 300_000);

  it('leaves nothing the facts and file modules assign in the pooled shell for a later raw command, which sees a fresh login shell as under ansible-playbook 2.14', () => {
    const play = `
- hosts: ssh1
  gather_facts: true
  tasks:
    - copy: {content: "x\\n", dest: /tmp/rb-leak.txt}
    - stat: {path: /tmp/rb-leak.txt}
    - lineinfile: {path: /tmp/rb-leak.txt, line: y}
    - file: {path: /tmp/rb-leak.txt, mode: "0600"}
    - raw: echo "[\${d-unset}] [\${p-unset}] [\${py-unset}] [\${l-unset}] [\${kpy-unset}]"
      register: r
    - debug: {msg: "{{ r.stdout | trim }}"}
`;
    const file = join(t.dir, 'kept-shell-leak.yml');
    writeFileSync(file, play);
    const rb = t.apply(play);
    expect(rb.code, rb.out).toBe(0);
    const expected = '"msg": "[unset] [unset] [unset] [unset] [unset]"';
    expect(rb.out).toContain(expected);
    expect(ansiblePlaybook(t, file).stdout).toContain(expected);
  }, 300_000);

  it('runs every core module over SSH; the second run changes nothing', () => {
    const fetchDir = join(t.dir, 'fetched');
    const first = t.apply(MODULES, ['-e', `fetch_dir=${fetchDir}`, '-e', `http_base=${http.base}`]);
    expect(first.code, first.out).toBe(0);
    for (const h of ['ssh1', 'ssh2', 'ssh3']) {
      expect(recap(first.out, h).changed, first.out).toBeGreaterThanOrEqual(12);
      expect(recap(first.out, h).failed).toBe(0);
      expect(first.out).toContain(`"msg": "0640 hi ${h} 2 from-vars-file up"`);
    }
    expect(t.hostFile('ssh2', 'srv/app/app.conf')).toBe('[main]\nhost = ssh2\nitems = 1,2\n');
    expect(t.hostFile('ssh2', 'srv/app/edited.conf')).toBe(
      '[main]\ndebug = true\nhost = x\n# BEGIN ANSIBLE MANAGED BLOCK\n[extra]\nk = v\n# END ANSIBLE MANAGED BLOCK\n',
    );
    // command ran hello.sh with arg1, then script ran it again from the controller.
    expect(t.hostFile('ssh1', 'tmp/script-out')).toBe('script ran on ssh1 with again\n');
    expect(t.hostFile('ssh1', 'tmp/script-out-2')).toBe('script ran on ssh1 with again\n');
    expect(t.hostFile('ssh1', 'srv/app/downloaded.txt')).toBe('payload\n');
    expect(t.hostFile('ssh2', 'srv/app/app/bin/run.sh')).toBe('#!/bin/sh\necho run\n');
    expect(readFileSync(join(fetchDir, 'ssh3', 'srv/app/plain.txt'), 'utf8')).toBe('hi ssh3\n');
    // Nothing was written outside the hosts' own layers.
    expect(existsSync('/srv/app/plain.txt')).toBe(false);
    const second = t.apply(MODULES, ['-e', `fetch_dir=${fetchDir}`, '-e', `http_base=${http.base}`]);
    expect(second.code, second.out).toBe(0);
    for (const h of ['ssh1', 'ssh2', 'ssh3']) expect(recap(second.out, h).changed, second.out).toBe(0);
  }, 120_000);

  it('runs add_host, group_by, async_status, wait_for on a port seen from the host and a failing fail over SSH (they report as Ansible does on every run)', () => {
    const play = `
- hosts: lab
  gather_facts: true
  tasks:
    - add_host: {name: "alias-{{ inventory_hostname }}", groups: aliases, ansible_host: "{{ ansible_host }}"}
    - group_by: {key: "family_{{ ansible_os_family }}"}
    # wait_for connects from the host (an SSH direct-tcpip channel) and reads sshd's banner
    - wait_for: {host: "{{ ansible_host }}", port: 22, search_regex: '^SSH-2.0-OpenSSH', timeout: 20}
      register: banner
    - assert: {that: "banner.port == 22 and banner.match_groups == [] and banner.state == 'started'"}
    - command: sleep 1
      async: 20
      poll: 0
      register: job
    - async_status: {jid: "{{ job.ansible_job_id }}"}
      register: st
      until: st.finished
      retries: 20
      delay: 1
    - fail: {msg: "ssh3 fails on purpose"}
      when: inventory_hostname == 'ssh3'
- hosts: aliases
  gather_facts: false
  tasks:
    - command: hostname
      register: h
      changed_when: false
    - assert: {that: "h.stdout == inventory_hostname | regex_replace('^alias-', '')"}
`;
    const r = t.apply(play);
    expect(r.code, r.out).toBe(2);
    expect(r.out).toContain('fatal: [ssh3]: FAILED! => {"changed": false, "msg": "ssh3 fails on purpose"}');
    // add_host runs once per play (Ansible's BYPASS_HOST_LOOP): one alias.
    expect(recap(r.out, 'alias-ssh1')).toMatchObject({ ok: 2, failed: 0 });
    expect(r.out).not.toContain('alias-ssh2');
    expect(recap(r.out, 'ssh1')).toMatchObject({ failed: 0 });
  }, 90_000);

  it('lets a poll-0 job the play ends with finish on the host, as its async_wrapper would, and ends without a trace', () => {
    shellOn(t, 'ssh1', 'rm -f /tmp/rb-fire-and-forget');
    const play = `
- hosts: ssh1
  gather_facts: false
  tasks:
    - shell: sleep 1; echo done > /tmp/rb-fire-and-forget
      async: 20
      poll: 0
`;
    const r = t.apply(play);
    expect(r.code, r.out).toBe(0);
    expect(r.out).not.toMatch(/Error|^ {4}at /m);
    // the run waited for the job: its file is there as soon as the run is over
    expect(t.hostFile('ssh1', 'tmp/rb-fire-and-forget')).toBe('done\n');
  }, 60_000);

  it('manages groups, users and authorized keys; the new user logs in with the key; the second run changes nothing', () => {
    const pub = readFileSync(`${t.lab.clientKey}.pub`, 'utf8').trim();
    const play = `
- hosts: ssh1
  gather_facts: false
  tasks:
    - group: {name: nova, gid: 1601}
    - group: {name: libvirt}
    # "*": no password, but not locked ("!"), which sshd without PAM refuses.
    - user: {name: nova, uid: 1601, group: nova, groups: [libvirt], shell: /bin/sh, comment: "OpenStack Nova", home: /var/lib/nova, password: "*"}
    - authorized_key: {user: nova, key: "${pub}", key_options: 'no-port-forwarding'}
    - user: {name: olduser, state: absent}
- hosts: ssh1
  gather_facts: false
  vars: {ansible_user: nova}
  tasks:
    - command: id -Gn
      register: ids
      changed_when: false
    - assert: {that: "ids.stdout == 'nova libvirt'"}
`;
    const first = t.apply(play);
    expect(first.code, first.out).toBe(0);
    expect(recap(first.out, 'ssh1')).toMatchObject({ changed: 4, failed: 0 });
    expect(t.hostFile('ssh1', 'etc/passwd')).toContain('nova:x:1601:1601:OpenStack Nova:/var/lib/nova:/bin/sh\n');
    expect(t.hostFile('ssh1', 'var/lib/nova/.ssh/authorized_keys')).toBe(`no-port-forwarding ${pub}\n`);
    const second = t.apply(play);
    expect(second.code, second.out).toBe(0);
    expect(recap(second.out, 'ssh1').changed, second.out).toBe(0);
  }, 60_000);

  it('becomes root with a sudo password, fails clearly with a wrong or missing one, and needs none as root', () => {
    const play = `
- hosts: lab
  gather_facts: false
  vars: {ansible_user: operator}
  tasks:
    - command: id -un
      register: plain
      changed_when: false
    - copy: {dest: /root/owned-by-root, content: "x\\n", mode: "0600"}
      become: true
      vars: {ansible_become_password: "{{ pw }}"}
    - command: id -un
      become: true
      vars: {ansible_become_password: wrong-password}
      ignore_errors: true
      register: wrong
    - command: id -un
      become: true
      ignore_errors: true
      register: missing
    - assert: {that: ["plain.stdout == 'operator'", "wrong.msg == 'Incorrect sudo password'", "missing.msg == 'Missing sudo password'"]}
- hosts: lab
  gather_facts: false
  become: true
  become_user: operator
  tasks:
    - command: id -un
      register: me
      changed_when: false
    - assert: {that: "me.stdout == 'operator'"}
`;
    const r = t.apply(play, ['-e', `pw=${OPERATOR_PASSWORD}`, '--limit', 'ssh1']);
    expect(r.code, r.out).toBe(0);
    expect(recap(r.out, 'ssh1')).toMatchObject({ failed: 0, ignored: 2 });
    expect(t.hostFile('ssh1', '../home-root/owned-by-root')).toBe('x\n');
    expect(r.out).not.toContain(OPERATOR_PASSWORD);
  }, 60_000);

  it("-K asks the become password (a line of stdin without a terminal), --become-password-file reads it: used where the host's variables set none", () => {
    const play = `
- hosts: ssh1
  gather_facts: false
  vars: {ansible_user: operator}
  tasks:
    - command: id -un
      become: true
      register: me
      changed_when: false
    - assert: {that: "me.stdout == 'root'"}
    - command: id -un
      become: true
      vars: {ansible_become_password: wrong-password}
      ignore_errors: true
      register: wrong
    - assert: {that: "wrong.msg == 'Incorrect sudo password'"}
`;
    const asked = t.apply(play, ['-K'], undefined, `${OPERATOR_PASSWORD}\n`);
    expect(asked.code, asked.out).toBe(0);
    expect(recap(asked.out, 'ssh1')).toMatchObject({ failed: 0, ignored: 1 });
    const file = join(t.dir, 'become-pass');
    writeFileSync(file, `${OPERATOR_PASSWORD}\n`, { mode: 0o600 });
    const read = t.apply(play, ['--become-pass-file', file, '-vvv']);
    expect(read.code, read.out).toBe(0);
    expect(`${asked.out}${read.out}`).not.toContain(OPERATOR_PASSWORD);
  }, 60_000);

  it('runs ad-hoc over SSH (runbook run): the minimal lines per host, -o, -b with -K, a failed host exits 2', () => {
    const adhoc = (args: string[], input = ''): { code: number; out: string } => {
      const r = spawnSync('node', [CLI, 'run', '-i', t.inventory, ...args], {
        encoding: 'utf8',
        input,
        timeout: 60_000,
      });
      return { code: r.status ?? -1, out: `${r.stdout}${r.stderr}` };
    };
    const ping = adhoc(['lab', '-f', '1', '-m', 'ping']);
    expect(ping.code, ping.out).toBe(0);
    // the first task on a host reports the interpreter it discovered, as Ansible's does
    for (const h of ['ssh1', 'ssh2', 'ssh3'])
      expect(ping.out).toContain(
        `${h} | SUCCESS => {\n    "ansible_facts": {\n        "discovered_interpreter_python": "/usr/bin/python3"\n    },\n    "changed": false,\n    "ping": "pong"\n}`,
      );
    const one = adhoc(['ssh1', '-o', '-a', 'hostname']);
    expect(one).toEqual({ code: 0, out: 'ssh1 | CHANGED | rc=0 | (stdout) ssh1\n' });
    const become = adhoc(['ssh1', '-u', 'operator', '-b', '-K', '-a', 'id -un'], `${OPERATOR_PASSWORD}\n`);
    expect(become, become.out).toEqual({ code: 0, out: 'ssh1 | CHANGED | rc=0 >>\nroot\n' });
    const failed = adhoc(['ssh2', '-m', 'shell', '-a', 'echo no; exit 3']);
    expect(failed).toEqual({ code: 2, out: 'ssh2 | FAILED | rc=3 >>\nnonon-zero return code\n' });
  }, 60_000);

  it('apt and package on a Debian lab host: a local .deb installed and removed, bash already present; each task changed as ansible-playbook 2.14 reports it', () => {
    // a package of our own: dpkg-deb builds it, dpkg on the host installs it
    const root = join(t.dir, 'rb-hello');
    spawnSync('mkdir', ['-p', join(root, 'DEBIAN'), join(root, 'usr/share/rb-hello')]);
    writeFileSync(
      join(root, 'DEBIAN/control'),
      'Package: rb-hello\nVersion: 1.0\nArchitecture: all\nMaintainer: runbook <runbook@example.com>\nDescription: a test package\n',
    );
    writeFileSync(join(root, 'usr/share/rb-hello/hello'), 'hello\n');
    expect(spawnSync('dpkg-deb', ['--build', root, join(t.dir, 'rb-hello.deb')]).status).toBe(0);
    const play = `
- hosts: ssh2
  gather_facts: false
  tasks:
    - apt: {deb: "${t.dir}/rb-hello.deb"}
    - apt: {deb: "${t.dir}/rb-hello.deb"}
    - command: dpkg-query -W -f='\${Version}' rb-hello
      register: v
      changed_when: false
    - assert: {that: "v.stdout == '1.0'"}
    - apt: {name: rb-hello, state: absent}
      check_mode: true
    - apt: {name: rb-hello, state: absent}
    - apt: {name: rb-hello, state: absent}
    - package: {name: bash, state: present}
    - apt: {name: [bash, coreutils], state: present}
    - apt: {name: rb-no-such-package, state: present}
      ignore_errors: true
      register: missing
    - assert: {that: "missing.msg == \\"No package matching 'rb-no-such-package' is available\\""}
`;
    const file = join(t.dir, 'apt-play.yml');
    writeFileSync(file, play);
    const changes = (out: string): string[] =>
      out
        .split('\n')
        .filter((l) => /^(ok|changed|fatal|skipping): \[ssh2\]/.test(l))
        .map((l) => l.split(' ')[0]!);
    const rb = t.apply(play);
    expect(rb.code, rb.out).toBe(0);
    expect(changes(rb.out)).toEqual([
      'changed:',
      'ok:',
      'ok:',
      'ok:',
      'changed:',
      'changed:',
      'ok:',
      'ok:',
      'ok:',
      'fatal:',
      'ok:',
    ]);
    const ap = ansiblePlaybook(t, file);
    expect(changes(ap.stdout)).toEqual(changes(rb.out));
    expect(recap(ap.stdout, 'ssh2')).toEqual(recap(rb.out, 'ssh2'));
  }, 600_000);

  it("cron (root's crontab through crontab, and a cron file) and sysctl (a file, reload off) on a lab host: the statuses, recap and files ansible-playbook 2.14 leaves", () => {
    const play = `
- hosts: ssh3
  gather_facts: false
  tasks:
    - cron: {name: nightly, minute: "0", hour: "2", job: /usr/local/bin/nightly}
    - cron: {name: nightly, minute: "0", hour: "2", job: /usr/local/bin/nightly}
    - cron: {name: MAILTO, env: true, job: ops@example.com}
    - cron: {name: rotate, special_time: daily, job: logrotate, cron_file: rb-rotate, user: root}
    - cron: {name: nightly, state: absent}
    - sysctl: {name: vm.swappiness, value: "10", sysctl_file: /etc/sysctl.d/90-rb.conf, reload: false}
    - sysctl: {name: vm.swappiness, value: "10", sysctl_file: /etc/sysctl.d/90-rb.conf, reload: false}
    - command: crontab -l
      register: tab
      changed_when: false
    - copy: {content: "{{ tab.stdout }}\\n", dest: /etc/rb-crontab.txt}
`;
    const file = join(t.dir, 'cron-play.yml');
    writeFileSync(file, play);
    const statuses = (out: string): string[] => statusesOf(out, 'ssh3');
    const files = (): string[] =>
      ['etc/rb-crontab.txt', 'etc/cron.d/rb-rotate', 'etc/sysctl.d/90-rb.conf'].map((f) => t.hostFile('ssh3', f));
    const reset = 'crontab -r 2>/dev/null; rm -f /etc/cron.d/rb-rotate /etc/sysctl.d/90-rb.conf /etc/rb-crontab.txt';
    const resetHost = (): void => shellOn(t, 'ssh3', reset);
    resetHost();
    const rb = t.apply(play);
    expect(rb.code, rb.out).toBe(0);
    const rbFiles = files();
    expect(rbFiles).toEqual([
      'MAILTO="ops@example.com"\n',
      '#Ansible: rotate\n@daily root logrotate\n',
      'vm.swappiness=10\n',
    ]);
    resetHost();
    const ap = ansiblePlaybook(t, file);
    expect(statuses(rb.out)).toEqual(statuses(ap.stdout));
    expect(recap(rb.out, 'ssh3')).toEqual(recap(ap.stdout, 'ssh3'));
    expect(files()).toEqual(rbFiles);
  }, 600_000);

  it('hostname on a Debian lab host (no systemd: /etc/hostname): statuses, recap, the file and the registered facts as ansible-playbook 2.14 gives', () => {
    const play = `
- hosts: ssh1
  gather_facts: false
  tasks:
    - hostname: {name: rb-renamed.example.com}
      check_mode: true
    - hostname: {name: rb-renamed.example.com}
      register: h
    - hostname: {name: rb-renamed.example.com}
    - copy: {content: "{{ h.name }} {{ h.ansible_facts.ansible_hostname }} {{ h.ansible_facts.ansible_nodename }}\\n", dest: /etc/rb-hostname-result}
`;
    const file = join(t.dir, 'hostname-play.yml');
    writeFileSync(file, play);
    const statuses = (out: string): string[] => statusesOf(out, 'ssh1');
    const reset = (): void => {
      shellOn(t, 'ssh1', 'echo ssh1 > /etc/hostname; rm -f /etc/rb-hostname-result');
    };
    reset();
    const rb = t.apply(play);
    expect(rb.code, rb.out).toBe(0);
    expect(statuses(rb.out)).toEqual(['changed:', 'changed:', 'ok:', 'changed:']);
    const files = (): string[] => ['etc/hostname', 'etc/rb-hostname-result'].map((f) => t.hostFile('ssh1', f));
    const rbFiles = files();
    expect(rbFiles).toEqual(['rb-renamed.example.com\n', 'rb-renamed.example.com rb-renamed rb-renamed.example.com\n']);
    reset();
    const ap = ansiblePlaybook(t, file);
    expect(statuses(ap.stdout)).toEqual(statuses(rb.out));
    expect(files()).toEqual(rbFiles);
    reset();
  }, 600_000);

  it('git on a lab host from a file:// repository: clone at a tag, switch to a branch, local changes refused then forced, check mode; statuses and the checked-out commit as ansible-playbook 2.14 gives', () => {
    const src = join(t.dir, 'src');
    const bare = join(t.dir, 'src.git');
    const g = (...args: string[]): string => {
      const r = spawnSync('git', ['-C', src, ...args], {
        encoding: 'utf8',
        env: {
          ...process.env,
          GIT_AUTHOR_NAME: 'rb',
          GIT_AUTHOR_EMAIL: 'rb@example.com',
          GIT_COMMITTER_NAME: 'rb',
          GIT_COMMITTER_EMAIL: 'rb@example.com',
        },
      });
      expect(r.status, r.stderr).toBe(0);
      return r.stdout.trim();
    };
    spawnSync('mkdir', ['-p', src]);
    g('init', '-q', '-b', 'master');
    writeFileSync(join(src, 'README'), 'one\n');
    g('add', 'README');
    g('commit', '-q', '-m', 'one');
    g('tag', 'v1');
    writeFileSync(join(src, 'README'), 'two\n');
    g('commit', '-q', '-am', 'two');
    g('branch', 'stable', 'v1');
    expect(spawnSync('git', ['clone', '-q', '--bare', src, bare]).status).toBe(0);
    const play = `
- hosts: ssh2
  gather_facts: false
  tasks:
    - git: {repo: "${bare}", dest: /srv/rb-checkout, version: v1}
    - git: {repo: "${bare}", dest: /srv/rb-checkout, version: v1}
    - git: {repo: "${bare}", dest: /srv/rb-checkout, version: master}
      check_mode: true
    - git: {repo: "${bare}", dest: /srv/rb-checkout, version: master}
    - git: {repo: "${bare}", dest: /srv/rb-checkout, version: master}
    - shell: echo local >> /srv/rb-checkout/README
    - git: {repo: "${bare}", dest: /srv/rb-checkout, version: master}
      ignore_errors: true
      register: refused
    - assert: {that: "refused.msg == 'Local modifications exist in the destination: /srv/rb-checkout (force=no).'"}
    - git: {repo: "${bare}", dest: /srv/rb-checkout, version: stable, force: true}
    - shell: git -C /srv/rb-checkout rev-parse HEAD > /etc/rb-git-head; cat /srv/rb-checkout/README >> /etc/rb-git-head
`;
    const file = join(t.dir, 'git-play.yml');
    writeFileSync(file, play);
    const statuses = (out: string): string[] => statusesOf(out, 'ssh2');
    const reset = (): void => {
      shellOn(t, 'ssh2', 'rm -rf /srv/rb-checkout /etc/rb-git-head');
    };
    reset();
    const rb = t.apply(play);
    expect(rb.code, rb.out).toBe(0);
    const head = t.hostFile('ssh2', 'etc/rb-git-head');
    expect(head).toBe(`${g('rev-parse', 'v1')}\none\n`);
    reset();
    const ap = ansiblePlaybook(t, file);
    expect(statuses(rb.out)).toEqual(statuses(ap.stdout));
    expect(recap(rb.out, 'ssh2')).toEqual(recap(ap.stdout, 'ssh2'));
    expect(t.hostFile('ssh2', 'etc/rb-git-head')).toBe(head);
  }, 600_000);

  it('known_hosts on a lab host: add, the same again, a new key of the type, a hashed host, absent with and without a key, check mode; statuses, recap and file as ansible-playbook 2.14 gives', () => {
    const pub = (name: string, type: string): string => {
      const f = join(t.dir, `kh-${name}`);
      spawnSync('ssh-keygen', ['-q', '-t', type, '-N', '', '-f', f]);
      return readFileSync(`${f}.pub`, 'utf8').trim().split(' ').slice(0, 2).join(' ');
    };
    const [a1, a2, b, c] = [pub('a1', 'ed25519'), pub('a2', 'ed25519'), pub('b', 'ecdsa'), pub('c', 'ed25519')];
    const kh = '/etc/rb_known_hosts';
    const play = `
- hosts: ssh1
  gather_facts: false
  tasks:
    - known_hosts: {name: host1.example.com, key: "host1.example.com ${a1}", path: ${kh}}
    - known_hosts: {name: host1.example.com, key: "host1.example.com ${a1}", path: ${kh}}
    - known_hosts: {name: host1.example.com, key: "host1.example.com ${a2}", path: ${kh}}
    - known_hosts: {name: host2.example.com, key: "host2.example.com ${b}", path: ${kh}, hash_host: true}
    - known_hosts: {name: host2.example.com, key: "host2.example.com ${b}", path: ${kh}, hash_host: true}
    - known_hosts: {name: host3.example.com, key: "host3.example.com ${c}", path: ${kh}}
      check_mode: true
    - known_hosts: {name: host1.example.com, key: "host1.example.com ${a2}", path: ${kh}, state: absent}
    - known_hosts: {name: host1.example.com, key: "host1.example.com ${a2}", path: ${kh}, state: absent}
    - known_hosts: {name: host2.example.com, path: ${kh}, state: absent}
    - known_hosts: {name: host3.example.com, key: "host3.example.com ${c}", path: ${kh}}
    - known_hosts: {name: host4.example.com, key: "other.example.com ${c}", path: ${kh}}
      ignore_errors: true
      register: wrong
    - assert: {that: "wrong.msg == 'Host parameter does not match hashed host field in supplied key'"}
`;
    const file = join(t.dir, 'kh-play.yml');
    writeFileSync(file, play);
    const statuses = (out: string): string[] => statusesOf(out, 'ssh1');
    const reset = (): void => {
      shellOn(t, 'ssh1', `rm -f ${kh} ${kh}.old`);
    };
    reset();
    const rb = t.apply(play);
    expect(rb.code, rb.out).toBe(0);
    const left = t.hostFile('ssh1', kh.slice(1));
    expect(left).toBe(`host3.example.com ${c}\n`);
    reset();
    const ap = ansiblePlaybook(t, file);
    expect(statuses(rb.out)).toEqual(statuses(ap.stdout));
    expect(recap(rb.out, 'ssh1')).toEqual(recap(ap.stdout, 'ssh1'));
    expect(t.hostFile('ssh1', kh.slice(1))).toBe(left);
  }, 600_000);

  it('service_facts on a lab host: ansible_facts.services as ansible-playbook 2.14 gathers them', () => {
    const play = `
- hosts: ssh3
  gather_facts: false
  tasks:
    - service_facts:
    - copy: {content: "{{ ansible_facts.services | to_nice_json }}\\n", dest: /etc/rb-services.json}
`;
    const file = join(t.dir, 'services-play.yml');
    writeFileSync(file, play);
    const rb = t.apply(play);
    expect(rb.code, rb.out).toBe(0);
    const mine = t.hostFile('ssh3', 'etc/rb-services.json');
    expect(Object.keys(JSON.parse(mine) as object).length).toBeGreaterThan(0);
    ansiblePlaybook(t, file);
    expect(t.hostFile('ssh3', 'etc/rb-services.json')).toBe(mine);
  }, 600_000);

  it("package_facts on a Debian lab host: ansible_facts.packages (every package, version, arch, section, origin) as ansible-playbook 2.14 gathers them through python-apt; rpm alone (found or not as the host's Python has rpm's library) and both as it does", () => {
    const play = `
- hosts: ssh3
  gather_facts: false
  tasks:
    - package_facts: {manager: apt}
    - copy: {content: "{{ ansible_facts.packages | to_nice_json }}\\n", dest: /etc/rb-packages.json}
    - package_facts: {manager: rpm}
      ignore_errors: true
      register: rpm
    - package_facts: {manager: [apt, rpm], strategy: all}
      ignore_errors: true
      register: both
    - copy:
        dest: /etc/rb-packages-rpm.txt
        content: "{{ rpm.msg | default('rpm found') }} {{ both.failed }} {{ ansible_facts.packages.bash[0].source }}\\n"
`;
    const file = join(t.dir, 'packages-play.yml');
    writeFileSync(file, play);
    const rb = t.apply(play);
    expect(rb.code, rb.out).toBe(0);
    const mine = ['etc/rb-packages.json', 'etc/rb-packages-rpm.txt'].map((f) => t.hostFile('ssh3', f));
    const bash = (JSON.parse(mine[0]!) as Record<string, { source: string; origin: string }[]>).bash;
    expect(bash?.[0]?.source).toBe('apt');
    ansiblePlaybook(t, file);
    expect(['etc/rb-packages.json', 'etc/rb-packages-rpm.txt'].map((f) => t.hostFile('ssh3', f))).toEqual(mine);
  }, 600_000);

  it('apt_key on a Debian lab host with a key of its own (gpg, no keyserver here): from a file, the same key as data, absent by id, bad ids; statuses and before/after as ansible-playbook 2.14 gives', () => {
    const home = join(t.dir, 'gnupg');
    const gpg = (args: string[]): string => {
      const r = spawnSync('gpg', ['--homedir', home, '--batch', ...args], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      return r.stdout;
    };
    spawnSync('mkdir', ['-m', '700', '-p', home]);
    gpg(['--passphrase', '', '--quick-gen-key', 'runbook test <rb@example.com>', 'ed25519', 'sign', 'never']);
    const keyFile = join(t.dir, 'rb-key.asc');
    writeFileSync(keyFile, gpg(['--armor', '--export', 'rb@example.com']));
    const fpr = gpg(['--with-colons', '--list-keys', 'rb@example.com'])
      .split('\n')
      .find((l) => l.startsWith('fpr'))!
      .split(':')[9]!;
    const play = `
- hosts: ssh2
  gather_facts: false
  vars: {ring: /etc/apt/trusted.gpg.d/rb-test.gpg}
  tasks:
    - copy: {src: ${keyFile}, dest: /root/rb-key.asc}
    - apt_key: {file: /root/rb-key.asc, keyring: "{{ ring }}"}
      register: k1
    - apt_key: {file: /root/rb-key.asc, keyring: "{{ ring }}"}
    - apt_key: {data: "{{ lookup('file', '${keyFile}') }}", keyring: "{{ ring }}"}
      register: k2
    - apt_key: {id: "${fpr.slice(-8)}", keyring: "{{ ring }}", state: absent}
      check_mode: true
    - apt_key: {id: "0x${fpr}", keyring: "{{ ring }}", state: absent}
      register: k3
    - apt_key: {id: "${fpr.slice(-16)}", keyring: "{{ ring }}", state: absent}
    - apt_key: {id: "12345", keyring: "{{ ring }}"}
      ignore_errors: true
      register: bad
    - apt_key: {id: "${fpr.slice(-8)}", file: /root/rb-key.asc, data: x}
      ignore_errors: true
      register: both
    - copy:
        dest: /etc/rb-apt-key.txt
        content: "{{ [k1.id, k1.short_id, k1.fp, k1.before, k1.after, k2.changed, k3.key_id, k3.after, bad.msg, both.msg] | to_json }}\\n"
`;
    const file = join(t.dir, 'aptkey-play.yml');
    writeFileSync(file, play);
    const reset = (): void =>
      shellOn(t, 'ssh2', 'rm -f /etc/apt/trusted.gpg.d/rb-test.gpg* /root/rb-key.asc /etc/rb-apt-key.txt');
    reset();
    const rb = t.apply(play);
    expect(rb.code, rb.out).toBe(0);
    expect(statusesOf(rb.out, 'ssh2')).toEqual([
      'changed:',
      'changed:',
      'ok:',
      'ok:',
      'changed:',
      'changed:',
      'ok:',
      'fatal:',
      'fatal:',
      'changed:',
    ]);
    const mine = t.hostFile('ssh2', 'etc/rb-apt-key.txt');
    expect(JSON.parse(mine)).toEqual([
      fpr.slice(-16),
      fpr.slice(-8),
      fpr.slice(-16),
      [],
      [fpr.slice(-16)],
      false,
      fpr,
      [],
      'Invalid key_id',
      'parameters are mutually exclusive: data|file|keyserver|url',
    ]);
    reset();
    const ap = ansiblePlaybook(t, file);
    expect(statusesOf(ap.stdout, 'ssh2')).toEqual(statusesOf(rb.out, 'ssh2'));
    expect(t.hostFile('ssh2', 'etc/rb-apt-key.txt')).toBe(mine);
    reset();
  }, 600_000);

  it('pip with a virtualenv (python3 -m venv) on a lab host, from local wheels (no index here): install, already there, version, check mode by specifier, upgrade, requirements, absent, bad arguments; statuses, results and freeze as ansible-playbook 2.14 gives', () => {
    const play = `
- hosts: ssh1
  gather_facts: false
  vars:
    venv: /opt/rb-venv
    pipargs: {virtualenv: /opt/rb-venv, virtualenv_command: /usr/bin/python3 -m venv, extra_args: "--no-index --find-links /root/rb-wheels"}
  tasks:
    - copy: {src: ${FILES}/wheels/, dest: /root/rb-wheels/}
    - copy: {content: "rbdemo==1.1\\n", dest: /root/rb-req.txt}
    - pip: "{{ pipargs | combine({'name': 'rbdemo', 'version': '1.0'}) }}"
      register: p1
    - pip: "{{ pipargs | combine({'name': 'rbdemo', 'version': '1.0'}) }}"
      register: p2
    - pip: {name: "rbdemo>=1.0,<2", virtualenv: "{{ venv }}"}
      check_mode: true
      register: c1
    - pip: {name: ["rbdemo>1.0", "<2"], virtualenv: "{{ venv }}"}
      check_mode: true
      register: c2
    - pip: {name: rbdemo, state: absent, virtualenv: "{{ venv }}"}
      check_mode: true
    - pip: "{{ pipargs | combine({'requirements': '/root/rb-req.txt'}) }}"
      register: p3
    - pip: "{{ pipargs | combine({'requirements': '/root/rb-req.txt'}) }}"
    - pip: {name: rbdemo, state: absent, virtualenv: "{{ venv }}"}
      register: p4
    - pip: {name: rbdemo, state: absent, virtualenv: "{{ venv }}"}
    - pip: {name: [a, b], version: "1.0", virtualenv: "{{ venv }}"}
      ignore_errors: true
      register: e1
    - pip: {name: "a>1", version: "1.0", virtualenv: "{{ venv }}"}
      ignore_errors: true
      register: e2
    - pip: {name: a, requirements: /x, virtualenv: "{{ venv }}"}
      ignore_errors: true
      register: e3
    - pip: {name: a, virtualenv: /opt/rb-venv2}
      ignore_errors: true
      register: e4
    - copy:
        dest: /etc/rb-pip.txt
        content: |
          {{ p1.cmd[-1] }} {{ p1.changed }} {{ p2.changed }} {{ c1.changed }} {{ c2.changed }} {{ c2.cmd | regex_replace('^\\S+ ', '') }} {{ p3.changed }} {{ p4.changed }}
          {{ e1.msg }}
          {{ e2.msg }}
          {{ e3.msg }}
          {{ e4.msg }}
    - shell: /opt/rb-venv/bin/pip list --format=freeze | grep -v -e '^pip=' -e '^setuptools=' >> /etc/rb-pip.txt; true
`;
    const file = join(t.dir, 'pip-play.yml');
    writeFileSync(file, play);
    const reset = (): void =>
      shellOn(t, 'ssh1', 'rm -rf /opt/rb-venv /opt/rb-venv2 /root/rb-wheels /root/rb-req.txt /etc/rb-pip.txt');
    reset();
    const rb = t.apply(play);
    expect(rb.code, rb.out).toBe(0);
    const mine = t.hostFile('ssh1', 'etc/rb-pip.txt');
    expect(mine.split('\n')[0]).toBe('rbdemo==1.0 True False False True list --format=freeze True True');
    reset();
    const ap = ansiblePlaybook(t, file);
    expect(statusesOf(ap.stdout, 'ssh1')).toEqual(statusesOf(rb.out, 'ssh1'));
    expect(t.hostFile('ssh1', 'etc/rb-pip.txt')).toBe(mine);
    reset();
  }, 600_000);

  it("zypper_repository on a lab host with Debian's zypper: added, the same (as zypper writes its URL), changed, a .repo file, absent, refresh, bad arguments; statuses, results and zypper's repositories as ansible-playbook 2.14 leaves them", () => {
    needs('zypper');
    const play = `
- hosts: ssh3
  gather_facts: false
  tasks:
    - shell: mkdir -p /srv/rb-repo/plain && printf '[rb-file]\\nname=From a file\\nbaseurl=dir:/srv/rb-repo/plain\\nenabled=0\\n' > /srv/rb-repo/rb.repo
    - zypper_repository: {name: rb-plain, repo: "dir:///srv/rb-repo/plain", description: RB plain, priority: 50}
      register: z1
    - zypper_repository: {name: rb-plain, repo: "dir:/srv/rb-repo/plain/", description: RB plain, priority: 50}
      register: z2
    - zypper_repository: {name: rb-plain, repo: "dir:/srv/rb-repo/plain", enabled: false, autorefresh: false, disable_gpg_check: true}
      register: z3
    - zypper_repository: {repo: /srv/rb-repo/rb.repo}
      register: z4
    - zypper_repository: {repo: /srv/rb-repo/rb.repo}
    - zypper_repository: {name: rb-plain, repo: "dir:/srv/rb-repo/plain", runrefresh: true}
      ignore_errors: true
    - zypper_repository: {name: rb-file, state: absent}
    - zypper_repository: {name: rb-file, state: absent}
    - zypper_repository: {name: "*", runrefresh: false}
      ignore_errors: true
      register: e1
    - zypper_repository: {name: x, repo: /srv/rb-repo/rb.repo}
      ignore_errors: true
      register: e2
    - zypper_repository: {repo: "dir:/x"}
      ignore_errors: true
      register: e3
    - shell: zypper --xmlout repos > /etc/rb-zypper.txt
    - copy:
        dest: /etc/rb-zypper-results.txt
        content: "{{ [z1.repodata, z2.changed, z3.repodata, z4.repodata, e1.msg, e2.msg, e3.msg] | to_nice_json }}\\n"
`;
    const file = join(t.dir, 'zypper-play.yml');
    writeFileSync(file, play);
    const reset = (): void =>
      shellOn(
        t,
        'ssh3',
        'rm -rf /etc/zypp/repos.d/rb-*.repo /srv/rb-repo /etc/rb-zypper.txt /etc/rb-zypper-results.txt /var/cache/zypp/raw/rb-*',
      );
    const files = (): string[] => ['etc/rb-zypper.txt', 'etc/rb-zypper-results.txt'].map((f) => t.hostFile('ssh3', f));
    reset();
    const rb = t.apply(play);
    expect(rb.code, rb.out).toBe(0);
    const mine = files();
    expect(mine[0]).toContain('alias="rb-plain"');
    reset();
    const ap = ansiblePlaybook(t, file);
    expect(statusesOf(ap.stdout, 'ssh3')).toEqual(statusesOf(rb.out, 'ssh3'));
    expect(files()).toEqual(mine);
    reset();
  }, 600_000);

  it("dnf on a lab host with Debian's dnf and a local repository built for the test (rpmbuild, createrepo_c): a missing package fails before anything, install with a dependency, already there, yum on the dnf backend and refused on an apt host, list (a spec, repos, installed), latest from another repository in check mode and for real, absent with autoremove, update_cache; statuses and results as ansible-playbook 2.14 gives", () => {
    needs('dnf', 'createrepo-c', 'rpm');
    const top = join(t.dir, 'rpmbuild');
    const repo = (n: string): string => join(t.dir, `rpmrepo${n}`);
    const spec = (name: string, version: string, requires = ''): void => {
      spawnSync('mkdir', ['-p', join(top, 'SPECS'), repo('1'), repo('2')]);
      const file = join(top, 'SPECS', `${name}-${version}.spec`);
      writeFileSync(
        file,
        `Name: ${name}\nVersion: ${version}\nRelease: 1\nSummary: runbook dnf test\nLicense: MIT\nBuildArch: noarch\n${requires}%description\nA package for runbook's dnf tests.\n%install\nmkdir -p %{buildroot}/usr/share/${name}\necho ${version} > %{buildroot}/usr/share/${name}/version\n%files\n/usr/share/${name}/version\n`,
      );
      const r = spawnSync('rpmbuild', ['--define', `_topdir ${top}`, '-bb', file], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
    };
    spec('rbdemo', '1.0');
    spec('rbdemo', '1.1');
    spec('rbdep', '1.0');
    spec('rbapp', '1.0', 'Requires: rbdep\n');
    const rpms = join(top, 'RPMS/noarch');
    for (const f of ['rbdemo-1.0-1.noarch.rpm', 'rbdep-1.0-1.noarch.rpm', 'rbapp-1.0-1.noarch.rpm'])
      writeFileSync(join(repo('1'), f), readFileSync(join(rpms, f)));
    writeFileSync(join(repo('2'), 'rbdemo-1.1-1.noarch.rpm'), readFileSync(join(rpms, 'rbdemo-1.1-1.noarch.rpm')));
    for (const n of ['1', '2']) expect(spawnSync('createrepo_c', [repo(n)]).status).toBe(0);
    const conf = join(t.dir, 'rb-dnf.conf');
    const repos = join(t.dir, 'rb-dnf-repos');
    spawnSync('mkdir', ['-p', repos]);
    writeFileSync(conf, `[main]\nreposdir=${repos}\ngpgcheck=0\nmetadata_expire=0\n`);
    writeFileSync(
      join(repos, 'rb.repo'),
      `[rbtest]\nname=rb test\nbaseurl=file://${repo('1')}\ngpgcheck=0\n\n[rbtest2]\nname=rb test 2\nbaseurl=file://${repo('2')}\ngpgcheck=0\nenabled=0\n`,
    );
    const play = `
- hosts: ssh1
  gather_facts: false
  module_defaults:
    dnf: {conf_file: ${conf}, releasever: "1", disable_gpg_check: true}
  tasks:
    - dnf: {name: [rbdemo, rbnope, rbapp]}
      register: r1
      ignore_errors: true
    - dnf: {name: rbapp}
      register: r2
    - dnf: {name: "rbapp,rbdep", state: present}
      register: r3
    - dnf: {name: rbdemo}
      register: r4
    - yum: {name: rbdemo, use_backend: dnf, conf_file: ${conf}, releasever: "1"}
      register: y1
    - yum: {name: rbdemo}
      ignore_errors: true
      register: y2
    - dnf: {list: rbdemo, enablerepo: rbtest2}
      register: l1
    - dnf: {list: repos}
      register: l2
    - dnf: {list: installed}
      register: l3
    - dnf: {name: rbdemo, state: latest, enablerepo: rbtest2}
      check_mode: true
      register: r5
    - dnf: {name: rbdemo, state: latest, enablerepo: rbtest2}
      register: r6
    - dnf: {name: rbdemo, state: latest, enablerepo: rbtest2}
      register: r7
    - dnf: {name: [rbdemo, rbapp], state: absent, autoremove: true}
      register: r8
    - dnf: {name: rbnope, state: absent}
      register: r9
    - dnf: {update_cache: true}
      register: r10
    - copy:
        dest: /etc/rb-dnf.txt
        content: |
          {% for r in [r1, r2, r3, r4, r5, r6, r7, r8, r9, r10] %}
          {{ r.changed }} {{ r.msg }} {{ r.results }} {{ r.failures | default('-') }} {{ r.rc }}
          {% endfor %}
          {{ y1.msg }} {{ y1.changed }} {{ y2.msg }}
          {{ l1.results | sort(attribute='envra') }} {{ l2.results }} {{ l3.results | selectattr('name', 'match', 'rb') | sort(attribute='envra') }}
    - shell: rpm -qa 'rb*' | sort >> /etc/rb-dnf.txt
`;
    const file = join(t.dir, 'dnf-play.yml');
    writeFileSync(file, play);
    const reset = (): void =>
      shellOn(t, 'ssh1', 'rpm -e --nodeps rbdemo rbapp rbdep >/dev/null 2>&1; rm -f /etc/rb-dnf.txt; true');
    reset();
    const rb = t.apply(play);
    expect(rb.code, rb.out).toBe(0);
    const mine = t.hostFile('ssh1', 'etc/rb-dnf.txt');
    expect(mine).toContain("True  ['Installed: rbapp-1.0-1.noarch', 'Installed: rbdep-1.0-1.noarch'] - 0");
    reset();
    const ap = ansiblePlaybook(t, file);
    expect(statusesOf(ap.stdout, 'ssh1')).toEqual(statusesOf(rb.out, 'ssh1'));
    expect(t.hostFile('ssh1', 'etc/rb-dnf.txt')).toBe(mine);
    reset();
  }, 600_000);

  it('postgresql_user, postgresql_db and postgresql_query on a lab host running PostgreSQL 15 (password auth on its socket): a role with a password (a SCRAM verifier checked), flags, limits and a comment, dropped; privileges on a table, a database and ALL_IN_SCHEMA granted and revoked; a database created, change, DDL, DML with positional and named arguments, check mode rolled back, a failing query, dump, restore into another database, drop; statuses and results as ansible-playbook 2.14 gives (community.postgresql)', () => {
    needs('postgresql', 'python3-psycopg2');
    const password = 'pg-secret-7f3a';
    const start =
      'bin=/usr/lib/postgresql/15/bin; d=/var/lib/rb-pg; ' +
      'if [ ! -s $d/PG_VERSION ]; then mkdir -p $d /run/postgresql && chown postgres $d /run/postgresql && ' +
      `printf %s ${password} > /tmp/rb-pw && chown postgres /tmp/rb-pw && ` +
      'su postgres -s /bin/sh -c "$bin/initdb -D $d -U postgres -A scram-sha-256 --pwfile=/tmp/rb-pw" >/dev/null && rm -f /tmp/rb-pw; fi; ' +
      'mkdir -p /run/postgresql && chown postgres /run/postgresql; ' +
      'su postgres -s /bin/sh -c "$bin/pg_ctl -D $d -o \\"-k /run/postgresql -c listen_addresses=\\" -l $d/log -w start" >/dev/null';
    shellOn(t, 'ssh2', start);
    const play = `
- hosts: ssh2
  gather_facts: false
  module_defaults:
    postgresql_db: {login_password: "{{ pgpw }}"}
    postgresql_query: {login_password: "{{ pgpw }}"}
    postgresql_user: {login_password: "{{ pgpw }}"}
    postgresql_privs: {login_password: "{{ pgpw }}"}
  vars: {pgpw: ${password}}
  tasks:
    - postgresql_user: {name: rbuser, password: "first-pw", role_attr_flags: "CREATEDB"}
      register: u1
    - postgresql_user: {name: rbuser, password: "first-pw", role_attr_flags: "CREATEDB,CREATEDB"}
    - postgresql_user: {name: rbuser, password: "second-pw"}
      register: u2
    - postgresql_user: {name: rbuser, role_attr_flags: NOCREATEDB, conn_limit: 3}
      register: u3
    - postgresql_user: {name: rbuser, role_attr_flags: NOCREATEDB, conn_limit: 3}
    - postgresql_user: {name: rbuser, comment: "made by the test"}
    - postgresql_user: {name: rbuser, role_attr_flags: "NOSUCH"}
      ignore_errors: true
    - postgresql_user: {name: rbuser, state: absent}
      check_mode: true
    - postgresql_user: {name: rbuser, state: absent}
      register: u4
    - postgresql_user: {name: rbuser, state: absent}
    - postgresql_db: {name: rbdemo}
    - postgresql_db: {name: rbdemo}
    - postgresql_db: {name: rbdemo, conn_limit: "5"}
    - postgresql_query: {db: rbdemo, query: "CREATE TABLE t (id int primary key, name text, n numeric, at timestamp)"}
    - postgresql_query:
        db: rbdemo
        query: "INSERT INTO t VALUES (%s, %s, %s, %s)"
        positional_args: [1, "a'b", 1.5, "2020-01-02 03:04:05"]
    - postgresql_query: {db: rbdemo, query: "SELECT * FROM t WHERE id = %(id)s", named_args: {id: 1}}
      register: q1
    - postgresql_query: {db: rbdemo, query: "UPDATE t SET name = 'x' WHERE id = 99"}
    - postgresql_query: {db: rbdemo, query: ["INSERT INTO t VALUES (2, 'b', 2, null)", "SELECT count(*) AS c FROM t"]}
      register: q2
    - postgresql_user: {name: rbreader}
    - postgresql_privs: {database: rbdemo, objs: t, privs: SELECT, roles: rbreader}
      register: p1
    - postgresql_privs: {database: rbdemo, objs: t, privs: select, roles: rbreader}
    - postgresql_privs: {database: rbdemo, type: database, privs: CONNECT, roles: rbreader}
      register: p2
    - postgresql_privs: {database: rbdemo, objs: ALL_IN_SCHEMA, privs: INSERT, roles: rbreader, grant_option: true}
      check_mode: true
      register: p3
    - postgresql_privs: {database: rbdemo, objs: t, privs: SELECT, roles: rbnobody}
      ignore_errors: true
    - postgresql_privs: {database: rbdemo, type: schema, objs: public, privs: USAGE, roles: rbreader, schema: public}
      ignore_errors: true
    - postgresql_privs: {database: rbdemo, objs: t, privs: SELECT, roles: rbreader, state: absent}
    - postgresql_privs: {database: rbdemo, type: database, privs: CONNECT, roles: rbreader, state: absent}
    - postgresql_user: {name: rbreader, state: absent}
    - postgresql_query: {db: rbdemo, query: "DELETE FROM t"}
      check_mode: true
    - postgresql_query: {db: rbdemo, query: "SELECT * FROM nothere"}
      ignore_errors: true
    - postgresql_db: {name: rbdemo, state: dump, target: /tmp/rbdemo.sql}
    - postgresql_db: {name: rbdemo2}
    - postgresql_db: {name: rbdemo2, state: restore, target: /tmp/rbdemo.sql}
    - postgresql_query: {db: rbdemo2, query: "SELECT id, name, n FROM t ORDER BY id"}
      register: q3
    - postgresql_db: {name: rbdemo2, state: absent}
    - postgresql_db: {name: rbdemo2, state: absent}
    - copy:
        dest: /etc/rb-pg.txt
        content: "{{ [q1.query_result, q1.statusmessage, q1.rowcount, q1.query, q2.query_all_results, q2.statusmessage, q2.rowcount, q3.query_result, u1.queries, u2.queries, u3.queries, u4, p1.queries, p2.queries, p3.queries] | to_nice_json }}\\n"
`;
    const file = join(t.dir, 'pg-play.yml');
    writeFileSync(file, play);
    const reset = (): void =>
      shellOn(
        t,
        'ssh2',
        `rm -f /tmp/rbdemo.sql /etc/rb-pg.txt; for q in 'DROP DATABASE IF EXISTS rbdemo' 'DROP DATABASE IF EXISTS rbdemo2' 'DROP USER IF EXISTS rbuser' 'DROP USER IF EXISTS rbreader'; do su postgres -s /bin/sh -c "PGPASSWORD=${password} psql -h /run/postgresql -qc '$q'" >/dev/null 2>&1; done; true`,
      );
    try {
      reset();
      const rb = t.apply(play);
      expect(rb.code, rb.out).toBe(0);
      expect(rb.out).not.toContain(password);
      expect(statusesOf(rb.out, 'ssh2')).toEqual([
        ...['changed:', 'ok:', 'changed:', 'changed:', 'ok:', 'changed:', 'fatal:', 'changed:', 'changed:', 'ok:'],
        ...['changed:', 'ok:', 'changed:', 'changed:', 'changed:', 'ok:', 'ok:', 'changed:'],
        ...[
          'changed:',
          'changed:',
          'ok:',
          'changed:',
          'changed:',
          'fatal:',
          'fatal:',
          'changed:',
          'changed:',
          'changed:',
        ],
        ...['changed:', 'fatal:'],
        ...['changed:', 'changed:', 'changed:', 'ok:', 'changed:', 'ok:', 'changed:'],
      ]);
      const mine = t.hostFile('ssh2', 'etc/rb-pg.txt');
      reset();
      const ap = ansiblePlaybook(t, file);
      expect(statusesOf(ap.stdout, 'ssh2')).toEqual(statusesOf(rb.out, 'ssh2'));
      expect(t.hostFile('ssh2', 'etc/rb-pg.txt')).toBe(mine);
    } finally {
      reset();
      shellOn(
        t,
        'ssh2',
        'su postgres -s /bin/sh -c "/usr/lib/postgresql/15/bin/pg_ctl -D /var/lib/rb-pg -m fast stop" >/dev/null 2>&1; true',
      );
    }
  }, 600_000);

  it('apt_repository on a Debian lab host (update_cache off): a new list file from the URL, again unchanged, a named file, absent removing the emptied file, check mode; statuses and the sources files as ansible-playbook 2.14 leaves them', () => {
    const play = `
- hosts: ssh2
  gather_facts: false
  tasks:
    - apt_repository: {repo: "deb http://deb.example.com/debian bookworm main", update_cache: false}
    - apt_repository: {repo: "deb  http://deb.example.com/debian   bookworm main", update_cache: false}
    - apt_repository: {repo: "deb [arch=amd64] https://user:pw@repo.example.org/x stable main", filename: rb-extra, update_cache: false}
    - apt_repository: {repo: "deb http://deb.example.com/debian bookworm main", state: absent, update_cache: false}
    - apt_repository: {repo: "deb http://deb.example.com/debian bookworm main", state: absent, update_cache: false}
    - apt_repository: {repo: "deb http://checkmode.example.com/debian bookworm main", update_cache: false}
      check_mode: true
    - shell: cd /etc/apt && for f in sources.list sources.list.d/*.list; do [ -f "$f" ] && { echo "== $f"; cat "$f"; }; done > /etc/rb-sources.txt; true
`;
    const file = join(t.dir, 'aptrepo-play.yml');
    writeFileSync(file, play);
    const reset = (): void => {
      shellOn(
        t,
        'ssh2',
        'rm -f /etc/apt/sources.list.d/deb_example_com_debian.list /etc/apt/sources.list.d/rb-extra.list /etc/apt/sources.list.d/checkmode_example_com_debian.list /etc/rb-sources.txt',
      );
    };
    reset();
    const rb = t.apply(play);
    expect(rb.code, rb.out).toBe(0);
    expect(statusesOf(rb.out, 'ssh2')).toEqual([
      'changed:',
      'ok:',
      'changed:',
      'changed:',
      'ok:',
      'changed:',
      'changed:',
    ]);
    const left = t.hostFile('ssh2', 'etc/rb-sources.txt');
    expect(left).toContain(
      '== sources.list.d/rb-extra.list\ndeb [arch=amd64] https://user:pw@repo.example.org/x stable main\n',
    );
    expect(left).not.toContain('deb_example_com_debian');
    reset();
    const ap = ansiblePlaybook(t, file);
    expect(statusesOf(ap.stdout, 'ssh2')).toEqual(statusesOf(rb.out, 'ssh2'));
    expect(t.hostFile('ssh2', 'etc/rb-sources.txt')).toBe(left);
    reset();
  }, 600_000);

  it("mount (tmpfs in the lab host's own mount namespace: mounted, remounted on new options, unmounted, ephemeral, absent) and tempfile on a lab host: statuses, fstab and mounts as ansible-playbook 2.14 leaves them", () => {
    const play = `
- hosts: ssh2
  gather_facts: false
  tasks:
    - mount: {path: /mnt/rb-tmp/a, src: tmpfs, fstype: tmpfs, opts: size=1m, state: mounted}
    - mount: {path: /mnt/rb-tmp/a, src: tmpfs, fstype: tmpfs, opts: size=1m, state: mounted}
    - mount: {path: /mnt/rb-tmp/a, src: tmpfs, fstype: tmpfs, opts: size=2m, state: mounted}
    - shell: grep ' /mnt/rb-' /proc/self/mounts | cut -d' ' -f1-4 > /etc/rb-mounts.txt
    - mount: {path: /mnt/rb-tmp/a, state: unmounted}
    - mount: {path: /mnt/rb-tmp/a, state: unmounted}
    - mount: {path: /mnt/rb-eph, src: tmpfs, fstype: tmpfs, opts: size=1m, state: ephemeral}
    - mount: {path: /mnt/rb-eph, src: other, fstype: tmpfs, state: ephemeral}
      ignore_errors: true
    - mount: {path: /mnt/rb-eph, state: unmounted}
    - mount: {path: /mnt/rb-tmp/b, src: tmpfs, fstype: tmpfs, state: present, boot: false}
    - mount: {path: /mnt/rb-tmp/c, src: tmpfs, fstype: tmpfs, state: mounted}
      check_mode: true
    - shell: grep rb- /etc/fstab > /etc/rb-fstab.txt; ls /mnt/rb-tmp >> /etc/rb-fstab.txt
    - mount: {path: /mnt/rb-tmp/a, state: absent}
    - mount: {path: /mnt/rb-tmp/b, state: absent_from_fstab}
    - shell: echo == >> /etc/rb-fstab.txt; grep rb- /etc/fstab >> /etc/rb-fstab.txt; ls /mnt/rb-tmp >> /etc/rb-fstab.txt; true
    - tempfile: {state: directory, suffix: .rb}
      register: td
    - tempfile: {path: "{{ td.path }}", prefix: x.}
      register: tf
    - copy:
        dest: /etc/rb-tempfile.txt
        content: "{{ td.path is match('/tmp/ansible[.].{8}[.]rb$') }} {{ tf.path | dirname == td.path }} {{ tf.path | basename | length }} {{ td.state }} {{ tf.state }} {{ td.mode }}\\n"
`;
    const file = join(t.dir, 'mount-play.yml');
    writeFileSync(file, play);
    const reset = (): void =>
      shellOn(
        t,
        'ssh2',
        'umount /mnt/rb-tmp/a /mnt/rb-eph 2>/dev/null; sed -i "/rb-/d" /etc/fstab; rm -rf /mnt/rb-tmp /mnt/rb-eph /etc/rb-mounts.txt /etc/rb-fstab.txt /etc/rb-tempfile.txt; true',
      );
    const files = (): string[] =>
      ['etc/rb-mounts.txt', 'etc/rb-fstab.txt', 'etc/rb-tempfile.txt'].map((f) => t.hostFile('ssh2', f));
    reset();
    const rb = t.apply(play);
    expect(rb.code, rb.out).toBe(0);
    const rbFiles = files();
    expect(rbFiles).toEqual([
      'tmpfs /mnt/rb-tmp/a tmpfs rw,relatime,size=2048k\n',
      'tmpfs /mnt/rb-tmp/a tmpfs size=2m 0 0\ntmpfs /mnt/rb-tmp/b tmpfs defaults 0 0\na\n==\n',
      'True True 10 directory file 0700\n',
    ]);
    reset();
    const ap = ansiblePlaybook(t, file);
    expect(statusesOf(rb.out, 'ssh2')).toEqual(statusesOf(ap.stdout, 'ssh2'));
    expect(recap(rb.out, 'ssh2')).toEqual(recap(ap.stdout, 'ssh2'));
    expect(files()).toEqual(rbFiles);
    reset();
  }, 600_000);

  it('modprobe on a lab host whose /proc/modules and modules.builtin are stand-ins (the lab kernel has neither): loaded, builtin, persistent present/absent with params, a missing module; statuses and files as ansible-playbook 2.14 leaves them', () => {
    needs('kmod');
    const play = `
- hosts: ssh1
  gather_facts: false
  tasks:
    - modprobe: {name: dummy}
    - modprobe: {name: rbbuiltin}
    - modprobe: {name: rb-absent-mod, state: absent}
    - modprobe: {name: dummy, persistent: present, params: numdummies=2}
    - modprobe: {name: dummy, persistent: present, params: numdummies=2}
    - modprobe: {name: dummy, persistent: present, params: numdummies=3}
    - modprobe: {name: rb-nosuchmod}
      ignore_errors: true
    - shell: for f in /etc/modules-load.d/dummy.conf /etc/modprobe.d/dummy.conf /etc/modprobe.d/rb-other.conf; do echo "== $f"; cat $f; done > /etc/rb-modprobe.txt
    - modprobe: {name: dummy, persistent: absent}
    - modprobe: {name: dummy, persistent: absent}
    - shell: for f in /etc/modules-load.d/dummy.conf /etc/modprobe.d/dummy.conf /etc/modprobe.d/rb-other.conf; do echo "== $f"; cat $f; done >> /etc/rb-modprobe.txt
`;
    const file = join(t.dir, 'modprobe-play.yml');
    writeFileSync(file, play);
    const reset = (): void =>
      shellOn(
        t,
        'ssh1',
        'umount /proc 2>/dev/null; rm -rf /etc/modules-load.d/dummy.conf /etc/modprobe.d/dummy.conf /etc/rb-modprobe.txt /run/rb-proc "/lib/modules/$(uname -r)"; ' +
          'mkdir -p /run/rb-proc "/lib/modules/$(uname -r)" && echo "dummy 16384 0 - Live 0x0" > /run/rb-proc/modules && ' +
          'echo kernel/drivers/rb/rbbuiltin.ko > "/lib/modules/$(uname -r)/modules.builtin" && ' +
          'printf "options dummy numdummies=1\\n# keep\\n" > /etc/modprobe.d/rb-other.conf && mount --bind /run/rb-proc /proc',
      );
    const restore = (): void =>
      shellOn(
        t,
        'ssh1',
        'umount /proc; rm -rf /etc/modprobe.d/rb-other.conf /etc/modprobe.d/dummy.conf /etc/modules-load.d/dummy.conf "/lib/modules/$(uname -r)"',
      );
    try {
      reset();
      const rb = t.apply(play);
      expect(rb.code, rb.out).toBe(0);
      expect(statusesOf(rb.out, 'ssh1')).toEqual([
        'ok:',
        'ok:',
        'ok:',
        'changed:',
        'ok:',
        'changed:',
        'fatal:',
        'changed:',
        'changed:',
        'ok:',
        'changed:',
      ]);
      const mine = t.hostFile('ssh1', 'etc/rb-modprobe.txt');
      expect(mine).toContain('== /etc/modprobe.d/dummy.conf\noptions dummy numdummies=3\n');
      reset();
      const ap = ansiblePlaybook(t, file);
      expect(statusesOf(ap.stdout, 'ssh1')).toEqual(statusesOf(rb.out, 'ssh1'));
      expect(t.hostFile('ssh1', 'etc/rb-modprobe.txt')).toBe(mine);
    } finally {
      restore();
    }
  }, 600_000);

  it('archive on a lab host: a tree to tar.gz, a glob to zip with exclusions, one file compressed, xz with a missing path (incomplete), remove; members, results and statuses as ansible-playbook 2.14 gives', () => {
    const play = `
- hosts: ssh3
  gather_facts: false
  tasks:
    - shell: mkdir -p /srv/rb-arc/src/sub/deep /srv/rb-arc/src/empty && cd /srv/rb-arc/src && echo a > a.txt && echo c > c.conf && echo b > sub/b.txt && echo d > sub/deep/d.txt && ln -s a.txt link && touch -d 2020-01-01 a.txt c.conf sub/b.txt sub/deep/d.txt sub/deep sub empty . && cp a.txt /srv/rb-arc/single.txt
    - archive: {path: /srv/rb-arc/src, dest: /srv/rb-arc/tree.tgz}
      register: r1
    - archive: {path: /srv/rb-arc/src, dest: /srv/rb-arc/tree.tgz}
    - archive: {path: ["/srv/rb-arc/src/*.txt", /srv/rb-arc/src/sub], dest: /srv/rb-arc/some.zip, format: zip, exclusion_patterns: ["*/deep/*"], mode: "0600"}
      register: r2
    - archive: {path: ["/srv/rb-arc/src/*.txt", /srv/rb-arc/src/sub], dest: /srv/rb-arc/some.zip, format: zip, exclusion_patterns: ["*/deep/*"], mode: "0600"}
    - archive: {path: /srv/rb-arc/single.txt}
      register: r3
    - archive: {path: /srv/rb-arc/single.txt}
    - archive: {path: [/srv/rb-arc/src/sub, /srv/rb-arc/nothere], dest: /srv/rb-arc/part.tar.xz, format: xz}
      register: r4
    - archive: {path: /srv/rb-arc/single.txt, dest: /srv/rb-arc/gone.tar, format: tar, remove: true}
      register: r5
    - archive: {path: /srv/rb-arc/src, dest: /srv/rb-arc/check.tgz}
      check_mode: true
      register: r6
    - copy:
        dest: /etc/rb-archive.txt
        content: |
          {% for r in [r1, r2, r3, r4, r5, r6] %}
          {{ r.changed }} {{ r.dest_state }} {{ r.arcroot }} {{ r.archived | sort }} {{ r.missing }} {{ r.expanded_paths }} {{ r.mode | default('-') }}
          {% endfor %}
    - shell: cd /srv/rb-arc && { tar -tzf tree.tgz; echo ==; unzip -Z1 some.zip; echo ==; gzip -dc single.txt.gz; echo ==; tar -tJf part.tar.xz; echo ==; tar -tf gone.tar; ls; } >> /etc/rb-archive.txt
`;
    const file = join(t.dir, 'archive-play.yml');
    writeFileSync(file, play);
    const reset = (): void => shellOn(t, 'ssh3', 'rm -rf /srv/rb-arc /etc/rb-archive.txt');
    reset();
    const rb = t.apply(play);
    expect(rb.code, rb.out).toBe(0);
    expect(statusesOf(rb.out, 'ssh3')).toEqual([
      'changed:',
      'changed:',
      'ok:',
      'changed:',
      'ok:',
      'changed:',
      'ok:',
      'changed:',
      'changed:',
      'changed:',
      'changed:',
      'changed:',
    ]);
    const mine = t.hostFile('ssh3', 'etc/rb-archive.txt');
    expect(mine).toContain('True incomplete /srv/rb-arc/ ');
    reset();
    const ap = ansiblePlaybook(t, file);
    expect(statusesOf(ap.stdout, 'ssh3')).toEqual(statusesOf(rb.out, 'ssh3'));
    expect(t.hostFile('ssh3', 'etc/rb-archive.txt')).toBe(mine);
    reset();
  }, 600_000);

  it('keeps at most 8 sessions open on one connection, counted by sshd', () => {
    const hosts = Array.from({ length: 20 }, (_, i) => `same${i} ansible_host=${t.lab.host('ssh3').address}`);
    const inv = join(t.dir, 'same.ini');
    writeFileSync(
      inv,
      `${readFileSync(t.inventory, 'utf8').replace(/^\[lab\][\s\S]*?\[lab:vars\]/m, `[lab]\n${hosts.join('\n')}\n[lab:vars]`)}`,
    );
    const play = `
- hosts: lab
  gather_facts: false
  tasks:
    - copy: {dest: "/tmp/par-{{ inventory_hostname }}", content: "{{ inventory_hostname }}\\n"}
    - command: sleep 0.3
      changed_when: false
`;
    const log = join(t.lab.host('ssh3').dir, 'up/var/log/sshd-lab.log');
    const before = existsSync(log) ? readFileSync(log, 'utf8').length : 0;
    const r = t.apply(play, ['-f', '20'], inv);
    expect(r.code, r.out).toBe(0);
    // sshd (LogLevel VERBOSE) logs "Starting session" and "Close session" with the channel id.
    let open = 0;
    let peak = 0;
    for (const line of readFileSync(log, 'utf8').slice(before).split('\n')) {
      if (/Starting session:/.test(line)) peak = Math.max(peak, ++open);
      if (/Close session:/.test(line)) open--;
    }
    expect(peak).toBeGreaterThan(1);
    expect(peak).toBeLessThanOrEqual(8);
  }, 60_000);

  it('logs in with a signed public key request at once — an RSA key (rsa-sha2 signature) after an Ed25519 key the host refuses — and sshd logs no query for either', () => {
    const rsa = join(t.dir, 'id_rsa_login');
    const stranger = join(t.dir, 'id_ed25519_stranger');
    execFileSync('ssh-keygen', ['-q', '-t', 'rsa', '-b', '2048', '-N', '', '-f', rsa]);
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', stranger]);
    const pub = readFileSync(`${rsa}.pub`, 'utf8').trim();
    const add = t.apply(
      `- hosts: ssh2\n  gather_facts: false\n  tasks:\n    - authorized_key: {user: root, key: "${pub}"}\n`,
    );
    expect(add.code, add.out).toBe(0);
    const log = join(t.lab.host('ssh2').dir, 'up/var/log/sshd-lab.log');
    const before = existsSync(log) ? readFileSync(log, 'utf8').length : 0;
    const r = t.apply(
      `- hosts: ssh2\n  gather_facts: false\n  vars: {ansible_ssh_private_key_file: "${stranger}", ansible_ssh_extra_args: "-o IdentityFile=${rsa}"}\n  tasks:\n    - command: "true"\n`,
    );
    expect(r.code, r.out).toBe(0);
    const seen = readFileSync(log, 'utf8').slice(before);
    // sshd (LogLevel VERBOSE) logs a query it answered with PK_OK as "Postponed publickey"
    expect(seen).toMatch(/Failed publickey for root from .* ED25519 SHA256:/);
    expect(seen).toMatch(/Accepted publickey for root from .* RSA SHA256:/);
    expect(seen).not.toContain('Postponed publickey');
  }, 60_000);

  it('marks a host whose sshd is stopped UNREACHABLE while the others finish (exit 4)', async () => {
    await t.lab.stop('ssh2');
    try {
      const r = t.apply(
        '- hosts: lab\n  gather_facts: false\n  tasks:\n    - file: {path: /srv/after-stop, state: directory}\n',
      );
      expect(r.code, r.out).toBe(4);
      expect(r.out).toContain(
        'fatal: [ssh2]: UNREACHABLE! => {"changed": false, "msg": "Failed to connect to the host via ssh: ssh: connect to host 127.0.2.12 port 22: Connection refused", "unreachable": true}',
      );
      expect(recap(r.out, 'ssh1')).toMatchObject({ changed: 1, unreachable: 0 });
      expect(recap(r.out, 'ssh2')).toMatchObject({ unreachable: 1 });
    } finally {
      await t.lab.start('ssh2');
    }
  }, 60_000);

  it('refuses a changed host key, naming the host and the fingerprint', () => {
    const known = join(t.dir, 'known_hosts_changed');
    const other = readFileSync(t.lab.knownHosts, 'utf8')
      .split('\n')
      .find((l) => l.startsWith(`${t.lab.host('ssh2').address} `))!;
    writeFileSync(known, `${t.lab.host('ssh1').address} ${other.split(' ').slice(1).join(' ')}\n`);
    const inv = join(t.dir, 'changed.ini');
    writeFileSync(inv, readFileSync(t.inventory, 'utf8').replace(t.lab.knownHosts, known));
    const r = t.apply('- hosts: ssh1\n  gather_facts: false\n  tasks:\n    - command: "true"\n', [], inv);
    expect(r.code).toBe(4);
    expect(r.out).toMatch(
      /UNREACHABLE!.*REMOTE HOST IDENTIFICATION HAS CHANGED.*ssh-ed25519 key fingerprint SHA256:\S+ offered by 127\.0\.2\.11 \(ssh1\)/,
    );
  }, 60_000);

  it('checks host keys by default: a host whose key is not known is refused, nothing runs there', () => {
    const empty = join(t.dir, 'known_hosts_empty');
    writeFileSync(empty, '');
    const inv = join(t.dir, 'unknown.ini');
    writeFileSync(inv, readFileSync(t.inventory, 'utf8').replace(t.lab.knownHosts, empty));
    // no ANSIBLE_HOST_KEY_CHECKING, no ansible.cfg: the default is on, as in Ansible
    const r = t.apply(
      '- hosts: ssh1\n  gather_facts: false\n  tasks:\n    - command: touch /srv/rb-unknown-host-ran\n',
      [],
      inv,
    );
    expect(r.code).toBe(4);
    expect(r.out).toMatch(
      /UNREACHABLE!.*No ssh-ed25519 host key is known for 127\.0\.2\.11 \(ssh1\) and you have requested strict checking\..*Host key verification failed\./,
    );
    expect(existsSync(join(t.lab.host('ssh1').dir, 'up/srv/rb-unknown-host-ran'))).toBe(false);
  }, 60_000);

  it('reaches a host through a ProxyJump lab host (-F and -J)', () => {
    const inv = join(t.dir, 'jump.ini');
    writeFileSync(
      inv,
      `[lab]\nssh3 ansible_host=ssh3\n[lab:vars]\nansible_ssh_common_args='-F ${join(t.dir, 'ssh_config')} -J ssh1'\n`,
    );
    const jumpLog = join(t.lab.host('ssh1').dir, 'up/var/log/sshd-lab.log');
    const logins = (): number => (readFileSync(jumpLog, 'utf8').match(/Accepted publickey for root/g) ?? []).length;
    const before = logins();
    const r = t.apply(
      '- hosts: lab\n  gather_facts: false\n  tasks:\n    - command: hostname\n      register: h\n      changed_when: false\n    - assert: {that: "h.stdout == \'ssh3\'"}\n',
      [],
      inv,
    );
    expect(r.code, r.out).toBe(0);
    // The only host of the play is ssh3: a new login on ssh1 is the jump.
    expect(logins()).toBe(before + 1);
  }, 60_000);

  it('reboots a host (its PID 1 ends, its supervisor boots it again) and waits for it; wait_for_connection', () => {
    const play = `
- hosts: ssh3
  gather_facts: false
  tasks:
    - command: cat /run/lab-boot-id
      register: before
      changed_when: false
    - reboot: {reboot_command: "kill 1", boot_time_command: "cat /run/lab-boot-id", reboot_timeout: 60}
      register: rb
    - wait_for_connection: {timeout: 20}
    - command: cat /run/lab-boot-id
      register: after
      changed_when: false
    - assert: {that: ["rb.rebooted", "after.stdout != before.stdout", "before.stdout | length == 36"]}
`;
    const r = t.apply(play);
    expect(r.code, r.out).toBe(0);
    expect(recap(r.out, 'ssh3')).toMatchObject({ changed: 1, failed: 0 });
  }, 90_000);

  it('detects a blackholed host during a long task by keepalive; the others finish (exit 4)', async () => {
    const inv = join(t.dir, 'keepalive.ini');
    writeFileSync(
      inv,
      readFileSync(t.inventory, 'utf8').replace(
        '-o UserKnownHostsFile',
        '-o ServerAliveInterval=1 -o ServerAliveCountMax=2 -o UserKnownHostsFile',
      ),
    );
    const file = join(t.dir, 'long.yml');
    writeFileSync(
      file,
      '- hosts: ssh1,ssh2\n  gather_facts: false\n  tasks:\n    - command: sleep 6\n      changed_when: false\n    - command: "true"\n      changed_when: false\n',
    );
    const child = spawn('node', [join(resolve('dist/cli.js')), 'apply', '-i', inv, file], {
      env: { ...process.env, ANSIBLE_NOCOLOR: '1' },
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      out += d.toString();
    });
    // Frozen once the task runs (the connection is up): only keepalive can tell.
    for (let i = 0; i < 100 && !out.includes('TASK [command]'); i++) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 1000));
    t.lab.freeze('ssh2');
    const code = await new Promise<number>((r) => child.on('close', (c) => r(c ?? -1)));
    t.lab.thaw('ssh2');
    expect(code, out).toBe(4);
    expect(out).toMatch(/fatal: \[ssh2\]: UNREACHABLE! => .*Timeout, server 127\.0\.2\.12 not responding/);
    expect(recap(out, 'ssh1')).toMatchObject({ ok: 2, unreachable: 0 });
  }, 60_000);

  it('becomes another user with su (as root, no password asked)', () => {
    const r = t.apply(
      '- hosts: ssh1\n  gather_facts: false\n  tasks:\n    - command: id -un\n      become: true\n      become_method: su\n      become_user: operator\n      register: me\n      changed_when: false\n    - assert: {that: "me.stdout == \'operator\'"}\n',
    );
    expect(r.code, r.out).toBe(0);
  }, 30_000);

  it('leaves no temporary files behind in written directories', () => {
    const dir = join(t.lab.host('ssh1').dir, 'up/srv/app');
    expect(readdirSync(dir).filter((f) => f.includes('.rb-'))).toEqual([]);
  });
});
