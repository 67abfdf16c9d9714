import { describe, expect, it } from 'vitest';
import { hardwareFacts } from './facts-hardware.js';

const facts = (files: [string, string[]][], statfs: string[] = [], machine = 'x86_64'): Map<string, unknown> =>
  new Map(
    hardwareFacts(
      new Map(files),
      new Map([
        ['machine', machine],
        ['cpus_allowed', '0-3'],
      ]),
      statfs,
    ),
  );

describe('hardwareFacts (facts/hardware/linux.py)', () => {
  it('counts sockets, cores and threads as get_cpu_facts does', () => {
    const cpu = (n: number, core: number): string[] => [
      `processor\t: ${n}`,
      'vendor_id\t: GenuineIntel',
      'model name\t: Xeon',
      'physical id\t: 0',
      'siblings\t: 4',
      `core id\t\t: ${core}`,
      'cpu cores\t: 2',
      '',
    ];
    const f = facts([['/proc/cpuinfo', [...cpu(0, 0), ...cpu(1, 1), ...cpu(2, 0), ...cpu(3, 1)]]]);
    expect(f.get('processor_count')).toBe(1);
    expect(f.get('processor_cores')).toBe(2);
    expect(f.get('processor_threads_per_core')).toBe(2);
    expect(f.get('processor_vcpus')).toBe(4);
    expect(f.get('processor_nproc')).toBe(4);
    expect((f.get('processor') as string[]).slice(0, 3)).toEqual(['0', 'GenuineIntel', 'Xeon']);
  });

  it('counts an ARM host by its processor lines', () => {
    const f = facts([['/proc/cpuinfo', ['processor\t: 0', 'BogoMIPS\t: 50', 'processor\t: 1']]], [], 'aarch64');
    expect(f.get('processor_count')).toBe(2);
    expect(f.get('processor_vcpus')).toBe(2);
  });

  it('keeps the mounts with a device path, one per mount point, with statvfs figures', () => {
    const f = facts(
      [
        [
          '/etc/mtab',
          [
            'proc /proc proc rw 0 0',
            '/dev/vda / ext4 rw,relatime 0 0',
            'srv:/x /mnt/x nfs ro 0 0',
            '/dev/vdb none swap sw 0 0',
          ],
        ],
      ],
      ['4096 4096 100 40 30 50 20', '1024 1024 10 5 5 8 4', '4096 4096 1 1 1 1 1'],
    );
    const mounts = f.get('mounts') as Map<string, unknown>[];
    expect(mounts.map((m) => m.get('mount'))).toEqual(['/', '/mnt/x', 'none']);
    expect(Object.fromEntries(mounts[0] ?? new Map())).toMatchObject({
      device: '/dev/vda',
      size_total: 409600,
      size_available: 122880,
      block_used: 70,
      inode_used: 30,
      uuid: 'N/A',
    });
  });

  it('reports memory in MB and DMI as NA where sysfs has none', () => {
    const f = facts([
      [
        '/proc/meminfo',
        [
          'MemTotal:  2048000 kB',
          'MemFree:  1024000 kB',
          'Buffers: 10240 kB',
          'Cached: 20480 kB',
          'SwapTotal: 0 kB',
          'SwapFree: 0 kB',
          'SwapCached: 0 kB',
        ],
      ],
    ]);
    expect(f.get('memtotal_mb')).toBe(2000);
    expect((f.get('memory_mb') as Map<string, Map<string, unknown>>).get('nocache')?.get('free')).toBe(1030);
    expect(f.get('product_name')).toBe('NA');
    expect(f.get('form_factor')).toBe('NA');
  });
});
