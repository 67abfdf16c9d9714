// Ansible's add_file_common_args (FILE_COMMON_ARGUMENTS in module_utils/basic.py at stable-2.14):
// the options every file-writing module accepts. runbook refuses the SELinux and chattr ones
// when given, rather than ignore them.
import type { ArgSpec } from '../args.js';

export const FILE_COMMON_ARGS: ArgSpec = {
  mode: { type: 'raw', description: 'The file mode: octal, symbolic, or preserve (copy, template).' },
  owner: { type: 'str', description: 'Owner (applied when running as root).' },
  group: { type: 'str', description: 'Group (applied when running as root).' },
  unsafe_writes: { type: 'bool', default: false, description: 'Accepted for compatibility.' },
  attributes: {
    type: 'str',
    aliases: ['attr'],
    description: 'File attributes (chattr).',
    notApplied: 'file attributes (chattr) are not set',
  },
  selevel: { type: 'str', description: 'SELinux level.', notApplied: 'SELinux contexts are not set' },
  serole: { type: 'str', description: 'SELinux role.', notApplied: 'SELinux contexts are not set' },
  setype: { type: 'str', description: 'SELinux type.', notApplied: 'SELinux contexts are not set' },
  seuser: { type: 'str', description: 'SELinux user.', notApplied: 'SELinux contexts are not set' },
};
