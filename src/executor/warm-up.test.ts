// Which plays open their hosts' connections as the batch starts: only those whose first task
// certainly reaches every host, so a play of debug and set_fact opens none (as under Ansible).
import { describe, expect, it } from 'vitest';
import type { Block, Item, Play, Task } from '../playbook/index.js';
import { firstRemoteTask } from './warm-up.js';
import { withConnectionKeywords } from './connection-vars.js';

const origin = { file: 'play.yml' };

function task(action: string, keywords: [string, unknown][] = [], extra: Partial<Task> = {}): Task {
  return {
    kind: 'task',
    action,
    args: new Map(),
    keywords: new Map(keywords),
    origin,
    parent: undefined,
    role: undefined,
    ...extra,
  };
}

function play(keywords: [string, unknown][] = []): Play {
  return {
    keywords: new Map(keywords),
    origin,
    sections: [],
    handlers: [],
    roles: [],
    baseDir: '/',
    roleKeys: new Set(),
  };
}

const cases: { name: string; items: Item[]; play?: Play; warms: string | undefined }[] = [
  { name: 'fact gathering first', items: [task('setup', [['name', 'Gathering Facts']])], warms: 'setup' },
  { name: 'a module first', items: [task('ansible.builtin.command')], warms: 'ansible.builtin.command' },
  { name: 'an implicit flush before it', items: [task('meta', [], { implicit: true }), task('copy')], warms: 'copy' },
  { name: 'debug first', items: [task('debug'), task('command')], warms: undefined },
  { name: 'set_fact first (FQCN)', items: [task('ansible.builtin.set_fact')], warms: undefined },
  { name: 'an include first', items: [task('include_tasks')], warms: undefined },
  { name: 'a delegated task first', items: [task('command', [['delegate_to', 'localhost']])], warms: undefined },
  {
    name: 'a play delegating every task',
    items: [task('command')],
    play: play([['delegate_to', 'localhost']]),
    warms: undefined,
  },
  { name: 'a conditional task first', items: [task('command', [['when', 'x is defined']])], warms: undefined },
  { name: 'no task', items: [], warms: undefined },
];

describe('firstRemoteTask', () => {
  for (const c of cases)
    it(`${c.name}: ${c.warms ?? 'opens nothing'}`, () => {
      expect(firstRemoteTask(c.items, c.play ?? play())?.action).toBe(c.warms);
    });

  it("a block's when keeps its first task from opening", () => {
    const block: Block = {
      kind: 'block',
      block: [],
      rescue: [],
      always: [],
      keywords: new Map([['when', 'false']]),
      origin,
      parent: undefined,
      role: undefined,
    };
    expect(firstRemoteTask([task('command', [], { parent: block })], play())).toBeUndefined();
  });
});

describe('withConnectionKeywords', () => {
  const vars = (entries: [string, unknown][]): Map<string, unknown> => new Map(entries);
  it("puts the play's connection, remote_user and port where no variable sets them", () => {
    const p = play([
      ['connection', 'local'],
      ['remote_user', '{{ who }}'],
      ['port', 2222],
    ]);
    const out = withConnectionKeywords(task('command'), p, vars([['who', 'deploy']]));
    expect([out.get('ansible_connection'), out.get('ansible_user'), out.get('ansible_port')]).toEqual([
      'local',
      'deploy',
      2222,
    ]);
  });
  it("leaves a host's variables over the keywords, and the task's keyword over the play's", () => {
    const p = play([
      ['connection', 'ssh'],
      ['remote_user', 'admin'],
    ]);
    const given = vars([['ansible_ssh_user', 'root']]);
    const out = withConnectionKeywords(task('command', [['connection', 'local']]), p, given);
    expect(out.get('ansible_connection')).toBe('local');
    expect(out.has('ansible_user')).toBe(false);
    expect(given.has('ansible_connection')).toBe(false);
  });
  it('returns the same map when no keyword applies', () => {
    const given = vars([['a', 1]]);
    expect(withConnectionKeywords(task('command'), play(), given)).toBe(given);
  });
});
