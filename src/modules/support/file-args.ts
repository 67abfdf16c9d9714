// Ansible's add_file_common_args: the attributes every file-writing module accepts.
import type { ArgSpec } from '../args.js';

export const FILE_COMMON_ARGS: ArgSpec = {
  mode: { type: 'raw', description: 'The file mode: octal, symbolic, or preserve (copy, template).' },
  owner: { type: 'str', description: 'Owner (applied when running as root).' },
  group: { type: 'str', description: 'Group (applied when running as root).' },
  unsafe_writes: { type: 'bool', default: false, description: 'Accepted for compatibility.' },
};
