// The timing callbacks users enable with callbacks_enabled (ansible.posix 1.x, in Debian's
// ansible for 2.14): timer ("Playbook run took …" after the recap) and profile_tasks (a
// timestamp line after each task banner, and the tasks by time spent at the end).
import type { Callback, TaskStart } from '../executor/index.js';
import { strftime } from '../template/index.js';

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

const SYSTEM: Clock = { now: () => Date.now() };

/** profile_tasks.secondsToStr: H:MM:SS.mmm */
function secondsToStr(ms: number): string {
  const total = Math.floor(ms);
  const h = Math.floor(total / 3_600_000);
  const m = Math.floor(total / 60_000) % 60;
  const s = Math.floor(total / 1000) % 60;
  return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}.${String(total % 1000).padStart(3, '0')}`;
}

/** profile_tasks.filled: the message, a space, then the filler to 79 columns, and a space. */
function filled(msg: string, fill = '*'): string {
  const text = msg ? `${msg} ` : '';
  const width = Math.max(3, 79 - text.length);
  return `${text}${fill.repeat(width)} `;
}

/** time.strftime('%A %d %B %Y  %H:%M:%S %z') in local time. */
function stamp(ms: number): string {
  return strftime('%A %d %B %Y  %H:%M:%S %z', new Date(ms));
}

export class TimerCallback implements Callback {
  private readonly start: number;

  constructor(
    private readonly write: (line: string) => void,
    private readonly clock: Clock = SYSTEM,
  ) {
    this.start = clock.now();
  }

  onPlaybookEnd(): void {
    const seconds = Math.floor((this.clock.now() - this.start) / 1000);
    const days = Math.floor(seconds / 86_400);
    const rest = seconds % 86_400;
    this.write(
      `Playbook run took ${days} days, ${Math.floor(rest / 3600)} hours, ${Math.floor(rest / 60) % 60} minutes, ${rest % 60} seconds`,
    );
  }
}

export class ProfileTasksCallback implements Callback {
  private readonly t0: number;
  private tn: number;
  private readonly stats = new Map<
    object | string,
    { name: string; elapsed: number; started: number; path?: string }
  >();
  private current: object | string | undefined;

  constructor(
    private readonly write: (line: string) => void,
    private readonly verbosity: number,
    private readonly clock: Clock = SYSTEM,
  ) {
    this.t0 = this.tn = clock.now();
  }

  private tasktime(): string {
    const now = this.clock.now();
    const line = filled(`${stamp(now)} (${secondsToStr(now - this.tn)})${' '.repeat(7)}${secondsToStr(now - this.t0)}`);
    this.tn = now;
    return line;
  }

  /** timestamp(): the running task's time so far is added to it. */
  private stop(): void {
    const s = this.current === undefined ? undefined : this.stats.get(this.current);
    if (s) s.elapsed += this.clock.now() - s.started;
  }

  onTaskStart(task: TaskStart): void {
    this.write(this.tasktime());
    this.stop();
    this.current = task.id ?? `${task.origin}\0${task.name}`;
    const s = this.stats.get(this.current);
    if (s) s.started = this.clock.now();
    else
      this.stats.set(this.current, {
        name: task.name,
        elapsed: 0,
        started: this.clock.now(),
        ...(this.verbosity >= 2 ? { path: task.origin } : {}),
      });
  }

  onPlaybookEnd(): void {
    this.write(this.tasktime());
    this.write(filled('', '='));
    this.stop();
    this.current = undefined;
    // sort_order descending, output_limit 20 (the plugin's defaults); 79 display columns
    const rows = [...this.stats.values()].sort((a, b) => b.elapsed - a.elapsed).slice(0, 20);
    for (const r of rows) {
      const time = ` ${(r.elapsed / 1000).toFixed(2)}s`;
      let msg = `${r.name} `.padEnd(70, '-') + time.padStart(9, '-');
      if (r.path) msg += `\n${`${r.path} `.padEnd(79, '-')}`;
      this.write(msg);
    }
  }
}
