// gather_facts: the action that runs the fact modules (FACTS_MODULES: setup on a host reached by
// SSH) and tells the executor facts were gathered (plugins/action/gather_facts.py); the play's
// implicit "Gathering Facts" task is this action. Its arguments are setup's, plus `parallel`,
// which matters only with several fact modules (runbook has the one).
import { defineModule, type Module } from './define.js';
import { SETUP_ARGS, gatherFacts } from './setup.js';

const gatherFactsAction: Module = defineModule({
  name: 'gather_facts',
  collection: 'ansible.builtin',
  description: 'Gathers facts about the host (runs setup)',
  checkMode: 'supported',
  args: {
    ...SETUP_ARGS,
    parallel: { type: 'bool', description: 'Run several fact modules at once (one here).' },
  },
  run: async (a, ctx) => {
    const r = await gatherFacts(a, ctx);
    // "tell executor facts were gathered": only this action says it, an explicit setup does not
    r.facts?.set('_ansible_facts_gathered', true);
    return r;
  },
});
export default gatherFactsAction;
