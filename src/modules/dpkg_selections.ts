// dpkg_selections: a package's dpkg selection (ansible/modules/dpkg_selections.py at
// stable-2.14): `dpkg --get-selections NAME` for the one it has ('not present' where dpkg names
// none), `dpkg --set-selections` with "NAME SELECTION" on stdin where it differs; before and
// after in the result, check mode reporting only.
import { defineModule, type ModuleResult } from './define.js';
import { binPath, runChecked } from './support/host-run.js';

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
    const now = await runChecked(ctx, [bin.path, '--get-selections', name]);
    // out.split()[1]: the selection dpkg lists after the name
    const current = now.out.trim() === '' ? 'not present' : (now.out.trim().split(/\s+/)[1] ?? '');
    const changed = current !== selection;
    if (ctx.checkMode || !changed) return { changed, data: { before: current, after: selection } };
    await runChecked(ctx, [bin.path, '--set-selections'], `${name} ${selection}`);
    return { changed, data: { before: current, after: selection } };
  },
});
