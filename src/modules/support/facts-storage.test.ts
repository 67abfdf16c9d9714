import { describe, expect, it } from 'vitest';
import { deviceFacts, lvmFacts } from './facts-storage.js';

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

describe('device facts (get_device_facts)', () => {
  const disk = (a: string, v: string): [string, string[]] => [`/sys/block/sda/${a}`, [v]];
  const files = new Map<string, string[]>([
    disk('device/vendor', 'ATA     '),
    disk('device/model', 'RB DISK'),
    disk('removable', '0'),
    disk('size', '41943040'),
    disk('queue/discard_granularity', '0'),
    disk('queue/rotational', '1'),
    disk('queue/scheduler', 'none [mq-deadline] kyber'),
    disk('queue/logical_block_size', '512'),
    disk('sda1/start', '2048'),
    disk('sda1/size', '2097152'),
    disk('sda2/start', '2099200'),
    disk('sda2/size', '39842816'),
    ['/sys/block/sda/sda2/holders/dm-0/dm/name', ['vg0-root']],
  ]);
  const multi = new Map<string, string[]>([
    [
      'sysfslinks',
      [
        'net eth0 pciid=virtio2',
        'block sda /sys/devices/pci0000:00/0000:00:1f.2/ata1/host0/target0:0:0/0:0:0:0/block/sda',
        'block dm-0 /sys/devices/virtual/block/dm-0',
      ],
    ],
    ['disklinks', ['/dev/disk/by-id/wwn-0x5000c500abcdef', '/dev/disk/by-uuid/1111-2222', '/dev/disk/by-label/boot']],
    ['disktargets', ['../../sda', '../../sda1', '../../sda1']],
    [
      'lspci',
      [
        '0000:00:1f.2 SATA controller: Intel Corporation 82801IR/IO/IH (ICH9R/DO/DH) 6 port SATA Controller [AHCI mode] (rev 02)',
      ],
    ],
  ]);
  const plain = (m: unknown): unknown =>
    m instanceof Map ? Object.fromEntries([...(m as Map<string, unknown>)].map(([k, v]) => [k, plain(v)])) : m;
  const facts = Object.fromEntries(
    deviceFacts(
      files,
      new Map([['blockdevs', 'sda part=sda1 part=sda2 pholder=sda2/dm-0;dm-0 slave=sda2;']]),
      multi,
    ).map(([k, v]) => [k, plain(v)]),
  ) as Record<string, Record<string, Record<string, unknown>>>;

  it('gives a disk its attributes, size in bytes_to_human, scheduler, PCI host, wwn and links', () => {
    expect(facts.devices!.sda).toMatchObject({
      virtual: 1,
      vendor: 'ATA',
      model: 'RB DISK',
      sas_address: null,
      removable: '0',
      rotational: '1',
      scheduler_mode: 'mq-deadline',
      sectors: '41943040',
      sectorsize: '512',
      size: '20.00 GB',
      host: 'SATA controller: Intel Corporation 82801IR/IO/IH (ICH9R/DO/DH) 6 port SATA Controller [AHCI mode] (rev 02)',
      wwn: '0x5000c500abcdef',
      holders: [],
      links: { ids: ['wwn-0x5000c500abcdef'], uuids: [], labels: [], masters: [] },
    });
    expect(facts.devices!.sda).not.toHaveProperty('serial');
  });

  it("gives each partition its start, sectors, size, uuid and holders (the dm device's name)", () => {
    expect((facts.devices!.sda!.partitions as Record<string, unknown>).sda1).toEqual({
      links: { ids: [], uuids: ['1111-2222'], labels: ['boot'], masters: [] },
      start: '2048',
      sectors: '2097152',
      sectorsize: 512,
      size: '1.00 GB',
      uuid: '1111-2222',
      holders: [],
    });
    expect((facts.devices!.sda!.partitions as Record<string, Record<string, unknown>>).sda2!.holders).toEqual([
      'vg0-root',
    ]);
    expect(facts.device_links!.masters).toEqual({ sda2: ['dm-0'] });
    expect(facts.devices!['dm-0']).toMatchObject({ sectors: 0, size: '0.00 Bytes', host: '', vendor: null });
  });
});
