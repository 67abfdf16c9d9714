import { describe, expect, it } from 'vitest';
import { AddrFormatError, parseNetwork } from './netaddr.js';

// str(netaddr.IPNetwork(x)) under python3-netaddr 0.8 (Debian 12)
const PARSED: [string, string][] = [
  ['1:0:2::3', '1:0:2::3/128'],
  ['1:0:0:2:0:0:3:4', '1::2:0:0:3:4/128'],
  ['::1', '::1/128'],
  ['::', '::/128'],
  ['fe80::1/64', 'fe80::1/64'],
  ['::ffff:1.2.3.4', '::ffff:1.2.3.4/128'],
  ['::1.2.3.4', '::1.2.3.4/128'],
  ['0:0:1::', '0:0:1::/128'],
  ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1/128'],
  ['10', '10.0.0.0/32'],
  ['10.1', '10.1.0.0/32'],
  ['1.2.3', '1.2.3.0/32'],
  ['010.1.1.1', '10.1.1.1/32'],
  ['10.0.0.0/255.0.0.0', '10.0.0.0/8'],
  ['10.0.0.0/0.255.255.255', '10.0.0.0/8'],
  [' 1.2.3.4', '1.2.3.4/32'],
];

describe('netaddr 0.8 IPNetwork', () => {
  it.each(PARSED)('reads %j as %s', (text, want) => {
    expect(parseNetwork(text).toString()).toBe(want);
  });

  it.each(['0x10.1.1.1', '1.2.3.4/33', '1.2.3.4/', '1.2.3.256', 'bogus', '1::2::3'])('refuses %j', (text) => {
    expect(() => parseNetwork(text)).toThrow(AddrFormatError);
  });

  it('gives the parts of a network', () => {
    const v = parseNetwork('192.168.1.10/24');
    expect([v.ip, v.network, v.broadcast, v.hostmask, v.cidr, v.at(5n), v.at(-1n)].map(String)).toEqual([
      '192.168.1.10',
      '192.168.1.0',
      '192.168.1.255',
      '0.0.0.255',
      '192.168.1.0/24',
      '192.168.1.5',
      '192.168.1.255',
    ]);
    expect(parseNetwork('1.2.3.4/31').broadcast).toBeUndefined();
    expect(String(parseNetwork('fe80::1/64').broadcast)).toBe('fe80::ffff:ffff:ffff:ffff');
    expect(parseNetwork('10.1.2.3').ip.reverseDns).toBe('3.2.1.10.in-addr.arpa.');
  });
});
