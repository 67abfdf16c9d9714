// What a lab host runs: its sshd config and the shell script that builds its root view inside
// fresh mount/PID/UTS namespaces, then execs sshd as the namespace's PID 1 (LAB-HOSTS.md).
import { shellQuote } from '../util/index.js';

export function sshdConfig(): string {
  return [
    'HostKey /etc/ssh/lab_host_key',
    // The lab's keys, and the users' own (authorized_key manages those).
    'AuthorizedKeysFile /etc/ssh/lab_keys/%u .ssh/authorized_keys',
    'PermitRootLogin prohibit-password',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'UsePAM no',
    'UseDNS no',
    'StrictModes no',
    'PidFile /run/sshd-lab.pid',
    'MaxStartups 500',
    'PrintMotd no',
    'PrintLastLog no',
    // VERBOSE logs every session open and close: the e2e tests count sessions server-side.
    'LogLevel VERBOSE',
    'Subsystem sftp /usr/lib/openssh/sftp-server',
    '',
  ].join('\n');
}

export interface RootScript {
  hostDir: string;
  name: string;
  listen: string;
  /** Controller paths hidden under a tmpfs. */
  hide: string[];
  /** Lab directories bind-mounted into the host. */
  shared: { from: string; to: string }[];
}

/** The sh -c script run by unshare: overlay root, /dev /proc /sys /run, hidden paths, sshd. */
export function hostRootScript(s: RootScript): string {
  const q = shellQuote;
  const root = `${s.hostDir}/root`;
  const lines = [
    'set -e',
    `mount -t overlay lab -o ${q(`lowerdir=/,upperdir=${s.hostDir}/up,workdir=${s.hostDir}/wk`)} ${q(root)}`,
    `mount --rbind /dev ${q(`${root}/dev`)}`,
    `mount -t proc proc ${q(`${root}/proc`)}`,
    `mount --rbind /sys ${q(`${root}/sys`)}`,
    `mount -t tmpfs -o mode=0755 tmpfs ${q(`${root}/run`)}`,
    `mkdir -p ${q(`${root}/run/sshd`)}`,
    // A boot identity of the host's own (reboot's boot_time_command reads it): new at every start.
    `cat /proc/sys/kernel/random/uuid > ${q(`${root}/run/lab-boot-id`)}`,
    // …which is also the host's kernel boot_id, so the reboot module's default check sees a reboot.
    `mount --bind ${q(`${root}/run/lab-boot-id`)} ${q(`${root}/proc/sys/kernel/random/boot_id`)} || true`,
    // root's home is the host's own (persistent across restarts), not the controller's.
    `mount --bind ${q(`${s.hostDir}/home-root`)} ${q(`${root}/root`)}`,
    ...s.hide.map((p) => `if [ -d ${q(root + p)} ]; then mount -t tmpfs -o mode=0755 tmpfs ${q(root + p)}; fi`),
    ...s.shared.flatMap((d) => [`mkdir -p ${q(root + d.to)}`, `mount --bind ${q(d.from)} ${q(root + d.to)}`]),
    `hostname ${q(s.name)}`,
    // A host with an init of its own (the Juno lab's /usr/sbin/lab-init) runs it as PID 1 and
    // it starts sshd; otherwise sshd is PID 1.
    `sshd="/usr/sbin/sshd -D -f /etc/ssh/sshd_lab_config -o ${`ListenAddress=${s.listen}`} -E /var/log/sshd-lab.log"`,
    `if [ -x ${q(`${root}/usr/sbin/lab-init`)} ]; then exec chroot ${q(root)} /usr/sbin/lab-init $sshd; fi`,
    `exec chroot ${q(root)} $sshd`,
  ];
  return lines.join('\n');
}
