// module_utils/common/text/formatters.py bytes_to_human (2.14): the human_readable filter's and
// the device facts' sizes ("256.00 GB", "0.00 Bytes", "8.00 Mb" for bits).

const UNITS: [string, number][] = [
  ['Y', 2 ** 80],
  ['Z', 2 ** 70],
  ['E', 2 ** 60],
  ['P', 2 ** 50],
  ['T', 2 ** 40],
  ['G', 2 ** 30],
  ['M', 2 ** 20],
  ['K', 2 ** 10],
  ['B', 1],
];

/** SIZE_RANGES, largest first. */
export const SIZE_UNITS: readonly (readonly [string, number])[] = UNITS;

export function bytesToHuman(size: number, isbits = false, unit: unknown = null): string {
  const base = isbits ? 'bits' : 'Bytes';
  let suffix = 'B';
  let limit = 1;
  for ([suffix, limit] of UNITS) {
    if ((unit === null && size >= limit) || (unit !== null && String(unit).toUpperCase() === suffix[0])) break;
  }
  const label = limit !== 1 ? suffix + base[0] : base;
  return `${(size / limit).toFixed(2)} ${label}`;
}
