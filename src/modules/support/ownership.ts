// owner and group, as every module with add_file_common_args applies them at its end
// (AnsibleModule.set_owner_if_different / set_group_if_different, module_utils/basic.py at
// stable-2.14): a name is looked up (getpwnam, getgrnam), a number is taken as the id, the
// path's owner changed with lchown where it differs — not in check mode, which only reports the
// change — and the result's uid, gid, owner and group are the path's afterwards. One round trip,
// and only where the task gives owner or group.
import type { ModuleContext, ModuleResult } from '../define.js';
import { shellQuote } from '../../util/index.js';

const given = (v: unknown): v is string | number => v !== undefined && v !== null && v !== '';

/**
 * Whether the executor applies owner and group after the module: every module with the file
 * common arguments but unarchive, which applies them to each extracted member, not to dest
 * (unarchive.py's loop over files_in_archive: support/fs-attributes.ts).
 */
export function takesOwnership(module: { name: string; args: object }): boolean {
  return 'owner' in module.args && 'group' in module.args && module.name !== 'unarchive';
}

/** The path the module's attributes apply to: its result's, else its argument's. */
function targetPath(a: Record<string, unknown>, r: ModuleResult): string | undefined {
  const d = r.data ?? {};
  const p = d.path ?? d.dest ?? a.path ?? a.dest;
  return typeof p === 'string' && p ? p : undefined;
}

/**
 * `follow` (load_file_common_arguments: a link's target where the module follows links, the file
 * module's default) stats and changes what the link points to; otherwise the path itself (lchown).
 */
function program(path: string, owner: string, group: string, check: boolean, follow: boolean): string {
  const L = follow ? ' -L' : '';
  return [
    `p=${shellQuote(path)}; u=${shellQuote(owner)}; g=${shellQuote(group)}`,
    `set -- $(stat${L} -c '%u %g' -- "$p" 2>/dev/null); [ $# = 2 ] || { echo R:missing; exit 0; }; cu=$1; cg=$2; nu=$cu; ng=$cg`,
    // get_uid/get_gid: int() of the text first, then the name
    `r=`,
    `if [ -n "$u" ]; then case $u in *[!0-9]*) x=$(getent passwd -- "$u") || r=user; x=\${x#*:*:}; nu=\${x%%:*};; *) nu=$u;; esac; fi`,
    `if [ -z "$r" ] && [ -n "$g" ]; then case $g in *[!0-9]*) x=$(getent group -- "$g") || r=group; x=\${x#*:*:}; ng=\${x%%:*};; *) ng=$g;; esac; fi`,
    `if [ -n "$r" ]; then echo R:$r; elif [ "$nu:$ng" = "$cu:$cg" ]; then echo R:same; else echo R:changed; ${check ? ':' : `chown${follow ? '' : ' -h'} -- "$nu:$ng" "$p" || exit 1`}; fi`,
    `stat${L} -c 'S:%u:%g:%U:%G:%a:%s:%F' -- "$p"`,
  ].join('\n');
}

/** Applies the task's owner and group to what the module wrote, and reports them in its result. */
export async function applyOwnership(
  a: Record<string, unknown>,
  r: ModuleResult,
  ctx: ModuleContext,
): Promise<ModuleResult> {
  if (r.failed || r.skipped || r.controllerOnly || (!given(a.owner) && !given(a.group))) return r;
  if (r.data?.state === 'absent') return r;
  const path = targetPath(a, r);
  if (!path) return r;
  const out = await ctx.conn.exec(
    program(
      path,
      given(a.owner) ? String(a.owner) : '',
      given(a.group) ? String(a.group) : '',
      ctx.checkMode,
      a.follow === true,
    ),
  );
  const verdict = /^R:(\w+)$/m.exec(out.stdout)?.[1];
  if (verdict === 'missing') return r;
  const s = /^S:(\d+):(\d+):([^:\n]*):([^:\n]*):([0-7]+):(\d+):(.*)$/m.exec(out.stdout);
  const ids = s ? { uid: Number(s[1]), gid: Number(s[2]), owner: s[3], group: s[4] } : {};
  // fail_json(path=…) adds the path's attributes (add_path_info)
  const pathInfo = s
    ? {
        ...(typeof r.data?.checksum === 'string' ? { checksum: r.data.checksum } : {}),
        path,
        ...ids,
        mode: `0${(s[5] ?? '').padStart(3, '0')}`,
        state: s[7] === 'directory' ? 'directory' : 'file',
        size: Number(s[6]),
      }
    : { path };
  if (verdict === 'user' || verdict === 'group')
    return {
      changed: false,
      failed: true,
      msg:
        verdict === 'user'
          ? `chown failed: failed to look up user ${String(a.owner)}`
          : `chgrp failed: failed to look up group ${String(a.group)}`,
      data: pathInfo,
    };
  if (out.exitCode !== 0)
    return { changed: false, failed: true, msg: `chown failed: ${out.stderr.trim()}`, data: pathInfo };
  // a link's result keeps the link's own ids (add_path_info's lstat) where its target's changed
  const own = r.data?.state !== 'link' || a.follow !== true;
  const data = r.data && ('uid' in r.data || 'owner' in r.data) && own ? { ...r.data, ...ids } : r.data;
  return { ...r, changed: r.changed || verdict === 'changed', ...(data ? { data } : {}) };
}
