// Host ranges as ansible-core 2.14 expands them (plugins/inventory/__init__.py:
// expand_hostname_range): the first [..] of a name split off, `begin:end[:step]` read as letters
// of string.ascii_letters or as int()s, zero-padded when begin is, the rest expanded again. Its
// errors are Python's own words (an AnsibleError's, or a ValueError's), which the inventory
// plugin shows as they are.

const ASCII_LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
// runbook's own limit: a range this large is a typo, not a fleet (Ansible would try to build it)
const MAX_HOSTS = 100_000;

/** int(text) for a str: optional sign, digits with single underscores, surrounding whitespace. */
function pyInt(text: string): number {
  if (!/^\s*[-+]?\d+(?:_\d+)*\s*$/.test(text)) throw new Error(`invalid literal for int() with base 10: '${text}'`);
  return Number(text.replace(/_/g, ''));
}

/** The sequence range(beg, end + 1, step) or ascii_letters[i:j + 1:step] stands for. */
function sequence(beg: string, end: string, step: string): (string | number)[] {
  const iBeg = beg === '' ? 0 : ASCII_LETTERS.indexOf(beg);
  const iEnd = end === '' ? 0 : ASCII_LETTERS.indexOf(end);
  if (iBeg >= 0 && iEnd >= 0) {
    if (iBeg > iEnd) throw new Error('host range must have begin <= end');
    // a step int() refuses, or a zero slice step, is a ValueError, caught as "not an alpha
    // range": the numeric range is tried, and int() of the letters fails
    const stride = /^\s*[-+]?\d+(?:_\d+)*\s*$/.test(step) ? pyInt(step) : 0;
    if (stride !== 0) {
      const out: string[] = [];
      // a negative step over begin <= end is an empty slice
      for (let i = iBeg; stride > 0 && i <= iEnd; i += stride) out.push(ASCII_LETTERS[i] ?? '');
      return out;
    }
  }
  const from = pyInt(beg);
  const to = pyInt(end) + 1;
  const stride = pyInt(step);
  if (stride === 0) throw new Error('range() arg 3 must not be zero');
  if (Math.abs((to - from) / stride) > MAX_HOSTS)
    throw new Error(`host range [${beg}:${end}] expands to more than ${MAX_HOSTS} hosts`);
  const out: number[] = [];
  for (let i = from; stride > 0 ? i < to : i > to; i += stride) out.push(i);
  return out;
}

/** Every host name a pattern with [begin:end(:step)] ranges stands for, in Ansible's order. */
export function expandHostnameRange(line: string, budget = { left: MAX_HOSTS }): string[] {
  if (!line) return [];
  const parts = line.replace('[', '|').replace(']', '|').split('|');
  if (parts.length !== 3)
    throw new Error(
      parts.length < 3
        ? `not enough values to unpack (expected 3, got ${parts.length})`
        : 'too many values to unpack (expected 3)',
    );
  const [head = '', nrange = '', tail = ''] = parts;
  const bounds = nrange.split(':');
  if (bounds.length !== 2 && bounds.length !== 3) throw new Error('host range must be begin:end or begin:end:step');
  const [rawBeg = '', end = '', step = '1'] = bounds;
  const beg = rawBeg || '0';
  if (!end) throw new Error('host range must specify end value');
  let fill = (x: string | number): string => String(x);
  if (beg.startsWith('0') && beg.length > 1) {
    if (beg.length !== end.length) throw new Error('host range must specify equal-length begin and end formats');
    fill = (x) => String(x).padStart(beg.length, '0');
  }
  const all: string[] = [];
  for (const r of sequence(beg, end, step)) {
    const name = `${head}${fill(r)}${tail}`;
    if (name.includes('[')) all.push(...expandHostnameRange(name, budget));
    else {
      if (--budget.left < 0) throw new Error(`host range ${line} expands to more than ${MAX_HOSTS} hosts`);
      all.push(name);
    }
  }
  return all;
}
