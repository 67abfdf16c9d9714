// tempfile: a new temporary file or directory on the host (ansible/modules/tempfile.py:
// Python's mkstemp/mkdtemp — prefix, 8 random characters, suffix — in `path` or the system's
// temporary directory); always changed; no check mode.
import { defineModule } from './define.js';
import { fileFacts } from './support/files.js';
import { shellQuote } from '../util/index.js';

export default defineModule({
  name: 'tempfile',
  collection: 'ansible.builtin',
  description: 'Creates a temporary file or directory',
  checkMode: 'skip',
  args: {
    state: { type: 'str', default: 'file', choices: ['file', 'directory'], description: 'A file or a directory.' },
    path: { type: 'path', description: 'Where to create it (default: the system temporary directory).' },
    prefix: { type: 'str', default: 'ansible.', description: 'Start of the name.' },
    suffix: { type: 'str', default: '', description: 'End of the name.' },
  },
  run: async (a, ctx) => {
    const dir = a.path === undefined || a.path === null ? '"${TMPDIR:-/tmp}"' : shellQuote(String(a.path));
    const template = shellQuote(`${String(a.prefix)}XXXXXXXX`);
    const cmd = `mktemp ${a.state === 'directory' ? '-d ' : ''}--suffix=${shellQuote(String(a.suffix))} -p ${dir} ${template}`;
    const r = await ctx.conn.exec(cmd);
    if (r.exitCode !== 0)
      return { changed: false, failed: true, msg: r.stderr.trim() || `mktemp exited with ${r.exitCode}` };
    const path = r.stdout.trim();
    return { changed: true, data: { ...(await fileFacts(ctx.conn, path)), path } };
  },
});
