// `runbook vault` against the reference, Debian's ansible-vault 2.14: what one encrypts the
// other decrypts (1.1 and 1.2 with a vault id, files and strings), and the same exit codes and
// messages for the mistakes people make. Password sources: file, executable, -client script,
// prompt (stdin when not a terminal), ANSIBLE_VAULT_PASSWORD_FILE.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI } from './support/ssh-lab.js';
import { ansibleUnavailable } from './support/ansible.js';

const why = ansibleUnavailable();
const dir = mkdtempSync(join(tmpdir(), 'rb-vault-tools-'));
const run = (cmd: string, args: string[], opts: { input?: string; env?: Record<string, string> } = {}) => {
  const r = spawnSync(cmd, args, {
    cwd: dir,
    encoding: 'utf8',
    input: opts.input ?? '',
    env: { ...process.env, ANSIBLE_NOCOLOR: '1', ...opts.env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const rb = (...args: string[]) => run('node', [CLI, 'vault', ...args]);
const av = (...args: string[]) => run('ansible-vault', args);
const put = (name: string, text: string, mode = 0o644): string => {
  writeFileSync(join(dir, name), text, { mode });
  return name;
};
const read = (name: string): string => readFileSync(join(dir, name), 'utf8');

describe.skipIf(why !== undefined)('runbook vault and ansible-vault', { timeout: 60_000 }, () => {
  beforeAll(() => {
    put('p1', 'first-password\n');
    put('p2', 'second-password\n');
    put('pw.sh', '#!/bin/sh\necho first-password\n', 0o755);
    put('ids-client.sh', '#!/bin/sh\n[ "$1" = --vault-id ] && [ "$2" = dev ] && echo second-password\n', 0o755);
  });

  for (const [label, flags, header] of [
    ['1.1', ['--vault-password-file', 'p1'], '$ANSIBLE_VAULT;1.1;AES256'],
    ['1.2 with a vault id', ['--vault-id', 'dev@p2'], '$ANSIBLE_VAULT;1.2;AES256;dev'],
  ] as const) {
    it(`files: ${label} both ways`, () => {
      const mine = put(`mine-${label.length}.yml`, 'db_password: s3cr3t\n', 0o640);
      expect(rb('encrypt', mine, ...flags)).toMatchObject({ code: 0, out: '' });
      expect(read(mine).split('\n')[0]).toBe(header);
      expect(statSync(join(dir, mine)).mode & 0o777).toBe(0o640);
      expect(av('view', mine, ...flags)).toMatchObject({ code: 0, out: 'db_password: s3cr3t\n' });
      const theirs = put(`theirs-${label.length}.yml`, 'other: value\n');
      expect(av('encrypt', theirs, ...flags).code).toBe(0);
      expect(rb('view', theirs, ...flags)).toMatchObject({ code: 0, out: 'other: value\n' });
      expect(rb('decrypt', theirs, ...flags).code).toBe(0);
      expect(read(theirs)).toBe('other: value\n');
    });
  }

  it('strings: encrypt_string from each, used by the playbooks of both', () => {
    const theirs = av('encrypt_string', '--vault-id', 'dev@p2', '--name', 'x', 'hello');
    const mine = rb('encrypt_string', '--vault-id', 'dev@p2', '--name', 'y', 'world');
    expect(mine.out).toMatch(/^y: !vault \|\n {10}\$ANSIBLE_VAULT;1\.2;AES256;dev\n( {10}[0-9a-f]{1,80}\n)+$/);
    put('s.yml', `${theirs.out}\n${mine.out}`);
    // compared, not printed: runbook masks vault values in its output (test/secrets.test.ts)
    put(
      'pb.yml',
      "- hosts: localhost\n  gather_facts: false\n  vars_files: [s.yml]\n  tasks: [{ debug: { msg: \"{{ x == 'hello' and y == 'world' }}\" } }]\n",
    );
    for (const [cmd, args] of [
      ['ansible-playbook', []],
      ['node', [CLI, 'apply', '--no-state']],
    ] as const) {
      const r = run(cmd, [...args, '-i', 'localhost,', '-c', 'local', 'pb.yml', '--vault-id', 'dev@p2']);
      expect(r.out, r.err).toContain('"msg": true');
    }
  });

  it('rekey, create and edit through $EDITOR, leaving no plaintext behind', () => {
    const f = put('r.yml', 'k: 1\n');
    expect(rb('encrypt', f, '--vault-password-file', 'p1').code).toBe(0);
    expect(rb('rekey', f, '--vault-password-file', 'p1', '--new-vault-id', 'dev@p2')).toMatchObject({
      code: 0,
      err: 'Rekey successful\n',
    });
    expect(av('view', f, '--vault-id', 'dev@p2').out).toBe('k: 1\n');
    const editor = put(
      'editor.sh',
      '#!/bin/sh\nprintf "%s\\n" "$(cat "$1")" "added: 2" | sed "/^$/d" > "$1.new" && mv "$1.new" "$1"\n',
      0o755,
    );
    expect(
      run('node', [CLI, 'vault', 'create', 'c.yml', '--vault-password-file', 'p1'], { env: { EDITOR: `./${editor}` } })
        .code,
    ).toBe(0);
    expect(statSync(join(dir, 'c.yml')).mode & 0o777).toBe(0o600);
    expect(av('view', 'c.yml', '--vault-password-file', 'p1').out).toBe('added: 2\n');
    expect(
      run('node', [CLI, 'vault', 'edit', 'c.yml', '--vault-password-file', 'p1'], { env: { EDITOR: 'sed -i s/2/3/' } })
        .code,
    ).toBe(0);
    expect(av('view', 'c.yml', '--vault-password-file', 'p1').out).toBe('added: 3\n');
    expect(readdirSync(dir).filter((n) => n.includes('.rb-'))).toEqual([]);
  });

  it('reads passwords from an executable, a -client script, the prompt and ANSIBLE_VAULT_PASSWORD_FILE', () => {
    const f = put('src.yml', 'v: 1\n');
    expect(av('encrypt', f, '--vault-password-file', 'p1').code).toBe(0);
    expect(rb('view', f, '--vault-password-file', './pw.sh').out).toBe('v: 1\n');
    expect(run('node', [CLI, 'vault', 'view', f, '--ask-vault-pass'], { input: 'first-password\n' }).out).toBe(
      'v: 1\n',
    );
    expect(run('node', [CLI, 'vault', 'view', f], { env: { ANSIBLE_VAULT_PASSWORD_FILE: join(dir, 'p1') } }).out).toBe(
      'v: 1\n',
    );
    const g = put('dev.yml', 'w: 2\n');
    expect(av('encrypt', g, '--vault-id', 'dev@p2').code).toBe(0);
    expect(rb('view', g, '--vault-id', 'dev@./ids-client.sh').out).toBe('w: 2\n');
  });

  // The same exit code and message as ansible-vault, asked live.
  const mistakes: [string, () => string[]][] = [
    [
      'a wrong password',
      () => ['view', put('w.yml', readFileSync(join(dir, 'src.yml'), 'utf8')), '--vault-password-file', 'p2'],
    ],
    ['encrypting a vaulted file', () => ['encrypt', 'src.yml', '--vault-password-file', 'p1']],
    ['decrypting a plain file', () => ['decrypt', put('plain.txt', 'x\n'), '--vault-password-file', 'p1']],
    ['a missing file', () => ['view', 'nowhere.yml', '--vault-password-file', 'p1']],
    ['create over an existing file', () => ['create', 'src.yml', '--vault-password-file', 'p1']],
    ['two ids and none chosen to encrypt', () => ['encrypt_string', '--vault-id', 'a@p1', '--vault-id', 'b@p2', 'q']],
  ];
  for (const [label, args] of mistakes) {
    it(`fails as ansible-vault does on ${label}`, () => {
      const a = args();
      const want = av(...a);
      const got = rb(...a);
      expect(got.code).toBe(want.code);
      const last = (s: string): string =>
        s
          .trim()
          .split('\n')
          .filter((l) => l.startsWith('ERROR!'))
          .at(-1) ?? '';
      expect(last(got.err)).toBe(last(want.err));
      expect(got.err).not.toMatch(/\n\s+at /);
    });
  }
});
