// One SSH connection per (address, port, user, jump chain), opened once however many tasks ask
// at the same time (single flight) and reused by all; a connection that died is opened again on
// the next request (a rebooted host comes back); everything closes at the end of the run.
import { openClient, type Client } from './ssh-client.js';
import { SshSession } from './ssh-session.js';
import { Semaphore } from './semaphore.js';
import { specKey, type SshSpec } from './spec.js';
import { SshConnection } from './ssh.js';
import type { Become } from './become.js';

// At most this many SSH handshakes at once, over the whole run. Each costs both ends a key
// exchange and the server a fork; 200 at once on 2 cores left some waiting for the banner past
// the connect timeout (`npm run bench:load`, 200 hosts). Queued opens do not run their timeout
// while they wait: it starts with the handshake.
const HANDSHAKES = new Semaphore(32);

// A task that finds its connection being opened ahead of it (warm) takes that attempt's failure as
// its own only when the attempt began this recently; an older one (the host was down when the
// play started, the task waited on a local wait_for) fails over to an attempt of the task's own,
// as ansible-playbook, which connects when the task runs, would have made.
const WARM_FRESH_MS = 1000;

export class SshPool {
  private readonly sessions = new Map<string, Promise<SshSession>>();
  /** Opens started by warm() that no task has asked for yet: when they started, how to stop them. */
  private readonly warming = new Map<Promise<SshSession>, { at: number; abort: AbortController }>();

  session(spec: SshSpec): Promise<SshSession> {
    const key = specKey(spec);
    const existing = this.sessions.get(key);
    if (existing) {
      const warmed = this.warming.get(existing);
      this.warming.delete(existing);
      const stale = warmed !== undefined && Date.now() - warmed.at > WARM_FRESH_MS;
      return existing.then(
        (s) => {
          if (!s.dead) return s;
          if (this.sessions.get(key) === existing) this.sessions.delete(key);
          return this.session(spec);
        },
        (e: unknown) => {
          if (!stale) throw e;
          return this.session(spec);
        },
      );
    }
    return this.track(key, this.open(spec));
  }

  /**
   * Starts opening a connection no task has asked for yet. Its failure reaches only a task that
   * asks while it is under way (see WARM_FRESH_MS); the run's end stops it if no task asked.
   */
  warm(spec: SshSpec): void {
    const key = specKey(spec);
    if (this.sessions.has(key)) return;
    const abort = new AbortController();
    const opening = this.track(key, this.open(spec, abort.signal));
    this.warming.set(opening, { at: Date.now(), abort });
  }

  private track(key: string, opening: Promise<SshSession>): Promise<SshSession> {
    this.sessions.set(key, opening);
    opening.catch(() => {
      this.warming.delete(opening);
      if (this.sessions.get(key) === opening) this.sessions.delete(key);
    });
    return opening;
  }

  private async open(spec: SshSpec, signal?: AbortSignal): Promise<SshSession> {
    const jumps: Client[] = [];
    await HANDSHAKES.acquire();
    try {
      for (const hop of spec.jumps) jumps.push(await openClient(hop, jumps[jumps.length - 1], signal));
      const client = await openClient(spec, jumps[jumps.length - 1], signal);
      return new SshSession(client, spec.address, jumps);
    } catch (e) {
      for (const j of jumps) j.end();
      throw e;
    } finally {
      HANDSHAKES.release();
    }
  }

  /** A Connection for a host (and become-user) over the pooled session. */
  connection(host: string, spec: SshSpec, become?: Become): SshConnection {
    return new SshConnection(
      host,
      () => this.session(spec),
      become,
      () => this.drop(spec),
    );
  }

  /** Closes a host's connection; the next request opens a new one. */
  drop(spec: SshSpec): Promise<void> {
    const key = specKey(spec);
    const p = this.sessions.get(key);
    this.sessions.delete(key);
    // Not awaited: an open still under way closes when it settles; dropping never waits on it.
    void p?.then(
      (s) => s.close(),
      () => undefined,
    );
    return Promise.resolve();
  }

  async close(): Promise<void> {
    for (const { abort } of this.warming.values()) abort.abort();
    this.warming.clear();
    const all = [...this.sessions.values()];
    this.sessions.clear();
    for (const p of all) {
      try {
        (await p).close();
      } catch {
        /* never opened */
      }
    }
  }
}
