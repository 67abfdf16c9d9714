import { describe, expect, it } from 'vitest';
import { pyJsonLoads } from '../template/index.js';
import { JsonCallback } from './json.js';
import { Stats, type TaskResult } from '../executor/index.js';

describe('the json callback', () => {
  it("prints plays, tasks, host results and stats as Ansible's json callback lays them out", () => {
    let text = '';
    const cb = new JsonCallback((t) => {
      text = t;
    });
    const stats = new Stats();
    cb.onPlayStart('deploy');
    cb.onTaskStart({ name: 'copy config', isHandler: false, origin: 'site.yml:4', action: 'copy' });
    const ok: TaskResult = {
      host: 'h1',
      status: 'changed',
      data: new Map<string, unknown>([
        ['changed', true],
        ['dest', '/etc/x'],
      ]),
      ignored: false,
      noLog: false,
      verboseAlways: false,
    };
    const secret: TaskResult = {
      host: 'h2',
      status: 'ok',
      data: new Map<string, unknown>([
        ['changed', false],
        ['stdout', 'password'],
      ]),
      ignored: false,
      noLog: true,
      verboseAlways: false,
    };
    for (const r of [ok, secret]) {
      cb.onHostResult(r);
      stats.record(r);
    }
    cb.onPlaybookEnd(stats.hosts);
    const doc = pyJsonLoads(text) as Map<string, unknown>;
    const plays = doc.get('plays') as Map<string, unknown>[];
    const task = (plays[0]?.get('tasks') as Map<string, unknown>[])[0] as Map<string, unknown>;
    const hosts = task.get('hosts') as Map<string, Map<string, unknown>>;
    expect((plays[0]?.get('play') as Map<string, unknown>).get('name')).toBe('deploy');
    expect(hosts.get('h1')?.get('dest')).toBe('/etc/x');
    expect(hosts.get('h1')?.get('action')).toBe('copy');
    // no_log: the censored result, as ansible-core 2.14's json callback records it
    expect([...(hosts.get('h2') ?? new Map())]).toEqual([
      ['action', 'copy'],
      ['censored', "the output has been hidden due to the fact that 'no_log: true' was specified for this result"],
      ['changed', false],
    ]);
    expect(text).not.toContain('password');
    expect([...((doc.get('stats') as Map<string, Map<string, unknown>>).get('h1') ?? new Map())]).toEqual([
      ['changed', 1],
      ['failures', 0],
      ['ignored', 0],
      ['ok', 1],
      ['rescued', 0],
      ['skipped', 0],
      ['unreachable', 0],
    ]);
  });
});
