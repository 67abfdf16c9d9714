import { describe, expect, it } from 'vitest';
import { activeConnections, hostKeys, procHex } from './tcp-drain.js';

// lines in /proc/net/tcp's format: 127.0.0.1:8080 listening, two established peers, one in TIME_WAIT
const TCP = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1 0 100 0 0 10 0
   1: 0100007F:1F90 0100000A:D431 01 00000000:00000000 00:00000000 00000000     0        0 2 1 0 100 0 0 10 0
   2: 0100007F:1F90 0200000A:D432 01 00000000:00000000 00:00000000 00000000     0        0 3 1 0 100 0 0 10 0
   3: 0100007F:1F90 0300000A:D433 06 00000000:00000000 00:00000000 00000000     0        0 4 1 0 100 0 0 10 0
   4: 0100007F:0016 0400000A:D434 01 00000000:00000000 00:00000000 00000000     0        0 5 1 0 100 0 0 10 0`;
const ALL_STATES = ['ESTABLISHED', 'FIN_WAIT1', 'FIN_WAIT2', 'SYN_RECV', 'SYN_SENT', 'TIME_WAIT'];

describe("wait_for's drained count (LinuxTCPConnectionInfo)", () => {
  it('writes addresses as /proc/net/tcp does: little-endian per 4-byte word', () => {
    expect(procHex('127.0.0.1')).toBe('0100007F');
    expect(procHex('::1')).toBe('00000000000000000000000001000000');
    expect(procHex('::ffff:10.0.0.1')).toBe('0000000000000000FFFF00000100000A');
    expect([...hostKeys(['10.0.0.1'])]).toEqual(['4:0100000A', '6:0000000000000000FFFF00000100000A']);
  });

  it('counts the active connections to the port, not the listener, other ports or excluded peers', () => {
    const count = (states: string[], exclude: string[] = []): number =>
      activeConnections([{ family: '4', text: TCP }], {
        ips: hostKeys(['127.0.0.1']),
        port: 8080,
        states,
        exclude: hostKeys(exclude),
      });
    expect(count(ALL_STATES)).toBe(3);
    expect(count(['ESTABLISHED'])).toBe(2);
    expect(count(ALL_STATES, ['10.0.0.1', '10.0.0.2'])).toBe(1);
  });

  it('counts every local address for 0.0.0.0', () => {
    const n = activeConnections([{ family: '4', text: TCP }], {
      ips: hostKeys(['0.0.0.0']),
      port: 22,
      states: ALL_STATES,
      exclude: new Set(),
    });
    expect(n).toBe(1);
  });
});
