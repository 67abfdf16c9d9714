import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from './main.js';

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const raw: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), write: (s) => raw.push(s), err: (s) => err.push(s) });
  return { code, out: raw.length ? raw.join('') : out.join('\n'), err: err.join('\n') };
}

describe('runbook template', () => {
  it('prints what Ansible makes of a task argument', async () => {
    expect(await run(['template', '{{ 5 }}'])).toMatchObject({ code: 0, out: '5' });
    expect(await run(['template', '[{{ a }}, 2]', '-e', '{a: 1}'])).toMatchObject({ code: 0, out: '[\n  1,\n  2\n]' });
    expect(await run(['template', '{{ x }}', '-e', 'x=yes'])).toMatchObject({ code: 0, out: 'yes' });
  });

  it('prints an expression as JSON with Python number types', async () => {
    expect(await run(['template', '--expr', '4 / 2'])).toMatchObject({ code: 0, out: '2.0' });
  });

  it('reads -e @file vars', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rb-cli-'));
    writeFileSync(join(dir, 'vars.yml'), 'db:\n  host: controller1\n  port: 3306\n');
    expect((await run(['template', '{{ db.host }}:{{ db.port }}', '-e', `@${join(dir, 'vars.yml')}`])).out).toBe(
      'controller1:3306',
    );
  });

  // Recorded with ansible-core 2.14.18's template module: trim_blocks eats the newline after
  // the include, and the file's two trailing newlines are kept.
  it('renders a template file as the template module does, includes and lookups resolved beside it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rb-cli-'));
    writeFileSync(join(dir, 'main.j2'), "{% include 'part.j2' %}\nkey={{ lookup('file', 'data.txt') }}\n\n");
    writeFileSync(join(dir, 'part.j2'), '[{{ section }}]');
    writeFileSync(join(dir, 'data.txt'), 'value\n');
    expect((await run(['template', '--file', join(dir, 'main.j2'), '-e', 'section=DEFAULT'])).out).toBe(
      '[DEFAULT]key=value\n\n',
    );
  });

  it('fails with file:line:column and exit 1 on a template error, no stack trace', async () => {
    const r = await run(['template', 'ok\n{{ nova.db.host }}', '-e', '{nova: {}}']);
    expect(r.code).toBe(1);
    expect(r.err).toBe("ERROR! template error: 2:4: 'nova.db.host' is undefined ('dict object' has no attribute 'db')");
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('names the vars file and line of a YAML error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rb-cli-'));
    writeFileSync(join(dir, 'bad.yml'), 'a: 1\nb: [\n');
    const r = await run(['template', '{{ a }}', '-e', `@${join(dir, 'bad.yml')}`]);
    expect(r.code).toBe(4); // a YAML syntax error is a parse error, as in ansible-playbook
    // Ansible's loader error: both parsers' complaints, then where (appears to be in …)
    expect(r.err).toMatch(/^ERROR! We were unable to read either as JSON nor YAML/);
    expect(r.err).toContain(`The error appears to be in '${join(dir, 'bad.yml')}': line 3, column 1, but may`);
  });

  it('exits 5 on bad options, as Ansible does', async () => {
    expect((await run(['template', '--nope'])).code).toBe(5);
    expect((await run(['template', '-e', 'not a pair', '{{ 1 }}'])).code).toBe(1);
    expect((await run(['frobnicate'])).code).toBe(5);
  });
});

describe('the built executable', () => {
  const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

  it('answers the JSON protocol on stdin', async () => {
    const r = spawnSync('node', [cli, 'template', '--json'], {
      input: '{"kind": "expr", "tpl": "x / 2", "vars": {"x": 4.0}}',
      encoding: 'utf8',
    });
    expect(r.status, `build first (npm run build): ${r.stderr}`).toBe(0);
    expect(r.stdout).toBe('{"ok": true, "value": "2.0"}\n');
    const bad = spawnSync('node', [cli, 'template', '--json'], {
      input: '{"kind": "render", "tpl": "{{ nope }}"}',
      encoding: 'utf8',
    });
    expect(bad.stdout).toBe('{"ok": false, "error": "\'nope\' is undefined"}\n');
  }, 30_000);

  it('prints its version', async () => {
    expect(execFileSync('node', [cli, '--version'], { encoding: 'utf8' })).toMatch(/^runbook \d+\.\d+\.\d+/);
  });
});
