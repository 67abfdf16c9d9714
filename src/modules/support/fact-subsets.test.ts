import { describe, expect, it } from 'vitest';
import { BadSubset, gatheredBy, selectedCollectors } from './fact-subsets.js';

// The collectors setup ran for each gather_subset, read off the fact names ansible-playbook
// 2.14.18's setup returned on a Debian 12 host (each collector's facts are distinct)
const MINIMAL =
  'apparmor caps cmdline date_time distribution dns env fips local lsb pkg_mgr platform python selinux service_mgr ssh_pub_keys user';
const ALL = `${MINIMAL} chroot facter fibre_channel_wwn hardware iscsi loadavg network nvme ohai virtual`;
const sorted = (names: string): string[] => names.split(' ').filter(Boolean).sort();
const CASES: [string[], string[]][] = [
  [['all'], sorted(ALL)],
  [['!all'], sorted(MINIMAL)],
  [['min'], sorted(MINIMAL)],
  [['!all', '!min'], []],
  [['!min'], []],
  // hardware requires platform: gathered although '!min' excluded it
  [
    ['!all', '!min', 'hardware'],
    ['hardware', 'platform'],
  ],
  [['!all', '!min', 'distribution'], ['distribution']],
  [
    ['!all', '!min', 'network'],
    ['distribution', 'network', 'platform'],
  ],
  // a fact id selects its collector
  [
    ['!all', '!min', 'processor'],
    ['hardware', 'platform'],
  ],
  // '!hardware' excludes the ids that select it too
  [['all', '!hardware'], sorted(ALL).filter((c) => c !== 'hardware')],
];

describe('gather_subset as setup resolves it', () => {
  it.each(CASES)('%j selects its collectors', (subset, collectors) => {
    expect([...selectedCollectors(subset)].sort()).toEqual(collectors);
  });

  it('an unknown subset fails with the names setup allows', () => {
    expect(() => selectedCollectors(['bogus'])).toThrow(BadSubset);
    expect(() => selectedCollectors(['bogus'])).toThrow(
      /^Bad subset 'bogus' given to Ansible\. gather_subset options allowed: all, all_ipv4_addresses, all_ipv6_addresses, apparmor, architecture, caps, chroot, cmdline,/,
    );
    // excluding an unknown subset is ignored, as in get_collector_names
    expect(() => selectedCollectors(['!bogus'])).not.toThrow();
  });

  it('names each fact by the collector that gives it', () => {
    const min = selectedCollectors(['!all']);
    expect(
      ['distribution_file_variety', 'userspace_bits', 'fqdn', 'proc_cmdline', 'ssh_host_key_rsa_public'].every((f) =>
        gatheredBy(f, min),
      ),
    ).toBe(true);
    expect(
      ['loadavg', 'mounts', 'interfaces', 'virtualization_type', 'is_chroot', 'uptime_seconds'].some((f) =>
        gatheredBy(f, min),
      ),
    ).toBe(false);
  });
});
