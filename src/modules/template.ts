// template: renders a Jinja2 template from templates/ and writes it like copy
// (ansible/plugins/action/template.py): trim_blocks on, trailing newlines kept.
import { FILE_COMMON_ARGS } from './support/file-args.js';
import { defineModule, raised } from './define.js';
import { writeContent, writeOptions } from './support/write-content.js';
import { statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { isTruthy } from '../util/index.js';
import { DEFAULT_DELIMITERS, DELIMITER_OPTIONS, type Delimiters } from '../template/index.js';

// the template action's overrides of Jinja2's environment strings (plugins/action/template.py)
const DELIMITER_ARGS = Object.fromEntries(
  Object.entries(DELIMITER_OPTIONS).map(([arg, key]) => [
    arg,
    { type: 'str', default: DEFAULT_DELIMITERS[key], description: `Jinja2's ${arg}.` } as const,
  ]),
);

function delimitersOf(a: Record<string, unknown>): Partial<Delimiters> {
  return Object.fromEntries(
    Object.entries(DELIMITER_OPTIONS).map(([arg, key]) => [key, String(a[arg] ?? DEFAULT_DELIMITERS[key])]),
  );
}

/**
 * action/template.py: the escaped spellings '\\n', '\\r', '\\r\\n' (a YAML single-quoted '\r\n') are
 * taken for the sequences they spell.
 */
function newlineOf(v: unknown): string {
  const given = String(v);
  const escaped = ['\\n', '\\r', '\\r\\n'].indexOf(given);
  return escaped >= 0 ? (['\n', '\r', '\r\n'][escaped] ?? given) : given;
}

export default defineModule({
  name: 'template',
  runsAs: 'ansible.legacy.copy',
  // the copy action it hands over to checksums the rendered text before the module runs
  argErrorData: (raw, ctx) => {
    const src = raw.get('src');
    const local = typeof src === 'string' ? ctx.findFile(src, 'templates') : undefined;
    if (!local) return {};
    try {
      const text = ctx.renderTemplate(local, {
        src: String(src),
        dest: String(raw.get('dest')),
        trimBlocks: isTruthy(raw.get('trim_blocks') ?? true),
        lstripBlocks: isTruthy(raw.get('lstrip_blocks') ?? false),
        newlineSequence: newlineOf(raw.get('newline_sequence') ?? '\n'),
        delimiters: delimitersOf(Object.fromEntries(raw)),
      });
      return { checksum: createHash('sha1').update(Buffer.from(text)).digest('hex') };
    } catch {
      return {};
    }
  },
  collection: 'ansible.builtin',
  description: 'Renders a Jinja2 template to a file on the host',
  checkMode: 'supported',
  args: {
    ...FILE_COMMON_ARGS,
    src: { type: 'path', required: true, description: 'The template (templates/ is searched).' },
    dest: { type: 'path', required: true, description: 'Where to write the result.' },
    backup: { type: 'bool', default: false, description: 'Keep a timestamped copy of the old file.' },
    force: { type: 'bool', default: true, description: 'Replace a file that differs.' },
    trim_blocks: { type: 'bool', default: true, action: true, description: 'Remove the first newline after a block.' },
    lstrip_blocks: {
      type: 'bool',
      default: false,
      action: true,
      description: 'Strip spaces before a block on its line.',
    },
    newline_sequence: {
      type: 'str',
      action: true,
      default: '\n',
      // the action checks it (actionChecks, after taking '\\r\\n' for '\r\n'), the module never sees it
      description: 'Line ending of the output.',
    },
    validate: { type: 'str', description: 'A command to validate the file first.' },
    ...Object.fromEntries(Object.entries(DELIMITER_ARGS).map(([k, d]) => [k, { ...d, action: true }])),
    // the copy module's options the template action passes on as they are (it runs
    // ansible.legacy.copy): listed with its arguments, not used by a template
    ...Object.fromEntries(
      ['_original_basename', 'checksum', 'content', 'directory_mode', 'local_follow', 'remote_src'].map((k) => [
        k,
        { type: 'raw' as const, description: 'A copy option.', notApplied: 'a template writes its rendered text' },
      ]),
    ),
    follow: { type: 'bool', default: false, description: 'Follow links at dest.' },
    output_encoding: { type: 'str', default: 'utf-8', action: true, description: 'Encoding of the output.' },
  },
  // ActionModule.run's logical validation (action/template.py at stable-2.14), raised as
  // AnsibleActionFail before the template is looked for
  actionChecks: (raw) => {
    const given = (k: string): boolean => raw.get(k) !== undefined && raw.get(k) !== null;
    if (given('state')) return raised("'state' cannot be specified on a template");
    if (!given('src') || !given('dest')) return raised('src and dest are required');
    if (raw.has('newline_sequence') && !['\n', '\r', '\r\n'].includes(newlineOf(raw.get('newline_sequence'))))
      return raised('newline_sequence needs to be one of: \n, \r or \r\n');
    return undefined;
  },
  run: async (a, ctx) => {
    const src = String(a.src);
    const local = ctx.findFile(src, 'templates');
    if (!local) return ctx.notFound(src, 'templates');
    const text = ctx.renderTemplate(local, {
      src,
      dest: String(a.dest),
      trimBlocks: Boolean(a.trim_blocks),
      lstripBlocks: Boolean(a.lstrip_blocks),
      newlineSequence: newlineOf(a.newline_sequence),
      delimiters: delimitersOf(a),
    });
    // a dest that is a directory takes the file under the template's name (decided on the host)
    const name = src.split('/').pop() ?? src;
    const dest = String(a.dest);
    return writeContent(
      {
        ...(dest.endsWith('/') ? { dest: `${dest.replace(/\/$/, '')}/${name}` } : { dest, intoDir: name }),
        content: Buffer.from(text),
        ...writeOptions(a),
        sourceMode: statSync(local).mode & 0o7777,
        src: local,
        uploaded: true,
        rendered: true,
      },
      ctx,
    );
  },
});
