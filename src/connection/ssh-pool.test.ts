// The pool's warm-up (issue 21): a connection opened ahead of the first task is the one the task
// gets; its failure reaches only a task that asked while it was fresh; the run's end stops one
// no task asked for. Against a TCP server that counts connections and never speaks SSH, so
// every open ends in HostUnreachable when the server hangs up.
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { HostUnreachable } from './errors.js';
import { sshSpec, type SshSpec } from './spec.js';
import { SshPool } from './ssh-pool.js';

interface Lab {
  server: Server;
  spec: SshSpec;
  seen: () => number;
  open: () => number;
}

/** A server holding each connection `holdMs` (for ever when undefined) before hanging up. */
async function lab(holdMs: number | undefined): Promise<Lab> {
  let seen = 0;
  const live = new Set<Socket>();
  const server = createServer((sock) => {
    seen++;
    live.add(sock);
    // read, so that the client's end is seen
    sock.resume();
    sock.on('close', () => live.delete(sock));
    if (holdMs !== undefined) setTimeout(() => sock.destroy(), holdMs);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const spec = {
    ...sshSpec('h', () => undefined, { hostKeyChecking: false }),
    address: '127.0.0.1',
    port,
    timeoutMs: 60_000,
  };
  return { server, spec, seen: () => seen, open: () => live.size };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Runs `body` with a fresh pool against a lab holding connections `holdMs`, then closes the lab. */
async function inLab(holdMs: number | undefined, body: (l: Lab, pool: SshPool) => Promise<void>): Promise<void> {
  const l = await lab(holdMs);
  try {
    await body(l, new SshPool());
  } finally {
    l.server.close();
  }
}

describe('SshPool.warm', () => {
  it(
    'gives the task that asks while it opens that same connection (one TCP connection)',
    () =>
      inLab(100, async (l, pool) => {
        pool.warm(l.spec);
        pool.warm(l.spec);
        await expect(pool.session(l.spec)).rejects.toThrow(HostUnreachable);
        expect(l.seen()).toBe(1);
      }),
    10_000,
  );

  it(
    'leaves a failure no task waited for behind: the task opens its own',
    () =>
      inLab(20, async (l, pool) => {
        pool.warm(l.spec);
        await sleep(300);
        expect(l.seen()).toBe(1);
        await expect(pool.session(l.spec)).rejects.toThrow(HostUnreachable);
        expect(l.seen()).toBe(2);
      }),
    10_000,
  );

  it(
    'lets a task that joined an open begun over a second before retry on its own when it fails',
    () =>
      inLab(1500, async (l, pool) => {
        pool.warm(l.spec);
        await sleep(1100);
        await expect(pool.session(l.spec)).rejects.toThrow(HostUnreachable);
        expect(l.seen()).toBe(2);
      }),
    10_000,
  );

  it(
    'stops an open no task asked for when the run closes the pool',
    () =>
      inLab(undefined, async (l, pool) => {
        pool.warm(l.spec);
        await sleep(100);
        expect(l.open()).toBe(1);
        // the open's own timeout is a minute: close() returns because it stopped it
        await pool.close();
        for (let i = 0; i < 50 && l.open(); i++) await sleep(20);
        expect(l.open()).toBe(0);
      }),
    10_000,
  );
});
