// slurp: a file's content from the host, base64-encoded.
import { defineModule } from './define.js';

export default defineModule({
  name: 'slurp',
  collection: 'ansible.builtin',
  description: 'Reads a file from the host as base64',
  checkMode: 'supported',
  args: { src: { type: 'path', required: true, aliases: ['path'], description: 'The file to read.' } },
  run: async (a, ctx) => {
    const src = String(a.src);
    const st = await ctx.conn.stat(src, true);
    if (!st.exists) return { changed: false, failed: true, msg: `file not found: ${src}` };
    if (st.isDir) return { changed: false, failed: true, msg: `source is a directory and must be a file: ${src}` };
    let content: Buffer;
    try {
      content = await ctx.conn.readFile(src);
    } catch (e) {
      // slurp.py's open() errors: EACCES is "not readable"; anything else its strerror
      const err = e as NodeJS.ErrnoException;
      const denied = err.code === 'EACCES' || /Permission denied/.test(err.message);
      return {
        changed: false,
        failed: true,
        msg: denied ? `file is not readable: ${src}` : `unable to slurp file: ${err.message}`,
      };
    }
    return { changed: false, data: { content: content.toString('base64'), encoding: 'base64', source: src } };
  },
});
