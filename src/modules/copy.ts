// copy: writes `content` or copies `src` (a controller file or directory, or a remote one with
// remote_src) to `dest` (ansible/modules/copy.py and the copy action plugin). A dict or list
// `content` is written as JSON; a directory `src` with a trailing slash copies its contents.
import { basename, join } from 'node:path';
import { readdirSync, statSync } from 'node:fs';
import { FILE_COMMON_ARGS } from './support/file-args.js';
import { defineModule, type ModuleContext, type ModuleResult } from './define.js';
import { writeContent, writeOptions } from './support/write-content.js';
import { copyRemoteDir } from './support/remote-copy-dir.js';
import { parseMode } from './support/mode.js';
import { DEFAULT_DIR_MODE } from './support/files.js';
import { pyJsonDumps, pyStr } from '../template/index.js';
import { createHash } from 'node:crypto';
import { isTruthy } from '../util/index.js';

const sha1 = (b: Buffer): string => createHash('sha1').update(b).digest('hex');

/**
 * dest for a source file: a dest ending in / is a directory, created when missing (copy.py);
 * an existing directory takes the file under its own name (`intoDir`, decided on the host).
 */
async function destFor(dest: string, src: string, ctx: ModuleContext): Promise<{ dest: string; intoDir?: string }> {
  if (!dest.endsWith('/')) return { dest, intoDir: basename(src) };
  if (!(await ctx.conn.stat(dest, true)).exists && !ctx.checkMode) await ctx.conn.mkdir(dest, DEFAULT_DIR_MODE);
  return { dest: join(dest, basename(src)) };
}

async function copyTree(
  a: Record<string, unknown>,
  local: string,
  dest: string,
  ctx: ModuleContext,
): Promise<ModuleResult> {
  const target = String(a.src).endsWith('/') ? dest : join(dest, basename(local));
  let changed = false;
  const walk = async (from: string, to: string): Promise<void> => {
    const st = await ctx.conn.stat(to, true);
    if (!st.exists) {
      changed = true;
      // check mode: the action's file module would make it, and each file in it differs
      if (ctx.checkMode) return;
      await ctx.conn.mkdir(
        to,
        a.directory_mode !== undefined ? parseMode(a.directory_mode, DEFAULT_DIR_MODE, true) : DEFAULT_DIR_MODE,
      );
    }
    for (const name of readdirSync(from).sort()) {
      const path = join(from, name);
      if (statSync(path).isDirectory()) await walk(path, join(to, name));
      else {
        const r = await writeContent(
          {
            dest: join(to, name),
            content: ctx.readLocal(path),
            mode: a.mode,
            sourceMode: statSync(path).mode & 0o7777,
            backup: false,
            force: Boolean(a.force),
            src: path,
          },
          ctx,
        );
        if (r.failed) throw new Error(r.msg);
        changed ||= r.changed;
      }
    }
  };
  await walk(local, target);
  // the action's own result for a tree (action/copy.py): dest as a directory, src as given, no
  // module's discovered interpreter
  return {
    changed,
    controllerOnly: true,
    data: { dest: dest.endsWith('/') ? dest : `${dest}/`, src: String(a.src).endsWith('/') ? `${local}/` : local },
  };
}

export default defineModule({
  name: 'copy',
  runsAs: 'ansible.legacy.copy',
  // the copy action checksums its local source before the module runs: content, or src's file
  argErrorData: (raw, ctx) => {
    const content = raw.get('content');
    const src = raw.get('src');
    if (typeof content === 'string') return { checksum: sha1(Buffer.from(content)) };
    if (typeof src !== 'string' || isTruthy(raw.get('remote_src') ?? false)) return {};
    const local = ctx.findFile(src, 'files');
    return local && statSync(local).isFile() ? { checksum: sha1(ctx.readLocal(local)) } : {};
  },
  collection: 'ansible.builtin',
  description: 'Copies files or content to the host',
  checkMode: 'supported',
  args: {
    ...FILE_COMMON_ARGS,
    src: { type: 'path', description: 'A controller file or directory (files/ is searched).' },
    content: { type: 'raw', description: 'The content to write instead of src.' },
    dest: { type: 'path', required: true, description: 'Where to write.' },
    directory_mode: { type: 'raw', description: 'The mode of directories created by a recursive copy.' },
    backup: { type: 'bool', default: false, description: 'Keep a timestamped copy of the old file.' },
    force: { type: 'bool', default: true, description: 'Replace a file that differs.' },
    remote_src: { type: 'bool', default: false, description: 'src is on the host.' },
    follow: { type: 'bool', default: false, description: 'Follow links at dest.' },
    local_follow: { type: 'bool', default: true, description: 'Follow links in src.' },
    checksum: { type: 'str', description: 'Expected SHA1 of the source.' },
    validate: { type: 'str', description: 'A command to validate the file before it is used (%s is the file).' },
    decrypt: { type: 'bool', default: true, action: true, description: 'Decrypt vaulted sources.' },
    _original_basename: { type: 'str', description: 'The source file name (set by the copy and template actions).' },
  },
  // ActionModule.run (action/copy.py at stable-2.14), before the copy module sees the arguments
  actionChecks: (raw) => {
    const source = raw.get('src');
    const content = raw.get('content');
    const dest = raw.get('dest');
    const empty = (v: unknown): boolean => v === undefined || v === null || v === '';
    if (empty(source) && (content === undefined || content === null)) return 'src (or content) is required';
    if (empty(dest)) return 'dest is required';
    if (!empty(source) && content !== undefined && content !== null) return 'src and content are mutually exclusive';
    if (content !== undefined && content !== null && String(dest).endsWith('/'))
      return 'can not use content with a dir as dest';
    return undefined;
  },
  run: async (a, ctx) => {
    if (a.src === undefined && a.content === undefined)
      return { changed: false, failed: true, msg: 'src (or content) is required' };
    if (a.src !== undefined && a.content !== undefined)
      return { changed: false, failed: true, msg: 'src and content are mutually exclusive' };
    const dest = String(a.dest);
    if (a.content !== undefined) {
      const dirRefused = 'can not use content with a dir as dest';
      if (dest.endsWith('/')) return { changed: false, failed: true, msg: dirRefused };
      // The copy action writes a dict or list as JSON, anything else as Python's str().
      const text =
        typeof a.content === 'string'
          ? a.content
          : a.content instanceof Map || Array.isArray(a.content)
            ? pyJsonDumps(a.content)
            : pyStr(a.content);
      return writeContent(
        {
          dest,
          content: Buffer.from(text),
          ...writeOptions(a),
          fromContent: true,
          dirMessage: dirRefused,
        },
        ctx,
      );
    }
    const src = String(a.src);
    if (a.remote_src) {
      const st = await ctx.conn.stat(src, true);
      if (!st.exists) return { changed: false, failed: true, msg: `Source ${src} not found` };
      if (st.isDir) return copyRemoteDir(src, dest, a, ctx);
      return writeContent(
        {
          ...(await destFor(dest, src, ctx)),
          content: await ctx.conn.readFile(src),
          ...writeOptions(a),
          sourceMode: st.mode,
          src,
        },
        ctx,
      );
    }
    const local = ctx.findFile(src.replace(/\/$/, ''), 'files');
    if (!local) return ctx.notFound(src.replace(/\/$/, ''), 'files');
    if (statSync(local).isDirectory()) return copyTree(a, local, dest, ctx);
    return writeContent(
      {
        ...(await destFor(dest, src, ctx)),
        content: ctx.readLocal(local),
        ...writeOptions(a),
        sourceMode: statSync(local).mode & 0o7777,
        src: local,
        uploaded: true,
      },
      ctx,
    );
  },
});
