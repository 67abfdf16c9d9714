// set_fact: sets host variables (action plugin set_fact.py). Strings true/false/yes/no become
// booleans, as Ansible does without jinja2_native; names must be valid identifiers (the plugin
// raises AnsibleActionFail otherwise).
import { actionFail, defineModule } from './define.js';
import { isJinja2Native } from '../template/index.js';

const VALID = /^[A-Za-z_][A-Za-z0-9_]*$/;

export default defineModule({
  name: 'set_fact',
  collection: 'ansible.builtin',
  description: 'Sets variables for the host, from here on',
  checkMode: 'supported',
  args: {
    cacheable: { type: 'bool', default: false, description: 'Also store the fact in the fact cache.' },
    key_value: { type: 'raw', description: 'Any other key: the variable to set and its value.' },
  },
  run: async (a) => {
    const facts = new Map<string, unknown>();
    for (const [k, v] of Object.entries(a.__all as Record<string, unknown>)) {
      if (k === 'cacheable') continue;
      if (!VALID.test(k))
        actionFail(
          `The variable name '${k}' is not valid. Variables must start with a letter or underscore character, and contain only letters, numbers and underscores.`,
        );
      // action/set_fact.py: only without DEFAULT_JINJA2_NATIVE (native templating kept the type)
      const boolish = typeof v === 'string' && ['true', 'false', 'yes', 'no'].includes(v.toLowerCase());
      facts.set(k, boolish && !isJinja2Native() ? ['true', 'yes'].includes(v.toLowerCase()) : v);
    }
    if (!facts.size) actionFail('No key/value pairs provided, at least one is required for this action to succeed');
    const factKind = a.cacheable ? 'set_fact_cacheable' : 'set_fact';
    return { changed: false, facts, factKind, data: { ansible_facts: facts } };
  },
});
