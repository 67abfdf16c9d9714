// package: the generic package action — it picks the host's package manager (ansible_facts.pkg_mgr,
// found as the fact collector finds it: support/pkg-mgr.ts) and hands over
// name/state. runbook has zypper (SUSE), apt (Debian) and dnf (Fedora, EL8+); others fail naming themselves.
import { defineModule, type ModuleResult } from './define.js';
import { pkgMgr } from './support/pkg-mgr.js';
import zypper from './zypper.js';
import apt from './apt.js';
import dnf from './dnf.js';
import { validateArgs } from './args.js';

export default defineModule({
  name: 'package',
  collection: 'ansible.builtin',
  description: 'Generic package manager (zypper on SUSE, apt on Debian, dnf on Fedora/EL)',
  checkMode: 'supported',
  args: {
    name: { type: 'list', required: true, description: 'Package names.' },
    state: { type: 'str', required: true, description: 'present, latest or absent.' },
    use: { type: 'str', default: 'auto', description: 'The manager to use.' },
  },
  async run(a, ctx): Promise<ModuleResult> {
    let use = String(a.use);
    if (use === 'auto') use = await pkgMgr(ctx);
    // the package action hands name and state to the manager's module (action/package.py)
    const backend =
      use === 'apt-get' || use === 'apt'
        ? apt
        : use === 'zypper'
          ? zypper
          : use === 'dnf' || use === 'yum4'
            ? dnf
            : undefined;
    if (!backend) return { changed: false, failed: true, msg: `Could not find a module for ${use}.` };
    return backend.run(
      validateArgs(
        backend.name,
        backend.args,
        new Map<string, unknown>([
          ['name', a.name],
          ['state', a.state],
        ]),
      ),
      ctx,
    );
  },
});
