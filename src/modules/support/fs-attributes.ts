// set_fs_attributes_if_different over many paths (unarchive's loop over the members it unpacked,
// module_utils/basic.py at 2.14.18): owner and group with lchown, the mode compared with the
// path's lstat (a symbolic mode from it) and set — two round trips for all of them, the first to
// read, the second to change (none in check mode, which only reports).
import { moduleFail, type ModuleContext } from '../define.js';
import { shellQuote as q, pyBytesRepr } from '../../util/index.js';
import { exactMode, parseMode } from './mode.js';
import { fileFacts } from './files.js';

export interface FsAttributes {
  owner?: string;
  group?: string;
  mode?: unknown;
}

interface Seen {
  mode: number;
  uid: number;
  gid: number;
  link: boolean;
  dir: boolean;
}

const READ = [
  'u=$1; g=$2; shift 2',
  // get_uid/get_gid: int() of the text first, then the name
  'case $u in "") ;; *[!0-9]*) x=$(getent passwd -- "$u") && x=${x#*:*:} && echo "U${x%%:*}" || echo "Ufail";; *) echo "U$u";; esac',
  'case $g in "") ;; *[!0-9]*) x=$(getent group -- "$g") && x=${x#*:*:} && echo "G${x%%:*}" || echo "Gfail";; *) echo "G$g";; esac',
  'for p; do stat -c "S%f %u %g %F" -- "$p" 2>/dev/null || echo "Smissing"; done',
].join('\n');

function parseSeen(line: string): Seen | undefined {
  const m = /^S([0-9a-f]+) (\d+) (\d+) (.*)$/.exec(line);
  if (!m) return undefined;
  const raw = parseInt(m[1] ?? '0', 16);
  return {
    mode: raw & 0o7777,
    uid: Number(m[2]),
    gid: Number(m[3]),
    link: m[4] === 'symbolic link',
    dir: m[4] === 'directory',
  };
}

/**
 * Applies owner, group and mode to each path; whether any differed. A user or group that does
 * not exist, or a path that is not there, ends the module as AnsibleModule's checks do.
 */
export async function setFsAttributes(ctx: ModuleContext, paths: string[], want: FsAttributes): Promise<boolean> {
  const given = (v: unknown): boolean => v !== undefined && v !== null && v !== '';
  if (!paths.length || (!given(want.owner) && !given(want.group) && !given(want.mode))) return false;
  const r = await ctx.conn.execArgv(
    [
      'sh',
      '-c',
      READ,
      'sh',
      given(want.owner) ? String(want.owner) : '',
      given(want.group) ? String(want.group) : '',
      ...paths,
    ],
    { env: ctx.env },
  );
  const lines = r.stdout.split('\n');
  const uid = lines.find((l) => l.startsWith('U'))?.slice(1);
  const gid = lines.find((l) => l.startsWith('G'))?.slice(1);
  // fail_json(path=…): the first path's information with the message
  const at = async (): Promise<Record<string, unknown>> => ({
    ...(await fileFacts(ctx.conn, paths[0] ?? '')),
    path: paths[0],
  });
  if (uid === 'fail') moduleFail(`chown failed: failed to look up user ${String(want.owner)}`, await at());
  if (gid === 'fail') moduleFail(`chgrp failed: failed to look up group ${String(want.group)}`, await at());
  const seen = lines.filter((l) => l.startsWith('S'));
  const chown: string[] = [];
  const chmod = new Map<number, string[]>();
  let changed = false;
  paths.forEach((p, i) => {
    const s = parseSeen(seen[i] ?? '');
    if (!s)
      moduleFail(
        `Unexpected error when accessing exploded file: [Errno 2] No such file or directory: ${pyBytesRepr(p)}`,
      );
    if ((uid !== undefined && Number(uid) !== s.uid) || (gid !== undefined && Number(gid) !== s.gid)) {
      chown.push(p);
      changed = true;
    }
    if (!given(want.mode)) return;
    const mode = parseMode(want.mode, s.mode, s.dir);
    if (mode === s.mode) return;
    changed = true;
    // a link's own mode is not changed (no lchmod on Linux; Ansible puts the target's back)
    if (!s.link) chmod.set(mode, [...(chmod.get(mode) ?? []), p]);
  });
  if (changed && !ctx.checkMode) await apply(ctx, chown, uid, gid, chmod);
  return changed;
}

async function apply(
  ctx: ModuleContext,
  chown: string[],
  uid: string | undefined,
  gid: string | undefined,
  chmod: Map<number, string[]>,
): Promise<void> {
  const owner = `${uid ?? ''}${gid !== undefined ? `:${gid}` : ''}`;
  const steps = [
    ...(chown.length ? [`chown -h ${q(owner)} -- ${chown.map(q).join(' ')}`] : []),
    ...[...chmod].map(([mode, ps]) => `chmod ${exactMode(mode)} -- ${ps.map(q).join(' ')}`),
  ];
  const r = await ctx.conn.exec(steps.join(' && '), { env: ctx.env });
  if (r.exitCode !== 0) moduleFail(`Unexpected error when accessing exploded file: ${r.stderr.trim()}`);
}
