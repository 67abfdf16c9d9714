import { describe, expect, it } from 'vitest';
import { virtualFacts } from './facts-virtual.js';

const DMI = '/sys/devices/virtual/dmi/id';

function facts(files: [string, string[]][], single: [string, string][] = []): Record<string, unknown> {
  return Object.fromEntries(virtualFacts(new Map(files), new Map(single)));
}

// Hosts as LinuxVirtual.get_virtual_facts (facts/virtual/linux.py at stable-2.14) sees them
describe('virtualization facts', () => {
  it('a Docker container: /.dockerenv, and the container tech with it', () => {
    expect(facts([['/proc/1/cgroup', ['0::/']]], [['exists', ' /.dockerenv']])).toEqual({
      virtualization_type: 'docker',
      virtualization_role: 'guest',
      virtualization_tech_guest: ['docker', 'container'],
      virtualization_tech_host: [],
    });
  });

  it('a KVM guest by its DMI product name, on a host with the kvm module', () => {
    expect(
      facts([
        [`${DMI}/sys_vendor`, ['QEMU']],
        [`${DMI}/product_name`, ['Standard PC (Q35 + ICH9, 2009)']],
        ['/proc/modules', ['kvm_intel 1 0 - Live', 'kvm 2 1 kvm_intel, Live']],
      ]),
    ).toEqual({
      virtualization_type: 'kvm',
      virtualization_role: 'guest',
      virtualization_tech_guest: ['kvm'],
      virtualization_tech_host: ['kvm'],
    });
  });

  it('a KVM hypervisor: the kvm module, no DMI vendor of a guest', () => {
    expect(facts([['/proc/modules', ['kvm 2 1 kvm_intel, Live']]], [['exists', ' /dev/kvm']])).toMatchObject({
      virtualization_type: 'kvm',
      virtualization_role: 'host',
      virtualization_tech_guest: [],
    });
  });

  it('an LXC container by PID 1 environment; OpenVZ sets its type even after', () => {
    expect(facts([['/proc/1/environ', ['container=lxcPATH=/bin']]])).toMatchObject({
      virtualization_type: 'lxc',
      virtualization_tech_guest: ['lxc', 'container'],
    });
    expect(facts([['/proc/1/environ', ['HOME=/rootcontainer=lxc']]], [['exists', ' /proc/vz']])).toMatchObject({
      virtualization_type: 'openvz',
      virtualization_role: 'guest',
    });
  });

  it('bare metal: NA', () => {
    expect(facts([[`${DMI}/sys_vendor`, ['Dell Inc.']]])).toEqual({
      virtualization_type: 'NA',
      virtualization_role: 'NA',
      virtualization_tech_guest: [],
      virtualization_tech_host: [],
    });
  });
});
