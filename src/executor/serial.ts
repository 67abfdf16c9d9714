// serial: batches of hosts (an int, a percentage, or a list of either, the last repeating).

function size(spec: unknown, total: number): number {
  const s = String(spec).trim();
  const n = s.endsWith('%') ? Math.floor((total * Number(s.slice(0, -1))) / 100) : Number(s);
  return Math.max(1, Number.isFinite(n) && n > 0 ? n : total);
}

export function batchesOf(hosts: string[], serial: unknown): string[][] {
  if (serial === undefined || serial === null || serial === 0 || serial === '0') return [hosts];
  const specs = Array.isArray(serial) ? serial : [serial];
  const out: string[][] = [];
  let i = 0;
  let k = 0;
  while (i < hosts.length) {
    const n = size(specs[Math.min(k, specs.length - 1)], hosts.length);
    out.push(hosts.slice(i, i + n));
    i += n;
    k++;
  }
  return out;
}
