// include_vars: loads variables from a YAML/JSON file on the controller, with include_vars
// precedence (above play and task vars, below set_fact... as Ansible orders them).
import { defineModule } from './define.js';

export default defineModule({
  name: 'include_vars',
  collection: 'ansible.builtin',
  description: 'Loads variables from a file',
  checkMode: 'supported',
  freeForm: true,
  args: {
    _raw_params: { type: 'str', description: 'The file (free form).' },
    file: { type: 'str', description: 'The file to load.' },
    name: { type: 'str', description: 'Put the variables under this one name.' },
  },
  run: async (a, ctx) => {
    const name = String(a.file ?? a._raw_params ?? '');
    const path = ctx.findFile(name, 'vars');
    if (!path) {
      // include_vars' own result: its message under `message`, and no exception (action/include_vars.py)
      const { msg } = ctx.notFound(name, 'vars');
      const data = { ansible_facts: new Map(), ansible_included_var_files: [], message: msg };
      return { changed: false, failed: true, data };
    }
    const loaded = new Map([...ctx.loadVars(path)].map(([k, v]) => [String(k), v]));
    const facts = a.name ? new Map<string, unknown>([[String(a.name), loaded]]) : loaded;
    return {
      changed: false,
      facts,
      factKind: 'include_vars',
      data: { ansible_facts: facts, ansible_included_var_files: [path] },
    };
  },
});
