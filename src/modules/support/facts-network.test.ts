import { describe, expect, it } from 'vitest';
import { networkFacts } from './facts-network.js';

// /proc as a host with eth0 192.0.2.2/24 (gateway .1), an IPv6 default route and lo
const files = new Map<string, string[]>([
  [
    '/proc/net/route',
    [
      'Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT',
      'eth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\t0\t0\t0',
      'eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0',
    ],
  ],
  [
    '/proc/net/ipv6_route',
    [
      '00000000000000000000000000000000 00 00000000000000000000000000000000 00 fd000000000000000000000000000001 00000400 00000001 00000000 00000003     eth0',
    ],
  ],
  [
    '/proc/net/fib_trie',
    [
      'Main:',
      '  +-- 0.0.0.0/0 3 0 5',
      '     |-- 127.0.0.1',
      '        /32 host LOCAL',
      '     |-- 192.0.2.2',
      '        /32 host LOCAL',
    ],
  ],
  [
    '/proc/net/if_inet6',
    [
      'fd000000000000000000000000000002 04 40 00 82     eth0',
      '00000000000000000000000000000001 01 80 10 80       lo',
      'fe8000000000000000fc00fffe000001 04 40 20 80     eth0',
    ],
  ],
  ['/proc/net/dev', ['Inter-|   Receive', ' face |bytes', '    lo: 1 2', '  eth0: 3 4', '  ifb0: 0 0']],
]);
const single = new Map([
  ['mac_eth0', '02:fc:00:00:00:01'],
  ['mtu_eth0', '1400'],
  ['type_eth0', '1'],
]);

describe('networkFacts (facts/network/linux.py from /proc)', () => {
  const facts = new Map(networkFacts(files, single));

  it('gives the default IPv4 route its interface, address, netmask, network, broadcast and link', () => {
    expect(Object.fromEntries(facts.get('default_ipv4') as Map<string, unknown>)).toEqual({
      address: '192.0.2.2',
      alias: 'eth0',
      broadcast: '192.0.2.255',
      gateway: '192.0.2.1',
      interface: 'eth0',
      macaddress: '02:fc:00:00:00:01',
      mtu: 1400,
      netmask: '255.255.255.0',
      network: '192.0.2.0',
      prefix: '24',
      type: 'ether',
    });
  });

  it('gives the default IPv6 route its global address, compressed as Python writes it', () => {
    const v6 = facts.get('default_ipv6') as Map<string, unknown>;
    expect(v6.get('address')).toBe('fd00::2');
    expect(v6.get('gateway')).toBe('fd00::1');
    expect(v6.get('prefix')).toBe('64');
    expect(v6.get('scope')).toBe('global');
  });

  it('lists every address but loopback ones, and every interface', () => {
    expect(facts.get('all_ipv4_addresses')).toEqual(['192.0.2.2']);
    expect(facts.get('all_ipv6_addresses')).toEqual(['fd00::2', 'fe80::fc:ff:fe00:1']);
    expect(facts.get('interfaces')).toEqual(['lo', 'eth0', 'ifb0']);
  });

  it('leaves the defaults empty without a default route', () => {
    const none = new Map(networkFacts(new Map(), new Map()));
    expect((none.get('default_ipv4') as Map<string, unknown>).size).toBe(0);
    expect((none.get('default_ipv6') as Map<string, unknown>).size).toBe(0);
  });
});
