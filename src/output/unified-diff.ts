// Python's difflib.unified_diff (3.11) with SequenceMatcher's autojunk "popular line" rule, so
// that `--diff` output is line for line what ansible-playbook prints (callback/__init__.py
// _get_diff runs difflib with n = DIFF_CONTEXT = 3).

type Opcode = [tag: 'equal' | 'replace' | 'delete' | 'insert', i1: number, i2: number, j1: number, j2: number];

class SequenceMatcher {
  private readonly b2j = new Map<string, number[]>();

  constructor(
    private readonly a: string[],
    private readonly b: string[],
  ) {
    b.forEach((line, i) => {
      const list = this.b2j.get(line);
      if (list) list.push(i);
      else this.b2j.set(line, [i]);
    });
    // autojunk: in 200+ lines, a line seen more than 1% + 1 times is not used to anchor a match.
    if (b.length >= 200) {
      const ntest = Math.floor(b.length / 100) + 1;
      for (const [line, idx] of [...this.b2j]) if (idx.length > ntest) this.b2j.delete(line);
    }
  }

  private longestMatch(alo: number, ahi: number, blo: number, bhi: number): [number, number, number] {
    let [besti, bestj, bestsize] = [alo, blo, 0];
    let j2len = new Map<number, number>();
    for (let i = alo; i < ahi; i++) {
      const next = new Map<number, number>();
      for (const j of this.b2j.get(this.a[i]!) ?? []) {
        if (j < blo) continue;
        if (j >= bhi) break;
        const k = (j2len.get(j - 1) ?? 0) + 1;
        next.set(j, k);
        if (k > bestsize) [besti, bestj, bestsize] = [i - k + 1, j - k + 1, k];
      }
      j2len = next;
    }
    while (besti > alo && bestj > blo && this.a[besti - 1] === this.b[bestj - 1])
      [besti, bestj, bestsize] = [besti - 1, bestj - 1, bestsize + 1];
    while (besti + bestsize < ahi && bestj + bestsize < bhi && this.a[besti + bestsize] === this.b[bestj + bestsize])
      bestsize++;
    return [besti, bestj, bestsize];
  }

  private matchingBlocks(): [number, number, number][] {
    const blocks: [number, number, number][] = [];
    const queue: [number, number, number, number][] = [[0, this.a.length, 0, this.b.length]];
    while (queue.length) {
      const [alo, ahi, blo, bhi] = queue.pop()!;
      const m = this.longestMatch(alo, ahi, blo, bhi);
      const [i, j, k] = m;
      if (!k) continue;
      blocks.push(m);
      if (alo < i && blo < j) queue.push([alo, i, blo, j]);
      if (i + k < ahi && j + k < bhi) queue.push([i + k, ahi, j + k, bhi]);
    }
    blocks.sort((x, y) => x[0] - y[0] || x[1] - y[1] || x[2] - y[2]);
    const merged: [number, number, number][] = [];
    let [i1, j1, k1] = [0, 0, 0];
    for (const [i2, j2, k2] of blocks) {
      if (i1 + k1 === i2 && j1 + k1 === j2) k1 += k2;
      else {
        if (k1) merged.push([i1, j1, k1]);
        [i1, j1, k1] = [i2, j2, k2];
      }
    }
    if (k1) merged.push([i1, j1, k1]);
    merged.push([this.a.length, this.b.length, 0]);
    return merged;
  }

  opcodes(): Opcode[] {
    let [i, j] = [0, 0];
    const out: Opcode[] = [];
    for (const [ai, bj, size] of this.matchingBlocks()) {
      if (i < ai && j < bj) out.push(['replace', i, ai, j, bj]);
      else if (i < ai) out.push(['delete', i, ai, j, bj]);
      else if (j < bj) out.push(['insert', i, ai, j, bj]);
      [i, j] = [ai + size, bj + size];
      if (size) out.push(['equal', ai, i, bj, j]);
    }
    return out;
  }

  groupedOpcodes(n: number): Opcode[][] {
    const codes = this.opcodes();
    if (!codes.length) codes.push(['equal', 0, 1, 0, 1]);
    const first = codes[0]!;
    if (first[0] === 'equal')
      codes[0] = ['equal', Math.max(first[1], first[2] - n), first[2], Math.max(first[3], first[4] - n), first[4]];
    const last = codes[codes.length - 1]!;
    if (last[0] === 'equal')
      codes[codes.length - 1] = [
        'equal',
        last[1],
        Math.min(last[2], last[1] + n),
        last[3],
        Math.min(last[4], last[3] + n),
      ];
    const groups: Opcode[][] = [];
    let group: Opcode[] = [];
    for (const code of codes) {
      const [tag, , i2, , j2] = code;
      let [, i1, , j1] = code;
      if (tag === 'equal' && i2 - i1 > 2 * n) {
        group.push([tag, i1, Math.min(i2, i1 + n), j1, Math.min(j2, j1 + n)]);
        groups.push(group);
        group = [];
        [i1, j1] = [Math.max(i1, i2 - n), Math.max(j1, j2 - n)];
      }
      group.push([tag, i1, i2, j1, j2]);
    }
    if (group.length && !(group.length === 1 && group[0]![0] === 'equal')) groups.push(group);
    return groups;
  }
}

function range(start: number, stop: number): string {
  const length = stop - start;
  if (length === 1) return String(start + 1);
  return `${length ? start + 1 : start},${length}`;
}

/** difflib.unified_diff(a, b, fromfile, tofile, n=n) — lines keep their "\n". */
export function unifiedDiff(a: string[], b: string[], fromfile: string, tofile: string, n = 3): string[] {
  const out: string[] = [];
  for (const group of new SequenceMatcher(a, b).groupedOpcodes(n)) {
    if (!out.length) out.push(`--- ${fromfile}\n`, `+++ ${tofile}\n`);
    const first = group[0]!;
    const last = group[group.length - 1]!;
    out.push(`@@ -${range(first[1], last[2])} +${range(first[3], last[4])} @@\n`);
    for (const [tag, i1, i2, j1, j2] of group) {
      if (tag === 'equal') {
        for (const line of a.slice(i1, i2)) out.push(` ${line}`);
        continue;
      }
      if (tag !== 'insert') for (const line of a.slice(i1, i2)) out.push(`-${line}`);
      if (tag !== 'delete') for (const line of b.slice(j1, j2)) out.push(`+${line}`);
    }
  }
  return out;
}
