// dpkg_selections: a package's dpkg selection (ansible/modules/dpkg_selections.py at
// stable-2.14): `dpkg --get-selections NAME` for the one it has ('not present' where dpkg names
// none), `dpkg --set-selections` with "NAME SELECTION" on stdin where it differs; before and
// after in the result, check mode reporting only.
import { defineModule, type ModuleContext, type ModuleResult } from './define.js';
import { shellQuote as q } from '../util/index.js';
import { binPath, run, type RunResult } from './support/host-run.js';

/** run_command(check_rc=True)'s failure: stderr as the message, the command and its output. */
function checkRc(argv: string[], r: RunResult): ModuleResult {
  return {
    changed: false,
    failed: true,
    msg: r.err.trimEnd(),
    data: { cmd: argv.map(q).join(' '), rc: r.rc, stdout: r.out, stderr: r.err },
  };
}

async function dpkg(ctx: ModuleContext, argv: string[], stdin?: string): Promise<RunResult> {
  return run(ctx, argv.map(q).join(' '), stdin !== undefined ? { stdin } : {});
}

export default defineModule({
  name: 'dpkg_selections',
  collection: 'ansible.builtin',
  description: 'Dpkg package selection selections',
  checkMode: 'supported',
  args: {
    name: { type: 'str', required: true, description: 'The package.' },
    selection: {
      type: 'str',
      required: true,
      choices: ['install', 'hold', 'deinstall', 'purge'],
      description: 'The selection to set.',
    },
  },
  async run(a, ctx): Promise<ModuleResult> {
    const bin = await binPath(ctx, 'dpkg');
    if ('missing' in bin) return { changed: false, failed: true, msg: bin.missing };
    const name = String(a.name);
    const selection = String(a.selection);
    const get = [bin.path, '--get-selections', name];
    const now = await dpkg(ctx, get);
    if (now.rc !== 0) return checkRc(get, now);
    // out.split()[1]: the selection dpkg lists after the name
    const current = now.out.trim() === '' ? 'not present' : (now.out.trim().split(/\s+/)[1] ?? '');
    const changed = current !== selection;
    if (ctx.checkMode || !changed) return { changed, data: { before: current, after: selection } };
    const set = [bin.path, '--set-selections'];
    const done = await dpkg(ctx, set, `${name} ${selection}`);
    if (done.rc !== 0) return checkRc(set, done);
    return { changed, data: { before: current, after: selection } };
  },
});
