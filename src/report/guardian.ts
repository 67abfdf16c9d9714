// The data-plane guardian (`runbook apply --guard GUESTS.yml`): while a run goes, every guest
// that answered when the run started is probed once a second from this machine, and its
// timeline (answered or not, and the counter it answered with) is kept for the report and the
// run's footer. A probe is a TCP connection to the guest's address and port within a deadline
// (refusals are retried inside it, as a ping with a deadline keeps trying); a guest that answers
// with a line ending in a number gives that number as its counter (the lab's guests count the
// seconds since they booted): a counter that goes back means the guest was restarted.
import { connect } from 'node:net';

export interface GuardTarget {
  name: string;
  address: string;
  port: number;
}

export interface Probe {
  at: number;
  up: boolean;
  counter?: number;
}

export interface GuestTimeline extends GuardTarget {
  probes: Probe[];
}

export interface GuestSummary {
  name: string;
  probes: number;
  answered: number;
  /** Answered probes over all probes, in percent. */
  availability: number;
  /** Seconds from each unanswered probe to the next answered one (to the end when none). */
  downtime: number;
  /** The counter went back at least once (undefined: the guest gives no counter). */
  restarted: boolean | undefined;
}

/** One probe: connected within `deadlineMs`, and the counter the guest sent, if any. */
export function probe(target: GuardTarget, deadlineMs: number): Promise<Probe> {
  const at = Date.now();
  const until = at + deadlineMs;
  const attempt = (): Promise<Probe> =>
    new Promise((resolve) => {
      let text = '';
      let connected = false;
      let done = false;
      const socket = connect({ host: target.address, port: target.port });
      const finish = (up: boolean): void => {
        if (done) return;
        done = true;
        socket.destroy();
        const m = /(?:^|\s)(\d+)\s*$/.exec(text.split('\n')[0] ?? '');
        resolve({ at, up, ...(m ? { counter: Number(m[1]) } : {}) });
      };
      socket.setTimeout(Math.max(1, until - Date.now()), () => finish(connected));
      socket.on('connect', () => {
        connected = true;
        // a service that talks first (the lab's guests, sshd's banner) gets a moment to say it
        setTimeout(() => finish(true), Math.min(200, Math.max(1, until - Date.now()))).unref();
      });
      socket.on('data', (d: Buffer) => {
        text += d.toString('utf8');
        if (text.includes('\n')) finish(true);
      });
      socket.on('end', () => finish(connected));
      socket.on('error', () => finish(connected));
    });
  const again = async (): Promise<Probe> => {
    const p = await attempt();
    if (p.up || Date.now() + 50 >= until) return p;
    await new Promise((r) => setTimeout(r, 50));
    return again();
  };
  return again();
}

export function summarize(t: GuestTimeline, endedAt: number): GuestSummary {
  const answered = t.probes.filter((p) => p.up).length;
  let downtime = 0;
  t.probes.forEach((p, i) => {
    if (!p.up) downtime += (t.probes[i + 1]?.at ?? endedAt) - p.at;
  });
  const counters = t.probes.filter((p) => p.up && p.counter !== undefined).map((p) => p.counter!);
  return {
    name: t.name,
    probes: t.probes.length,
    answered,
    availability: t.probes.length ? (answered / t.probes.length) * 100 : 0,
    downtime: downtime / 1000,
    restarted: counters.length ? counters.some((c, i) => i > 0 && c < counters[i - 1]!) : undefined,
  };
}

export class Guardian {
  /** The guests that answered the first round (the ones the run must keep). */
  readonly guests: GuestTimeline[] = [];
  /** The ones that did not: not running when the run started. */
  readonly notRunning: string[] = [];
  private timer: NodeJS.Timeout | undefined;
  private round: Promise<unknown> = Promise.resolve();
  ended = 0;

  constructor(
    private readonly targets: GuardTarget[],
    readonly intervalMs = 1000,
    private readonly deadlineMs = 800,
  ) {}

  async start(): Promise<void> {
    const first = await Promise.all(this.targets.map((t) => probe(t, this.deadlineMs)));
    this.targets.forEach((t, i) => {
      if (first[i]!.up) this.guests.push({ ...t, probes: [first[i]!] });
      else this.notRunning.push(t.name);
    });
    this.timer = setInterval(() => {
      this.round = Promise.all(
        this.guests.map(async (g) => {
          g.probes.push(await probe(g, this.deadlineMs));
        }),
      );
    }, this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<GuestSummary[]> {
    clearInterval(this.timer);
    await this.round;
    this.ended = Date.now();
    return this.guests.map((g) => summarize(g, this.ended));
  }
}

/** The run's footer line (stderr, beside the recap): how the guests fared. */
export function guardianFooter(summaries: GuestSummary[], notRunning: string[]): string {
  const total = summaries.reduce((a, s) => a + s.downtime, 0);
  const restarted = summaries.filter((s) => s.restarted).map((s) => s.name);
  const worst = Math.min(100, ...summaries.map((s) => s.availability));
  const lines = [
    `guardian: ${summaries.length} guests probed every second${notRunning.length ? ` (${notRunning.length} not running at the start, not probed)` : ''}; guest downtime ${total.toFixed(0)} s in total; lowest availability ${worst.toFixed(1)} %; restarted: ${restarted.length ? restarted.join(', ') : 'none'}`,
    ...summaries
      .filter((s) => s.downtime > 0)
      .map(
        (s) =>
          `  ${s.name}: down ${s.downtime.toFixed(0)} s, answered ${s.answered}/${s.probes} (${s.availability.toFixed(1)} %)${s.restarted ? ', restarted' : ''}`,
      ),
  ];
  return `${lines.join('\n')}\n`;
}
