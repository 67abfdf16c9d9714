// combine_vars' merge_hash (ansible/utils/vars.py) for hash_behaviour=merge: b's keys over a's,
// dicts under the same key merged recursively, anything else (lists too) replaced.

export function mergeHash(a: Map<unknown, unknown>, b: Map<unknown, unknown>): Map<unknown, unknown> {
  const out = new Map(a);
  for (const [k, v] of b) {
    const old = out.get(k);
    out.set(
      k,
      old instanceof Map && v instanceof Map ? mergeHash(old as Map<unknown, unknown>, v as Map<unknown, unknown>) : v,
    );
  }
  return out;
}
