// AnsibleModule.get_bin_path(name, required=True) on the host: the executable's path, or the
// module's failure naming the PATH it searched (cron's CronTab, getent).
import type { ModuleContext, ModuleResult } from '../define.js';

export async function requiredBin(ctx: ModuleContext, name: string): Promise<string | ModuleResult> {
  const which = await ctx.conn.exec(`command -v ${name} || printf %s "$PATH" >&2`, { env: ctx.env });
  const path = which.stdout.trim();
  if (which.exitCode === 0 && path) return path;
  return {
    changed: false,
    failed: true,
    msg: `Failed to find required executable "${name}" in paths: ${which.stderr}`,
  };
}
