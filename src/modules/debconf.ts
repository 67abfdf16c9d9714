// debconf: one debconf question's answer for a package (ansible/modules/debconf.py at
// stable-2.14): `debconf-show PKG` for the answers now, `debconf-set-selections` (the line on
// its stdin) where the question is new or its value differs — booleans compared as debconf
// writes them (true/false). Unchanged, `current` is every answer of the package.
import { defineModule, type ModuleContext, type ModuleResult } from './define.js';
import { shellQuote as q } from '../util/index.js';
import { binPath } from './support/host-run.js';

/** get_selections: each "[*] key: value" line of debconf-show, the key without its '*'. */
function selections(out: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const line of out.split(/\r?\n/)) {
    if (line === '') continue;
    const at = line.indexOf(':');
    if (at < 0) continue;
    found.set(
      line
        .slice(0, at)
        .trim()
        .replace(/^\*+|\*+$/g, '')
        .trim(),
      line.slice(at + 1).trim(),
    );
  }
  return found;
}

/** set_selection: "pkg question vtype value" on debconf-set-selections' stdin (-u: unseen). */
async function setSelection(
  ctx: ModuleContext,
  line: { pkg: string; question: string; vtype: string; value: string; unseen: boolean },
): Promise<{ rc: number; out: string; err: string }> {
  const found = await binPath(ctx, 'debconf-set-selections');
  if ('missing' in found) return { rc: 1, out: '', err: found.missing };
  const bin = found.path;
  const value =
    line.vtype === 'boolean' && (line.value === 'True' || line.value === 'False')
      ? line.value.toLowerCase()
      : line.value;
  const r = await ctx.conn.exec([bin, ...(line.unseen ? ['-u'] : [])].map(q).join(' '), {
    env: ctx.env,
    stdin: [line.pkg, line.question, line.vtype, value].join(' '),
  });
  return { rc: r.exitCode, out: r.stdout, err: r.stderr };
}

const VTYPES = ['boolean', 'error', 'multiselect', 'note', 'password', 'seen', 'select', 'string', 'text', 'title'];

export default defineModule({
  name: 'debconf',
  argRules: { requiredTogether: [['question', 'vtype', 'value']] },
  collection: 'ansible.builtin',
  description: 'Configure a .deb package',
  checkMode: 'supported',
  args: {
    name: { type: 'str', required: true, aliases: ['pkg'], description: 'The package the question belongs to.' },
    question: { type: 'str', aliases: ['selection', 'setting'], description: 'The debconf question.' },
    vtype: { type: 'str', choices: VTYPES, description: "The question's type." },
    value: { type: 'str', aliases: ['answer'], description: 'The answer.' },
    unseen: { type: 'bool', default: false, description: 'Leave the question unseen (debconf-set-selections -u).' },
  },
  async run(a, ctx): Promise<ModuleResult> {
    const together = ['question', 'vtype', 'value'];
    if (together.some((k) => a[k] != null) && !together.every((k) => a[k] != null))
      return { changed: false, failed: true, msg: `parameters are required together: ${together.join(', ')}` };
    const pkg = String(a.name);
    const show = await binPath(ctx, 'debconf-show');
    if ('missing' in show) return { changed: false, failed: true, msg: show.missing };
    const r = await ctx.conn.exec([show.path, pkg].map(q).join(' '), { env: ctx.env });
    if (r.exitCode !== 0) return { changed: false, failed: true, msg: r.stderr };
    const prev = selections(r.stdout);
    if (a.question == null) return { changed: false, msg: '', data: { current: prev } };
    const question = String(a.question);
    const vtype = String(a.vtype);
    let value = String(a.value);
    const had = prev.get(question);
    let changed = had === undefined;
    if (had !== undefined) {
      const existing = vtype === 'boolean' ? had.toLowerCase() : had;
      if (vtype === 'boolean') value = value.toLowerCase();
      changed = value !== existing;
    }
    if (!changed) return { changed: false, msg: '', data: { current: prev } };
    let msg = '';
    if (!ctx.checkMode) {
      const set = await setSelection(ctx, { pkg, question, vtype, value, unseen: Boolean(a.unseen) });
      if (set.rc !== 0) return { changed: false, failed: true, msg: set.err };
      msg = set.out;
    }
    const current = new Map([[question, value]]);
    // a question debconf did not have: every answer it had, and this one as '' (prev[question] = '')
    const previous = had !== undefined ? new Map([[question, had]]) : new Map([...prev, [question, '']]);
    const diff = ctx.diff ? { before: previous, after: new Map([...previous, ...current]) } : {};
    return { changed: true, msg, data: { current, previous, diff } };
  },
});
