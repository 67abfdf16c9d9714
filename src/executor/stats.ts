// The PLAY RECAP counters per host, with Ansible's rules: an ignored failure counts as ok
// and ignored; a rescued failure counts as rescued, not failed.
import type { TaskResult } from './result.js';

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
    }
  }
}
