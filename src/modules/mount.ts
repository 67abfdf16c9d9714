// mount (ansible.posix 1.5, Linux): a mount point in fstab and in the running system — a port of
// ansible_collections/ansible/posix/plugins/modules/mount.py: fstab lines matched by mount
// point (escaped as _escape_fstab does), `mount [-T FSTAB] PATH` from the fstab entry, remount
// after an fstab change, `mount -t TYPE [-o OPTS] SRC PATH` for ephemeral, and the fstab put back
// and the created directories removed when a mount fails (ansible/ansible#59183).
import { shellQuote } from '../util/index.js';
import { ActionFail, moduleFail, defineModule, type ModuleContext, type ModuleResult } from './define.js';
import { backupFile, splitLinesKeepEnds } from './support/files.js';
import { run, C_LOCALE } from './support/host-run.js';
import { editFstab, removeFromFstab, type FstabArgs } from './support/fstab.js';

type A = Record<string, unknown>;
const STATES = ['absent', 'absent_from_fstab', 'mounted', 'present', 'unmounted', 'remounted', 'ephemeral'];
const NEEDS_SOURCE = ['mounted', 'present', 'ephemeral'];

interface Mount {
  src: string;
  fs: string;
}

/** get_linux_mounts: /proc/self/mountinfo by mount point, a bind mount's source as its path. */
export function linuxMounts(text: string): Map<string, Mount> {
  const info = new Map<number, { parent: number; root: string; dst: string; fs: string; src: string }>();
  for (const line of text.split('\n').map((l) => l.trim())) {
    if (!line) continue;
    const f = line.split(/\s+/);
    info.set(Number(f[0]), {
      parent: Number(f[1]),
      root: f[3]!,
      dst: f[4]!,
      fs: f[f.length - 3]!,
      src: f[f.length - 2]!,
    });
  }
  const mounts = new Map<string, Mount>();
  for (const m of info.values()) {
    let src = m.src;
    const p = m.parent !== 1 ? info.get(m.parent) : undefined;
    if (p) {
      let root = m.root;
      if (p.root.length > 1 && root.startsWith(`${p.root}/`)) root = root.slice(p.root.length);
      src = p.dst !== '/' ? `${p.dst}${root}` : root;
    }
    mounts.set(m.dst, { src, fs: m.fs });
  }
  return mounts;
}

/** The module's state on one host: its commands and the mount table read once (as the module caches it). */
class Host {
  constructor(
    readonly ctx: ModuleContext,
    readonly mounts: Map<string, Mount>,
  ) {}

  sh(cmd: string): Promise<{ rc: number; out: string; err: string }> {
    return run(this.ctx, cmd, { env: C_LOCALE });
  }

  /** module_utils/mount.ismount: a different device than its parent, or the same inode (/). */
  async ismount(path: string): Promise<boolean> {
    const p = shellQuote(path);
    const r = await this.sh(
      `[ -L ${p} ] && exit 1; a=$(stat -c '%d %i' -- ${p} 2>/dev/null) || exit 1; ` +
        `b=$(stat -c '%d %i' -- "$(realpath -m -- ${p}/..)" 2>/dev/null) || exit 1; ` +
        `[ "\${a% *}" != "\${b% *}" ] || [ "\${a#* }" = "\${b#* }" ]`,
    );
    return r.rc === 0;
  }

  /** is_bind_mounted on Linux: the mount point in mountinfo, with `src` when given. */
  bindMounted(dest: string, src?: string): boolean {
    const m = this.mounts.get(dest);
    return m !== undefined && (src === undefined || m.src === src);
  }

  async mounted(path: string, src?: string): Promise<boolean> {
    return (await this.ismount(path)) || this.bindMounted(path, src);
  }
}

function fstabArgs(fstab: string): string {
  return fstab !== '/etc/fstab' ? ` -T ${shellQuote(fstab)}` : '';
}

function ephemeralArgs(args: FstabArgs): string {
  const o = args.opts !== 'defaults' ? ` -o ${shellQuote(args.opts)}` : '';
  return ` -t ${shellQuote(args.fstype ?? '')}${o} ${shellQuote(args.src ?? '')}`;
}

async function doMount(h: Host, args: FstabArgs, state: string): Promise<[number, string]> {
  const extra = state === 'ephemeral' ? ephemeralArgs(args) : fstabArgs(args.fstab);
  const r = await h.sh(`mount${extra} ${shellQuote(args.name)}`);
  return [r.rc, r.rc === 0 ? '' : r.out + r.err];
}

async function umount(h: Host, path: string): Promise<[number, string]> {
  const r = await h.sh(`umount ${shellQuote(path)}`);
  return [r.rc, r.rc === 0 ? '' : r.out + r.err];
}

/** remount: `mount -o remount`, else umount and mount (refused when options were asked for). */
async function remount(h: Host, args: FstabArgs, state: string): Promise<[number, string]> {
  const opts = state === 'remounted' && args.opts !== 'defaults' ? `remount,${args.opts}` : 'remount';
  const extra = state === 'ephemeral' ? ephemeralArgs(args) : fstabArgs(args.fstab);
  const r = await h.sh(`mount -o ${shellQuote(opts)}${extra} ${shellQuote(args.name)}`);
  if (r.rc === 0) return [0, ''];
  if (state === 'remounted' && args.opts !== 'defaults')
    moduleFail(
      'Options were specified with remounted, but the remount command failed. Failing in order to prevent an unexpected mount result. Try replacing this command with a "state: unmounted" followed by a "state: mounted" using the full desired mount options instead.',
    );
  const u = await umount(h, args.name);
  return u[0] === 0 ? doMount(h, args, state) : u;
}

/** _is_same_mount_src: `mount -v`'s "SRC on DEST" lines, after the bind-mount check. */
async function sameSource(h: Host, src: string, path: string): Promise<boolean> {
  if (!(await h.mounted(path))) return false;
  if (h.bindMounted(path, src)) return true;
  const r = await h.sh('mount -v');
  if (!r.out) moduleFail("Unable to retrieve mount info with command 'mount -v'");
  return r.out
    .trim()
    .split('\n')
    .some((l) => {
      const f = l.split(/\s+/);
      return f[0] === src && f[2] === path;
    });
}

/** The fstab's lines as Python's readlines() gives them. */
async function readLines(ctx: ModuleContext, path: string): Promise<string[]> {
  return splitLinesKeepEnds((await ctx.conn.readFile(path)).toString('utf8'));
}

async function writeFstab(ctx: ModuleContext, a: A, path: string, lines: string[]): Promise<string> {
  const backup = a.backup ? await backupFile(ctx.conn, path) : '';
  const st = await ctx.conn.stat(path, true);
  await ctx.conn.writeFileAtomic(path, lines.join(''), st.exists ? st.mode & 0o7777 : 0o644);
  return backup;
}

/** set_mount / _set_mount_save_old: the entry added or corrected; the old lines to put back. */
async function setMount(h: Host, a: A, args: FstabArgs): Promise<{ changed: boolean; old: string[] }> {
  const old = await readLines(h.ctx, args.fstab);
  const r = editFstab(old, args, a.src !== undefined && a.src !== null);
  if (r.changed && !h.ctx.checkMode) args.backup_file = await writeFstab(h.ctx, a, args.fstab, r.lines);
  return { changed: r.changed, old: r.old };
}

async function unsetMount(h: Host, a: A, args: FstabArgs): Promise<boolean> {
  const r = removeFromFstab(await readLines(h.ctx, args.fstab), args, a.src !== undefined && a.src !== null);
  if (r.changed && !h.ctx.checkMode) await writeFstab(h.ctx, a, args.fstab, r.lines);
  return r.changed;
}

const ERRNO: Record<string, string> = {
  'Directory not empty': '[Errno 39] Directory not empty',
  'Not a directory': '[Errno 20] Not a directory',
  'Device or resource busy': '[Errno 16] Device or resource busy',
  'Permission denied': '[Errno 13] Permission denied',
};

/** os.rmdir, its OSError as Python words it. */
async function rmdir(h: Host, path: string): Promise<void> {
  const r = await h.sh(`rmdir -- ${shellQuote(path)}`);
  if (r.rc === 0) return;
  const why = r.err.trim().split(': ').pop() ?? r.err.trim();
  moduleFail(`Error rmdir ${path}: ${ERRNO[why] ?? why}: '${path}'`);
}

/** The directories of `path` that do not exist, created one by one (mkdir -p that can be undone). */
async function makeDirs(h: Host, path: string): Promise<string[]> {
  const created: string[] = [];
  let cur = '';
  for (const part of path.replace(/^\/+|\/+$/g, '').split('/')) {
    cur = path.startsWith('/') ? `${cur}/${part}` : cur ? `${cur}/${part}` : part;
    const r = await h.sh(
      `[ -e ${shellQuote(cur)} ] && exit 3; mkdir -- ${shellQuote(cur)} || [ -d ${shellQuote(cur)} ]`,
    );
    if (r.rc === 3) continue;
    if (r.rc !== 0) moduleFail(`Error making dir ${path}: ${r.err.trim()}`);
    created.push(cur);
  }
  return created;
}

async function mountedOrEphemeral(h: Host, a: A, args: FstabArgs, state: string): Promise<boolean> {
  const { ctx } = h;
  const name = args.name;
  const exists = (await h.sh(`[ -e ${shellQuote(name)} ]`)).rc === 0;
  const created = !exists && !ctx.checkMode ? await makeDirs(h, name) : [];
  const set = state !== 'ephemeral' ? await setMount(h, a, args) : { changed: false, old: [] as string[] };
  const old = set.old;
  let changed = set.changed;
  let res: [number, string] = [0, ''];
  if (await h.mounted(name, args.src)) {
    if (changed && !ctx.checkMode) res = await remount(h, args, state);
    if (state === 'ephemeral') {
      if (!(await sameSource(h, args.src ?? '', name)))
        moduleFail(
          'Ephemeral mount point is already mounted with a different source than the specified one. Failing in order to prevent an unwanted unmount or override operation. Try replacing this command with a "state: unmounted" followed by a "state: ephemeral", or use a different destination path.',
        );
      changed = true;
      if (!ctx.checkMode) res = await remount(h, args, state);
    }
  } else {
    changed = true;
    if (!ctx.checkMode) res = await doMount(h, args, state);
  }
  if (res[0] !== 0) {
    if (state !== 'ephemeral') await writeFstab(ctx, {}, args.fstab, old).catch(() => undefined);
    for (const d of created.reverse()) await h.sh(`rmdir -- ${shellQuote(d)}`);
    moduleFail(`Error mounting ${name}: ${res[1]}`);
  }
  return changed;
}

async function apply(h: Host, a: A, args: FstabArgs, state: string): Promise<boolean> {
  const { ctx } = h;
  const name = args.name;
  switch (state) {
    case 'absent_from_fstab':
      return unsetMount(h, a, args);
    case 'absent': {
      const changed = await unsetMount(h, a, args);
      if (changed && !ctx.checkMode) {
        if (await h.mounted(name)) {
          const [rc, msg] = await umount(h, name);
          if (rc) moduleFail(`Error unmounting ${name}: ${msg}`);
        }
        if ((await h.sh(`[ -e ${shellQuote(name)} ]`)).rc === 0) await rmdir(h, name);
      }
      return changed;
    }
    case 'unmounted': {
      if (!(await h.mounted(name))) return false;
      if (!ctx.checkMode) {
        const [rc, msg] = await umount(h, name);
        if (rc) moduleFail(`Error unmounting ${name}: ${msg}`);
      }
      return true;
    }
    case 'present':
      return (await setMount(h, a, args)).changed;
    case 'remounted': {
      if (!ctx.checkMode) {
        const [rc, msg] = await remount(h, args, state);
        if (rc) moduleFail(`Error remounting ${name}: ${msg}`);
      }
      return true;
    }
    default:
      return mountedOrEphemeral(h, a, args, state);
  }
}

/** main()'s args: Linux defaults, the given values over them, `boot: false` as noauto. */
function argsOf(a: A): FstabArgs {
  const args: FstabArgs = {
    name: String(a.path),
    opts: 'defaults',
    dump: '0',
    passno: '0',
    fstab: '/etc/fstab',
    boot: 'yes',
    warnings: [],
    backup_file: '',
  };
  for (const k of ['src', 'fstype', 'passno', 'opts', 'dump', 'fstab'] as const)
    if (a[k] !== undefined && a[k] !== null) args[k] = String(a[k]);
  const opts = args.opts.split(',');
  if (opts.includes('noauto')) args.warnings.push("Ignore the 'boot' due to 'opts' contains 'noauto'.");
  else if (!a.boot) {
    args.boot = 'no';
    if (opts.includes('defaults')) args.warnings.push("Ignore the 'boot' due to 'opts' contains 'defaults'.");
    else args.opts = [...opts, 'noauto'].join(',');
  }
  return args;
}

export default defineModule({
  name: 'mount',
  argRules: {
    requiredIf: [
      ['state', 'mounted', ['src', 'fstype']],
      ['state', 'present', ['src', 'fstype']],
      ['state', 'ephemeral', ['src', 'fstype']],
    ],
  },
  collection: 'ansible.posix',
  description: 'Controls active and configured mount points',
  checkMode: 'supported',
  args: {
    path: { type: 'path', required: true, aliases: ['name'], description: 'The mount point (/mnt/files).' },
    src: { type: 'path', description: 'The device, network share or directory to mount.' },
    fstype: { type: 'str', description: 'The file system type.' },
    opts: { type: 'str', description: 'Mount options (see fstab(5)).' },
    dump: { type: 'str', default: '0', description: 'The fstab dump field.' },
    passno: { type: 'str', default: '0', description: 'The fstab passno field.' },
    state: { type: 'str', required: true, choices: STATES, description: 'What to do with the mount point.' },
    fstab: { type: 'str', description: 'Another file instead of /etc/fstab.' },
    boot: { type: 'bool', default: true, description: 'Mount at boot (false adds noauto).' },
    backup: { type: 'bool', default: false, description: 'Keep a backup of the fstab when it changes.' },
  },
  async run(a: A, ctx): Promise<ModuleResult> {
    const state = String(a.state);
    if (NEEDS_SOURCE.includes(state)) {
      const missing = ['src', 'fstype'].filter((k) => a[k] === undefined || a[k] === null);
      if (missing.length)
        return {
          changed: false,
          failed: true,
          msg: `state is ${state} but all of the following are missing: ${missing.join(', ')}`,
        };
    }
    const args = argsOf(a);
    const sh = (cmd: string): ReturnType<Host['sh']> => run(ctx, cmd, { env: C_LOCALE });
    // the module creates a missing fstab (and its directory) first, in check mode as well
    if (state !== 'ephemeral') {
      const f = shellQuote(args.fstab);
      const r = await sh(`[ -e ${f} ] || { mkdir -p -- "$(dirname -- ${f})" && : >> ${f}; }`);
      if (r.rc !== 0)
        return { changed: false, failed: true, msg: `Failed to open ${args.fstab} due to ${r.err.trim()}` };
    }
    const info = await sh('cat /proc/self/mountinfo');
    if (info.rc !== 0)
      args.warnings.push('Cannot open file /proc/self/mountinfo. Bind mounts might be misinterpreted.');
    const h = new Host(ctx, linuxMounts(info.rc === 0 ? info.out : ''));
    try {
      const changed = await apply(h, a, args, state);
      // exit_json shows the warnings and leaves an empty list out of the result
      const { warnings, ...data } = args;
      return { changed, data: warnings.length ? { ...data, warnings } : data };
    } catch (e) {
      if (e instanceof ActionFail) return e.result;
      throw e;
    }
  },
});
