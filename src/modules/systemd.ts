// systemd: controls a unit with systemctl — a port of ansible/modules/systemd.py (2.14): state
// from `systemctl show`, enabled from `is-enabled`, masked, daemon_reload; check mode decides
// from the same queries and runs nothing that changes the host.
import { defineModule, type ModuleContext, type ModuleResult } from './define.js';
import { notFound, sysvExists, sysvIsEnabled } from './support/sysv.js';
import { run } from './support/host-run.js';
import { shellQuote } from '../util/index.js';

type A = Record<string, unknown>;

/** parse_systemctl_show: key=value lines; a value opening with "{" may run over several lines. */
export function parseSystemctlShow(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  let multi: { key: string; lines: string[] } | undefined;
  for (const line of text.split('\n')) {
    if (multi) {
      multi.lines.push(line);
      if (line.trimEnd().endsWith('}')) {
        out[multi.key] = multi.lines.join('\n').trim();
        multi = undefined;
      }
      continue;
    }
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    const key = line.slice(0, eq);
    const value = line.slice(eq + 1);
    if (value.trimStart().startsWith('{') && !value.trimEnd().endsWith('}')) multi = { key, lines: [value] };
    else out[key] = value.trim();
  }
  return out;
}

const running = (s: Record<string, string>): boolean => s.ActiveState === 'active' || s.ActiveState === 'activating';

function systemctlCommand(a: A): string {
  let cmd = 'systemctl';
  if (a.scope && a.scope !== 'system') cmd += ` --${String(a.scope)}`;
  if (a.no_block) cmd += ' --no-block';
  if (a.force) cmd += ' --force';
  return cmd;
}

interface Unit {
  sc: string;
  unit: string;
  q: string;
  status: Record<string, string>;
  found: boolean;
  isInitd: boolean;
}

async function inspect(a: A, ctx: ModuleContext, sc: string, unit: string): Promise<Unit | ModuleResult> {
  const q = shellQuote(unit);
  const isInitd = await sysvExists(ctx, unit);
  const show = await run(ctx, `${sc} show ${q}`);
  let status: Record<string, string> = {};
  let isSystemd = false;
  if (show.rc === 0 && !/ignoring request/.test(show.out + show.err)) {
    status = parseSystemctlShow(show.out);
    isSystemd = status.LoadState !== undefined && status.LoadState !== 'not-found';
    if (isSystemd && status.LoadState !== 'masked' && status.LoadError !== undefined) {
      return { changed: false, failed: true, msg: `Error loading unit file '${unit}': ${status.LoadError}` };
    }
  } else if (show.rc === 127) {
    return { changed: false, failed: true, msg: 'Failed to find required executable "systemctl" in paths' };
  }
  return { sc, unit, q, status, found: isSystemd || isInitd, isInitd };
}

async function ensureMasked(
  a: A,
  ctx: ModuleContext,
  u: Unit,
  data: Record<string, unknown>,
): Promise<ModuleResult | undefined> {
  if (a.masked === undefined || a.masked === null) return undefined;
  const masked = (await run(ctx, `${u.sc} is-enabled ${u.q}`)).out.trim() === 'masked';
  if (masked === a.masked) return undefined;
  data.changed = true;
  if (!ctx.checkMode && (await run(ctx, `${u.sc} ${a.masked ? 'mask' : 'unmask'} ${u.q}`)).rc !== 0 && !u.found)
    return notFound(u.unit, 'host');
  return undefined;
}

async function ensureEnabled(
  a: A,
  ctx: ModuleContext,
  u: Unit,
  data: Record<string, unknown>,
): Promise<ModuleResult | undefined> {
  if (a.enabled === undefined || a.enabled === null) return undefined;
  if (!u.found) return notFound(u.unit, 'host');
  const r = await run(ctx, `${u.sc} is-enabled ${u.q} -l`);
  let enabled = false;
  if (r.rc === 0) enabled = !['indirect', 'alias'].includes(r.out.trim());
  else if (r.rc === 1 && (a.scope ?? 'system') === 'system' && u.isInitd && !r.out.trim().endsWith('disabled'))
    enabled = await sysvIsEnabled(ctx, u.unit);
  data.enabled = enabled;
  if (enabled === a.enabled) return undefined;
  data.changed = true;
  const action = a.enabled ? 'enable' : 'disable';
  if (!ctx.checkMode) {
    const done = await run(ctx, `${u.sc} ${action} ${u.q}`);
    if (done.rc !== 0)
      return { changed: false, failed: true, msg: `Unable to ${action} service ${u.unit}: ${done.out}${done.err}` };
  }
  data.enabled = !enabled;
  return undefined;
}

async function ensureState(
  a: A,
  ctx: ModuleContext,
  u: Unit,
  data: Record<string, unknown>,
): Promise<ModuleResult | undefined> {
  if (a.state === undefined || a.state === null) return undefined;
  if (!u.found) return notFound(u.unit, 'host');
  const state = String(a.state);
  data.state = state;
  if (u.status.ActiveState === undefined)
    return { changed: false, failed: true, msg: 'Service is in unknown state', data: { status: u.status } };
  let action: string | undefined;
  if (state === 'started') action = running(u.status) ? undefined : 'start';
  else if (state === 'stopped')
    action = running(u.status) || u.status.ActiveState === 'deactivating' ? 'stop' : undefined;
  else {
    action = running(u.status) ? state.slice(0, -2) : 'start';
    data.state = 'started';
  }
  if (!action) return undefined;
  data.changed = true;
  if (!ctx.checkMode) {
    const done = await run(ctx, `${u.sc} ${action} ${u.q}`);
    if (done.rc !== 0)
      return { changed: false, failed: true, msg: `Unable to ${action} service ${u.unit}: ${done.err}` };
  }
  return undefined;
}

async function daemonCommands(a: A, ctx: ModuleContext, sc: string): Promise<ModuleResult | undefined> {
  for (const [flag, verb] of [
    ['daemon_reload', 'daemon-reload'],
    ['daemon_reexec', 'daemon-reexec'],
  ] as const) {
    if (!a[flag] || ctx.checkMode) continue;
    const r = await run(ctx, `${sc} ${verb}`);
    if (r.rc !== 0) return { changed: false, failed: true, msg: `failure ${r.rc} during ${verb}: ${r.err}` };
  }
  return undefined;
}

export default defineModule({
  name: 'systemd',
  argRules: {
    requiredOneOf: [['state', 'enabled', 'masked', 'daemon_reload', 'daemon_reexec']],
    requiredBy: { enabled: ['name'], masked: ['name'], state: ['name'] },
  },
  collection: 'ansible.builtin',
  description: 'Controls systemd units (started/stopped/restarted/reloaded, enabled, masked)',
  checkMode: 'supported',
  args: {
    name: { type: 'str', aliases: ['service', 'unit'], description: 'The unit.' },
    state: { type: 'str', choices: ['reloaded', 'restarted', 'started', 'stopped'], description: 'The wanted state.' },
    enabled: { type: 'bool', description: 'Whether it starts on boot.' },
    force: { type: 'bool', description: 'systemctl --force.' },
    masked: { type: 'bool', description: 'Whether the unit is masked.' },
    daemon_reload: {
      type: 'bool',
      default: false,
      aliases: ['daemon-reload'],
      description: 'Run daemon-reload first.',
    },
    daemon_reexec: {
      type: 'bool',
      default: false,
      aliases: ['daemon-reexec'],
      description: 'Run daemon-reexec first.',
    },
    scope: { type: 'str', default: 'system', choices: ['system', 'user', 'global'], description: 'systemctl scope.' },
    no_block: { type: 'bool', default: false, description: 'Do not wait for the job.' },
  },
  async run(a: A, ctx): Promise<ModuleResult> {
    const unit = a.name === undefined || a.name === null ? undefined : String(a.name);
    if (a.state == null && a.enabled == null && a.masked == null && !a.daemon_reload && !a.daemon_reexec) {
      return {
        changed: false,
        failed: true,
        msg: 'one of the following is required: state, enabled, masked, daemon_reload, daemon_reexec',
      };
    }
    const needsName = (['state', 'enabled', 'masked'] as const).find((k) => a[k] != null);
    if (unit === undefined && needsName)
      return { changed: false, failed: true, msg: `missing parameter(s) required by '${needsName}': name` };
    const glob = unit !== undefined ? ['*', '?', '['].find((g) => unit.includes(g)) : undefined;
    if (glob)
      return {
        changed: false,
        failed: true,
        msg: `This module does not currently support using glob patterns, found '${glob}' in service name: ${unit}`,
      };
    const sc = systemctlCommand(a);
    const data: Record<string, unknown> = { name: unit ?? null, changed: false, status: {} };
    const failed = await daemonCommands(a, ctx, sc);
    if (failed) return failed;
    if (unit !== undefined) {
      const u = await inspect(a, ctx, sc, unit);
      if ('changed' in u) return u;
      data.status = u.status;
      for (const step of [ensureMasked, ensureEnabled, ensureState]) {
        const stop = await step(a, ctx, u, data);
        if (stop) return stop;
      }
    }
    const { changed, ...rest } = data;
    return { changed: changed === true, data: rest };
  },
});
