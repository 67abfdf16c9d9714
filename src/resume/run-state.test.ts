// The state file: keyed by playbook and inventory, each step a line of its journal, secrets
// masked, the lock refusing a live second run and taking over a dead one's.
import { mkdtempSync, readFileSync, writeFileSync, existsSync, statSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RunState, statePath } from './run-state.js';
import type { Task } from '../playbook/index.js';
import type { TaskResult } from '../executor/index.js';

const task = (line: number): Task => ({
  kind: 'task',
  action: 'command',
  args: new Map(),
  keywords: new Map(),
  origin: { file: '/p/site.yml', line },
  parent: undefined,
  role: undefined,
});
const result = (host: string, status: TaskResult['status'], data: [string, unknown][]): TaskResult => ({
  host,
  status,
  data: new Map(data),
  ignored: false,
  noLog: false,
  verboseAlways: false,
});

function open(dir: string, resume = false, secrets: string[] = []): RunState {
  return RunState.open({
    dir,
    playbook: '/p/site.yml',
    inventory: ['/p/inv.ini'],
    resume,
    resumeCommand: 'runbook apply --resume site.yml',
    secrets: () => secrets,
  });
}

describe('RunState', () => {
  it('keys the file by playbook and inventory', () => {
    expect(statePath('/s', '/p/site.yml', ['/p/a.ini'])).not.toBe(statePath('/s', '/p/site.yml', ['/p/b.ini']));
    expect(statePath('/s', '/p/site.yml', ['/p/a.ini', '/p/b.ini'])).toBe(
      statePath('/s', '/p/site.yml', ['/p/b.ini', '/p/a.ini']),
    );
    expect(statePath('/s', '/p/site.yml', ['/p/a.ini'])).toMatch(/^\/s\/site-[0-9a-f]{12}\.json$/);
  });

  it('records finished and running steps, masks vault values, and hands them to the resumed run', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rb-state-'));
    const run = open(dir, false, ['s3cr3t-pw']);
    const k1 = run.next('h1', task(3));
    expect(run.next('h1', task(3))).toBe(`${k1}#2`);
    run.started('h1', k1, 'read');
    run.finished(
      'h1',
      k1,
      result('h1', 'changed', [
        ['changed', true],
        ['stdout', 'the password is s3cr3t-pw'],
      ]),
      true,
    );
    const k2 = run.next('h1', task(9));
    const step = run.started('h1', k2, 'db sync');
    const text = readFileSync(run.file, 'utf8') + readFileSync(`${run.file}.journal`, 'utf8');
    expect(text).not.toContain('s3cr3t-pw');
    expect(text).toContain('"running"');
    // killed here: no close. The resumed run takes the stale lock over and sees both steps.
    writeFileSync(`${run.file}.lock`, '999999999\nthen\n');
    const again = open(dir, true);
    expect(again.previous('h1', k1)?.done).toMatchObject({
      changed: true,
      registered: new Map<string, unknown>([
        ['changed', true],
        ['stdout', 'the password is ********'],
      ]),
    });
    expect(again.previous('h1', k2)?.running?.step).toBe(step);
    expect(again.previous('h2', k1)).toBeUndefined();
    again.finished(
      'h1',
      k2,
      result('h1', 'failed', [
        ['failed', true],
        ['msg', 'boom'],
      ]),
      false,
    );
    expect(again.leftOver()).toEqual([{ host: 'h1', failed: { key: k2, name: k2, msg: 'boom' } }]);
    again.close('failed');
    expect(existsSync(`${again.file}.lock`)).toBe(false);
    expect(existsSync(`${again.file}.journal`)).toBe(false);
    expect(JSON.parse(readFileSync(again.file, 'utf8'))).toMatchObject({ status: 'failed' });
  });

  it('records a step in one line of the journal, folding it into the file only as the file doubles', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rb-state-'));
    const run = open(dir);
    const versions = new Set<string>();
    const ok = result('h', 'ok', [['changed', false]]);
    for (let h = 0; h < 100; h++)
      for (let t = 1; t <= 20; t++) {
        const key = run.next(`h${h}`, task(t));
        run.started(`h${h}`, key, `task ${t}`);
        run.finished(`h${h}`, key, ok, false);
        const st = statSync(run.file);
        versions.add(`${st.ino}:${st.size}`);
      }
    // 4 000 steps; rewriting the file at each one was quadratic in hosts × tasks
    expect(versions.size).toBeLessThan(12);
    writeFileSync(`${run.file}.lock`, '999999999\nthen\n');
    const again = open(dir, true);
    expect(again.previous('h99', '/p/site.yml:20')?.done?.changed).toBe(false);
    expect(again.previous('h0', '/p/site.yml:1')?.done).toBeDefined();
    again.close('complete');
  });

  it('replays the journal of the run that wrote the file, not an earlier one, and drops a line cut by a kill', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rb-state-'));
    const first = open(dir);
    first.started('h1', first.next('h1', task(3)), 'old');
    const oldLines = readFileSync(`${first.file}.journal`, 'utf8');
    writeFileSync(`${first.file}.lock`, '999999999\nthen\n');
    const second = open(dir);
    // the earlier run's lines, as a kill between the file's rewrite and the journal's truncation leaves them
    appendFileSync(`${second.file}.journal`, oldLines);
    second.started('h2', second.next('h2', task(4)), 'new');
    appendFileSync(`${second.file}.journal`, '{"run":"cut-sh');
    writeFileSync(`${second.file}.lock`, '999999999\nthen\n');
    const third = open(dir, true);
    expect(third.previous('h1', '/p/site.yml:3')).toBeUndefined();
    expect(third.previous('h2', '/p/site.yml:4')?.running).toBeDefined();
    third.close('complete');
  });

  it('refuses a second run while the first one lives', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rb-state-'));
    const run = open(dir);
    writeFileSync(`${run.file}.lock`, `${process.pid}\nnow\n`);
    expect(() => open(dir)).toThrow(/another runbook run \(pid \d+, started now\) is using/);
    run.close('complete');
  });

  it('says there is nothing to resume when no run left a state file', () => {
    expect(() => open(mkdtempSync(join(tmpdir(), 'rb-state-')), true)).toThrow(/nothing to resume/);
  });
});
