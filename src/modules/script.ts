// script: copies a controller script to the host and runs it; creates/removes as command.
import { randomBytes } from 'node:crypto';
import { NO_TRACEBACK, actionFail, defineModule } from './define.js';
import { pySplitLines, splitShellWords, shellQuote } from '../util/index.js';

export default defineModule({
  name: 'script',
  collection: 'ansible.builtin',
  description: 'Runs a controller script on the host',
  checkMode: 'supported',
  freeForm: true,
  args: {
    _raw_params: { type: 'str', description: 'The script and its arguments.' },
    cmd: { type: 'str', description: 'The script and its arguments.' },
    creates: { type: 'path', description: 'Skip when this path exists.' },
    removes: { type: 'path', description: 'Run only when this path exists.' },
    chdir: { type: 'path', description: 'Change into this directory first.' },
    executable: { type: 'str', description: 'The interpreter.' },
  },
  run: async (a, ctx) => {
    const [script = '', ...args] = splitShellWords(String(a._raw_params ?? a.cmd ?? ''));
    // The script action reports a creates/removes hit as skipped (unlike command).
    if (a.creates && (await ctx.conn.stat(String(a.creates), true)).exists)
      return { changed: false, skipped: true, msg: `${String(a.creates)} exists, matching creates option` };
    if (a.removes && !(await ctx.conn.stat(String(a.removes), true)).exists)
      return { changed: false, skipped: true, msg: `${String(a.removes)} does not exist, matching removes option` };
    // chdir must be absolute: a relative one would depend on the remote user's config
    const chdir = a.chdir ? String(a.chdir) : undefined;
    if (chdir && !chdir.startsWith('/'))
      actionFail(`chdir ${chdir} must be an absolute path for a Unix-aware remote node`);
    const local = ctx.findFile(script, 'files');
    if (!local) return ctx.notFound(script, 'files');
    // check mode: with creates/removes the change would happen; otherwise skipped, not guessed
    if (ctx.checkMode)
      return a.creates || a.removes
        ? { changed: true }
        : { changed: false, skipped: true, msg: 'Check mode is not supported for this task.' };
    const tmp = `/tmp/.runbook-script-${randomBytes(8).toString('hex')}`;
    await ctx.conn.writeFileAtomic(tmp, ctx.readLocal(local), 0o700);
    try {
      const line = [a.executable ? String(a.executable) : '', shellQuote(tmp), ...args.map(shellQuote)]
        .filter(Boolean)
        .join(' ');
      // _low_level_execute_command(chdir=…): `cd <dir> && <command>`, the shell's own message when it cannot
      const r = await ctx.conn.exec(chdir ? `cd ${shellQuote(chdir)} && ${line}` : line, { env: ctx.env });
      const data = {
        rc: r.exitCode,
        stdout: r.stdout,
        stdout_lines: pySplitLines(r.stdout),
        stderr: r.stderr,
        stderr_lines: pySplitLines(r.stderr),
      };
      // a non-zero rc is raised as AnsibleActionFail: the result keeps changed, rc and the output
      if (r.exitCode !== 0)
        return { changed: true, failed: true, msg: 'non-zero return code', data: { ...data, exception: NO_TRACEBACK } };
      return { changed: true, data };
    } finally {
      await ctx.conn.remove(tmp, false);
    }
  },
});
