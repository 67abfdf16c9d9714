// The run's callbacks side by side: the console (default or json), the live status line on a
// terminal, the HTML report's collector. Each event goes to each, in that order.
import type { Callback } from '../executor/index.js';

const EVENTS = ['onPlayStart', 'onTaskStart', 'onHostStart', 'onItemResult', 'onHostResult', 'onIncluded', 'onNoHosts', 'onPlaybookEnd', 'onWarning'] as const;

export function fanOut(callbacks: (Callback | undefined)[]): Callback {
  const all = callbacks.filter((c): c is Callback => c !== undefined);
  if (all.length === 1) return all[0]!;
  const out: Record<string, (...args: unknown[]) => void> = {};
  for (const e of EVENTS) {
    out[e] = (...args: unknown[]) => {
      for (const c of all) (c[e] as ((...a: unknown[]) => void) | undefined)?.apply(c, args);
    };
  }
  return out;
}
