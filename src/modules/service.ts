// service: picks the backend the way Ansible's service action plugin does (plugins/action/
// service.py, 2.14): `use`, else the host's ansible_facts.service_mgr, else a probe; systemd →
// the systemd module (dropping the arguments it has no use for), sysvinit → sysvinit. Other
// managers get the generic module's SysV path (an /etc/init.d script) — chosen: runbook has no
// upstart/openrc backend, and the Juno hosts it targets (SLES 11) are SysV.
import { defineModule, type ModuleContext, type ModuleResult } from './define.js';
import systemd from './systemd.js';
import sysvinit from './sysvinit.js';
import { SERVICE_MGR_PROBE, probeAnswers, serviceMgrFrom } from './support/service-mgr.js';

type A = Record<string, unknown>;

async function backend(a: A, ctx: ModuleContext): Promise<string> {
  const use = String(a.use ?? 'auto').toLowerCase();
  if (use !== 'auto') return use;
  let fact: unknown;
  try {
    fact = ctx.evaluate('ansible_facts.service_mgr | default("")');
  } catch {
    fact = '';
  }
  if (typeof fact === 'string' && fact) return fact;
  const r = await ctx.conn.exec(SERVICE_MGR_PROBE.join('; '), { env: ctx.env });
  return serviceMgrFrom(probeAnswers(r.stdout));
}

function defined(entries: [string, unknown][]): A {
  return Object.fromEntries(entries.filter(([, v]) => v !== undefined && v !== null));
}

export default defineModule({
  name: 'service',
  argRules: { requiredOneOf: [['state', 'enabled']] },
  collection: 'ansible.builtin',
  description: "Controls services through the host's service manager (systemd or SysV)",
  checkMode: 'supported',
  args: {
    name: { type: 'str', required: true, description: 'The service.' },
    state: { type: 'str', choices: ['started', 'stopped', 'reloaded', 'restarted'], description: 'The wanted state.' },
    enabled: { type: 'bool', description: 'Whether it starts on boot.' },
    sleep: { type: 'int', description: 'Seconds between stop and start on restart (SysV).' },
    pattern: { type: 'str', description: 'A ps pattern that tells it is running (SysV).' },
    runlevel: { type: 'str', default: 'default', description: 'Accepted for compatibility (OpenRC).' },
    arguments: { type: 'str', default: '', aliases: ['args'], description: 'Extra arguments for the init script.' },
    use: { type: 'str', default: 'auto', description: 'The backend: auto (service_mgr), systemd, sysvinit.' },
  },
  async run(a: A, ctx): Promise<ModuleResult> {
    if (a.state == null && a.enabled == null)
      return { changed: false, failed: true, msg: 'Neither argument state nor enabled are set' };
    const mgr = await backend(a, ctx);
    if (mgr === 'systemd')
      return systemd.run(
        defined([
          ['name', a.name],
          ['state', a.state],
          ['enabled', a.enabled],
          ['daemon_reload', false],
          ['daemon_reexec', false],
          ['scope', 'system'],
          ['no_block', false],
        ]),
        ctx,
      );
    return sysvinit.run(
      defined([
        ['name', a.name],
        ['state', a.state],
        ['enabled', a.enabled],
        ['sleep', a.sleep ?? 1],
        ['pattern', a.pattern],
        ['arguments', a.arguments || undefined],
        // a service manager with no module of its own gets ansible.legacy.service, whose SysV
        // path this is; a host managed by sysvinit gets the sysvinit module
        ['__generic', mgr !== 'sysvinit'],
      ]),
      ctx,
    );
  },
});
