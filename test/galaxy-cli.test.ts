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

describe('runbook galaxy collection install, as ansible-galaxy', () => {
  /** A collection's source tree: galaxy.yml with build_ignore, a role, a script, files to leave out. */
  function collection(root: string, name: string, version: string): string {
    const src = join(root, name);
    mkdirSync(join(src, 'roles/hello/tasks'), { recursive: true });
    mkdirSync(join(src, 'plugins/modules'), { recursive: true });
    mkdirSync(join(src, '__pycache__'));
    writeFileSync(
      join(src, 'galaxy.yml'),
      `namespace: rbns\nname: ${name}\nversion: ${version}\nreadme: README.md\nauthors: rb <rb@example.com>\nlicense: MIT\ntags: [tools]\nbuild_ignore: ['*.tmp', docs]\n`,
    );
    writeFileSync(join(src, 'README.md'), `# ${name}\n`);
    writeFileSync(join(src, 'roles/hello/tasks/main.yml'), `- debug: {msg: hello from ${name}}\n`);
    writeFileSync(join(src, 'plugins/modules/run.sh'), '#!/bin/sh\necho ok\n', { mode: 0o755 });
    writeFileSync(join(src, 'junk.tmp'), 'x\n');
    writeFileSync(join(src, '__pycache__/x.pyc'), 'x\n');
    mkdirSync(join(src, 'docs'));
    writeFileSync(join(src, 'docs/skip.md'), 'x\n');
    return src;
  }

  it('installs from a directory, a built tarball and a git repository; skips, reinstalls with --force, refuses a missing path: the same lines, exit codes and trees (MANIFEST.json, FILES.json)', () => {
    const why = ansibleUnavailable();
    if (why) throw new Error(why);
    const root = join(dir, 'collections');
    const tools = collection(root, 'tools', '1.2.0');
    const extra = collection(root, 'extra', '0.1.0');
    sh(['ansible-galaxy', 'collection', 'build', extra, '--output-path', join(root, 'dist')], root);
    const git = collection(join(root, 'git'), 'fromgit', '2.0.0');
    sh(['git', 'init', '-q', '-b', 'main'], git);
    sh(['git', 'add', '-A'], git);
    sh(['git', 'commit', '-q', '-m', 'one'], git);
    sh(['git', 'tag', 'v2'], git);
    writeFileSync(
      join(root, 'requirements.yml'),
      `collections:\n  - name: ${tools}\n    type: dir\n  - name: ${join(root, 'dist/rbns-extra-0.1.0.tar.gz')}\n    type: file\n`,
    );
    const runs = (command: string[], name: string): { code: number; out: string }[] => {
      const cwd = join(root, name);
      mkdirSync(cwd);
      const args = ['-p', join(cwd, 'cols')];
      const req = ['-r', join(root, 'requirements.yml')];
      const out = [
        galaxy(command, ['collection', 'install', ...req, ...args], cwd),
        galaxy(command, ['collection', 'install', ...req, ...args], cwd),
        galaxy(command, ['collection', 'install', ...req, ...args, '--force'], cwd),
        galaxy(command, ['collection', 'install', `git+file://${git},v2`, ...args], cwd),
        galaxy(command, ['collection', 'install', join(root, 'nothere.tar.gz'), ...args], cwd),
      ];
      // git's own lines name its temporary clone
      return out.map((r) => ({
        ...r,
        out: r.out
          .replace(/^Cloning into .*$/gm, 'Cloning into <TMP>')
          .replace(/collections\/(ansible|runbook)\/cols/g, 'collections/<RUNNER>/cols'),
      }));
    };
    const ansible = runs(['ansible-galaxy'], 'ansible');
    const mine = runs(['node', CLI, 'galaxy'], 'runbook');
    expect(mine).toEqual(ansible);
    expect(ansible[0]!.out).toContain(
      'Created collection for rbns.tools:1.2.0 at <DIR>/cols/ansible_collections/rbns/tools',
    );
    expect(ansible[1]!.out).toContain('Nothing to do.');
    const installed = tree(join(root, 'runbook/cols'));
    expect(installed).toEqual(tree(join(root, 'ansible/cols')));
    expect(Object.keys(installed)).toContain('ansible_collections/rbns/fromgit/FILES.json');
    expect(Object.keys(installed).some((f) => f.includes('junk.tmp') || f.includes('docs/'))).toBe(false);

    // the installed collection's role runs by its FQCN and, with `collections:`, by its short name
    const play = join(root, 'runbook/site.yml');
    writeFileSync(
      play,
      '- hosts: localhost\n  gather_facts: false\n  roles: [rbns.tools.hello]\n- hosts: localhost\n  gather_facts: false\n  collections: [rbns.extra]\n  tasks:\n    - import_role: {name: hello}\n',
    );
    const env = { ...process.env, ANSIBLE_COLLECTIONS_PATH: join(root, 'runbook/cols'), ANSIBLE_NOCOLOR: '1' };
    const ap = spawnSync('ansible-playbook', ['-i', 'localhost,', '-c', 'local', play], { encoding: 'utf8', env });
    const rb = spawnSync('node', [CLI, 'apply', '-i', 'localhost,', '-c', 'local', play], { encoding: 'utf8', env });
    expect(ap.status, ap.stdout + ap.stderr).toBe(0);
    expect(rb.status, rb.stdout + rb.stderr).toBe(0);
    expect(rb.stdout).toBe(ap.stdout);
    expect(rb.stdout).toContain('TASK [rbns.extra.hello : debug]');
  }, 180_000);
});
