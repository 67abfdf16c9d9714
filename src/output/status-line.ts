// The live status line on a terminal: during a long step (a dump, a package set, a db sync) it
// says which host runs what, for how long — the console is otherwise silent until results come.
// It lives on stderr's last line and is wiped before anything else is printed.
import type { Callback, TaskStart } from '../executor/index.js';

export class StatusLine implements Callback {
  private readonly running = new Map<string, { task: string; since: number }>();
  private shown = false;
  private lastOutput = Date.now();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly stream: { write(s: string): unknown; columns?: number },
    private readonly quietMs = 2000,
  ) {
    this.timer = setInterval(() => this.draw(), 1000);
    this.timer.unref();
  }

  /** Wipes the line; the console callback calls this before it prints. */
  clear(): void {
    this.lastOutput = Date.now();
    if (!this.shown) return;
    this.stream.write('\r\x1b[K');
    this.shown = false;
  }

  /** The text of the line now, or '' when there is nothing long to show. */
  text(now = Date.now()): string {
    if (!this.running.size || now - this.lastOutput < this.quietMs) return '';
    const oldest = Math.min(...[...this.running.values()].map((r) => r.since));
    const parts = [...this.running].map(([h, r]) => `${h}: ${r.task} (${Math.round((now - r.since) / 1000)}s)`);
    const line = `[running ${Math.round((now - oldest) / 1000)}s] ${parts.join(' · ')}`;
    const width = Math.max(20, (this.stream.columns ?? 80) - 1);
    return line.length > width ? `${line.slice(0, width - 1)}…` : line;
  }

  private draw(): void {
    const t = this.text();
    if (!t) return;
    this.stream.write(`\r\x1b[K${t}`);
    this.shown = true;
  }

  onHostStart(host: string, task: TaskStart): void {
    this.running.set(host, { task: task.name, since: Date.now() });
  }

  onHostResult(r: { host: string }): void {
    this.running.delete(r.host);
  }

  onPlaybookEnd(): void {
    clearInterval(this.timer);
    this.clear();
  }
}
