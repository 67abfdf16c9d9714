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
    const path = ctx.findFile(name, 'files') ?? ctx.findFile(`vars/${name}`, 'files');
    if (!path) return { changed: false, failed: true, msg: `Could not find or access '${name}'` };
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
