// The facts of the collectors that restrict what a host allows (default_collectors' _restrictive
// and caps, facts/system/*.py at stable-2.14): selinux, is_chroot, system_capabilities; and the
// storage initiators' names (facts/network/fc_wwn.py, iscsi.py, nvme.py). Read from the files
// the facts program read whole (head) and the few answers it printed.

/** The program's lines for these facts (joined into the facts program). */
export const RESTRICTIVE_PROBE = [
  // HAVE_SELINUX: whether the interpreter can import selinux, taken as whether the module's
  // directory is where Debian's, SUSE's and Red Hat's python3-selinux put it (chosen: no Python start)
  'for d in /usr/lib/python3/dist-packages/selinux /usr/lib*/python3*/site-packages/selinux /usr/local/lib*/python3*/*-packages/selinux; do [ -d "$d" ] && { echo selinux_py=1; break; }; done',
  // is_chroot: debian_chroot set, else / against PID 1's root, else (no access to it) /'s inode
  // (ri: the facts program's stat of / and the interpreter)
  'if [ -n "$debian_chroot" ]; then echo chroot=1; elif [ -e /proc/1/root/. ]; then if [ / -ef /proc/1/root/. ]; then echo chroot=0; else echo chroot=1; fi; else echo "root_ino=$ri"; fi',
];

/**
 * capsh where get_bin_path finds it (PATH, then /sbin, /usr/sbin, /usr/local/sbin), with the
 * shell's own loop: the program's stat takes its identity.
 */
export const CAPSH_PATH = [
  'cs=; f=$IFS; IFS=:; set -f; for d in $PATH /sbin /usr/sbin /usr/local/sbin; do [ -f "$d/capsh" ] && [ -x "$d/capsh" ] && { cs=$d/capsh; break; }; done; set +f; IFS=$f',
];

/**
 * caps.py runs capsh --print where there is one; here only when its answer is not remembered for
 * the same boot, binary, ids and capability sets (kcaps, probe-cache.ts).
 */
export const CAPS_PROBE = [
  'if [ -n "$cs" ]; then cid=$boot.$csid.$cm; echo "capsid=$cid"',
  '  if [ "$cid" != "$kcaps" ]; then echo "caps<<"; "$cs" --print 2>/dev/null; c=$?; echo ">>"; echo "caps_rc=$c"; fi; fi',
];

/** The files head reads for them. */
export const RESTRICTIVE_FILES = [
  '/sys/fs/selinux/enforce',
  '/sys/fs/selinux/policyvers',
  '/etc/selinux/config',
  '/etc/iscsi/initiatorname.iscsi',
  '/etc/nvme/hostnqn',
  '/sys/class/fc_host/*/port_name',
];

const SELINUX_MODE: Record<string, string> = { '1': 'enforcing', '0': 'permissive', '-1': 'disabled' };

/** selinux.py: the status, and when enabled the policy version, modes and type (libselinux's sources). */
function selinuxFacts(files: Map<string, string[]>, single: Map<string, string>): [string, unknown][] {
  if (!single.has('selinux_py'))
    return [
      ['selinux', new Map([['status', 'Missing selinux Python library']])],
      ['selinux_python_present', false],
    ];
  const selinux = new Map<string, unknown>();
  // is_selinux_enabled: selinuxfs mounted (its enforce file)
  const enforce = files.get('/sys/fs/selinux/enforce')?.[0]?.trim();
  if (enforce === undefined) selinux.set('status', 'disabled');
  else {
    const config = new Map(
      (files.get('/etc/selinux/config') ?? [])
        .filter((l) => /^\s*\w+\s*=/.test(l))
        .map((l) => [l.split('=')[0]!.trim(), l.slice(l.indexOf('=') + 1).trim()] as const),
    );
    const policyvers = Number(files.get('/sys/fs/selinux/policyvers')?.[0]);
    // selinux_getenforcemode: SELINUX= of the config; selinux_getpolicytype: SELINUXTYPE=, "targeted" by default
    const configMode = { enforcing: '1', permissive: '0', disabled: '-1' }[config.get('SELINUX') ?? ''];
    selinux.set('status', 'enabled');
    selinux.set('policyvers', Number.isFinite(policyvers) ? policyvers : 'unknown');
    selinux.set('config_mode', configMode ? SELINUX_MODE[configMode] : 'unknown');
    selinux.set('mode', SELINUX_MODE[enforce] ?? 'unknown');
    selinux.set('type', files.has('/etc/selinux/config') ? (config.get('SELINUXTYPE') ?? 'targeted') : 'unknown');
  }
  return [
    ['selinux', selinux],
    ['selinux_python_present', true],
  ];
}

/** chroot.py is_chroot's fallback: /'s inode is not the root inode of its file system type. */
function isChroot(single: Map<string, string>, rootFsType: string | undefined): boolean {
  if (single.has('chroot')) return single.get('chroot') === '1';
  const rootIno = /btrfs/.test(rootFsType ?? '') ? 256 : /xfs/.test(rootFsType ?? '') ? 128 : 2;
  return Number(single.get('root_ino')) !== rootIno;
}

/** caps.py: the Current: line of capsh --print, 'N/A' without capsh. */
function capsFacts(lines: string[] | undefined, rc: string | undefined): [string, unknown][] {
  if (!lines || rc !== '0')
    return [
      ['system_capabilities_enforced', 'N/A'],
      ['system_capabilities', 'N/A'],
    ];
  let enforced = 'NA';
  let caps: string[] = [];
  for (const line of lines)
    if (line.startsWith('Current:')) {
      if (line.split(':')[1]?.trim() === '=ep') enforced = 'False';
      else {
        enforced = 'True';
        caps = (line.split('=')[1] ?? '').split(',').map((c) => c.trim());
      }
    }
  return [
    ['system_capabilities_enforced', enforced],
    ['system_capabilities', caps],
  ];
}

/** A file's first line that is not a comment or blank and starts with `prefix`. */
function configLine(lines: string[] | undefined, prefix: string): string | undefined {
  return (lines ?? []).find((l) => !/^[#;]/.test(l) && l.trim() && l.startsWith(prefix));
}

/** selinux, is_chroot, capabilities, and the FC, iSCSI and NVMe initiator names. */
export function restrictiveFacts(
  files: Map<string, string[]>,
  single: Map<string, string>,
  multi: Map<string, string[]>,
  rootFsType: string | undefined,
): [string, unknown][] {
  const wwns = [...files]
    .filter(([f]) => /^\/sys\/class\/fc_host\/[^/]+\/port_name$/.test(f))
    .flatMap(([, lines]) => lines.map((l) => l.trimEnd().slice(2)));
  return [
    ...selinuxFacts(files, single),
    ['is_chroot', isChroot(single, rootFsType)],
    ...capsFacts(multi.get('caps'), single.get('caps_rc')),
    ['fibre_channel_wwn', wwns],
    [
      'iscsi_iqn',
      configLine(files.get('/etc/iscsi/initiatorname.iscsi'), 'InitiatorName=')?.split('=').slice(1).join('=') ?? '',
    ],
    ['hostnqn', configLine(files.get('/etc/nvme/hostnqn'), 'nqn.') ?? ''],
  ];
}
