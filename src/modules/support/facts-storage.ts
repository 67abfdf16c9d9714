// The storage facts of the hardware collector (facts/hardware/linux.py at stable-2.14):
// get_lvm_facts — vgs, lvs and pvs as root where LVM's tools are installed, 'N/A' otherwise.

const LVM_OPTIONS = '--noheadings --nosuffix --units g --separator ,';

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
