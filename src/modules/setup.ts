// setup: gathers facts with one short shell program (no Python needed on the target) and returns
// them as ansible_facts; the executor also injects them as ansible_* variables.
import { defineModule } from './define.js';
import { factsProgram, parseFacts, filterFacts, pythonAnswer } from './support/facts.js';
import { knownPython, rememberPython } from './support/python-cache.js';

export default defineModule({
  name: 'setup',
  collection: 'ansible.builtin',
  description: 'Gathers facts about the host',
  checkMode: 'supported',
  args: {
    gather_subset: {
      type: 'list',
      elements: 'str',
      default: ['all'],
      description: 'Subsets of facts (all, min, network, …).',
    },
    filter: {
      type: 'list',
      elements: 'str',
      default: [],
      description: 'Only facts whose names match these shell patterns.',
    },
    gather_timeout: { type: 'int', default: 10, description: 'Seconds before giving up.' },
    fact_path: { type: 'path', default: '/etc/ansible/facts.d', description: 'Local facts directory.' },
  },
  run: async (a, ctx) => {
    // The program runs in the kept shell itself (a `timeout` and an `sh -c` fewer: ~11 of ~24 ms
    // of the host's CPU per run); with the play's environment, in a subshell that has it, so
    // ansible_env shows it as setup run under it does. gather_timeout bounds no part of it: on
    // Linux Ansible applies it to the mount facts only (facts/hardware/linux.py, get_mount_facts),
    // which runbook does not gather; the task's `timeout` bounds the whole, as for any module.
    const known = knownPython(ctx.host);
    const r = await ctx.conn.exec(factsProgram(known?.id), { inShell: true, env: ctx.env });
    const py = pythonAnswer(r.stdout);
    if (py.id && py.ver) rememberPython(ctx.host, { id: py.id, ver: py.ver });
    const facts = filterFacts(parseFacts(r.stdout, known), a.filter as string[], a.gather_subset as string[]);
    // setup answers with the ansible_ prefix, as its registered result and the fact cache have it
    const prefixed = new Map([...facts].map(([k, v]) => [`ansible_${k}`, v]));
    // what setup and the executor add: the subsets asked for, module_setup, facts gathered
    prefixed.set('ansible_gather_subset', a.gather_subset).set('ansible_module_setup', true);
    prefixed.set('_ansible_facts_gathered', true);
    // interpreter discovery ran for setup too: its fact comes with the others
    const python = (facts.get('python') as Map<string, unknown> | undefined)?.get('executable');
    if (ctx.interpreterDiscovered && typeof python === 'string') prefixed.set('discovered_interpreter_python', python);
    return { changed: false, facts: prefixed, factKind: 'facts', data: { ansible_facts: prefixed } };
  },
});
