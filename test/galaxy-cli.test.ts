// runbook galaxy install against ansible-galaxy 2.14.18 on the same requirements (a role in a
// git repository at a tag, a role in a tarball): the same lines, exit codes and installed trees,
// a second run skipping, --force reinstalling. Both run here, on scratch copies.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ansibleUnavailable } from './support/ansible.js';
import { CLI } from './support/ssh-lab.js';

let dir: string;

function sh(args: string[], cwd: string): void {
  const r = spawnSync(args[0]!, args.slice(1), {
    cwd,
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
}

/** Every file of a tree and its content (the install date of .galaxy_install_info left out). */
function tree(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const n of readdirSync(d).sort()) {
      const p = join(d, n);
      if (n === '.git') continue;
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(root, p)] = readFileSync(p, 'utf8').replace(/^install_date: .*$/m, 'install_date: <DATE>');
    }
  };
  walk(root);
  return out;
}

function galaxy(command: string[], args: string[], cwd: string): { code: number; out: string } {
  const r = spawnSync(command[0]!, [...command.slice(1), ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  const lines = `${r.stdout}${r.stderr}`
    .split('\n')
    .filter(Boolean)
    .map((l) => l.replaceAll(cwd, '<DIR>'));
  return { code: r.status ?? -1, out: lines.join('\n') };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'rb-galaxy-test-'));
  const role = join(dir, 'src/myrole');
  mkdirSync(join(role, 'tasks'), { recursive: true });
  mkdirSync(join(role, 'meta'));
  writeFileSync(join(role, 'tasks/main.yml'), '- debug: msg=myrole\n');
  writeFileSync(join(role, 'meta/main.yml'), 'galaxy_info:\n  author: rb\n  license: MIT\ndependencies: []\n');
  sh(['git', 'init', '-q', '-b', 'main'], role);
  sh(['git', 'add', '-A'], role);
  sh(['git', 'commit', '-q', '-m', 'one'], role);
  sh(['git', 'tag', 'v1.0'], role);
  writeFileSync(join(role, 'tasks/main.yml'), '- debug: msg=after-the-tag\n');
  sh(['git', 'commit', '-q', '-am', 'two'], role);
  sh(['tar', 'czf', join(dir, 'src/tarrole.tar.gz'), '--exclude=.git', '-C', join(dir, 'src'), 'myrole'], dir);
  writeFileSync(
    join(dir, 'requirements.yml'),
    `- src: git+file://${role}\n  version: v1.0\n  name: gitrole\n- src: ${join(dir, 'src/tarrole.tar.gz')}\n  name: tarrole\n`,
  );
});

describe('runbook galaxy install, as ansible-galaxy', () => {
  it('installs, skips, reinstalls with --force: the same lines, exit codes and role trees', () => {
    const why = ansibleUnavailable();
    if (why) throw new Error(why);
    const runs = (command: string[], name: string): { code: number; out: string }[] => {
      const cwd = join(dir, name);
      mkdirSync(cwd);
      const args = ['-r', join(dir, 'requirements.yml'), '-p', join(cwd, 'roles')];
      return [
        galaxy(command, ['install', ...args], cwd),
        galaxy(command, ['install', ...args], cwd),
        galaxy(command, ['install', ...args, '--force'], cwd),
      ];
    };
    const ansible = runs(['ansible-galaxy'], 'ansible');
    const mine = runs(['node', CLI, 'galaxy'], 'runbook');
    expect(mine).toEqual(ansible);
    expect(ansible[0]!.out).toContain('- gitrole (v1.0) was installed successfully');
    expect(tree(join(dir, 'runbook/roles'))).toEqual(tree(join(dir, 'ansible/roles')));
    expect(tree(join(dir, 'runbook/roles'))['gitrole/tasks/main.yml']).toBe('- debug: msg=myrole\n');
  }, 120_000);
});
