// lineinfile: ensures one line is present (or absent), a port of ansible/modules/lineinfile.py's
// present()/absent(): regexp replaces the last match, insertafter/insertbefore, backrefs,
// search_string, create, firstmatch, and a missing final newline repaired before appending.
import { validateContent, rcFailure } from './support/validate.js';
import { dirname } from 'node:path';
import { FILE_COMMON_ARGS } from './support/file-args.js';
import { defineModule, type DiffEntry, type ModuleContext, type ModuleResult } from './define.js';
import { backupFile, applyModeNoted, attributesDiff, splitLinesKeepEnds, DEFAULT_FILE_MODE } from './support/files.js';
import { putFile, PUT_INLINE, type KnownFile } from './support/put-file.js';
import { parseMode } from './support/mode.js';
import { askHost } from './support/host-answer.js';
import { shellQuote } from '../util/index.js';
import { compilePythonRegex, expandMatch } from './support/py-regex.js';
import { insertLine } from './support/lineinfile-insert.js';

type A = Record<string, unknown>;

/** The file as lineinfile reads it: one round trip (a second for a file over 64 KiB). */
interface Target {
  isDir: boolean;
  /** Its lines (splitlines(True)); undefined when it does not exist. */
  before?: string[];
  /** The file's mode, owner and size as read, handed to the write (it needs no stat of its own). */
  seen?: KnownFile;
}

async function readTarget(ctx: ModuleContext, path: string): Promise<Target> {
  const f = await askHost(
    ctx.conn,
    'rb_read',
    [
      `d=${shellQuote(path)}`,
      'if [ -d "$d" ]; then echo R:dir; return 0; fi',
      '[ -e "$d" ] || return 0',
      // one stat for the mode, owner and size (the write that follows needs no stat of its own)
      'set -- $(stat -L -c "%a %s %u %g" -- "$d") || return 1; echo "M:$1:$2:$3:$4"',
      `if [ "$2" -gt ${PUT_INLINE} ]; then echo L:1; else printf T:; base64 -w0 < "$d" || return 1; echo; fi`,
    ],
    `read ${path}`,
  );
  if (f.get('R') === 'dir') return { isDir: true };
  const found = f.get('M');
  if (found === undefined) return { isDir: false };
  const [mode = '644', size = '0', uid = '0', gid = '0'] = found.split(':');
  const text = f.has('L') ? await ctx.conn.readFile(path) : Buffer.from(f.get('T') ?? '', 'base64');
  return {
    isDir: false,
    before: splitLinesKeepEnds(text.toString('utf8')),
    seen: { mode: parseInt(mode, 8), size: Number(size), uid: Number(uid), gid: Number(gid) },
  };
}

/** Writes the new lines when they changed (one round trip), and applies the mode as check_file_attrs does. */
async function finish(
  a: A,
  ctx: ModuleContext,
  path: string,
  target: Target,
  after: string[],
  changed: boolean,
  msg: string,
  extra: Record<string, unknown> = {},
): Promise<ModuleResult> {
  const { before } = target;
  const content = Buffer.from(after.join(''));
  const wantMode = a.mode === undefined || a.mode === null ? undefined : a.mode;
  // the mode the file ends with: atomic_move keeps an existing file's, a new one gets the default
  const kept = target.seen?.mode ?? DEFAULT_FILE_MODE;
  const want = wantMode === undefined ? undefined : modeOrUndefined(wantMode, kept);
  let backup = '';
  let noted: { changed: boolean; msg: string; attributes?: DiffEntry } = { changed, msg };
  if (
    changed &&
    !ctx.checkMode &&
    (a.validate || content.length > PUT_INLINE || (wantMode !== undefined && want === undefined))
  ) {
    // validate, large files and a mode that does not parse take the step-by-step path
    if (a.backup && before !== undefined) backup = await backupFile(ctx.conn, path);
    await validateContent(ctx, a.validate, content, rcFailure);
    if (before === undefined) await ctx.conn.mkdir(dirname(path));
    await ctx.conn.writeFileAtomic(path, content, kept);
    noted = await applyModeNoted(ctx.conn, path, wantMode, false, changed, msg);
  } else if (changed && !ctx.checkMode) {
    // the content and the mode in the one trip; check_file_attrs's note when the mode differs from the kept one
    const out = await putFile(ctx.conn, {
      dest: path,
      content,
      ...(want !== undefined ? { mode: want } : {}),
      force: true,
      backup: Boolean(a.backup),
      check: false,
      wantOld: false,
      parent: 'create',
      ...(target.seen ? { seen: target.seen } : {}),
    });
    if (out.kind === 'done' && out.backup) backup = out.backup;
    if (want !== undefined && want !== (kept & 0o7777))
      noted = { changed: true, msg: `${msg} and ownership, perms or SE linux context changed` };
  } else if (wantMode !== undefined && target.seen) {
    noted = await applyModeNoted(ctx.conn, path, wantMode, ctx.checkMode, changed, msg, target.seen.mode);
  }
  // lineinfile.py's diff is always there: the content (filled in only under --diff), and
  // check_file_attrs's attributes (the mode where set_mode_if_different changed it)
  const content_ = {
    before: ctx.diff ? (before ?? []).join('') : '',
    after: ctx.diff ? after.join('') : '',
    before_header: `${path} (content)`,
    after_header: `${path} (content)`,
  };
  // in check mode a file that is not there ends the module before check_file_attrs
  if (ctx.checkMode && before === undefined) return { changed, msg, diff: content_, data: { backup } };
  const attributes =
    noted.attributes ??
    attributesDiff(path, want !== undefined && want !== (kept & 0o7777) ? { before: kept, after: want } : undefined);
  return { changed: noted.changed, msg: noted.msg, diff: [content_, attributes], data: { backup, ...extra } };
}

/** The mode a `mode` argument gives a file of mode `current`; undefined when it does not parse. */
function modeOrUndefined(spec: unknown, current: number): number | undefined {
  try {
    return parseMode(spec, current, false);
  } catch {
    return undefined;
  }
}

async function present(a: A, ctx: ModuleContext, path: string, target: Target): Promise<ModuleResult> {
  if (target.before === undefined && !a.create)
    return { changed: false, failed: true, msg: `Destination ${path} does not exist !`, data: { rc: 257 } };
  const lines = [...(target.before ?? [])];
  const line = String(a.line);
  const re = a.regexp !== undefined ? compilePythonRegex(String(a.regexp)) : undefined;
  let matchIndex = -1;
  let match: RegExpExecArray | null = null;
  lines.forEach((cur, i) => {
    if (a.firstmatch && matchIndex >= 0) return;
    const m = re
      ? re.exec(cur)
      : a.search_string !== undefined && cur.includes(String(a.search_string))
        ? ([cur] as unknown as RegExpExecArray)
        : null;
    if (m) {
      matchIndex = i;
      match = m;
    }
  });
  if (matchIndex >= 0) {
    const newLine = (a.backrefs && match && re ? expandMatch(match, line) : line).replace(/\n?$/, '\n');
    if (lines[matchIndex] === newLine) return finish(a, ctx, path, target, lines, false, '');
    lines[matchIndex] = newLine;
    return finish(a, ctx, path, target, lines, true, 'line replaced');
  }
  if (a.backrefs) return finish(a, ctx, path, target, lines, false, '');
  const [changed, msg] = insertLine(lines, line, a);
  return finish(a, ctx, path, target, lines, changed, msg);
}

async function absent(a: A, ctx: ModuleContext, path: string, target: Target): Promise<ModuleResult> {
  const { before } = target;
  if (before === undefined) return { changed: false, msg: 'file not present' };
  const re = a.regexp !== undefined ? compilePythonRegex(String(a.regexp)) : undefined;
  const found: string[] = [];
  const after = before.filter((cur) => {
    const hit = re
      ? re.test(cur)
      : a.search_string !== undefined
        ? cur.includes(String(a.search_string))
        : cur.replace(/[\r\n]+$/, '') === String(a.line);
    if (hit) found.push(cur);
    return !hit;
  });
  return finish(a, ctx, path, target, after, found.length > 0, found.length ? `${found.length} line(s) removed` : '', {
    found: found.length,
  });
}

export default defineModule({
  name: 'lineinfile',
  argRules: {
    mutuallyExclusive: [
      ['insertbefore', 'insertafter'],
      ['regexp', 'search_string'],
      ['backrefs', 'search_string'],
    ],
  },
  collection: 'ansible.builtin',
  description: 'Ensures a line is in a file, or is not',
  checkMode: 'supported',
  args: {
    ...FILE_COMMON_ARGS,
    path: { type: 'path', required: true, aliases: ['dest', 'destfile', 'name'], description: 'The file.' },
    regexp: { type: 'str', aliases: ['regex'], description: 'Python regex of the line to replace or remove.' },
    search_string: { type: 'str', description: 'A literal string of the line to replace or remove.' },
    state: {
      type: 'str',
      default: 'present',
      choices: ['absent', 'present'],
      description: 'Whether the line should be there.',
    },
    line: { type: 'str', aliases: ['value'], description: 'The line.' },
    backrefs: { type: 'bool', default: false, description: 'Expand regexp groups in line; no match means no change.' },
    insertafter: { type: 'str', description: 'EOF, BOF or a regex to insert after.' },
    insertbefore: { type: 'str', description: 'BOF or a regex to insert before.' },
    create: { type: 'bool', default: false, description: 'Create the file when missing.' },
    backup: { type: 'bool', default: false, description: 'Keep a timestamped copy.' },
    firstmatch: { type: 'bool', default: false, description: 'Use the first match instead of the last.' },
    validate: { type: 'str', description: 'A command to validate the file first.' },
  },
  run: async (a, ctx) => {
    const warning = emptyPatternWarning(a);
    const r = await run(a, ctx);
    return warning ? { ...r, data: { ...r.data, warnings: [warning] } } : r;
  },
});

/** lineinfile.py's warning for an empty regexp or search_string (it matches every line). */
function emptyPatternWarning(a: Record<string, unknown>): string | undefined {
  if (a.regexp !== '' && a.search_string !== '') return undefined;
  const name = a.regexp === '' ? 'regular expression' : 'search string';
  return (
    `The ${name} is an empty string, which will match every line in the file. ` +
    'This may have unintended consequences, such as replacing the last line in the file rather than appending.' +
    (a.regexp === '' ? " If this is desired, use '^' to match every line in the file and avoid this warning." : '')
  );
}

async function run(a: Record<string, unknown>, ctx: ModuleContext): Promise<ModuleResult> {
  const path = String(a.path);
  const target = await readTarget(ctx, path);
  if (target.isDir) return { changed: false, failed: true, msg: `Path ${path} is a directory !`, data: { rc: 256 } };
  if (a.state === 'absent') {
    if (a.regexp === undefined && a.search_string === undefined && a.line === undefined)
      return {
        changed: false,
        failed: true,
        msg: 'one of line, search_string, or regexp is required with state=absent',
      };
    return absent(a, ctx, path, target);
  }
  if (a.line === undefined) return { changed: false, failed: true, msg: 'line is required with state=present' };
  if (a.backrefs && a.regexp === undefined)
    return { changed: false, failed: true, msg: 'regexp is required with backrefs=true' };
  return present(a, ctx, path, target);
}
