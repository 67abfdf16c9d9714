// `runbook apply --resume` through the CLI on this machine (connection local): what the failure
// output ends with, steps not run twice or re-checked, the lock, and a step that outlived a
// killed runbook waited for rather than started twice.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI } from './support/ssh-lab.js';

function apply(dir: string, ...args: string[]) {
  const r = spawnSync('node', [CLI, 'apply', '-i', 'localhost,', '-c', 'local', ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, ANSIBLE_NOCOLOR: '1' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('--resume', () => {
  it('ends a failed run with what is left and the command; the resumed run re-reads, re-checks and does not repeat', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rb-resume-'));
    writeFileSync(
      join(dir, 'pb.yml'),
      `- hosts: localhost
  gather_facts: false
  tasks:
    - name: read
      command: cat ${dir}/count
      register: before
      changed_when: false
      failed_when: false
    - name: count once
      shell: echo x >> ${dir}/count
    - name: config
      copy: { dest: "${dir}/app.conf", content: "a=1\\n" }
    - name: needs the fix
      command: test -e ${dir}/fixed
`,
    );
    const first = apply(dir, 'pb.yml');
    expect(first.code).toBe(2);
    expect(first.err).toMatch(
      /localhost: failed at "needs the fix" \(pb\.yml:13\)\nFix the cause, then resume with:\n {2}runbook apply --resume -i localhost, -c local pb\.yml\n?$/,
    );
    expect(readdirSync(join(dir, '.runbook'))).toEqual([expect.stringMatching(/^pb-[0-9a-f]{12}\.json$/)]);
    writeFileSync(join(dir, 'fixed'), '');
    // someone changed the config in between: the check-mode re-check sees it and runs the step again
    writeFileSync(join(dir, 'app.conf'), 'a=2\n');
    const again = apply(dir, '--resume', '-v', 'pb.yml');
    expect(again.code, again.out).toBe(0);
    expect(readFileSync(join(dir, 'count'), 'utf8')).toBe('x\n');
    // at -v a result is one line of JSON, as the default callback prints it below -vvv
    expect(again.out).toMatch(
      /TASK \[count once\][^\n]*\nok: \[localhost\] => \{"changed": false, "msg": "done by the run being resumed \([^)]+\); not run twice", "resumed": true\}/,
    );
    expect(again.out).toMatch(/TASK \[config\][^\n]*\nchanged: \[localhost\]/);
    expect(readFileSync(join(dir, 'app.conf'), 'utf8')).toBe('a=1\n');
    // the first module on a host reports the interpreter Ansible's discovery finds
    expect(again.out).toMatch(
      /TASK \[read\][^\n]*\nok: \[localhost\] => \{"ansible_facts": \{"discovered_interpreter_python": "[^"]+"\}, "changed": false, "cmd": \["cat"/,
    );
  });

  it('refuses --resume when no run left a state, and with --check', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rb-resume-'));
    writeFileSync(
      join(dir, 'pb.yml'),
      '- hosts: localhost\n  gather_facts: false\n  tasks: [{ debug: { msg: hi } }]\n',
    );
    const r = apply(dir, '--resume', 'pb.yml');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /^ERROR! nothing to resume: no earlier run of this playbook with this inventory left a state file \(.*\.runbook\/pb-[0-9a-f]+\.json\)/,
    );
    expect(apply(dir, '--resume', '--check', 'pb.yml').err).toContain('--resume cannot be combined with --check');
    expect(apply(dir, '--check', 'pb.yml').code).toBe(0);
    expect(existsSync(join(dir, '.runbook'))).toBe(false);
  });

  it('waits for a step that outlived a killed runbook instead of starting it twice; a live run holds the lock', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rb-resume-'));
    writeFileSync(
      join(dir, 'pb.yml'),
      `- hosts: localhost\n  gather_facts: false\n  tasks:\n    - name: long\n      shell: echo start >> ${dir}/log; sleep 4; echo end >> ${dir}/log\n`,
    );
    const child = spawn('node', [CLI, 'apply', '-i', 'localhost,', '-c', 'local', 'pb.yml'], {
      cwd: dir,
      stdio: 'ignore',
    });
    for (let i = 0; i < 100 && !existsSync(join(dir, 'log')); i++) await new Promise((r) => setTimeout(r, 50));
    const locked = apply(dir, 'pb.yml');
    expect(locked.code).toBe(1);
    expect(locked.err).toMatch(/another runbook run \(pid \d+, started [^)]+\) is using/);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const resumed = apply(dir, '--resume', 'pb.yml');
    expect(resumed.code, resumed.out + resumed.err).toBe(0);
    expect(resumed.out + resumed.err).toMatch(
      // a warning, wrapped at 79 columns as Display.warning wraps it
      /\[localhost\]: this step of the run being resumed is still running\s\(pid [\d ]+\); waiting for it to end/,
    );
    // the old one finished before the step ran again: never two at once
    expect(readFileSync(join(dir, 'log'), 'utf8')).toBe('start\nend\nstart\nend\n');
  }, 30_000);

  it('SIGINT: "User interrupted execution", exit 99, the state file whole and marked, the lock released', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rb-resume-'));
    writeFileSync(
      join(dir, 'pb.yml'),
      `- hosts: localhost\n  gather_facts: false\n  tasks:\n    - name: long\n      shell: echo start >> ${dir}/log; sleep 5\n`,
    );
    const child = spawn('node', [CLI, 'apply', '-i', 'localhost,', '-c', 'local', 'pb.yml'], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    for (let i = 0; i < 100 && !existsSync(join(dir, 'log')); i++) await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGINT');
    const code = await new Promise((r) => child.once('exit', r));
    expect(code).toBe(99);
    expect(err).toContain('ERROR! User interrupted execution');
    const [file] = readdirSync(join(dir, '.runbook'));
    expect(JSON.parse(readFileSync(join(dir, '.runbook', file!), 'utf8'))).toMatchObject({ status: 'interrupted' });
    expect(readdirSync(join(dir, '.runbook'))).toEqual([file]);
  }, 30_000);
});
