// The live status line: shown only after a quiet spell, per host with its task, wiped before
// other output.
import { describe, expect, it } from 'vitest';
import { StatusLine } from './status-line.js';

describe('StatusLine', () => {
  it('names the hosts still running after a quiet spell and wipes itself before output', () => {
    const written: string[] = [];
    const s = new StatusLine({ write: (t: string) => written.push(t), columns: 200 }, 0);
    const start = Date.now();
    s.onHostStart('controller1', { name: 'migrate-nova : db sync', isHandler: false, origin: '' });
    s.onHostStart('compute1', { name: 'reinstall : packages', isHandler: false, origin: '' });
    s.onHostResult({ host: 'compute1' });
    expect(s.text(start + 12_000)).toMatch(/^\[running 1[12]s\] controller1: migrate-nova : db sync \(1[12]s\)$/);
    s.onHostResult({ host: 'controller1' });
    expect(s.text(start + 13_000)).toBe('');
    s.onPlaybookEnd();
    expect(written).toEqual([]);
  });

  it('stays quiet while output is flowing and fits the terminal', () => {
    const s = new StatusLine({ write: () => undefined, columns: 40 }, 2000);
    s.onHostStart('h'.repeat(60), { name: 't', isHandler: false, origin: '' });
    s.clear();
    expect(s.text(Date.now() + 500)).toBe('');
    expect(s.text(Date.now() + 5000)).toHaveLength(39);
    s.onPlaybookEnd();
  });
});
