// Group.get_hosts order (a group's own hosts, then its descendants level by level; hosts of
// `all` itself first) and the `groups` variable kept until the inventory changes.
import { describe, expect, it } from 'vitest';
import { Inventory } from './model.js';

/** The inventory of test/cases/74's play: prod > web > webx, prod > db, loaded file-order. */
function nested(): Inventory {
  const inv = new Inventory();
  inv.host('x1', 'webx');
  inv.host('w1', 'web');
  inv.host('d1', 'db');
  inv.addChild('prod', 'web');
  inv.addChild('prod', 'db');
  inv.addChild('web', 'webx');
  inv.reconcileUngrouped();
  return inv;
}

describe('Inventory', () => {
  it('lists a group level by level, as ansible-playbook 2.14.18 does', () => {
    const inv = nested();
    // ansible-playbook on the same inventory: ['w1', 'd1', 'x1'] for both
    expect(inv.hostsOf('prod')).toEqual(['w1', 'd1', 'x1']);
    expect(inv.hostsOf('all')).toEqual(['w1', 'd1', 'x1']);
    expect(inv.hostsOf('web')).toEqual(['w1', 'x1']);
    expect(inv.hostsOf('nope')).toEqual([]);
  });

  it('puts a host of all itself first in all, and in ungrouped when it has no group', () => {
    const inv = nested();
    inv.host('new1', 'all');
    inv.reconcileUngrouped();
    expect(inv.hostsOf('all')).toEqual(['new1', 'w1', 'd1', 'x1']);
    expect(inv.hostsOf('ungrouped')).toEqual(['new1']);
    inv.host('new1', 'db');
    inv.reconcileUngrouped();
    expect(inv.hostsOf('ungrouped')).toEqual([]);
    expect(inv.hostsOf('prod')).toEqual(['w1', 'd1', 'new1', 'x1']);
  });

  it('keeps the groups variable until a host, a group or a child changes', () => {
    const inv = nested();
    const first = inv.groupsMap();
    expect(inv.groupsMap()).toBe(first);
    inv.host('w2', 'web');
    const second = inv.groupsMap();
    expect(second).not.toBe(first);
    expect(second.get('prod')).toEqual(['w1', 'w2', 'd1', 'x1']);
    inv.addChild('db', 'webx');
    expect(inv.groupsMap().get('db')).toEqual(['d1', 'x1']);
    inv.group('empty');
    expect(inv.groupsMap().get('empty')).toEqual([]);
    // setting a variable changes no membership: the same map
    const kept = inv.groupsMap();
    inv.setVar(inv.host('w1').vars, 'a', 1);
    expect(inv.groupsMap()).toBe(kept);
  });
});
