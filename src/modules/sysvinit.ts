// sysvinit: controls an /etc/init.d script — a port of ansible/modules/sysvinit.py (2.14):
// running state from `service NAME status` (or the script) read the way Ansible reads it,
// enabled from the rc?.d links, changed with update-rc.d or chkconfig (SUSE's tool).
import { defineModule, type ModuleContext, type ModuleResult } from './define.js';
import { notFound, sysvExists, sysvIsEnabled, sysvScript } from './support/sysv.js';
import { run } from './support/host-run.js';
import { shellQuote } from '../util/index.js';

type A = Record<string, unknown>;
type Step = { changed: boolean; rc: number | null; stdout: string | null; stderr: string | null; runlevels?: string[] };

/** sysvinit.py's reading of a status command: [worked, isStarted]. */
export function readStatus(name: string, rc: number, out: string): [boolean, boolean] {
  if (name === 'iptables' && out.includes('ACCEPT')) return [true, true];
  if ((out.match(/\n/g) ?? []).length <= 1) {
    const clean = out.toLowerCase().replaceAll(name.toLowerCase(), '');
    if (['stop', 'is dead ', 'dead but ', 'could not access pid file', 'inactive'].some((s) => clean.includes(s)))
      return [true, false];
    if (['run', 'start', 'active'].some((s) => clean.includes(s)) && !clean.includes('not ')) return [true, true];
  }
  if ([1, 2, 3, 4, 69].includes(rc)) return [true, false];
  return [rc === 0, rc === 0];
}

async function tool(ctx: ModuleContext, name: string): Promise<string | undefined> {
  const r = await run(ctx, `PATH="$PATH:/sbin:/usr/sbin:/bin:/usr/bin" command -v ${name}`);
  return r.rc === 0 ? r.out.trim() : undefined;
}

async function isStarted(a: A, ctx: ModuleContext, name: string): Promise<boolean> {
  if (a.pattern)
    return (await run(ctx, `ps auxww | grep -v grep | grep -q -e ${shellQuote(String(a.pattern))}`)).rc === 0;
  const service = await tool(ctx, 'service');
  const r = await run(
    ctx,
    service ? `${service} ${shellQuote(name)} status` : `${shellQuote(sysvScript(name))} status`,
  );
  const [worked, started] = readStatus(name, r.rc, r.out);
  if (worked) return started;
  return (await run(ctx, `ps auxww | grep -v grep | grep -q -e ${shellQuote(name)}`)).rc === 0;
}

async function ensureEnabled(a: A, ctx: ModuleContext, name: string, step: Step): Promise<void> {
  const runlevels = Array.isArray(a.runlevels) ? a.runlevels.map(String) : undefined;
  if (runlevels) step.runlevels = runlevels;
  if (a.enabled == null) return;
  const checks = runlevels
    ? await Promise.all(runlevels.map((rl) => sysvIsEnabled(ctx, name, rl)))
    : [await sysvIsEnabled(ctx, name)];
  if (checks.every((e) => e === a.enabled)) return;
  step.changed = true;
  if (ctx.checkMode) return;
  const updateRcd = await tool(ctx, 'update-rc.d');
  const chkconfig = updateRcd ? undefined : await tool(ctx, 'chkconfig');
  const q = shellQuote(name);
  let cmd: string | undefined;
  if (updateRcd)
    cmd = runlevels
      ? `${updateRcd} ${q} ${a.enabled ? 'enable' : 'disable'} ${runlevels.join(' ')}`
      : `${updateRcd} ${q} ${a.enabled ? 'defaults' : 'disable'}`;
  else if (chkconfig)
    cmd = runlevels
      ? `${chkconfig} --level ${runlevels.join('')} ${q} ${a.enabled ? 'on' : 'off'}`
      : `${chkconfig} ${q} ${a.enabled ? 'on' : 'off'}`;
  if (!cmd) return;
  const r = await run(ctx, cmd);
  Object.assign(step, { rc: r.rc, stdout: r.out, stderr: r.err });
}

async function ensureState(
  a: A,
  ctx: ModuleContext,
  name: string,
  started: boolean,
  step: Step,
): Promise<ModuleResult | undefined> {
  const action = String(a.state).toLowerCase().replace(/p?ed$/, '');
  const todo = action === 'restart' ? ['stop', 'start'] : started !== (action === 'start') ? [action] : [];
  if (!todo.length) return undefined;
  step.changed = true;
  if (ctx.checkMode) return undefined;
  for (const verb of todo) {
    const r = await run(
      ctx,
      `${shellQuote(sysvScript(name))} ${verb} ${a.arguments == null ? '' : String(a.arguments)}`,
    );
    if (r.rc !== 0)
      return {
        changed: false,
        failed: true,
        msg: `Failed to ${action} service: ${name}`,
        data: { rc: r.rc, stdout: r.out, stderr: r.err },
      };
    Object.assign(step, { rc: r.rc, stdout: r.out, stderr: r.err });
    if (action === 'restart' && Number(a.sleep ?? 1) > 0) await ctx.sleep(Number(a.sleep ?? 1) * 1000);
  }
  return undefined;
}

export default defineModule({
  name: 'sysvinit',
  argRules: { requiredOneOf: [['state', 'enabled']] },
  collection: 'ansible.builtin',
  description: 'Controls SysV init scripts (state and boot-time enabling)',
  checkMode: 'supported',
  args: {
    name: { type: 'str', required: true, aliases: ['service'], description: 'The init script name (or path).' },
    state: { type: 'str', choices: ['started', 'stopped', 'restarted', 'reloaded'], description: 'The wanted state.' },
    enabled: { type: 'bool', description: 'Whether it starts on boot.' },
    sleep: { type: 'int', default: 1, description: 'Seconds between stop and start on restart.' },
    pattern: { type: 'str', description: 'A ps pattern that tells it is running.' },
    arguments: { type: 'str', aliases: ['args'], description: 'Extra arguments for the script.' },
    runlevels: { type: 'list', elements: 'str', description: 'Runlevels to enable/disable in.' },
    daemonize: { type: 'bool', default: false, description: 'Accepted for compatibility.' },
  },
  async run(a: A, ctx): Promise<ModuleResult> {
    const name = String(a.name);
    if (a.state == null && a.enabled == null)
      return { changed: false, failed: true, msg: 'one of the following is required: state, enabled' };
    // the generic service module (LinuxService.get_service_tools) names the host where no init
    // script or enable tool is found; sysvinit itself names nothing
    if (!(await sysvExists(ctx, name))) return notFound(name, a.__generic === true ? 'host' : '');
    const started = await isStarted(a, ctx, name);
    const blank = (): Step => ({ changed: false, rc: null, stdout: null, stderr: null });
    const enabledStep = blank();
    await ensureEnabled(a, ctx, name, enabledStep);
    const stateStep = blank();
    const failed = a.state != null ? await ensureState(a, ctx, name, started, stateStep) : undefined;
    if (failed) return failed;
    const status: Record<string, unknown> = { enabled: enabledStep, [String(a.state ?? 'None')]: stateStep };
    return { changed: enabledStep.changed || stateStep.changed, data: { name, status } };
  },
});
