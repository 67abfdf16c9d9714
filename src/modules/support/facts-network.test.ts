import { describe, expect, it } from 'vitest';
import { networkFacts } from './facts-network.js';

// A host with eth0 192.0.2.2/24 (gateway .1), a secondary 192.0.2.3 and an alias eth0:1
// 198.51.100.7/24, an IPv6 default route, lo, and a bridge br0 with eth1 in it
const sys = (dev: string, attrs: Record<string, string>): [string, string[]][] =>
  Object.entries(attrs).map(([a, v]) => [`/sys/class/net/${dev}/${a}`, [v]]);
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
  ...sys('lo', { address: '00:00:00:00:00:00', mtu: '65536', operstate: 'unknown', type: '772', flags: '0x9' }),
  ...sys('eth0', {
    address: '02:fc:00:00:00:01',
    mtu: '1400',
    operstate: 'up',
    type: '1',
    flags: '0x1103',
    speed: '-1',
  }),
  ...sys('br0', { address: '02:fc:00:00:00:09', mtu: '1500', operstate: 'down', type: '1', flags: '0x1002' }),
  ...sys('br0', { 'bridge/bridge_id': '8000.02fc00000009', 'bridge/stp_state': '0' }),
]);
const multi = new Map<string, string[]>([
  [
    'ipaddr',
    [
      '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000',
      '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00',
      '    inet 127.0.0.1/8 scope host lo',
      '       valid_lft forever preferred_lft forever',
      '    inet6 ::1/128 scope host ',
      '2: eth0@if9: <BROADCAST,MULTICAST,PROMISC,UP,LOWER_UP> mtu 1400 qdisc pfifo_fast state UP group default qlen 1000',
      '    link/ether 02:fc:00:00:00:01 brd ff:ff:ff:ff:ff:ff',
      '    inet 192.0.2.2/24 brd 192.0.2.255 scope global eth0',
      '    inet 192.0.2.3/24 brd 192.0.2.255 scope global secondary eth0',
      '    inet 198.51.100.7/24 brd 198.51.100.255 scope global eth0:1',
      '    inet6 fd00::2/64 scope global nodad ',
      '    inet6 fe80::fc:ff:fe00:1/64 scope link ',
      '3: br0: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN group default qlen 1000',
      '    link/ether 02:fc:00:00:00:09 brd ff:ff:ff:ff:ff:ff',
    ],
  ],
  ['sysfslinks', ['net eth0 pciid=virtio2 module=virtio_net', 'block vda /sys/devices/virtual/block/vda']],
]);
const single = new Map([['netdevs', 'br0 bridge brif=eth1;eth0;lo;']]);

describe('networkFacts (facts/network/linux.py)', () => {
  const facts = new Map(networkFacts(files, single, multi));
  const iface = (name: string): Record<string, unknown> => Object.fromEntries(facts.get(name) as Map<string, unknown>);

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
    expect(Object.fromEntries(v6)).toMatchObject({
      address: 'fd00::2',
      gateway: 'fd00::1',
      prefix: '64',
      scope: 'global',
    });
  });

  it('gives each interface its facts: sysfs attributes, primary and secondary addresses, an alias of its own', () => {
    expect(iface('eth0')).toMatchObject({
      device: 'eth0',
      active: true,
      macaddress: '02:fc:00:00:00:01',
      module: 'virtio_net',
      pciid: 'virtio2',
      promisc: true,
      speed: -1,
      type: 'ether',
      ipv4: new Map([
        ['address', '192.0.2.2'],
        ['broadcast', '192.0.2.255'],
        ['netmask', '255.255.255.0'],
        ['network', '192.0.2.0'],
        ['prefix', '24'],
      ]),
    });
    expect((iface('eth0').ipv4_secondaries as Map<string, unknown>[]).map((a) => a.get('address'))).toEqual([
      '192.0.2.3',
    ]);
    expect((iface('eth0').ipv6 as Map<string, unknown>[]).map((a) => a.get('scope'))).toEqual(['global', 'link']);
    // a labelled address is an interface of its own, ':' written '_'
    expect((iface('eth0_1').ipv4 as Map<string, unknown>).get('address')).toBe('198.51.100.7');
    expect(iface('lo')).not.toHaveProperty('macaddress');
    expect(iface('br0')).toMatchObject({
      type: 'bridge',
      interfaces: ['eth1'],
      id: '8000.02fc00000009',
      stp: false,
      active: false,
    });
  });

  it('lists every address but loopback ones, and every interface', () => {
    expect(facts.get('all_ipv4_addresses')).toEqual(['192.0.2.2', '198.51.100.7', '192.0.2.3']);
    expect(facts.get('all_ipv6_addresses')).toEqual(['fd00::2', 'fe80::fc:ff:fe00:1']);
    expect(facts.get('interfaces')).toEqual(['br0', 'eth0', 'eth0_1', 'lo']);
  });

  it('gives no network facts without ip, and empty defaults without a default route', () => {
    expect(networkFacts(files, single, new Map())).toEqual([]);
    const none = new Map(networkFacts(new Map(), new Map(), new Map([['ipaddr', []]])));
    expect((none.get('default_ipv4') as Map<string, unknown>).size).toBe(0);
    expect((none.get('default_ipv6') as Map<string, unknown>).size).toBe(0);
  });
});
