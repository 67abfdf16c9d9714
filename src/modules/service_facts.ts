// service_facts (ansible.builtin): ansible_facts.services — after ansible/modules/service_facts.py
// at stable-2.14 (ServiceScanService, then SystemctlScanService, later sources overriding): SysV
// from `service --status-all` (without chkconfig), upstart from `initctl list`, chkconfig's runlevel
// 3 with `service NAME status`, systemd's list-units and list-unit-files. The host's tools run in
// one shell program; its sections are parsed here.
import { defineModule, type ModuleResult } from './define.js';

type Svc = Record<string, unknown>;

// one round trip: each tool's output in a section of its own
const PROGRAM = `
has() { command -v "$1" >/dev/null 2>&1; }
if has service && ! has chkconfig && ! has rc-status; then echo '@@sysv'; service --status-all 2>/dev/null; fi
if has initctl && ! has chkconfig; then echo '@@upstart'; initctl list 2>/dev/null; fi
if has chkconfig; then
  echo '@@chkconfig'
  out=$(chkconfig 2>&1)
  if ! printf '%s\\n' "$out" | grep -Eq '[0-9]:(on|off)'; then
    if printf '%s\\n' "$out" | grep -Eq '^.*[[:space:]](on|off)'; then out=$(chkconfig -l --allservices 2>&1); else out=$(chkconfig --list 2>&1); fi
  fi
  printf '%s\\n' "$out" | while read -r name r0 r1 r2 r3 rest; do
    case "$r3" in [0-9]:on|[0-9]:off) service "$name" status >/dev/null 2>&1; echo "$name $r3 $?";; esac
  done
fi
if grep -q systemd /proc/1/comm 2>/dev/null && has systemctl; then
  echo '@@units'; systemctl list-units --no-pager --type service --all 2>/dev/null
  echo '@@unitfiles'; systemctl list-unit-files --no-pager --type service --all 2>/dev/null | while read -r n s rest; do
    case "$n" in *.service) echo "$n $s $(systemctl show "$n" --property=ActiveState 2>/dev/null)";; esac
  done
fi
`;

function sections(out: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of out.split('\n')) {
    const m = /^@@(\w+)$/.exec(line);
    if (m) map.set(m[1]!, (current = []));
    else current?.push(line);
  }
  return map;
}

const BAD = ['not-found', 'masked', 'failed'];

export function parseServices(out: string): Map<string, Svc> {
  const s = sections(out);
  const services = new Map<string, Svc>();
  for (const l of s.get('sysv') ?? []) {
    const m = /^\s*\[ ([+-]) \]\s+(.+)$/.exec(l);
    if (m) services.set(m[2]!, { name: m[2], state: m[1] === '+' ? 'running' : 'stopped', source: 'sysv' });
  }
  for (const l of s.get('upstart') ?? []) {
    const m = /^\s?(.*)\s(\w+)\/(\w+)(,\sprocess\s([0-9]+))?\s*$/.exec(l.replace(/\r/g, ''));
    if (m) services.set(m[1]!, { name: m[1], state: m[3], goal: m[2], source: 'upstart' });
  }
  for (const l of s.get('chkconfig') ?? []) {
    const [name, r3, rc] = l.split(' ');
    if (!name || !r3) continue;
    services.set(name, {
      name,
      state: rc === '0' ? 'running' : 'stopped',
      status: r3.endsWith(':on') ? 'enabled' : 'disabled',
      source: 'sysv',
    });
  }
  for (const l of (s.get('units') ?? []).filter((x) => x.includes('.service'))) {
    // a unit in a bad state is marked with a leading dot, which Ansible drops with the state
    const fields = l
      .trim()
      .replace(/^\u25cf\s*/, '')
      .split(/\s+/);
    const bad = BAD.find((b) => fields.includes(b));
    const status = bad ?? fields[2] ?? 'unknown';
    services.set(fields[0]!, {
      name: fields[0],
      state: fields[3] === 'running' ? 'running' : 'stopped',
      status,
      source: 'systemd',
    });
  }
  for (const l of s.get('unitfiles') ?? []) {
    const [name, status, active] = l.split(' ');
    if (!name || !status) continue;
    const known = services.get(name);
    if (!known)
      services.set(name, {
        name,
        state: active ? active.replace('ActiveState=', '') || 'unknown' : 'unknown',
        status,
        source: 'systemd',
      });
    else if (!BAD.includes(String(known.status))) known.status = status;
  }
  return services;
}

export default defineModule({
  name: 'service_facts',
  collection: 'ansible.builtin',
  description: 'Returns the services of the host as ansible_facts.services',
  checkMode: 'supported',
  args: {},
  async run(_a, ctx): Promise<ModuleResult> {
    const r = await ctx.conn.exec(PROGRAM, { env: { ...ctx.env, LANG: 'C', LC_ALL: 'C' } });
    const services = parseServices(r.stdout);
    if (!services.size)
      return {
        changed: false,
        skipped: true,
        msg: 'Failed to find any services. This can be due to privileges or some other configuration issue.',
      };
    const dicts = new Map([...services].map(([k, v]) => [k, new Map(Object.entries(v))]));
    const facts = new Map<string, unknown>([['services', dicts]]);
    return { changed: false, facts, factKind: 'facts', data: { ansible_facts: facts } };
  },
});
