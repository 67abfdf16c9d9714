// The file module's modification_time/access_time (ansible/modules/file.py at 2.14.18:
// keep_backward_compatibility_on_timestamps, get_timestamp_for_time, update_timestamp_for_file).
// A time given in its format is read with strptime here and made an epoch on the host with GNU
// date, in the host's time zone, as time.mktime does there.
import { moduleFail, type ModuleContext } from '../define.js';
import { shellQuote as q } from '../../util/index.js';
import { strptime } from '../../template/index.js';

/** 'now', 'preserve', or a local time (YYYY-MM-DD hh:mm:ss) on the host. */
export type TimeSpec = 'now' | 'preserve' | { local: string };

export interface Times {
  mtime: TimeSpec;
  atime: TimeSpec;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** get_timestamp_for_time over keep_backward_compatibility_on_timestamps' default for the state. */
function timeSpec(value: unknown, format: unknown, state: string): TimeSpec {
  const given = value == null ? (state === 'touch' ? 'now' : 'preserve') : String(value);
  if (given === 'preserve' || given === 'now') return given;
  const fmt = format == null ? '%Y%m%d%H%M.%S' : String(format);
  try {
    const f = strptime(given, fmt).fields;
    return {
      local: `${pad(f.year, 4)}-${pad(f.month)}-${pad(f.day)} ${pad(f.hour)}:${pad(f.minute)}:${pad(f.second)}`,
    };
  } catch (e) {
    const why = e instanceof Error ? e.message.replace(/^ValueError: /, '') : String(e);
    return moduleFail(`Error while obtaining timestamp for time ${given} using format ${fmt}: ${why}`);
  }
}

/** The times the module's arguments ask for `state` (absent has none). */
export function timesOf(a: Record<string, unknown>, state: string): Times {
  return {
    mtime: timeSpec(a.modification_time, a.modification_time_format, state),
    atime: timeSpec(a.access_time, a.access_time_format, state),
  };
}

/** Lines for one time given in a format: set (unless check) and `W:1` when it differs from the path's. */
export function stampLines(k: 'mtime' | 'atime', spec: { local: string }, check: boolean): string {
  const flag = k === 'mtime' ? 'm' : 'a';
  return [
    `t=$(date -d ${q(spec.local)} +%s) || return 1; p=$(stat -c %.9${k === 'mtime' ? 'Y' : 'X'} -- "$d") || return 1`,
    `[ "$p" = "$t.000000000" ] || { ${check ? '' : `touch -${flag} -d "@$t" -- "$d" || return 1; `}echo W:1; }`,
  ].join('\n');
}

/**
 * update_timestamp_for_file for state file and directory: nothing for two `preserve`s; a `now`
 * always moves (time.time() is never the time the path has); a given time where it differs.
 */
export async function updateTimes(ctx: ModuleContext, path: string, t: Times): Promise<boolean> {
  if (t.mtime === 'preserve' && t.atime === 'preserve') return false;
  const now = [t.mtime === 'now' ? 'm' : '', t.atime === 'now' ? 'a' : ''].join('');
  const lines = [
    `d=${q(path)}`,
    'rb_times() {',
    now ? `${ctx.checkMode ? '' : `touch -${now} -- "$d" || return 1; `}echo W:1` : '',
    ...(['mtime', 'atime'] as const).flatMap((k) => {
      const s = t[k];
      return typeof s === 'object' ? [stampLines(k, s, ctx.checkMode)] : [];
    }),
    '}',
    'rb_times',
  ];
  const r = await ctx.conn.exec(lines.join('\n'), { env: ctx.env });
  if (r.exitCode !== 0) moduleFail(`Error while updating modification or access time: ${r.stderr.trim()}`, { path });
  return r.stdout.includes('W:1');
}
