// replace: every match of a Python regex in a file (MULTILINE), optionally only between
// `after` and `before` — a port of ansible/modules/replace.py.
import { validateContent, rcFailure } from './support/validate.js';
import { FILE_COMMON_ARGS } from './support/file-args.js';
import { defineModule } from './define.js';
import { compilePython, pySub } from '../template/index.js';
import { backupFile, applyModeNoted } from './support/files.js';

function countMatches(re: RegExp, text: string): number {
  const g = new RegExp(re.source, `${re.flags.replace('g', '')}g`);
  let n = 0;
  for (let m = g.exec(text); m; m = g.exec(text)) {
    n++;
    if (m[0] === '') g.lastIndex++;
  }
  return n;
}

export default defineModule({
  name: 'replace',
  collection: 'ansible.builtin',
  description: 'Replaces every match of a regular expression in a file',
  checkMode: 'supported',
  args: {
    ...FILE_COMMON_ARGS,
    path: { type: 'path', required: true, aliases: ['dest', 'destfile', 'name'], description: 'The file.' },
    regexp: { type: 'str', required: true, description: 'Python regex (MULTILINE).' },
    replace: { type: 'str', default: '', description: 'The replacement, with \\1 and \\g<name> backreferences.' },
    after: { type: 'str', description: 'Only replace after the first match of this regex.' },
    before: { type: 'str', description: 'Only replace before the first match of this regex.' },
    backup: { type: 'bool', default: false, description: 'Keep a timestamped copy.' },
    validate: { type: 'str', description: 'A command to validate the file first.' },
    encoding: { type: 'str', default: 'utf-8', description: 'The file encoding.' },
  },
  run: async (a, ctx) => {
    const path = String(a.path);
    const st = await ctx.conn.stat(path, true);
    if (st.isDir) return { changed: false, failed: true, msg: `Path ${path} is a directory !`, data: { rc: 256 } };
    if (!st.exists) return { changed: false, failed: true, msg: `Path ${path} does not exist !`, data: { rc: 257 } };
    const contents = (await ctx.conn.readFile(path)).toString('utf8');
    const after = a.after as string | undefined;
    const before = a.before as string | undefined;
    const pattern =
      after && before
        ? `${after}(?P<subsection>.*?)${before}`
        : after
          ? `${after}(?P<subsection>.*)`
          : before
            ? `(?P<subsection>.*)${before}`
            : '';
    let start = 0;
    let end = contents.length;
    if (pattern) {
      const section = compilePython(pattern, 's').re;
      const m = new RegExp(section.source, `${section.flags}d`).exec(contents);
      const span = m?.indices?.groups?.subsection;
      if (!span)
        return {
          changed: false,
          msg: `Pattern for before/after params did not match the given file: ${pattern}`,
          data: { rc: 0 },
        };
      [start, end] = span;
    }
    const section = contents.slice(start, end);
    const rx = compilePython(String(a.regexp), 'm');
    const n = countMatches(rx.re, section);
    const replaced = pySub(rx, String(a.replace), section);
    const changed = n > 0 && replaced !== section;
    const result = contents.slice(0, start) + replaced + contents.slice(end);
    let backup: string | undefined;
    if (changed && !ctx.checkMode) {
      await validateContent(ctx, a.validate, result, rcFailure);
      if (a.backup) backup = await backupFile(ctx.conn, path);
      await ctx.conn.writeFileAtomic(path, result, st.mode);
    }
    const noted = await applyModeNoted(
      ctx.conn,
      path,
      a.mode,
      ctx.checkMode,
      changed,
      changed ? `${n} replacements made` : '',
    );
    return {
      changed: noted.changed,
      msg: noted.msg,
      ...(ctx.diff && changed
        ? { diff: { before_header: path, before: contents, after_header: path, after: result } }
        : {}),
      data: { rc: 0, ...(backup ? { backup_file: backup } : {}) },
    };
  },
});
