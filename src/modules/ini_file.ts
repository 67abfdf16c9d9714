// ini_file (community.general): sets, adds or removes an option in an INI file section — a port
// of community/general/plugins/modules/ini_file.py; the editing itself is support/ini-edit.ts.
import { dirname } from 'node:path';
import { FILE_COMMON_ARGS } from './support/file-args.js';
import { defineModule, type ModuleResult } from './define.js';
import { applyMode, backupFile, factsOfStat, splitLinesKeepEnds, DEFAULT_FILE_MODE } from './support/files.js';
import { editIni } from './support/ini-edit.js';

type A = Record<string, unknown>;

// io.open(..., encoding='utf-8-sig') with universal newlines: a BOM dropped, \r\n and \r read as \n.
function readLines(buf: Buffer): string[] {
  return splitLinesKeepEnds(
    buf
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .replace(/\r\n?/g, '\n'),
  );
}

function wantedValues(a: A): string[] {
  if (a.value !== undefined && a.value !== null) return [String(a.value)];
  return Array.isArray(a.values) ? a.values.map(String) : [];
}

export default defineModule({
  name: 'ini_file',
  argRules: { mutuallyExclusive: [['value', 'values']] },
  collection: 'community.general',
  description: 'Sets, adds or removes options in INI files',
  checkMode: 'supported',
  args: {
    ...FILE_COMMON_ARGS,
    path: { type: 'path', required: true, aliases: ['dest'], description: 'The INI file.' },
    section: { type: 'str', description: 'Section name; omitted means the options before the first section.' },
    option: { type: 'str', description: 'Option name; omitted with state=absent removes the whole section.' },
    value: { type: 'str', description: 'The value (mutually exclusive with values).' },
    values: { type: 'list', elements: 'str', description: 'Several values for a repeated option.' },
    backup: { type: 'bool', default: false, description: 'Keep a timestamped copy.' },
    state: {
      type: 'str',
      default: 'present',
      choices: ['absent', 'present'],
      description: 'Whether the option should be there.',
    },
    exclusive: { type: 'bool', default: true, description: 'Other values of the option are removed.' },
    no_extra_spaces: { type: 'bool', default: false, description: 'Write option=value without spaces.' },
    allow_no_value: { type: 'bool', default: false, description: 'Allow an option without a value.' },
    create: { type: 'bool', default: true, description: 'Create the file when missing.' },
  },
  async run(a: A, ctx): Promise<ModuleResult> {
    const path = String(a.path);
    if (a.value !== undefined && a.value !== null && a.values !== undefined && a.values !== null) {
      return { changed: false, failed: true, msg: 'parameters are mutually exclusive: value|values' };
    }
    const values = wantedValues(a);
    if (a.state === 'present' && !a.allow_no_value && !values.length) {
      return {
        changed: false,
        failed: true,
        msg: "Parameter 'value(s)' must be defined if state=present and allow_no_value=False.",
      };
    }
    const st = await ctx.conn.stat(path, true);
    if (!st.exists && !a.create)
      return { changed: false, failed: true, msg: `Destination ${path} does not exist!`, data: { rc: 257 } };
    if (!st.exists && !ctx.checkMode) await ctx.conn.mkdir(dirname(path));
    const before = st.exists ? readLines(await ctx.conn.readFile(path)) : [];
    const r = editIni(before, {
      ...(a.section ? { section: String(a.section) } : {}),
      ...(a.option ? { option: String(a.option) } : {}),
      values,
      state: a.state === 'absent' ? 'absent' : 'present',
      exclusive: a.exclusive !== false,
      noExtraSpaces: a.no_extra_spaces === true,
      allowNoValue: a.allow_no_value === true,
    });
    let backup: string | undefined;
    if (r.changed && !ctx.checkMode) {
      if (a.backup && st.exists) backup = await backupFile(ctx.conn, path);
      await ctx.conn.writeFileAtomic(path, r.lines.join(''), st.exists ? st.mode & 0o7777 : DEFAULT_FILE_MODE);
    }
    // set_fs_attributes_if_different runs only outside check mode, and leaves msg alone.
    const modeChanged = !ctx.checkMode && (await applyMode(ctx.conn, path, a.mode, false));
    const diff = {
      before: ctx.diff ? before.join('') : '',
      after: ctx.diff ? r.lines.join('') : '',
      before_header: `${path} (content)`,
      after_header: `${path} (content)`,
    };
    // exit_json's add_path_info: a result naming an existing path carries its attributes
    const after = await ctx.conn.stat(path, true);
    return {
      changed: r.changed || modeChanged,
      msg: r.msg,
      diff,
      data: { ...(after.exists ? factsOfStat(path, after) : {}), path, ...(backup ? { backup_file: backup } : {}) },
    };
  },
});
