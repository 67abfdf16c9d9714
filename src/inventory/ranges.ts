// Host ranges as Ansible expands them (inventory/helpers: expand_hostname_range):
// node[01:20] keeps the padding, [a:z] is alphabetic, [1:10:2] has a stride.
import { RunbookError } from '../util/index.js';

const RANGE = /^(.*?)\[([0-9a-zA-Z]+):([0-9a-zA-Z]+)(?::(\d+))?\](.*)$/;

/** Expands the first bracket range in a host name, recursively. */
export function expandHostRange(pattern: string): string[] {
  const m = RANGE.exec(pattern);
  if (!m) return [pattern];
  const [, head = '', beg = '', end = '', step = '1', tail = ''] = m;
  const stride = Number(step);
  const names: string[] = [];
  if (/^\d+$/.test(beg) && /^\d+$/.test(end)) {
    const width = beg.length > 1 && beg.startsWith('0') ? beg.length : 0;
    for (let i = Number(beg); i <= Number(end); i += stride) names.push(String(i).padStart(width, '0'));
  } else if (/^[a-zA-Z]$/.test(beg) && /^[a-zA-Z]$/.test(end)) {
    for (let c = beg.charCodeAt(0); c <= end.charCodeAt(0); c += stride) names.push(String.fromCharCode(c));
  } else {
    throw new RunbookError(`invalid host range ${pattern}: the start and end must both be numbers or single letters`);
  }
  if (!names.length) throw new RunbookError(`invalid host range ${pattern}: the start is after the end`);
  return names.flatMap((n) => expandHostRange(`${head}${n}${tail}`));
}
