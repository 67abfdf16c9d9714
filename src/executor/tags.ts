// Whether a task runs under --tags / --skip-tags (Taggable.evaluate_tags in ansible-core
// 2.14): `always` runs unless skipped by name, `never` runs only when asked for by name.

export function shouldRun(tags: Set<string>, only: string[], skip: string[]): boolean {
  const mine = tags.size ? tags : new Set(['untagged']);
  const untagged = mine.size === 1 && mine.has('untagged');
  const hits = (list: string[]): boolean => list.some((t) => mine.has(t));
  let run = true;
  if (only.length) {
    run =
      mine.has('always') ||
      (only.includes('all') && !mine.has('never')) ||
      hits(only) ||
      (only.includes('tagged') && !untagged && !mine.has('never'));
  }
  if (run && skip.length) {
    if (skip.includes('all')) run = mine.has('always') && !skip.includes('always');
    else if (hits(skip)) run = false;
    else if (skip.includes('tagged') && !untagged) run = false;
  }
  return run;
}
