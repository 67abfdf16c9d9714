import { describe, expect, it } from 'vitest';
import { lvmFacts } from './facts-storage.js';

describe('lvm facts (get_lvm_facts)', () => {
  it("is 'N/A' unless root with vgs installed", () => {
    expect(lvmFacts(new Map(), new Map())).toEqual(['lvm', 'N/A']);
  });

  it('keys the volume groups, logical and physical volumes by name, sizes in g as LVM prints them', () => {
    const [, lvm] = lvmFacts(
      new Map([['lvm', '1']]),
      new Map([
        ['lvm_vgs', ['  cinder-volumes,1,2,0,wz--n-,19.00,3.00']],
        ['lvm_lvs', ['  volume-1,cinder-volumes,-wi-a-----,8.00,,,,,,,,', '  volume-2,cinder-volumes,-wi-a-----,8.00']],
        ['lvm_pvs', ['/dev/mapper/crypt0,cinder-volumes,lvm2,a--,19.00,3.00']],
      ]),
    );
    const plain = (m: unknown): unknown =>
      m instanceof Map ? Object.fromEntries([...(m as Map<string, unknown>)].map(([k, v]) => [k, plain(v)])) : m;
    expect(plain(lvm)).toEqual({
      vgs: { 'cinder-volumes': { size_g: '19.00', free_g: '3.00', num_lvs: '2', num_pvs: '1' } },
      lvs: {
        'volume-1': { size_g: '8.00', vg: 'cinder-volumes' },
        'volume-2': { size_g: '8.00', vg: 'cinder-volumes' },
      },
      pvs: { '/dev/mapper/crypt0': { size_g: '19.00', free_g: '3.00', vg: 'cinder-volumes' } },
    });
  });
});
