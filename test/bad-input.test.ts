// Bad input to `runbook apply`: each mistake is reported as ansible-playbook 2.14.18 reports it
// (its message, then "The error appears to be in '<file>': line N, column M" and the offending
// line with a caret — AnsibleError._get_extended_error), with its exit code (4 for parse
// errors, 1 for a missing role or import, 2 for a failing task), and never a JavaScript stack
// trace. The expected texts below are what ansible-playbook 2.14.18 printed for these inputs;
// where Ansible points at the play or at nothing, runbook adds one line naming the culprit.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/index.js';

async function apply(
  playbook: string,
  extra: Record<string, string> = {},
): Promise<{ code: number; out: string; err: string; file: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'rb-bad-'));
  const file = join(dir, 'play.yml');
  writeFileSync(file, playbook);
  for (const [name, text] of Object.entries(extra)) writeFileSync(join(dir, name), text);
  writeFileSync(join(dir, 'hosts.ini'), 'local1 ansible_connection=local\n');
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['apply', '--state-dir', join(dir, '.runbook'), '-i', join(dir, 'hosts.ini'), file], {
    out: (s) => out.push(s),
    write: (s) => out.push(s),
    err: (s) => err.push(s),
  });
  return { code, out: out.join('\n'), err: err.join('\n'), file };
}

const PLAY = '- hosts: all\n  gather_facts: false\n  tasks:\n';

function noStack(text: string): void {
  expect(text).not.toMatch(/\n\s+at .+:\d+:\d+\)?$/m);
}

describe('bad input', () => {
  it('a YAML syntax error: file, line and column, exit 4, nothing runs', async () => {
    const r = await apply(`${PLAY}    - debug: {msg: [unclosed}\n`);
    expect(r.code).toBe(4);
    expect(r.err).toMatch(
      /^ERROR! We were unable to read either as JSON nor YAML, these are the errors we got from each:\nJSON: Expecting value: line 1 column 1 \(char 0\)\n\nSyntax Error while loading YAML\.\n {2}\S/,
    );
    expect(r.err).toContain(
      `The error appears to be in '${r.file}': line 4, column 29, but may\nbe elsewhere in the file depending on the exact syntax problem.\n\nThe offending line appears to be:\n\n  tasks:\n    - debug: {msg: [unclosed}\n                            ^ here`,
    );
    expect(r.out).not.toContain('PLAY RECAP');
    noStack(r.err);
  });

  it('an unknown module: its name, the task line, exit 4', async () => {
    const r = await apply(`${PLAY}    - debug: msg=first\n    - frobnicate: {x: 1}\n`);
    expect(r.code).toBe(4);
    expect(r.err).toBe(
      `ERROR! couldn't resolve module/action 'frobnicate'. This often indicates a misspelling, missing collection, or incorrect module path.\n\nThe error appears to be in '${r.file}': line 4, column 17, but may\nbe elsewhere in the file depending on the exact syntax problem.\n\nThe offending line appears to be:\n\n    - debug: msg=first\n                ^ here\n\nThere appears to be both 'k=v' shorthand syntax and YAML in this task. Only one syntax may be used.`,
    );
  });

  it('an unknown task keyword: the conflicting names, exit 4, and the keyword meant', async () => {
    const r = await apply(`${PLAY}    - debug: msg=hi\n      becom: yes\n`);
    expect(r.code).toBe(4);
    expect(r.err).toBe(
      `ERROR! conflicting action statements: debug, becom\n\nThe error appears to be in '${r.file}': line 4, column 7, but may\nbe elsewhere in the file depending on the exact syntax problem.\n\nThe offending line appears to be:\n\n  tasks:\n    - debug: msg=hi\n      ^ here\n\nrunbook: becom: did you mean 'become'?`,
    );
  });

  it('an unknown play keyword: its name and line, exit 4', async () => {
    const r = await apply(`${PLAY}    - debug: msg=hi\n  bogus: 1\n`);
    expect(r.code).toBe(4);
    expect(r.err).toBe(
      `ERROR! 'bogus' is not a valid attribute for a Play\n\nThe error appears to be in '${r.file}': line 1, column 3, but may\nbe elsewhere in the file depending on the exact syntax problem.\n\nThe offending line appears to be:\n\n\n- hosts: all\n  ^ here\n\nrunbook: the culprit is at ${r.file}:5:3`,
    );
  });

  it('a missing role: its name and where it was looked for, exit 1', async () => {
    const r = await apply('- hosts: all\n  gather_facts: false\n  roles:\n    - nosuchrole\n');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^ERROR! the role 'nosuchrole' was not found in /);
    expect(r.err).toContain(
      `The error appears to be in '${r.file}': line 4, column 7, but may\nbe elsewhere in the file depending on the exact syntax problem.\n\nThe offending line appears to be:\n\n  roles:\n    - nosuchrole\n      ^ here`,
    );
  });

  it('a missing import_tasks file: exit 1; a missing include_tasks file fails the host, exit 2', async () => {
    const imported = await apply(`${PLAY}    - import_tasks: missing.yml\n`);
    expect(imported.code).toBe(1);
    expect(imported.err).toBe(
      `ERROR! Unable to retrieve file contents\nCould not find or access '${join(dirname(imported.file), 'missing.yml')}' on the Ansible Controller.\nIf you are using a module and expect the file to exist on the remote, see the remote_src option\n\nrunbook: the culprit is at ${imported.file}:4:7`,
    );
    const included = await apply(`${PLAY}    - include_tasks: missing.yml\n`);
    expect(included.code).toBe(2);
    // StrategyBase._load_included_file: only the reason, naming path_dwim's path
    expect(included.out).toContain(
      `fatal: [local1]: FAILED! => {"reason": "Could not find or access '${join(dirname(included.file), 'missing.yml')}' on the Ansible Controller."}`,
    );
  });

  it('an undefined variable: the task fails naming the variable and the task line (as Ansible words it), exit 2', async () => {
    const r = await apply(`${PLAY}    - debug: msg="{{ nova.db.host }}"\n`, {});
    expect(r.code).toBe(2);
    expect(r.out).toContain(
      "The task includes an option with an undefined variable. The error was: 'nova' is undefined. 'nova' is undefined",
    );
    expect(r.out).toContain(`The error appears to be in '${r.file}': line 4, column 7`);
    expect(r.out).toMatch(/local1\s+: ok=0\s+changed=0\s+unreachable=0\s+failed=1/);
  });

  it("a wrong module argument: Ansible's message naming it, exit 2", async () => {
    const r = await apply(`${PLAY}    - copy: {dest: /tmp/rb-never, content: y, frob: 1}\n`);
    expect(r.code).toBe(2);
    // the copy action runs ansible.legacy.copy: its own options, then the aliases in parentheses
    expect(r.out).toContain(
      'Unsupported parameters for (ansible.legacy.copy) module: frob. Supported parameters include: _original_basename, attributes, backup, checksum, content, dest, directory_mode, follow, force, group, local_follow, mode, owner, remote_src, selevel, serole, setype, seuser, src, unsafe_writes, validate (attr).',
    );
    noStack(r.out);
  });

  it('a bad option: exit 2, as argparse exits in ansible-playbook', async () => {
    const r = await apply(`${PLAY}    - debug: msg=hi\n`);
    expect(r.code).toBe(0);
    const out: string[] = [];
    expect(
      await main(['apply', '--no-such-flag', 'x.yml'], {
        out: (s) => out.push(s),
        write: (s) => out.push(s),
        err: (s) => out.push(s),
      }),
    ).toBe(2);
  });
});
