// The run's callbacks side by side: the console (default or json), the live status line on a
// terminal, the HTML report's collector. Each event goes to each, in that order.
import type { Callback } from '../executor/index.js';

// Every event of the interface, checked by the compiler: an event added to Callback and not here
// would otherwise be dropped silently by the fan-out.
const EVENT_SET: Record<keyof Callback, true> = {
  onPlaybookStart: true,
  onPlayStart: true,
  onTaskStart: true,
  onHostStart: true,
  onItemResult: true,
  onHostResult: true,
  onIncluded: true,
  onNoHosts: true,
  onNoHostsRemaining: true,
  onPlaybookEnd: true,
  onWarning: true,
  onError: true,
  onNotify: true,
  onDisplay: true,
};
const EVENTS = Object.keys(EVENT_SET) as (keyof Callback)[];

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
