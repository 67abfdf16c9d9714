// fetch: copies a file from the host to the controller, under dest/<host>/<path> unless flat.
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, basename, resolve } from 'node:path';
import { actionFail, defineModule, type ModuleContext } from './define.js';
import { sha1, md5 } from './support/files.js';
import { expandUser, writeFileWhole } from '../util/index.js';

export default defineModule({
  name: 'fetch',
  collection: 'ansible.builtin',
  description: 'Copies a file from the host to the controller',
  // action/fetch.py: AnsibleActionSkip in check mode, before it looks at its arguments
  checkMode: 'skip',
  checkModeSkipMessage: 'check mode not (yet) supported for this module',
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
    const given = expandUser(String(a.dest));
    // fetch.py looks at dest as given (relative to where ansible-playbook runs), before path_dwim
    if (a.flat && !given.endsWith('/') && isDir(given))
      actionFail('dest is an existing directory, use a trailing slash if you want to fetch src into that directory');
    const target = localPath(String(a.dest), Boolean(a.flat), src, ctx);
    const data = await ctx.conn.readFile(src);
    const same = isFile(target) && sha1(readFileSync(target)) === sha1(data);
    if (!same && !ctx.checkMode) {
      // Written beside the target and renamed over it: an interrupted fetch never leaves a
      // half-written backup where a whole one is expected (Ansible writes in place).
      try {
        mkdirSync(dirname(target), { recursive: true });
        if (isDir(target)) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
        writeFileWhole(target, data);
      } catch (err) {
        // open(dest, 'wb') failed: AnsibleActionFail raised in the except, whose traceback's last
        // line is the OSError
        const why = pyOSError(err, target);
        if (!why) throw err;
        actionFail(`Failed to fetch the file: ${why.text}`, { exception: `${why.type}: ${why.text}\n` });
      }
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

function isDir(p: string): boolean {
  return statSync(p, { throwIfNoEntry: false })?.isDirectory() === true;
}

function isFile(p: string): boolean {
  return statSync(p, { throwIfNoEntry: false })?.isFile() === true;
}

// Python's OSError subclasses for what open() meets, with their errno texts (Linux)
const OS_ERRORS: Record<string, [string, number, string]> = {
  EISDIR: ['IsADirectoryError', 21, 'Is a directory'],
  EACCES: ['PermissionError', 13, 'Permission denied'],
  ENOENT: ['FileNotFoundError', 2, 'No such file or directory'],
  ENOTDIR: ['NotADirectoryError', 20, 'Not a directory'],
  EROFS: ['OSError', 30, 'Read-only file system'],
};

/** str() of the OSError Python raises for a Node file error on `path`, and its type. */
function pyOSError(err: unknown, path: string): { type: string; text: string } | undefined {
  const e = OS_ERRORS[(err as { code?: string }).code ?? ''];
  return e ? { type: e[0], text: `[Errno ${e[1]}] ${e[2]}: '${path}'` } : undefined;
}

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
