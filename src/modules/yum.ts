// yum (ansible.builtin): the yum action plugin of ansible-core 2.14 (plugins/action/yum.py) — the
// backend from use_backend/use, else from the host's package manager (ansible_facts.pkg_mgr); yum4
// and dnf run the dnf module with the same arguments. runbook has no yum3 backend (the Python 2
// yum API of EL7): such a host is refused by name.
import { defineModule, type ModuleResult } from './define.js';
import { pkgMgr } from './support/pkg-mgr.js';
import dnf from './dnf.js';
import { validateArgs } from './args.js';

const BACKENDS = ['yum', 'yum4', 'dnf'];

export default defineModule({
  name: 'yum',
  argRules: { mutuallyExclusive: [['name', 'list']], requiredOneOf: [['name', 'list', 'update_cache']] },
  collection: 'ansible.builtin',
  description: 'Manages packages with yum (the dnf backend: yum4)',
  checkMode: 'supported',
  args: {
    ...dnf.args,
    use_backend: {
      type: 'str',
      default: 'auto',
      choices: ['auto', 'yum', 'yum4', 'dnf'],
      description: 'The backend: auto (from pkg_mgr), yum4/dnf (dnf), yum (yum3: not in runbook).',
    },
    use: { type: 'str', description: 'Same as use_backend (the package action’s name).' },
  },
  async run(a, ctx): Promise<ModuleResult> {
    const given = (k: string): boolean => a[k] !== undefined && a[k] !== null;
    if (given('use') && a.use_backend !== 'auto')
      return { changed: false, failed: true, msg: "parameters are mutually exclusive: ('use', 'use_backend')" };
    let backend = String(given('use') ? a.use : a.use_backend);
    if (backend === 'auto') backend = await pkgMgr(ctx);
    if (!BACKENDS.includes(backend))
      return {
        changed: false,
        failed: true,
        data: {
          msg: [
            'Could not detect which major revision of yum is in use, which is required to determine module backend.',
            'You should manually specify use_backend to tell the module whether to use the yum (yum3) or dnf (yum4) backend})',
          ],
        },
      };
    if (backend === 'yum')
      return {
        changed: false,
        failed: true,
        msg: 'runbook has no yum3 backend (the Python 2 yum API of EL7); set use_backend: dnf on hosts with dnf',
      };
    const args = new Map(Object.entries(a).filter(([k, v]) => !['use', 'use_backend'].includes(k) && v !== undefined));
    return dnf.run(validateArgs('dnf', dnf.args, args), ctx);
  },
});
