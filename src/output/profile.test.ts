import { describe, expect, it } from 'vitest';
import { ProfileTasksCallback, TimerCallback } from './profile.js';

function clock(...ms: number[]): { now: () => number } {
  let i = 0;
  return { now: () => ms[Math.min(i++, ms.length - 1)]! };
}

describe('the timing callbacks', () => {
  it('profile_tasks: a time stamp line of 80 columns after each task start; the tasks by time spent, slowest first', () => {
    const lines: string[] = [];
    const t0 = Date.UTC(2026, 11, 3, 8, 0, 0);
    // constructor, task a (stamp, start), task b (stamp, stop a, start b), end (stamp, stop b)
    const c = clock(t0, t0 + 10, t0 + 10, t0 + 1510, t0 + 1510, t0 + 1510, t0 + 1760, t0 + 1760);
    const cb = new ProfileTasksCallback((l) => lines.push(l), 0, c);
    cb.onTaskStart({ name: 'first', isHandler: false, origin: 'p.yml:4', id: {} });
    cb.onTaskStart({ name: 'second task', isHandler: false, origin: 'p.yml:6', id: {} });
    cb.onPlaybookEnd();
    expect(lines[0]).toMatch(
      /^\w+day 03 December 2026 {2}\d\d:\d\d:\d\d [+-]\d{4} \(0:00:00\.010\) {7}0:00:00\.010 \*+ $/,
    );
    expect(lines[0]).toHaveLength(80);
    expect(lines[1]).toMatch(/\(0:00:01\.500\) {7}0:00:01\.510 \*+ $/);
    expect(lines[3]).toBe(`${'='.repeat(79)} `);
    expect(lines.slice(4)).toEqual([
      `first ${'-'.repeat(64)}${'-'.repeat(3)} 1.50s`,
      `second task ${'-'.repeat(58)}${'-'.repeat(3)} 0.25s`,
    ]);
  });

  it('timer: days, hours, minutes and seconds of the run', () => {
    const lines: string[] = [];
    new TimerCallback((l) => lines.push(l), clock(0, (26 * 3600 + 61) * 1000 + 900)).onPlaybookEnd();
    expect(lines).toEqual(['Playbook run took 1 days, 2 hours, 1 minutes, 1 seconds']);
  });
});
