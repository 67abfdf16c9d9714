// Host ranges as Ansible expands them (inventory/helpers: expand_hostname_range):
// node[01:20] keeps the padding, [a:z] is alphabetic, [1:10:2] has a stride.
import { RunbookError, type SourceLocation } from '../util/index.js';

const MAX_HOSTS = 100_000;
const BRACKET = String.raw`\[([0-9a-zA-Z]+):([0-9a-zA-Z]+)(?::(\d+))?\]`;
const RANGE = new RegExp(`^(.*?)${BRACKET}(.*)$`);
const NUMBER = /^\d+$/;

/** How many names the ranges of a pattern make together (they multiply). */
function rangeProduct(pattern: string): number {
  let n = 1;
  for (const m of pattern.matchAll(new RegExp(BRACKET, 'g'))) {
    const [, beg = '', end = '', step = '1'] = m;
    const span =
      NUMBER.test(beg) && NUMBER.test(end) ? Number(end) - Number(beg) : end.charCodeAt(0) - beg.charCodeAt(0);
    n *= Math.max(1, Math.floor(span / Math.max(1, Number(step))) + 1);
  }
  return n;
}

/**
 * Every host name a pattern stands for; its errors carry `where` (the inventory line), so both
 * the INI and the YAML inventory name the culprit's line.
 */
export function expandHostRange(pattern: string, where?: SourceLocation): string[] {
  // A range this large is a typo, not a fleet (nested ranges multiply): refused before expanding.
  if (rangeProduct(pattern) > MAX_HOSTS)
    throw new RunbookError(`invalid host range ${pattern}: it expands to more than ${MAX_HOSTS} hosts`, where);
  return expand(pattern, where);
}

/** Expands the first bracket range in a host name, recursively. */
function expand(pattern: string, where: SourceLocation | undefined): string[] {
  const m = RANGE.exec(pattern);
  if (!m) return [pattern];
  const [, head = '', beg = '', end = '', step = '1', tail = ''] = m;
  const stride = Number(step);
  // Python's range() refuses a zero step (Ansible fails on it); without this check the loop
  // below never ends (found by npm run fuzz).
  if (stride < 1) throw new RunbookError(`invalid host range ${pattern}: the step must be at least 1`, where);
  const names: string[] = [];
  if (NUMBER.test(beg) && NUMBER.test(end)) {
    const width = beg.length > 1 && beg.startsWith('0') ? beg.length : 0;
    for (let i = Number(beg); i <= Number(end); i += stride) names.push(String(i).padStart(width, '0'));
  } else if (/^[a-zA-Z]$/.test(beg) && /^[a-zA-Z]$/.test(end)) {
    for (let c = beg.charCodeAt(0); c <= end.charCodeAt(0); c += stride) names.push(String.fromCharCode(c));
  } else {
    throw new RunbookError(
      `invalid host range ${pattern}: the start and end must both be numbers or single letters`,
      where,
    );
  }
  if (!names.length) throw new RunbookError(`invalid host range ${pattern}: the start is after the end`, where);
  return names.flatMap((n) => expand(`${head}${n}${tail}`, where));
}
