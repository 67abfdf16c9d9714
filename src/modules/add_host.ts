// add_host: adds a host (and groups) to the in-memory inventory; returned as data for the
// executor (action plugin add_host.py). Runs once, for the first host, as Ansible does.
import { defineModule } from './define.js';

export default defineModule({
  name: 'add_host',
  collection: 'ansible.builtin',
  description: 'Adds a host to the inventory of this run',
  checkMode: 'supported',
  bypassHostLoop: true,
  args: {
    name: { type: 'str', required: true, aliases: ['host', 'hostname'], description: 'The host name.' },
    groups: { type: 'list', elements: 'str', aliases: ['group', 'groupname'], default: [], description: 'Groups to put it in.' },
    key_value: { type: 'raw', description: 'Any other key: a variable of the new host.' },
  },
  run: async (a) => {
    const all = a.__all as Record<string, unknown>;
    const vars = new Map(Object.entries(all).filter(([k]) => !['name', 'host', 'hostname', 'groups', 'group', 'groupname'].includes(k)));
    const groups = ((a.groups ?? []) as unknown[]).flatMap((g) => String(g).split(',')).map((g) => g.trim()).filter(Boolean);
    return { changed: true, inventoryChanges: { addHost: { name: String(a.name), groups, vars } }, data: { add_host: new Map<string, unknown>([['host_name', a.name], ['groups', groups], ['host_vars', vars]]) } };
  },
});
