// fetch: copies a file from the host to the controller, under dest/<host>/<path> unless flat.
import { mkdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join, basename, resolve } from 'node:path';
import { defineModule, type ModuleContext } from './define.js';
import { sha1, md5 } from './support/files.js';
import { expandUser, writeFileWhole } from '../util/index.js';

export default defineModule({
  name: 'fetch',
  collection: 'ansible.builtin',
  description: 'Copies a file from the host to the controller',
  checkMode: 'supported',
  args: {
    src: { type: 'str', required: true, description: 'The file on the host.' },
    dest: {
      type: 'str',
      required: true,
      description: 'A directory on the controller (or the file itself, with flat).',
    },
    flat: { type: 'bool', default: false, description: 'Do not add the host name and path under dest.' },
    fail_on_missing: { type: 'bool', default: true, description: 'Fail when src is missing.' },
    validate_checksum: { type: 'bool', default: true, description: 'Compare checksums after the copy.' },
  },
  run: async (a, ctx) => {
    const src = String(a.src);
    const st = await ctx.conn.stat(src, true);
    if (!st.exists || st.isDir) {
      const msg = st.isDir
        ? 'remote file is a directory, fetch cannot work on directories'
        : 'the remote file does not exist, not transferring, ignored';
      // fetch.py: slurp's failure (file not found) becomes the action's, its message replaced by
      // the one that says "ignored" even where the task fails (fail_on_missing, the default)
      return a.fail_on_missing || st.isDir
        ? { changed: false, failed: true, msg, viaModule: !st.isDir }
        : { changed: false, msg, data: { file: src } };
    }
    const target = localPath(String(a.dest), Boolean(a.flat), src, ctx);
    const data = await ctx.conn.readFile(src);
    const same = existsSync(target) && sha1(readFileSync(target)) === sha1(data);
    if (!same && !ctx.checkMode) {
      // Written beside the target and renamed over it: an interrupted fetch never leaves a
      // half-written backup where a whole one is expected (Ansible writes in place).
      mkdirSync(dirname(target), { recursive: true });
      writeFileWhole(target, data);
    }
    return {
      changed: !same,
      data: {
        checksum: sha1(data),
        dest: target,
        md5sum: md5(data),
        remote_checksum: sha1(data),
        remote_md5sum: null,
        file: src,
      },
    };
  },
});

/**
 * Where the file lands on the controller: dest/<host>/<src>, or dest itself (src's name under a
 * dest ending in /) when flat; a relative dest is the loader's (fetch.py: path_dwim, the play's
 * directory), not the directory runbook started in.
 */
function localPath(given: string, flat: boolean, src: string, ctx: ModuleContext): string {
  const expanded = expandUser(given);
  const dest = ctx.basedir ? resolve(ctx.basedir, expanded) : expanded;
  if (!flat) return join(dest, ctx.host, src);
  return given.endsWith('/') ? join(dest, basename(src)) : dest;
}
