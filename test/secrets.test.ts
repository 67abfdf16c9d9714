// A vaulted password stays secret: at -vvvv, with a failing task that prints it, with --report
// and a state file, it appears nowhere — stdout, stderr, the report, the state file — while the
// non-secret values of the same vaulted file still show. Plain `*_password` variables and
// module arguments marked no_log are masked too; a no_log failure keeps its class and task name.
// The argv of every process, local and on lab hosts: test/e2e/reliability.test.ts.
import { execFile, spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encryptVault } from '../src/vault/index.js';
import { CLI } from './support/ssh-lab.js';

const PASSWORD = 'hunter2-Correct-Horse';

describe('secrets', () => {
  it('a vaulted password appears in no output, report or state file, at any verbosity and with the json callback', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rb-secrets-'));
    writeFileSync(join(dir, 'vault-pass'), 'the-vault-password\n');
    writeFileSync(
      join(dir, 'secrets.yml'),
      encryptVault(`db_password: ${PASSWORD}\ndb_user: root\n`, {
        id: 'default',
        password: Buffer.from('the-vault-password'),
      }),
    );
    writeFileSync(
      join(dir, 'inline.yml'),
      `api_token: !vault |\n${encryptVault('tok-1234567890', {
        id: 'default',
        password: Buffer.from('the-vault-password'),
      })
        .trimEnd()
        .split('\n')
        .map((l) => `  ${l}`)
        .join('\n')}\n`,
    );
    writeFileSync(
      join(dir, 'pb.yml'),
      `- hosts: localhost
  gather_facts: false
  vars_files: [secrets.yml, inline.yml]
  tasks:
    - debug: { msg: "{{ db_user }} logs in with {{ db_password }} and {{ api_token }}" }
    - shell: echo "{{ db_password }}"; exit 3
      register: out
`,
    );
    for (const extra of [[], ['-vvvv'], ['--diff']] as string[][]) {
      for (const env of [{}, { ANSIBLE_STDOUT_CALLBACK: 'json' }]) {
        const r = spawnSync(
          'node',
          [
            CLI,
            'apply',
            ...extra,
            '-i',
            'localhost,',
            '-c',
            'local',
            '--vault-password-file',
            'vault-pass',
            '--report',
            'run.html',
            'pb.yml',
          ],
          { cwd: dir, encoding: 'utf8', env: { ...process.env, ...env } },
        );
        expect(r.status).toBe(2);
        const state = readdirSync(join(dir, '.runbook'))
          .filter((f) => f.endsWith('.json'))
          .map((f) => readFileSync(join(dir, '.runbook', f), 'utf8'))
          .join('');
        for (const [where, text] of [
          ['stdout', r.stdout],
          ['stderr', r.stderr],
          ['report', readFileSync(join(dir, 'run.html'), 'utf8')],
          ['state file', state],
        ] as const) {
          expect(text, `${where} ${extra.join(' ')} ${JSON.stringify(env)}`).not.toContain(PASSWORD);
          expect(text, where).not.toContain('tok-1234567890');
        }
        expect(r.stdout).toContain('root logs in with ******** and ********');
      }
    }
  }, 60_000);

  it('plain *_password variables, -e passwords and no_log module arguments are masked; a no_log failure keeps its class and task name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rb-secrets-'));
    // a basic-auth endpoint: uri sends url_password (no_log in uri.py) on curl's stdin
    const server = createServer((req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end(req.headers.authorization ? 'authorized' : 'anonymous');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    writeFileSync(
      join(dir, 'inv'),
      'localhost ansible_connection=local site_db_password=Plain-Var-Secret-7 ansible_become_password=Become-Secret-5\n',
    );
    writeFileSync(
      join(dir, 'pb.yml'),
      `- hosts: localhost
  gather_facts: false
  tasks:
    - uri: { url: "http://127.0.0.1:${port}/", url_username: admin, url_password: Plain-Arg-Secret-9, force_basic_auth: true, return_content: true }
      register: page
    - debug: { msg: "{{ page.content }}: arg Plain-Arg-Secret-9, var {{ site_db_password }}, become {{ ansible_become_password }}, extra {{ api_password }}" }
    - name: the step that hides its output
      shell: echo "{{ site_db_password }}"; exit 3
      no_log: true
`,
    );
    try {
      for (const [extra, env] of [
        [[], {}],
        [['-vvvv'], {}],
        [[], { ANSIBLE_STDOUT_CALLBACK: 'json' }],
      ] as const) {
        const r = await promisify(execFile)(
          'node',
          [CLI, 'apply', ...extra, '-i', 'inv', '-e', 'api_password=Extra-Secret-3', '--report', 'run.html', 'pb.yml'],
          { cwd: dir, encoding: 'utf8', env: { ...process.env, ...env } },
        ).catch((e: { code: number; stdout: string; stderr: string }) => e);
        expect('code' in r ? r.code : 0).toBe(2);
        const state = readdirSync(join(dir, '.runbook'))
          .map((f) => readFileSync(join(dir, '.runbook', f), 'utf8'))
          .join('');
        for (const [where, text] of [
          ['stdout', r.stdout],
          ['stderr', r.stderr],
          ['report', readFileSync(join(dir, 'run.html'), 'utf8')],
          ['state file', state],
        ] as const) {
          for (const secret of ['Plain-Arg-Secret-9', 'Plain-Var-Secret-7', 'Become-Secret-5', 'Extra-Secret-3'])
            expect(text, `${where} ${extra.join(' ')}`).not.toContain(secret);
        }
        expect(r.stdout).toContain('authorized: arg ********, var ********, become ********, extra ********');
        // Ansible's censored result, and runbook's footer naming the task (not repeating its output)
        expect(r.stdout).toMatch(
          /"censored": "the output has been hidden due to the fact that 'no_log: true' was specified for this result"/,
        );
        expect(r.stderr).toMatch(/localhost: failed at "the step that hides its output" \(pb\.yml:7\)\n/);
      }
    } finally {
      server.close();
    }
  }, 60_000);
});
