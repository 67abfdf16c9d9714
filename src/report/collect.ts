// What the HTML run report shows, collected as the run goes (a Callback: the executor tells,
// this only records): plays (the upgrade's stages) with their span on each host, every task's
// result per host with its duration, changes and diffs, the recap. Secrets are masked here,
// before anything reaches the page.
import type { Callback, TaskStart, TaskResult, HostStats } from '../executor/index.js';
import { renderDiff, palette } from '../output/index.js';
import type { GuestSummary } from './guardian.js';

const noColors = palette({ NO_COLOR: '1' }, false);

export interface HostResult {
  host: string;
  status: string;
  changed: boolean;
  msg: string;
  diff: string;
  started: number;
  ended: number;
}

export interface TaskRecord {
  name: string;
  origin: string;
  started: number;
  results: HostResult[];
}

export interface PlayRecord {
  name: string;
  started: number;
  tasks: TaskRecord[];
}

export interface RunRecord {
  playbook: string;
  command: string;
  started: number;
  ended: number;
  plays: PlayRecord[];
  recap: [string, HostStats][];
  exitCode?: number;
  /** The data-plane guardian's findings (--guard): each guest that ran when the run started. */
  guests?: { summaries: GuestSummary[]; notRunning: string[] };
}

const short = (v: unknown): string => {
  const text = typeof v === 'string' ? v : v === undefined || v === null ? '' : JSON.stringify(v);
  return text.length > 2000 ? `${text.slice(0, 2000)}…` : text;
};

export class ReportCollector implements Callback {
  readonly run: RunRecord;
  private readonly hostStarts = new Map<string, number>();

  constructor(
    playbook: string,
    command: string,
    private readonly mask: (text: string) => string,
    private readonly now: () => number = Date.now,
  ) {
    this.run = { playbook, command: mask(command), started: now(), ended: now(), plays: [], recap: [] };
  }

  private get play(): PlayRecord {
    let p = this.run.plays.at(-1);
    if (!p) this.run.plays.push((p = { name: '', started: this.now(), tasks: [] }));
    return p;
  }

  onPlayStart(name: string): void {
    this.run.plays.push({ name: this.mask(name), started: this.now(), tasks: [] });
  }

  onTaskStart(task: TaskStart): void {
    this.play.tasks.push({ name: this.mask(task.name), origin: task.origin, started: this.now(), results: [] });
  }

  onHostStart(host: string): void {
    this.hostStarts.set(host, this.now());
  }

  onHostResult(r: TaskResult): void {
    const task = this.play.tasks.at(-1);
    if (!task) return;
    const ended = this.now();
    const hidden = r.noLog;
    const msg = hidden
      ? 'output hidden (no_log)'
      : short(r.data.get('msg') ?? (r.status === 'failed' ? r.data.get('stderr') : ''));
    const diff = hidden || !r.data.has('diff') ? '' : renderDiff(r.data.get('diff'), noColors);
    task.results.push({
      host: r.host,
      status: r.ignored ? `${r.status} (ignored)` : r.status,
      changed: r.data.get('changed') === true,
      msg: this.mask(msg),
      diff: this.mask(diff),
      started: Math.min(this.hostStarts.get(r.host) ?? task.started, ended),
      ended,
    });
  }

  onPlaybookEnd(stats: Map<string, HostStats>): void {
    this.run.ended = this.now();
    this.run.recap = [...stats];
  }
}
