// slurp: a file's content from the host, base64-encoded.
import { defineModule } from './define.js';
import { pyStrRepr } from '../util/index.js';

export default defineModule({
  name: 'slurp',
  collection: 'ansible.builtin',
  description: 'Reads a file from the host as base64',
  checkMode: 'supported',
  args: { src: { type: 'path', required: true, aliases: ['path'], description: 'The file to read.' } },
  run: async (a, ctx) => {
    const src = String(a.src);
    // slurp.py opens the file and words the OSError by its errno; no stat first (a path the
    // user cannot reach is "not readable", not "not found")
    let content: Buffer;
    try {
      content = await ctx.conn.readFile(src);
    } catch (e) {
      return { changed: false, failed: true, msg: openError(e as NodeJS.ErrnoException, src) };
    }
    return { changed: false, data: { content: content.toString('base64'), encoding: 'base64', source: src } };
  },
});

/** slurp.py's message for open()'s error: by errno, from the local error code or the shell's words. */
function openError(err: NodeJS.ErrnoException, src: string): string {
  const is = (code: string, words: RegExp): boolean => err.code === code || words.test(err.message);
  if (is('ENOENT', /No such file/)) return `file not found: ${src}`;
  if (is('EACCES', /Permission denied/)) return `file is not readable: ${src}`;
  if (is('EISDIR', /Is a directory/)) return `source is a directory and must be a file: ${src}`;
  if (is('ENOTDIR', /Not a directory/)) return `unable to slurp file: [Errno 20] Not a directory: ${pyStrRepr(src)}`;
  return `unable to slurp file: ${err.message}`;
}
