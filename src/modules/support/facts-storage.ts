// The storage facts of the hardware collector (facts/hardware/linux.py at stable-2.14):
// get_device_facts — each block device of /sys/block with its partitions, holders and the
// /dev/disk links, lspci's name of its PCI host, sg_inq's serial where sg3-utils is installed —
// and get_lvm_facts — vgs, lvs and pvs as root where LVM's tools are installed, 'N/A' otherwise.
import { bytesToHuman } from '../../util/index.js';

const LVM_OPTIONS = '--noheadings --nosuffix --units g --separator ,';

/** Read where the device has a device/ directory (a loop or zram device has none: no opens that fail). */
const DEVICE_ATTRS = [
  'device/vendor',
  'device/model',
  'device/sas_address',
  'device/sas_device_handle',
  'device/serial',
];

const BLOCK_ATTRS = [
  'removable',
  'size',
  'queue/discard_granularity',
  'queue/rotational',
  'queue/scheduler',
  'queue/logical_block_size',
  'queue/hw_sector_size',
];

/**
 * Before the facts program's head: each block device (glob order) with its partitions (the
 * entries named after it that have a start, as get_device_facts' regex finds them), holders and
 * slaves into `bd` (';' between devices), and their sysfs files into head's positional
 * parameters — exact paths: a glob of every device's entries would stat each of them.
 */
export const DEVICES_LIST = [
  'bd=; for b in /sys/block/*; do [ -e "$b" ] || continue; n=${b##*/}; s=$n',
  `  [ -d "$b/device" ] && for a in ${DEVICE_ATTRS.join(' ')}; do set -- "$@" "$b/$a"; done`,
  `  for a in ${BLOCK_ATTRS.join(' ')}; do set -- "$@" "$b/$a"; done`,
  '  for p in "$b/$n"*; do [ -e "$p/start" ] || continue; s="$s part=${p##*/}"; set -- "$@" "$p/start" "$p/size"',
  '    for h in "$p"/holders/*; do [ -e "$h" ] && { s="$s pholder=${p##*/}/${h##*/}"; set -- "$@" "$h/dm/name"; }; done; done',
  '  for h in "$b"/holders/*; do [ -e "$h" ] && { s="$s holder=${h##*/}"; set -- "$@" "$h/dm/name"; }; done',
  '  for h in "$b"/slaves/*; do [ -e "$h" ] && s="$s slave=${h##*/}"; done',
  '  bd="$bd$s;"; done',
];

/** In the facts program's subshell of cd -P: each block device's sysfs path (readlink's target). */
export const DEVICES_LINKS = ['for b in /sys/block/*; do cd -P "$b" 2>/dev/null && echo "block ${b##*/} $PWD"; done'];

/** After head: the devices `bd` listed, the /dev/disk links and their targets (one readlink for all), lspci -D, sg_inq. */
export const DEVICES_PROBE = [
  'echo "blockdevs=$bd"',
  'if [ -d /dev/disk ]; then set --; for l in /dev/disk/by-id/* /dev/disk/by-uuid/* /dev/disk/by-label/*; do [ -L "$l" ] && set -- "$@" "$l"; done',
  '  if [ $# -gt 0 ]; then echo "disklinks<<"; printf "%s\\n" "$@"; echo ">>"; echo "disktargets<<"; readlink -- "$@" 2>/dev/null; echo ">>"; fi; fi',
  'command -v lspci >/dev/null 2>&1 && { echo "lspci<<"; lspci -D 2>/dev/null; echo ">>"; }',
  'if command -v sg_inq >/dev/null 2>&1; then echo "sginq<<"; for b in /sys/block/*; do echo "@@ ${b##*/}"; sg_inq "/dev/${b##*/}" 2>/dev/null; echo "@@rc $?"; done; echo ">>"; fi',
];

/** The program's lines: vgs/lvs/pvs answers (a PV on /dev/dm-N named by dmsetup, as _find_mapper_device_name). */
export const STORAGE_PROBE = [
  'if [ "$uid" = 0 ] && command -v vgs >/dev/null 2>&1; then echo lvm=1',
  `  for c in vgs lvs; do echo "lvm_$c<<"; command -v $c >/dev/null 2>&1 && $c ${LVM_OPTIONS} 2>/dev/null; echo ">>"; done`,
  `  echo "lvm_pvs<<"; command -v pvs >/dev/null 2>&1 && pvs ${LVM_OPTIONS} 2>/dev/null | while read -r l; do`,
  '    case $l in /dev/dm-*) n=$(dmsetup info -C --noheadings -o name "${l%%,*}" 2>/dev/null) && l="/dev/mapper/$n,${l#*,}";; esac',
  '    echo "$l"; done; echo ">>"',
  'fi',
];

function rows(lines: string[] | undefined): string[][] {
  return (lines ?? []).filter((l) => l.trim()).map((l) => l.trim().split(','));
}

/** lvm: {vgs, lvs, pvs} keyed by name, or 'N/A' when not root or without vgs. */
export function lvmFacts(single: Map<string, string>, multi: Map<string, string[]>): [string, unknown] {
  if (!single.has('lvm')) return ['lvm', 'N/A'];
  const vgs = new Map(
    rows(multi.get('lvm_vgs')).map((i) => [
      i[0] ?? '',
      new Map([
        ['size_g', i[i.length - 2]],
        ['free_g', i[i.length - 1]],
        ['num_lvs', i[2]],
        ['num_pvs', i[1]],
      ]),
    ]),
  );
  const lvs = new Map(
    rows(multi.get('lvm_lvs')).map((i) => [
      i[0] ?? '',
      new Map([
        ['size_g', i[3]],
        ['vg', i[1]],
      ]),
    ]),
  );
  const pvs = new Map(
    rows(multi.get('lvm_pvs')).map((i) => [
      i[0] ?? '',
      new Map([
        ['size_g', i[4]],
        ['free_g', i[5]],
        ['vg', i[1]],
      ]),
    ]),
  );
  return [
    'lvm',
    new Map<string, unknown>([
      ['lvs', lvs],
      ['vgs', vgs],
      ['pvs', pvs],
    ]),
  ];
}

interface BlockDev {
  name: string;
  path: string;
  holders: string[];
  parts: string[];
  partHolders: string[];
  slaves: string[];
}

function blockDevs(listed: string, links: string[]): BlockDev[] {
  const paths = new Map(
    links
      .filter((l) => l.startsWith('block '))
      .map((l) => {
        const [, name = '', path = ''] = l.split(' ');
        return [name, path] as const;
      }),
  );
  return listed
    .split(';')
    .filter((l) => l.trim())
    .map((l) => {
      const [name = '', ...rest] = l.split(' ');
      const path = paths.get(name) ?? '';
      const of = (k: string): string[] => rest.filter((r) => r.startsWith(`${k}=`)).map((r) => r.slice(k.length + 1));
      return { name, path, holders: of('holder'), parts: of('part'), partHolders: of('pholder'), slaves: of('slave') };
    });
}

/** get_device_links: a link directory's entries by their target's name, sorted. */
function deviceLinks(names: string[], targets: string[], dir: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  names.forEach((n, i) => {
    if (!n.startsWith(`${dir}/`)) return;
    const target = (targets[i] ?? '').split('/').pop() ?? '';
    out.set(target, [...(out.get(target) ?? []), n.slice(dir.length + 1)].sort());
  });
  return out;
}

/** devices and device_links from the sysfs files head read and the probe's answers. */
export function deviceFacts(
  files: Map<string, string[]>,
  single: Map<string, string>,
  multi: Map<string, string[]>,
): [string, unknown][] {
  const devs = blockDevs(single.get('blockdevs') ?? '', multi.get('sysfslinks') ?? []);
  // get_file_content: the file stripped, None where it cannot be read
  const content = (f: string): string | null => (files.has(f) ? (files.get(f) ?? []).join('\n').trim() : null);
  const names = multi.get('disklinks') ?? [];
  const targets = multi.get('disktargets') ?? [];
  const masters = new Map<string, string[]>();
  for (const d of devs) for (const s of d.slaves) masters.set(s, [...(masters.get(s) ?? []), d.name].sort());
  const links = new Map<string, Map<string, string[]>>([
    ['ids', deviceLinks(names, targets, '/dev/disk/by-id')],
    ['uuids', deviceLinks(names, targets, '/dev/disk/by-uuid')],
    ['labels', deviceLinks(names, targets, '/dev/disk/by-label')],
    ['masters', masters],
  ]);
  const linksOf = (n: string): Map<string, string[]> => new Map([...links].map(([k, v]) => [k, v.get(n) ?? []]));
  const wwn = new Map<string, string>();
  names.forEach((n, i) => {
    const entry = n.split('/').pop() ?? '';
    if (n.startsWith('/dev/disk/by-id/wwn-')) wwn.set((targets[i] ?? '').split('/').pop() ?? '', entry.slice(4));
  });
  const holders = (dir: string, entries: string[]): string[] =>
    entries.filter((h) => h.startsWith('dm-')).map((h) => content(`${dir}/holders/${h}/dm/name`) || h);
  const serials = sgInqSerials(multi.get('sginq'));
  const devices = new Map<string, unknown>();
  for (const dev of devs) {
    const dir = `/sys/block/${dev.name}`;
    const d = new Map<string, unknown>([
      ['virtual', 1],
      ['links', linksOf(dev.name)],
    ]);
    for (const k of ['vendor', 'model', 'sas_address', 'sas_device_handle']) d.set(k, content(`${dir}/device/${k}`));
    const serial = multi.has('sginq') ? serials.get(dev.name) : content(`${dir}/device/serial`);
    if (serial) d.set('serial', serial);
    d.set('removable', content(`${dir}/removable`)).set('support_discard', content(`${dir}/queue/discard_granularity`));
    if (wwn.has(dev.name)) d.set('wwn', wwn.get(dev.name));
    d.set('partitions', partitions(dev, dir, content, linksOf, holders));
    d.set('rotational', content(`${dir}/queue/rotational`));
    d.set('scheduler_mode', /.*?(\[(.*)\])/.exec(content(`${dir}/queue/scheduler`) ?? '')?.[2] ?? '');
    const sectors = content(`${dir}/size`) || 0;
    d.set('sectors', sectors);
    d.set('sectorsize', content(`${dir}/queue/logical_block_size`) || (content(`${dir}/queue/hw_sector_size`) ?? 512));
    d.set('size', bytesToHuman(Number(sectors) * 512));
    // the PCI address in the device's sysfs path, named as lspci -D names it
    const pci = /.+\/([a-f0-9]{4}:[a-f0-9]{2}:[01][a-f0-9]\.[0-7])\//.exec(dev.path)?.[1];
    const host = pci && (multi.get('lspci') ?? []).find((l) => l.startsWith(`${pci} `));
    d.set('host', host ? host.slice(pci.length + 1) : '');
    d.set('holders', holders(dir, dev.holders));
    devices.set(dev.name, d);
  }
  return [
    ['devices', devices],
    ['device_links', links],
  ];
}

function partitions(
  dev: BlockDev,
  dir: string,
  content: (f: string) => string | null,
  linksOf: (n: string) => Map<string, string[]>,
  holders: (dir: string, entries: string[]) => string[],
): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const part of dev.parts) {
    const pdir = `${dir}/${part}`;
    const sectors = content(`${pdir}/size`) ?? 0;
    // a partition has no queue/: its sector size is get_file_content's default, the number 512
    const uuid = [...(linksOf(part).get('uuids') ?? [])][0] ?? null;
    out.set(
      part,
      new Map<string, unknown>([
        ['links', linksOf(part)],
        ['start', content(`${pdir}/start`) ?? 0],
        ['sectors', sectors],
        ['sectorsize', content(`${pdir}/queue/logical_block_size`) || (content(`${pdir}/queue/hw_sector_size`) ?? 512)],
        ['size', bytesToHuman(Number(sectors) * 512)],
        ['uuid', uuid],
        [
          'holders',
          holders(
            pdir,
            dev.partHolders.filter((h) => h.startsWith(`${part}/`)).map((h) => h.slice(part.length + 1)),
          ),
        ],
      ]),
    );
  }
  return out;
}

/** _get_sg_inq_serial: the unit serial number sg_inq prints, by device. */
function sgInqSerials(lines: string[] | undefined): Map<string, string> {
  const out = new Map<string, string>();
  let dev = '';
  let body: string[] = [];
  for (const line of lines ?? []) {
    const start = /^@@ (\S+)$/.exec(line);
    if (start) [dev, body] = [start[1] ?? '', []];
    else if (line === '@@rc 0') {
      const serial = /(?:Unit serial|Serial) number:\s+(\w+)/.exec(body.join('\n'))?.[1];
      if (serial) out.set(dev, serial);
    } else if (!line.startsWith('@@rc ')) body.push(line);
  }
  return out;
}
