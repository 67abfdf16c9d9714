// add_host: adds a host (and groups) to the in-memory inventory; returned as data for the
// executor (action plugin add_host.py). Runs once, for the first host, as Ansible does.
import { defineModule, raised } from './define.js';

export default defineModule({
  name: 'add_host',
  collection: 'ansible.builtin',
  description: 'Adds a host to the inventory of this run',
  checkMode: 'supported',
  bypassHostLoop: true,
  args: {
    name: { type: 'str', required: true, aliases: ['host', 'hostname'], description: 'The host name.' },
    groups: {
      type: 'list',
      elements: 'str',
      aliases: ['group', 'groupname'],
      default: [],
      description: 'Groups to put it in.',
    },
    key_value: { type: 'raw', description: 'Any other key: a variable of the new host.' },
  },
  // action/add_host.py at stable-2.14: what it raises as AnsibleActionFail before adding anything
  actionChecks: (raw) => {
    const first = (...keys: string[]): unknown => raw.get(keys.find((k) => raw.has(k)) ?? '');
    if (first('name', 'hostname', 'host') == null) return raised('name, host or hostname needs to be provided');
    const groups = first('groupname', 'groups', 'group');
    if (groups && !Array.isArray(groups) && typeof groups !== 'string')
      return raised('Groups must be specified as a list.');
    return undefined;
  },
  run: async (a) => {
    const all = a.__all as Record<string, unknown>;
    // action/add_host.py: host:port names set ansible_ssh_port; only these keys are not host vars
    const [name, port] = splitPort(String(a.name));
    const vars = new Map(Object.entries(all).filter(([k]) => !['name', 'hostname', 'groups', 'groupname'].includes(k)));
    if (port !== undefined) vars.set('ansible_ssh_port', port);
    const groups = [
      ...new Set(
        ((a.groups ?? []) as unknown[])
          .flatMap((g) => String(g).split(','))
          .map((g) => g.trim())
          .filter(Boolean),
      ),
    ];
    return {
      changed: false,
      inventoryChanges: { addHost: { name, groups, vars } },
      data: {
        add_host: new Map<string, unknown>([
          ['host_name', name],
          ['groups', groups],
          ['host_vars', vars],
        ]),
      },
    };
  },
});

/** parse_address without ranges: host:port, [v6]:port, or the name as it is. */
function splitPort(name: string): [string, number | undefined] {
  const m = /^\[([^\]]+)\]:(\d+)$/.exec(name) ?? /^([^:[\]]+):(\d+)$/.exec(name);
  return m ? [m[1] ?? name, Number(m[2])] : [name.replace(/^\[(.*)\]$/, '$1'), undefined];
}
