// The folder rules of ../shared/STYLE.md §3, checked on the source: imports point down the
// table only, and another folder is reached only through its index.ts.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src', import.meta.url));

/** What each folder may import (STYLE.md §3), besides itself. */
const ALLOWED: Record<string, string[]> = {
  cli: [
    'lab',
    'report',
    'resume',
    'output',
    'executor',
    'modules',
    'connection',
    'vars',
    'playbook',
    'inventory',
    'template',
    'loader',
    'vault',
    'util',
  ],
  // output, modules and inventory also use template/ for Python's value semantics (json.dumps,
  // str(), re, literal_eval), which Ansible's output, modules and INI parser share; template/
  // sits below them in the table, so the edge still points down and makes no cycle.
  // report (the HTML run record) and resume (the state file) are callbacks and journals the cli
  // hands the executor: they know its types, it knows only its own interfaces.
  report: ['output', 'executor', 'util'],
  resume: ['executor', 'playbook', 'util'],
  output: ['executor', 'template', 'util'],
  executor: ['modules', 'connection', 'vars', 'playbook', 'inventory', 'template', 'loader', 'vault', 'util'],
  modules: ['connection', 'template', 'util'],
  connection: ['util'],
  vars: ['playbook', 'inventory', 'template', 'loader', 'util'],
  playbook: ['loader', 'util'],
  inventory: ['loader', 'template', 'util'],
  template: ['util'],
  loader: ['vault', 'util'],
  vault: ['util'],
  lab: ['connection', 'util'],
  util: [],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

function folderOf(path: string): string {
  return relative(SRC, path).split('/')[0] ?? '';
}

const imports = sourceFiles(SRC).flatMap((file) => {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^(?:import|export)[^'"]*from '(\.[^']+)'/gm)].map((m) => ({
    file,
    target: resolve(dirname(file), m[1] ?? ''),
  }));
});

describe('source layout', () => {
  it('has folders only from the STYLE.md table', () => {
    const folders = readdirSync(SRC).filter((n) => statSync(join(SRC, n)).isDirectory());
    for (const f of folders) expect(Object.keys(ALLOWED), `unknown folder src/${f}`).toContain(f);
  });

  it('imports only downwards', () => {
    const bad = imports.filter(({ file, target }) => {
      const from = folderOf(file);
      const to = folderOf(target);
      return from !== to && !target.endsWith('/cli.ts') && !(ALLOWED[from] ?? []).includes(to) && from !== 'cli.ts';
    });
    expect(bad.map(({ file, target }) => `${relative(SRC, file)} -> ${relative(SRC, target)}`)).toEqual([]);
  });

  it('reaches other folders through their index.ts', () => {
    // but the executable (src/cli.ts) imports only the code cache it loads the CLI's bundle
    // through, the version, and what lowers Node's helper threads before the bundle loads:
    // reached through cli/index.ts, the whole CLI would be loaded first
    const launcher = (file: string, target: string) =>
      relative(SRC, file) === 'cli.ts' &&
      ['cli/code-cache.js', 'cli/version.js', 'cli/helper-threads.js'].includes(relative(SRC, target));
    const bad = imports.filter(
      ({ file, target }) =>
        folderOf(file) !== folderOf(target) && !/\/[a-z-]+\/index\.js$/.test(target) && !launcher(file, target),
    );
    expect(bad.map(({ file, target }) => `${relative(SRC, file)} -> ${relative(SRC, target)}`)).toEqual([]);
  });
});
