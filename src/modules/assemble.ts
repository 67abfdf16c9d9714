// assemble: one file from a directory of fragments (ansible/modules/assemble.py and the assemble
// action plugin at stable-2.14). remote_src (the default) reads the fragments on the host, in one
// round trip; otherwise they are the controller's (files/ is searched) and the result is the
// copy module's. Either way the file is written as copy writes it (write-content.ts).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { FILE_COMMON_ARGS } from './support/file-args.js';
import { type ModuleContext, type ModuleResult, actionFail, defineModule, raised } from './define.js';
import { writeContent } from './support/write-content.js';
import { rcFailure } from './support/validate.js';
import { compilePythonRegex } from './support/py-regex.js';
import { sha1, md5 } from './support/files.js';
import { PY_SINGLE_ESCAPES, shellQuote } from '../util/index.js';

interface Fragment {
  name: string;
  content: Buffer;
}

/** codecs.escape_decode: Python's backslash escapes in a byte string (no \u: bytes have none). */
function escapeDecode(text: Buffer): Buffer {
  const decoded = text.toString('latin1').replace(/\\(x[0-9a-fA-F]{2}|[0-7]{1,3}|[\s\S])/g, (whole, esc: string) => {
    const simple = esc === '\n' ? '' : PY_SINGLE_ESCAPES[esc];
    if (simple !== undefined) return simple;
    if (esc[0] === 'x') return String.fromCharCode(parseInt(esc.slice(1), 16));
    if (/^[0-7]/.test(esc)) return String.fromCharCode(parseInt(esc, 8) & 0xff);
    return whole;
  });
  return Buffer.from(decoded, 'latin1');
}

/**
 * assemble_from_fragments: the fragments in sorted order, a newline after one that lacks it, the
 * delimiter between them — unescaped again before each use, as the module reassigns it — and a
 * newline after it where it lacks one; the action plugin's copy of the function (controller
 * fragments, `onController`) always adds that newline (its `delimiter[-1] != b'\n'` compares an
 * int with bytes).
 */
export function assembleFragments(
  fragments: Fragment[],
  delimiter: string | undefined,
  regexp: RegExp | undefined,
  ignoreHidden: boolean,
  onController = false,
): Buffer {
  const parts: Buffer[] = [];
  let delim: Buffer | undefined =
    delimiter === undefined || delimiter === null ? undefined : Buffer.from(delimiter, 'utf8');
  let delimitMe = false;
  let addNewline = false;
  for (const f of [...fragments].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (regexp && !regexp.test(f.name)) continue;
    if (ignoreHidden && f.name.startsWith('.')) continue;
    if (addNewline) parts.push(Buffer.from('\n'));
    if (delimitMe && delim?.length) {
      const decoded: Buffer = escapeDecode(delim);
      delim = decoded;
      parts.push(decoded);
      if (onController || decoded[decoded.length - 1] !== 0x0a) parts.push(Buffer.from('\n'));
    }
    parts.push(f.content);
    delimitMe = true;
    addNewline = !f.content.toString('latin1').endsWith('\n');
  }
  return Buffer.concat(parts);
}

/** The regular files (links followed) of a directory on the host, in one round trip. */
async function remoteFragments(ctx: ModuleContext, src: string): Promise<Fragment[] | ModuleResult> {
  const q = shellQuote(src);
  const r = await ctx.conn.exec(
    `[ -e ${q} ] || { echo missing; exit 0; }; [ -d ${q} ] || { echo notdir; exit 0; }; cd -- ${q} || exit 1; echo ok
for f in * .[!.]* ..?*; do [ -f "$f" ] || continue; printf '%s\\n' "$f" | base64 -w0; echo; base64 -w0 < "$f"; echo; done`,
  );
  const lines = r.stdout.split('\n');
  if (lines[0] === 'missing') return { changed: false, failed: true, msg: `Source (${src}) does not exist` };
  if (lines[0] === 'notdir') return { changed: false, failed: true, msg: `Source (${src}) is not a directory` };
  if (r.exitCode !== 0 || lines[0] !== 'ok')
    return { changed: false, failed: true, msg: r.stderr.trim() || `cannot read ${src}` };
  const out: Fragment[] = [];
  for (let i = 1; i + 1 < lines.length; i += 2)
    out.push({
      name: Buffer.from(lines[i] ?? '', 'base64')
        .toString('utf8')
        .replace(/\n$/, ''),
      content: Buffer.from(lines[i + 1] ?? '', 'base64'),
    });
  return out;
}

function localFragments(ctx: ModuleContext, dir: string): Fragment[] {
  return readdirSync(dir)
    .filter((name) => {
      try {
        return statSync(join(dir, name)).isFile();
      } catch {
        return false;
      }
    })
    .map((name) => ({ name, content: ctx.readLocal(join(dir, name)) }));
}

function compile(regexp: unknown): RegExp | undefined | string {
  if (regexp === undefined || regexp === null) return undefined;
  try {
    return compilePythonRegex(String(regexp));
  } catch (e) {
    return `Invalid Regexp (${(e as Error).message}) in "${String(regexp)}"`;
  }
}

/** The module's result: the write's, shaped as assemble.py's exit_json (add_path_info on dest). */
function moduleResult(r: ModuleResult, src: string, dest: string, content: Buffer): ModuleResult {
  if (r.failed) return r;
  const { path: _path, dest: _dest, src: _src, checksum: _c, md5sum: _m, ...attributes } = r.data ?? {};
  return {
    changed: r.changed,
    data: { ...attributes, src, dest, checksum: sha1(content), md5sum: md5(content), msg: 'OK' },
  };
}

export default defineModule({
  name: 'assemble',
  collection: 'ansible.builtin',
  description: 'Assembles a file from a directory of fragments',
  checkMode: 'skip',
  checkModeSkipMessage: 'check mode is not supported for this task.',
  args: {
    ...FILE_COMMON_ARGS,
    src: { type: 'path', required: true, description: 'The directory of fragments.' },
    dest: { type: 'path', required: true, description: 'The file to write.' },
    delimiter: { type: 'str', description: 'Written between fragments (backslash escapes decoded).' },
    backup: { type: 'bool', default: false, description: 'Keep a timestamped copy of the old file.' },
    remote_src: { type: 'bool', default: true, description: 'The fragments are on the host (else the controller).' },
    regexp: { type: 'str', description: 'Only fragments whose names match (re.search).' },
    ignore_hidden: { type: 'bool', default: false, description: 'Leave out fragments whose names start with a dot.' },
    validate: { type: 'str', description: 'A command to validate the file before it is used (%s is the file).' },
    decrypt: {
      type: 'bool',
      default: true,
      action: true,
      description: 'Decrypt vaulted fragments (controller fragments).',
    },
    follow: { type: 'bool', default: false, description: 'Follow a link at dest.' },
  },
  // ActionModule.run (action/assemble.py): both are needed before anything else
  actionChecks: (raw) =>
    raw.get('src') === undefined || raw.get('src') === null || raw.get('dest') === undefined || raw.get('dest') === null
      ? raised('src and dest are required')
      : undefined,
  run: async (a, ctx) => {
    const src = String(a.src);
    const dest = String(a.dest);
    // assemble.py's order: the source, then the regexp, then validate's %s
    let fragments: Fragment[];
    if (a.remote_src) {
      const got = await remoteFragments(ctx, src);
      if (!Array.isArray(got)) return got;
      fragments = got;
    } else {
      const local = ctx.findFile(src, 'files');
      if (!local) return ctx.notFound(src, 'files');
      if (!statSync(local).isDirectory()) actionFail(`Source (${local}) is not a directory`);
      fragments = localFragments(ctx, local);
    }
    const re = compile(a.regexp);
    if (typeof re === 'string') return { changed: false, failed: true, msg: re };
    if (a.remote_src && a.validate && !String(a.validate).includes('%s'))
      return { changed: false, failed: true, msg: `validate must contain %s: ${String(a.validate)}` };
    const content = assembleFragments(
      fragments,
      a.delimiter as string | undefined,
      re,
      Boolean(a.ignore_hidden),
      !a.remote_src,
    );
    const r = await writeContent(
      {
        dest,
        content,
        mode: a.mode,
        backup: Boolean(a.backup),
        force: true,
        validate: a.validate,
        src,
        // the module's message; with controller fragments the copy module validates
        ...(a.remote_src ? { validateFailure: rcFailure } : {}),
      },
      ctx,
    );
    return a.remote_src ? moduleResult(r, src, dest, content) : r;
  },
});
