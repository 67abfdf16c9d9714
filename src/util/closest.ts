// "Did you mean …?": the known names nearest to a mistyped one, by edit distance with
// transpositions (Damerau-Levenshtein, optimal string alignment), as a reader would judge a typo.

function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/** Up to `max` candidates within a typo's reach of `name` (a third of its length, at least 1), nearest first. */
export function closest(name: string, candidates: Iterable<string>, max = 3): string[] {
  const reach = Math.max(1, Math.floor(name.length / 3));
  const scored: [string, number][] = [];
  for (const c of new Set(candidates)) {
    if (c === name || Math.abs(c.length - name.length) > reach) continue;
    const n = distance(name.toLowerCase(), c.toLowerCase());
    if (n <= reach) scored.push([c, n]);
  }
  return scored
    .sort((x, y) => x[1] - y[1] || (x[0] < y[0] ? -1 : 1))
    .slice(0, max)
    .map(([c]) => c);
}

/** runbook's line after Ansible's message, or '' when nothing is near. */
export function didYouMean(name: string, candidates: Iterable<string>): string {
  const near = closest(name, candidates);
  return near.length ? `did you mean ${near.map((n) => `'${n}'`).join(', or ')}?` : '';
}
