// The removed hosts count their changes: the play's host lists are filtered again after one.
import { describe, expect, it } from 'vitest';
import { RemovedHosts } from './removed-hosts.js';

describe('RemovedHosts', () => {
  it('changes its version when a member comes or goes, not when nothing changes', () => {
    const r = new RemovedHosts();
    const v0 = r.version;
    r.add('a');
    const v1 = r.version;
    expect(v1).not.toBe(v0);
    r.add('a');
    expect(r.version).toBe(v1);
    r.delete('b');
    expect(r.version).toBe(v1);
    // the same size with another member is another version
    r.delete('a');
    r.add('b');
    expect(r.size).toBe(1);
    expect(new Set([v0, v1, r.version]).size).toBe(3);
    const v3 = r.version;
    r.clear();
    expect(r.version).not.toBe(v3);
    const v4 = r.version;
    r.clear();
    expect(r.version).toBe(v4);
  });
});
