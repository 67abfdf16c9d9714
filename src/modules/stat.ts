// stat: facts about a path (ansible/modules/stat.py): exists, isdir, isreg, islnk, mode,
// size, sha1 checksum (get_checksum), and the rest of the common fields.
import { defineModule } from './define.js';
import { modeString } from './support/mode.js';
import { sha1 } from './support/files.js';

export default defineModule({
  name: 'stat',
  collection: 'ansible.builtin',
  description: 'Reports facts about a file',
  checkMode: 'supported',
  args: {
    path: { type: 'path', required: true, aliases: ['dest', 'name'], description: 'The path to inspect.' },
    follow: { type: 'bool', default: false, description: 'Follow links.' },
    get_checksum: { type: 'bool', default: true, description: 'Compute the checksum of files.' },
    checksum_algorithm: {
      type: 'str',
      default: 'sha1',
      aliases: ['checksum', 'checksum_algo'],
      choices: ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512'],
      description: 'The checksum algorithm.',
    },
    get_mime: {
      type: 'bool',
      default: true,
      aliases: ['mime', 'mime_type', 'mime-type'],
      description: 'Accepted; mime types are not reported.',
    },
    get_attributes: {
      type: 'bool',
      default: true,
      aliases: ['attr', 'attributes'],
      description: 'Accepted; attributes are not reported.',
    },
  },
  run: async (a, ctx) => {
    const path = String(a.path);
    const st = await ctx.conn.stat(path, Boolean(a.follow));
    if (!st.exists) return { changed: false, data: { stat: new Map([['exists', false]]) } };
    const m = st.mode;
    const stat = new Map<string, unknown>([
      ['exists', true],
      ['path', path],
      ['mode', modeString(m)],
      ['isdir', st.isDir],
      ['isreg', st.isFile],
      ['islnk', st.isLink],
      ['size', st.size],
      ['uid', st.uid],
      ['gid', st.gid],
      ['mtime', st.mtime],
      ['readable', true],
      ['writeable', true],
      ['executable', Boolean(m & 0o111)],
      ['xusr', Boolean(m & 0o100)],
      ['rusr', Boolean(m & 0o400)],
      ['wusr', Boolean(m & 0o200)],
      ['xgrp', Boolean(m & 0o010)],
      ['rgrp', Boolean(m & 0o040)],
      ['wgrp', Boolean(m & 0o020)],
      ['xoth', Boolean(m & 0o001)],
      ['roth', Boolean(m & 0o004)],
      ['woth', Boolean(m & 0o002)],
      ['isuid', Boolean(m & 0o4000)],
      ['isgid', Boolean(m & 0o2000)],
    ]);
    if (st.isLink && st.linkTarget !== undefined)
      stat.set('lnk_source', st.linkTarget).set('lnk_target', st.linkTarget);
    if (st.isFile && a.get_checksum) {
      const data = await ctx.conn.readFile(path);
      stat.set(
        'checksum',
        a.checksum_algorithm === 'sha1'
          ? sha1(data)
          : (await import('node:crypto')).createHash(String(a.checksum_algorithm)).update(data).digest('hex'),
      );
    }
    return { changed: false, data: { stat } };
  },
});
