// The hardware facts of setup's default subset (facts/hardware/linux.py at stable-2.14): the
// processors, memory, mounts and DMI, from the files the facts program read whole (head) and
// stat -f's statvfs of each mount.

/** get_dmi_facts's files under /sys/devices/virtual/dmi/id (a fact each, chassis_type the form factor). */
export const DMI = [
  'bios_date',
  'bios_vendor',
  'bios_version',
  'board_asset_tag',
  'board_name',
  'board_serial',
  'board_vendor',
  'board_version',
  'chassis_asset_tag',
  'chassis_serial',
  'chassis_vendor',
  'chassis_version',
  'chassis_type',
  'product_name',
  'product_serial',
  'product_uuid',
  'product_version',
  'sys_vendor',
];

const FORM_FACTOR = [
  'Unknown',
  'Other',
  'Unknown',
  'Desktop',
  'Low Profile Desktop',
  'Pizza Box',
  'Mini Tower',
  'Tower',
  'Portable',
  'Laptop',
  'Notebook',
  'Hand Held',
  'Docking Station',
  'All In One',
  'Sub Notebook',
  'Space-saving',
  'Lunch Box',
  'Main Server Chassis',
  'Expansion Chassis',
  'Sub Chassis',
  'Bus Expansion Chassis',
  'Peripheral Chassis',
  'RAID Chassis',
  'Rack Mount Chassis',
  'Sealed-case PC',
  'Multi-system',
  'CompactPCI',
  'AdvancedTCA',
  'Blade',
  'Blade Enclosure',
  'Tablet',
  'Convertible',
  'Detachable',
  'IoT Gateway',
  'Embedded PC',
  'Mini PC',
  'Stick PC',
];

/** get_cpu_facts (facts/hardware/linux.py at stable-2.14) over the cpuinfo lines, not on Xen. */
function cpuFacts(lines: string[], arch: string, allowed: string | undefined): [string, unknown][] {
  const processor: string[] = [];
  let i = 0;
  let vendors = 0;
  let models = 0;
  let processors = 0;
  // physid and coreid start as the int 0, a key no line's text can equal
  let physid = '\u0000';
  let coreid = '\u0000';
  const sockets = new Map<string, number>();
  const cores = new Map<string, number>();
  for (const line of lines) {
    const at = line.indexOf(':');
    const key = (at < 0 ? line : line.slice(0, at)).trim();
    const val = at < 0 ? '' : line.slice(at + 1).trim();
    if (['model name', 'Processor', 'vendor_id', 'cpu', 'Vendor', 'processor'].includes(key)) {
      processor.push(val);
      if (key === 'vendor_id') vendors++;
      if (key === 'model name') models++;
      if (key === 'processor') processors++;
      i++;
    } else if (key === 'physical id') {
      physid = val;
      if (!sockets.has(physid)) sockets.set(physid, 1);
    } else if (key === 'core id') {
      coreid = val;
      // linux.py tests the socket dict here, and so does runbook
      if (!sockets.has(coreid)) cores.set(coreid, 1);
    } else if (key === 'cpu cores') sockets.set(physid, parseInt(val, 10));
    else if (key === 'siblings') cores.set(coreid, parseInt(val, 10));
  }
  if (vendors > 0 && vendors === models) i = vendors;
  if (/^(armv|aarch|ppc)/.test(arch)) i = processors;
  const count = sockets.size || i;
  const first = [...sockets.values()][0];
  const perSocket = first ? first : 1;
  const firstCore = [...cores.values()][0];
  const threads = Math.floor((firstCore ?? 1) / perSocket);
  return [
    ['processor', processor],
    ['processor_count', count],
    ['processor_cores', perSocket],
    ['processor_threads_per_core', threads],
    ['processor_vcpus', threads * count * perSocket],
    ['processor_nproc', allowed ? cpuCount(allowed) : processors],
  ];
}

/** The CPUs in /sys/devices/system/cpu/online's list of ranges ("0-3,8-11"). */
function cpuCount(list: string | undefined): number {
  let n = 0;
  for (const part of (list ?? '').split(',').filter(Boolean)) {
    const [a = 0, b = a] = part.split('-').map(Number);
    n += b - a + 1;
  }
  return n || 1;
}

/** get_memory_facts: the four *_mb, and memory_mb (real, nocache, swap) from /proc/meminfo. */
function memoryFacts(lines: string[]): [string, unknown][] {
  const mb = new Map<string, number>();
  for (const line of lines) {
    const at = line.indexOf(':');
    const key = line.slice(0, at);
    if (['MemTotal', 'SwapTotal', 'MemFree', 'SwapFree', 'Buffers', 'Cached', 'SwapCached'].includes(key))
      mb.set(key.toLowerCase(), Math.floor(parseInt(line.slice(at + 1).trim(), 10) / 1024));
  }
  const get = (k: string): number | null => mb.get(k) ?? null;
  const sub = (a: number | null, b: number | null): number | null => (a === null || b === null ? null : a - b);
  const nocacheFree =
    get('cached') === null || get('memfree') === null || get('buffers') === null
      ? null
      : (get('cached') ?? 0) + (get('memfree') ?? 0) + (get('buffers') ?? 0);
  const out: [string, unknown][] = ['memtotal', 'swaptotal', 'memfree', 'swapfree']
    .filter((k) => mb.has(k))
    .map((k) => [`${k}_mb`, mb.get(k)]);
  out.push([
    'memory_mb',
    new Map<string, unknown>([
      [
        'real',
        new Map<string, unknown>([
          ['total', get('memtotal')],
          ['used', sub(get('memtotal'), get('memfree'))],
          ['free', get('memfree')],
        ]),
      ],
      [
        'nocache',
        new Map<string, unknown>([
          ['free', nocacheFree],
          ['used', sub(get('memtotal'), nocacheFree)],
        ]),
      ],
      [
        'swap',
        new Map<string, unknown>([
          ['total', get('swaptotal')],
          ['free', get('swapfree')],
          ['used', sub(get('swaptotal'), get('swapfree'))],
          ['cached', get('swapcached')],
        ]),
      ],
    ]),
  ]);
  return out;
}

/** _replace_octal_escapes: mtab's \\040 and its kind as the characters. */
function unescapeOctal(text: string): string {
  return text.replace(/\\([0-7]{3})/g, (_m, o: string) => String.fromCharCode(parseInt(o, 8)));
}

/**
 * get_mount_facts (facts/hardware/linux.py): each kept mtab entry, one per mount point (the last
 * entry's, where the first was), with get_mount_size's statvfs figures; uuid as lsblk would not
 * say it (N/A).
 */
function mountFacts(entries: string[], statfs: string[]): Map<string, unknown>[] {
  const byMount = new Map<string, Map<string, unknown>>();
  entries.forEach((line, i) => {
    const [device = '', mount = '', fstype = '', options = ''] = line.split(' ').map(unescapeOctal);
    const info = new Map<string, unknown>([
      ['mount', mount],
      ['device', device],
      ['fstype', fstype],
      ['options', options],
    ]);
    const [bsize, frsize, blocks, , bavail, files, ffree] = (statfs[i] ?? '').split(' ').map(Number);
    if (statfs[i] && [bsize, frsize, blocks, bavail, files, ffree].every((n) => Number.isFinite(n))) {
      const n = (v: number | undefined): number => v ?? 0;
      info
        .set('size_total', n(frsize) * n(blocks))
        .set('size_available', n(frsize) * n(bavail))
        .set('block_size', n(bsize))
        .set('block_total', n(blocks))
        .set('block_available', n(bavail))
        .set('block_used', n(blocks) - n(bavail))
        .set('inode_total', n(files))
        .set('inode_available', n(ffree))
        .set('inode_used', n(files) - n(ffree));
    }
    info.set('uuid', 'N/A');
    byMount.set(mount, info);
  });
  return [...byMount.values()];
}

/** get_dmi_facts from sysfs: each file's content, 'NA' where it is missing or unreadable. */
function dmiFacts(files: Map<string, string[]>): [string, unknown][] {
  return DMI.map((name): [string, unknown] => {
    const lines = files.get(`/sys/devices/virtual/dmi/id/${name}`);
    const data = lines === undefined ? undefined : lines.join('\n').trim();
    if (name === 'chassis_type')
      return ['form_factor', data === undefined ? 'NA' : (FORM_FACTOR[parseInt(data, 10)] ?? `unknown (${data})`)];
    return [name === 'sys_vendor' ? 'system_vendor' : name, data ?? 'NA'];
  });
}

/** The mtab entries get_mount_facts keeps (a device path, not fstype none), as the program passed them to stat -f. */
function mountLines(files: Map<string, string[]>): string[] {
  return (files.get('/etc/mtab') ?? [])
    .map((l) => l.split(' '))
    .filter(([dev = '', , fs]) => (dev.startsWith('/') || dev.startsWith('\\') || dev.includes(':/')) && fs !== 'none')
    .map((f) => f.slice(0, 4).join(' '));
}

/** processor*, memory, mounts and DMI facts. */
export function hardwareFacts(
  files: Map<string, string[]>,
  single: Map<string, string>,
  statfs: string[],
): [string, unknown][] {
  return [
    ...cpuFacts(files.get('/proc/cpuinfo') ?? [], single.get('machine') ?? '', single.get('cpus_allowed')),
    ...memoryFacts(files.get('/proc/meminfo') ?? []),
    ['mounts', mountFacts(mountLines(files), statfs)],
    ...dmiFacts(files),
  ];
}
