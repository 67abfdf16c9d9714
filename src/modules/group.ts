// group: a local group present (with a gid) or absent — ansible/modules/group.py's Linux path:
// groupadd/groupmod/groupdel, the group read back with getent.
import { defineModule, type ModuleResult } from './define.js';
import { getent } from './support/getent.js';
import { runArgv } from './support/host-run.js';

export default defineModule({
  name: 'group',
  argRules: { requiredIf: [['non_unique', true, ['gid']]] },
  collection: 'ansible.builtin',
  description: 'Adds or removes groups',
  checkMode: 'supported',
  args: {
    name: { type: 'str', required: true, description: 'The group.' },
    state: { type: 'str', default: 'present', choices: ['absent', 'present'], description: 'Whether it should exist.' },
    gid: { type: 'int', description: 'Its gid.' },
    system: { type: 'bool', default: false, description: 'A system group (groupadd -r).' },
    local: { type: 'bool', default: false, description: 'Use lgroupadd and friends.' },
    non_unique: { type: 'bool', default: false, description: 'Allow a gid in use (-o).' },
  },
  async run(a, ctx): Promise<ModuleResult> {
    const name = String(a.name);
    const tool = (t: string): string => (a.local ? `l${t}` : t);
    const info = await getent(ctx, 'group', name);
    let rc: number | undefined;
    let err = '';
    if (a.state === 'absent') {
      if (info) {
        if (ctx.checkMode) return { changed: true };
        ({ rc, err } = await runArgv(ctx, [tool('groupdel'), name]));
      }
    } else if (!info) {
      if (ctx.checkMode) return { changed: true };
      const gid = a.gid != null ? ['-g', String(a.gid), ...(a.non_unique ? ['-o'] : [])] : [];
      ({ rc, err } = await runArgv(ctx, [tool('groupadd'), ...gid, ...(a.system ? ['-r'] : []), name]));
    } else if (a.gid != null && Number(info[2]) !== Number(a.gid)) {
      rc = 0;
      if (!ctx.checkMode)
        ({ rc, err } = await runArgv(ctx, [
          tool('groupmod'),
          '-g',
          String(a.gid),
          ...(a.non_unique ? ['-o'] : []),
          name,
        ]));
    }
    if (rc !== undefined && rc !== 0) return { changed: false, failed: true, msg: err, data: { name } };
    const after = await getent(ctx, 'group', name);
    return {
      changed: rc !== undefined,
      data: {
        name,
        state: a.state,
        ...(err ? { stderr: err } : {}),
        ...(after ? { system: a.system, gid: Number(after[2]) } : {}),
      },
    };
  },
});
