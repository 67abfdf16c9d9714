import { createServer, type Server } from 'node:net';
import { describe, expect, it } from 'vitest';
import { guardianFooter, probe, summarize, type GuestTimeline } from './guardian.js';

const listen = (reply: string): Promise<{ server: Server; port: number }> =>
  new Promise((resolve) => {
    const server = createServer((s) => s.end(reply));
    server.listen(0, '127.0.0.1', () => {
      const a = server.address();
      resolve({ server, port: typeof a === 'object' && a ? a.port : 0 });
    });
  });

describe('the data-plane guardian', () => {
  it('a probe reads the counter a guest answers with, and a closed port is down', async () => {
    const { server, port } = await listen('instance-1 42\n');
    const up = await probe({ name: 'g', address: '127.0.0.1', port }, 800);
    expect(up).toMatchObject({ up: true, counter: 42 });
    await new Promise((r) => server.close(r));
    const down = await probe({ name: 'g', address: '127.0.0.1', port }, 300);
    expect(down.up).toBe(false);
    expect(down.counter).toBeUndefined();
  }, 10_000);

  it('a banner that does not end in a number gives no counter (sshd: SSH-2.0-OpenSSH_9.2p1 …)', async () => {
    const { server, port } = await listen('SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n');
    expect(await probe({ name: 'g', address: '127.0.0.1', port }, 800)).toEqual(expect.objectContaining({ up: true }));
    expect((await probe({ name: 'g', address: '127.0.0.1', port }, 800)).counter).toBeUndefined();
    await new Promise((r) => server.close(r));
  }, 10_000);

  const timeline = (probes: [number, boolean, number?][]): GuestTimeline => ({
    name: 'g',
    address: 'a',
    port: 1,
    probes: probes.map(([at, up, counter]) => ({ at, up, ...(counter === undefined ? {} : { counter }) })),
  });

  it.each([
    {
      name: 'always up, counting',
      probes: [
        [0, true, 5],
        [1000, true, 6],
        [2000, true, 7],
      ],
      downtime: 0,
      restarted: false,
      availability: 100,
    },
    {
      name: 'down two probes, then back with a counter from 0: restarted',
      probes: [
        [0, true, 5],
        [1000, false],
        [2000, false],
        [3000, true, 0],
      ],
      downtime: 2,
      restarted: true,
      availability: 50,
    },
    {
      name: 'a missed probe during a live migration keeps its counter',
      probes: [
        [0, true, 5],
        [1000, false],
        [2000, true, 7],
      ],
      downtime: 1,
      restarted: false,
      availability: (2 / 3) * 100,
    },
    {
      name: 'down at the end: until the guardian stopped',
      probes: [
        [0, true, 1],
        [1000, false],
      ],
      downtime: 1.5,
      restarted: false,
      availability: 50,
    },
    {
      name: 'no counter: restarts unknown',
      probes: [
        [0, true],
        [1000, true],
      ],
      downtime: 0,
      restarted: undefined,
      availability: 100,
    },
  ] as {
    name: string;
    probes: [number, boolean, number?][];
    downtime: number;
    restarted: boolean | undefined;
    availability: number;
  }[])('$name', ({ probes, downtime, restarted, availability }) => {
    const s = summarize(timeline(probes), 2500);
    expect(s.downtime).toBeCloseTo(downtime);
    expect(s.restarted).toBe(restarted);
    expect(s.availability).toBeCloseTo(availability);
  });

  it('the footer gives the total and names the guests that were down or restarted', () => {
    const a = summarize(
      timeline([
        [0, true, 5],
        [1000, false],
        [2000, true, 0],
      ]),
      3000,
    );
    const b = summarize(
      {
        ...timeline([
          [0, true, 5],
          [1000, true, 6],
        ]),
        name: 'h',
      },
      2000,
    );
    const text = guardianFooter([a, b], ['off-1']);
    expect(text).toContain(
      '2 guests probed every second (1 not running at the start, not probed); guest downtime 1 s in total',
    );
    expect(text).toContain('restarted: g');
    expect(text).toContain('  g: down 1 s, answered 2/3 (66.7 %), restarted');
    expect(text).not.toContain('  h:');
  });
});
