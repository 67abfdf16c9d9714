// blockinfile: a marked block of lines, inserted, replaced or removed — a port of
// ansible/modules/blockinfile.py (2.14): markers `# {mark} ANSIBLE MANAGED BLOCK`, the old block
// replaced where it stands, else inserted after the last line matching insertafter (EOF by
// default) or before the last matching insertbefore; an empty block removes the markers too.
import { validateContent, rcFailure } from './support/validate.js';
import { dirname } from 'node:path';
import { FILE_COMMON_ARGS } from './support/file-args.js';
import { defineModule, type ModuleContext, type ModuleResult } from './define.js';
import { backupFile, applyModeNoted, splitLinesKeepEnds, DEFAULT_FILE_MODE } from './support/files.js';
import { compilePythonRegex } from './support/py-regex.js';

type A = Record<string, unknown>;

/** The line index of the last match of `re` (a (?m) pattern is searched in the whole text). */
function matchLine(re: RegExp, original: string, lines: string[], after: boolean): number | undefined {
  const once = new RegExp(re.source, re.flags.replace('g', ''));
  if (!re.multiline) return lines.reduce<number | undefined>((n, line, i) => (once.test(line) ? i : n), undefined);
  const m = once.exec(original);
  return m ? (original.slice(0, after ? m.index + m[0].length : m.index).match(/\n/g) ?? []).length : undefined;
}

/** Where a new block goes when the file has no complete old one (blockinfile.py's n0). */
function insertIndex(a: A, original: string, lines: string[]): number {
  const after = a.insertafter as string | undefined;
  const before = a.insertbefore as string | undefined;
  const pattern =
    after !== undefined && after !== 'EOF' ? after : before !== undefined && before !== 'BOF' ? before : undefined;
  if (pattern === undefined) return before !== undefined ? 0 : lines.length;
  const n = matchLine(compilePythonRegex(pattern), original, lines, after !== undefined);
  if (n === undefined) return lines.length;
  return after !== undefined ? n + 1 : n;
}

function newText(a: A, original: string | undefined): { result: string; blockLines: string[] } {
  const lines = splitLinesKeepEnds(original ?? '');
  const marker = String(a.marker);
  const begin = `${marker.replaceAll('{mark}', String(a.marker_begin))}\n`;
  const end = `${marker.replaceAll('{mark}', String(a.marker_end))}\n`;
  let block = String(a.block ?? '');
  let blockLines: string[] = [];
  if (a.state === 'present' && block) {
    if (!block.endsWith('\n')) block += '\n';
    blockLines = [begin, ...splitLinesKeepEnds(block), end];
  }
  let n0 = lines.lastIndexOf(begin);
  const n1 = lines.lastIndexOf(end);
  if (n0 < 0 || n1 < 0) n0 = insertIndex(a, original ?? '', lines);
  else if (n0 < n1) lines.splice(n0, n1 - n0 + 1);
  else {
    lines.splice(n1, n0 - n1 + 1);
    n0 = n1;
  }
  // blockinfile.py ensures a line separator before the inserted lines.
  if (n0 > 0 && !lines[n0 - 1]!.endsWith('\n')) lines[n0 - 1] += '\n';
  lines.splice(n0, 0, ...blockLines);
  return { result: lines.join(''), blockLines };
}

/** Writes the new text; an existing file keeps its mode (the stat taken before reading it). */
async function write(
  a: A,
  ctx: ModuleContext,
  path: string,
  st: { exists: boolean; mode: number },
  result: string,
): Promise<string> {
  let backup = '';
  if (a.backup && st.exists) backup = await backupFile(ctx.conn, path);
  if (!st.exists) await ctx.conn.mkdir(dirname(path));
  await validateContent(ctx, (a as Record<string, unknown>).validate, result, rcFailure);
  await ctx.conn.writeFileAtomic(path, result, st.exists ? st.mode : DEFAULT_FILE_MODE);
  return backup;
}

/** The early exits of blockinfile.py's main(), before the file is read. */
function refusal(a: A, path: string, st: { exists: boolean; isDir: boolean }): ModuleResult | undefined {
  if (a.insertafter !== undefined && a.insertbefore !== undefined)
    return { changed: false, failed: true, msg: 'parameters are mutually exclusive: insertbefore|insertafter' };
  if (st.isDir) return { changed: false, failed: true, msg: `Path ${path} is a directory !`, data: { rc: 256 } };
  if (!st.exists && !a.create)
    return { changed: false, failed: true, msg: `Path ${path} does not exist !`, data: { rc: 257 } };
  if (a.state === 'absent' && !st.exists) return { changed: false, msg: `File ${path} not present` };
  return undefined;
}

function message(original: string | undefined, result: string, blockLines: string[]): string {
  if (original === result) return '';
  return original === undefined ? 'File created' : blockLines.length ? 'Block inserted' : 'Block removed';
}

async function run(a: A, ctx: ModuleContext): Promise<ModuleResult> {
  const path = String(a.path);
  const st = await ctx.conn.stat(path, true);
  const refused = refusal(a, path, st);
  if (refused) return refused;
  const original = st.exists ? (await ctx.conn.readFile(path)).toString('utf8') : undefined;
  const { result, blockLines } = newText(a, original);
  const changed = original !== result;
  const msg = message(original, result, blockLines);
  const backup = changed && !ctx.checkMode ? await write(a, ctx, path, st, result) : '';
  // blockinfile.py's diff is always there: the content (filled in only under --diff), and
  // check_file_attrs's attributes
  const content = {
    before: ctx.diff && original ? original : '',
    after: ctx.diff ? result : '',
    before_header: `${path} (content)`,
    after_header: `${path} (content)`,
  };
  if (ctx.checkMode && !st.exists) return { changed, msg, diff: content };
  const noted = await applyModeNoted(ctx.conn, path, a.mode, ctx.checkMode, changed, msg);
  return {
    changed: noted.changed,
    msg: noted.msg,
    diff: [content, noted.attributes],
    data: backup ? { backup_file: backup } : {},
  };
}

export default defineModule({
  name: 'blockinfile',
  argRules: { mutuallyExclusive: [['insertbefore', 'insertafter']] },
  collection: 'ansible.builtin',
  description: 'Inserts, updates or removes a block of lines between marker lines',
  checkMode: 'supported',
  args: {
    ...FILE_COMMON_ARGS,
    path: { type: 'path', required: true, aliases: ['dest', 'destfile', 'name'], description: 'The file.' },
    state: {
      type: 'str',
      default: 'present',
      choices: ['absent', 'present'],
      description: 'Whether the block should be there.',
    },
    marker: {
      type: 'str',
      default: '# {mark} ANSIBLE MANAGED BLOCK',
      description: 'The marker line template; {mark} becomes marker_begin or marker_end.',
    },
    block: {
      type: 'str',
      default: '',
      aliases: ['content'],
      description: 'The lines between the markers; empty removes the block.',
    },
    insertafter: { type: 'str', description: 'EOF or a regex: insert after its last match.' },
    insertbefore: { type: 'str', description: 'BOF or a regex: insert before its last match.' },
    create: { type: 'bool', default: false, description: 'Create the file when missing.' },
    backup: { type: 'bool', default: false, description: 'Keep a timestamped copy.' },
    validate: { type: 'str', description: 'A command to validate the file first.' },
    marker_begin: { type: 'str', default: 'BEGIN', description: 'What {mark} becomes in the first marker.' },
    marker_end: { type: 'str', default: 'END', description: 'What {mark} becomes in the last marker.' },
  },
  run,
});
