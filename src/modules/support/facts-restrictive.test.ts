import { describe, expect, it } from 'vitest';
import { restrictiveFacts } from './facts-restrictive.js';

function facts(
  files: [string, string[]][],
  single: [string, string][],
  multi: [string, string[]][] = [],
  rootFs = 'ext4',
): Record<string, unknown> {
  return Object.fromEntries(restrictiveFacts(new Map(files), new Map(single), new Map(multi), rootFs));
}

describe('selinux, chroot, capabilities and initiator facts', () => {
  it('a Debian host without python3-selinux, capsh or storage initiators', () => {
    expect(facts([], [['root_ino', '2']])).toEqual({
      selinux: new Map([['status', 'Missing selinux Python library']]),
      selinux_python_present: false,
      is_chroot: false,
      system_capabilities_enforced: 'N/A',
      system_capabilities: 'N/A',
      fibre_channel_wwn: [],
      iscsi_iqn: '',
      hostnqn: '',
    });
  });

  it('an enforcing SELinux host (policy from /etc/selinux/config), in a chroot, with capsh', () => {
    const f = facts(
      [
        ['/sys/fs/selinux/enforce', ['1']],
        ['/sys/fs/selinux/policyvers', ['33']],
        ['/etc/selinux/config', ['# comment', 'SELINUX=permissive', 'SELINUXTYPE=targeted']],
        ['/etc/iscsi/initiatorname.iscsi', ['## generated', 'InitiatorName=iqn.1993-08.org.debian:01:44a42c8ddb8b']],
        ['/etc/nvme/hostnqn', ['nqn.2014-08.org.nvmexpress:uuid:2cd61a74']],
        ['/sys/class/fc_host/host1/port_name', ['0x21000014ff52a9bb']],
      ],
      [
        ['selinux_py', '1'],
        ['chroot', '1'],
        ['caps_rc', '0'],
      ],
      [['caps', ['Current: =ep cap_sys_resource-ep', 'Bounding set =cap_chown']]],
    );
    expect(f).toEqual({
      selinux: new Map<string, unknown>([
        ['status', 'enabled'],
        ['policyvers', 33],
        ['config_mode', 'permissive'],
        ['mode', 'enforcing'],
        ['type', 'targeted'],
      ]),
      selinux_python_present: true,
      is_chroot: true,
      system_capabilities_enforced: 'True',
      system_capabilities: ['ep cap_sys_resource-ep'],
      fibre_channel_wwn: ['21000014ff52a9bb'],
      iscsi_iqn: 'iqn.1993-08.org.debian:01:44a42c8ddb8b',
      hostnqn: 'nqn.2014-08.org.nvmexpress:uuid:2cd61a74',
    });
  });

  it("is_chroot's fallback: the root inode of btrfs is 256; capsh's =ep is not enforced", () => {
    expect(facts([], [['root_ino', '256']], [], 'btrfs')).toMatchObject({ is_chroot: false });
    expect(facts([], [['root_ino', '2']], [], 'btrfs')).toMatchObject({ is_chroot: true });
    expect(facts([], [['caps_rc', '0']], [['caps', ['Current: =ep']]])).toMatchObject({
      system_capabilities_enforced: 'False',
      system_capabilities: [],
    });
  });
});
