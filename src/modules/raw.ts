// raw: a command line sent as it is, through the shell; always changed.
import { defineModule } from './define.js';
import { pySplitLines } from '../util/index.js';

export default defineModule({
  name: 'raw',
  collection: 'ansible.builtin',
  description: 'Runs a command line as it is',
  checkMode: 'skip',
  checkModeName: null,
  freeForm: true,
  args: {
    _raw_params: { type: 'str', required: true, description: 'The command line.' },
    executable: { type: 'path', description: 'The shell to use.' },
  },
  run: async (a, ctx) => {
    const r = a.executable
      ? await ctx.conn.execArgv([String(a.executable), '-c', String(a._raw_params)], { env: ctx.env })
      : await ctx.conn.exec(String(a._raw_params), { env: ctx.env });
    const data = {
      rc: r.exitCode,
      stdout: r.stdout,
      stdout_lines: pySplitLines(r.stdout),
      stderr: r.stderr,
      stderr_lines: pySplitLines(r.stderr),
    };
    return { changed: true, ...(r.exitCode !== 0 ? { failed: true, msg: 'non-zero return code' } : {}), data };
  },
});
