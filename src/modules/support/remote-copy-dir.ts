// copy with remote_src and a directory src (modules/copy.py at stable-2.14): the target is dest
// itself for a src ending in '/', else dest/<src's name>; a target that is missing is made
// (copytree: the directory's mode kept — makedirs' default where dest itself was missing and
// src has no '/'), then src's tree merged into it as copy_diff_files, copy_left_only and
// copy_common_dirs do: files whose content differs and entries only in src are copied, their
// modes kept (shutil.copymode). One program on the host; check mode only tells.
import { shellQuote as q } from '../../util/index.js';
import type { ModuleContext, ModuleResult } from '../define.js';
import { factsOfStat } from './files.js';

function program(src: string, dest: string, check: boolean, owner?: string, group?: string): string {
  const run = check ? ':' : '';
  return [
    `s=${q(src)}; d=${q(dest)}`,
    `case $s in */) t=$d;; *) t=$d/\${s##*/};; esac`,
    // copytree keeps the directory's mode; makedirs (dest missing, src without '/') does not
    `if [ ! -d "$t" ]; then echo C; if [ -d "$d" ] || [ "$t" = "$d" ]; then ${run} mkdir -- "$t" && ${run} chmod --reference="$s" -- "$t"; else ${run} mkdir -p -- "$t"; fi; fi`,
    // (in check mode a missing target stays missing: nothing to compare)
    `[ -d "$t" ] && find "$s" -mindepth 1 -printf '%y %P\\n' | while IFS= read -r l; do y=\${l%% *}; p=\${l#* }`,
    `  if [ "$y" = d ]; then [ -d "$t/$p" ] || { echo C; ${run} mkdir -- "$t/$p" && ${run} chmod --reference="$s/$p" -- "$t/$p"; }`,
    `  elif [ ! -e "$t/$p" ] && [ ! -L "$t/$p" ]; then echo C; ${run} cp -P --preserve=mode -- "$s/$p" "$t/$p"`,
    `  elif [ "$y" = f ] && ! cmp -s -- "$s/$p" "$t/$p"; then echo C; ${run} cp --preserve=mode -- "$s/$p" "$t/$p"; fi`,
    'done',
    ...(owner || group ? [`${run} chown -R -- ${q(`${owner ?? ''}${group ? `:${group}` : ''}`)} "$t"`] : []),
  ].join('\n');
}

export async function copyRemoteDir(
  src: string,
  dest: string,
  a: Record<string, unknown>,
  ctx: ModuleContext,
): Promise<ModuleResult> {
  const owner = a.owner === undefined || a.owner === null ? undefined : String(a.owner);
  const group = a.group === undefined || a.group === null ? undefined : String(a.group);
  // main() first joins src's name to a dest that is a directory (os.path.join: '' for a src ending in '/')
  const name = src.endsWith('/') ? '' : (src.split('/').pop() ?? '');
  const shown = (await ctx.conn.stat(dest, true)).isDir ? `${dest.replace(/\/$/, '')}/${name}` : dest;
  const r = await ctx.conn.exec(program(src, dest, ctx.checkMode, owner, group));
  if (r.exitCode !== 0)
    return { changed: false, failed: true, msg: r.stderr.trim() || `could not copy ${src} to ${dest}` };
  // res_args (no checksum for a directory) and exit_json's add_path_info of that dest
  const st = await ctx.conn.stat(shown, false);
  const { path: _path, ...info } = st.exists ? factsOfStat(shown, st) : {};
  return { changed: r.stdout.includes('C'), data: { ...info, dest: shown, src, checksum: null, md5sum: null } };
}
