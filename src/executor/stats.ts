// The PLAY RECAP counters per host, with Ansible's rules: an ignored failure counts as ok
// and ignored; a rescued failure counts as rescued, not failed.
import type { TaskResult } from './result.js';
import { mergeHash } from '../util/index.js';

/** The key of the run's own custom stats (set_stats without per_host). */
export const RUN_STATS = '_run';

export interface HostStats {
  ok: number;
  changed: number;
  unreachable: number;
  failed: number;
  skipped: number;
  rescued: number;
  ignored: number;
}

export class Stats {
  readonly hosts = new Map<string, HostStats>();
  /** AggregateStats.custom: set_stats' values per host, and the run's under '_run'. */
  readonly custom = new Map<string, Map<string, unknown>>();

  of(host: string): HostStats {
    let s = this.hosts.get(host);
    if (!s) {
      s = { ok: 0, changed: 0, unreachable: 0, failed: 0, skipped: 0, rescued: 0, ignored: 0 };
      this.hosts.set(host, s);
    }
    return s;
  }

  record(r: TaskResult): void {
    const s = this.of(r.host);
    if (r.status === 'unreachable') {
      if (r.ignored) {
        s.ok++;
        s.ignored++;
      } else s.unreachable++;
    } else if (r.status === 'failed') {
      if (r.ignored) {
        s.ok++;
        s.ignored++;
        if (r.data.get('changed') === true) s.changed++;
      } else s.failed++;
    } else if (r.status === 'skipped') s.skipped++;
    else {
      s.ok++;
      if (r.status === 'changed') s.changed++;
      // _process_pending_results' ok branch: each result item's ansible_stats
      for (const d of r.items?.length ? r.items.map((i) => i.data) : [r.data])
        this.addCustom(r.host, d.get('ansible_stats'));
    }
  }

  private addCustom(host: string, stats: unknown): void {
    if (!(stats instanceof Map)) return;
    const data: unknown = (stats as Map<string, unknown>).get('data');
    if (!(data instanceof Map) || !data.size) return;
    const who = stats.get('per_host') === false ? RUN_STATS : host;
    for (const [k, v] of data as Map<string, unknown>)
      if (stats.get('aggregate') === true) this.updateCustom(who, k, v);
      else this.setCustom(who, k, v);
  }

  /** set_custom_stats. */
  private setCustom(who: string, which: string, what: unknown): void {
    const stats = this.custom.get(who) ?? new Map<string, unknown>();
    this.custom.set(who, stats.set(which, what));
  }

  /** update_custom_stats: dicts merged, lists and numbers added, a value of another type ignored. */
  private updateCustom(who: string, which: string, what: unknown): void {
    const have = this.custom.get(who)?.get(which);
    if (have === undefined) return this.setCustom(who, which, what);
    const kind = (v: unknown): string => (v instanceof Map ? 'dict' : Array.isArray(v) ? 'list' : typeof v);
    if (kind(have) !== kind(what)) return;
    const sum =
      have instanceof Map
        ? mergeHash(have as Map<unknown, unknown>, what as Map<unknown, unknown>)
        : Array.isArray(have)
          ? [...(have as unknown[]), ...(what as unknown[])]
          : typeof have === 'number'
            ? have + (what as number)
            : typeof have === 'string'
              ? have + (what as string)
              : what;
    this.setCustom(who, which, sum);
  }
}
