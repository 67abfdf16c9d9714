// group_by: puts the host into groups named from its variables (action plugin group_by.py).
import { defineModule } from './define.js';

export default defineModule({
  name: 'group_by',
  // the action plugin's _VALID_ARGS (action/group_by.py at stable-2.14)
  validArgs: ['key', 'parents'],
  collection: 'ansible.builtin',
  description: 'Groups hosts by a key',
  checkMode: 'supported',
  args: {
    key: { type: 'str', required: true, description: 'The group name.' },
    parents: { type: 'list', elements: 'str', default: ['all'], description: 'Parent groups.' },
  },
  run: async (a) => {
    const key = String(a.key).replace(/[^\w]/g, '_');
    return {
      changed: true,
      inventoryChanges: { groupBy: { groups: [key], parents: (a.parents as string[]).filter((p) => p !== 'all') } },
      data: { add_group: key, parent_groups: a.parents },
    };
  },
});
