// SysV init helpers of ansible/module_utils/service.py (2.14): an init script's path, whether it
// exists, whether a runlevel starts it, and the "could not find" failure.
import type { ModuleContext } from '../define.js';
import { shellQuote } from '../../util/index.js';

export function sysvScript(name: string): string {
  return name.startsWith('/') ? name : `/etc/init.d/${name}`;
}

export async function sysvExists(ctx: ModuleContext, name: string): Promise<boolean> {
  return (await ctx.conn.stat(sysvScript(name), true)).exists;
}

/** sysv_is_enabled: an S??name link in /etc/rc?.d (or SUSE's /etc/init.d/rc?.d). */
export async function sysvIsEnabled(ctx: ModuleContext, name: string, runlevel?: string): Promise<boolean> {
  const rl = runlevel ?? '?';
  const q = shellQuote(name);
  const cmd = `if [ -d /etc/rc0.d/ ]; then set -- /etc/rc${rl}.d/S??${q}; else set -- /etc/init.d/rc${rl}.d/S??${q}; fi; [ -e "$1" ] || [ -L "$1" ]`;
  return (await ctx.conn.exec(cmd, { env: ctx.env })).exitCode === 0;
}

export function notFound(service: string, msg = ''): { changed: false; failed: true; msg: string } {
  return { changed: false, failed: true, msg: `Could not find the requested service ${service}: ${msg}` };
}
