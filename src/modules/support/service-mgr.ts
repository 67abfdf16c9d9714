// service_mgr as Ansible's ServiceMgrFactCollector (module_utils/facts/system/service_mgr.py,
// 2.14) decides it on Linux: PID 1's name unless it is `init` or ends in "sh"; else systemd when
// systemctl and a /run/systemd/system canary exist; upstart; openrc; systemd offline (/sbin/init
// links to systemd); sysvinit when /etc/init.d exists; else "service".

/**
 * Shell lines that print the probe's key=value answers (joined into the setup program too): tests
 * and reads of the shell itself, no process and no subshell but /sbin/init's link where PID 1's
 * name cannot be read (serviceMgrFrom needs it only then).
 */
export const SERVICE_MGR_PROBE = [
  'p1=; { read -r p1 < /proc/1/comm; } 2>/dev/null; echo "pid1=$p1"',
  'if command -v systemctl >/dev/null 2>&1 && { [ -d /run/systemd/system/ ] || [ -d /dev/.run/systemd/ ] || [ -d /dev/.systemd/ ]; }; then echo sm_systemd=1; fi',
  'if command -v initctl >/dev/null 2>&1 && [ -d /etc/init/ ]; then echo sm_upstart=1; fi',
  'if [ -e /sbin/openrc ]; then echo sm_openrc=1; fi',
  'if [ -z "$p1" ]; then echo "sm_init_link=$(readlink /sbin/init 2>/dev/null)"; fi',
  'if [ -d /etc/init.d/ ]; then echo sm_initd=1; fi',
];

const PROC1_MAP: Record<string, string> = {
  procd: 'openwrt_init',
  'runit-init': 'runit',
  svscan: 'svc',
  'openrc-init': 'openrc',
};

/** The service manager from the probe's answers. */
export function serviceMgrFrom(answers: Map<string, string>): string {
  let proc1: string | undefined = (answers.get('pid1') ?? '').trim() || undefined;
  if (proc1 === undefined && answers.get('sm_init_link')) proc1 = answers.get('sm_init_link');
  if (proc1 !== undefined) proc1 = proc1.split('/').pop()!.trim();
  if (proc1 !== undefined && (proc1 === 'init' || proc1.endsWith('sh'))) proc1 = undefined;
  if (proc1 !== undefined) return PROC1_MAP[proc1] ?? proc1;
  if (answers.get('sm_systemd') === '1') return 'systemd';
  if (answers.get('sm_upstart') === '1') return 'upstart';
  if (answers.get('sm_openrc') === '1') return 'openrc';
  if ((answers.get('sm_init_link') ?? '').endsWith('systemd')) return 'systemd';
  if (answers.get('sm_initd') === '1') return 'sysvinit';
  return 'service';
}

/** Parses key=value lines. */
export function probeAnswers(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) out.set(line.slice(0, eq), line.slice(eq + 1));
  }
  return out;
}
