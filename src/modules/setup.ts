// setup: gathers facts with one short shell program (no Python needed on the target) and returns
// them as ansible_facts; the executor also injects them as ansible_* variables.
import { defineModule, type Module, type ModuleContext, type ModuleResult } from './define.js';
import type { ArgSpec } from './args.js';
import { factsProgram, localFactsOf, parseFacts, filterFacts, probeAnswers, resultKey } from './support/facts.js';
import { BadSubset, selectedCollectors } from './support/fact-subsets.js';
import { rememberedProbes, rememberProbes } from './support/probe-cache.js';

export const SETUP_ARGS: ArgSpec = {
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
};

/** What setup returns: the facts, ansible_-prefixed, as its registered result and the fact cache have them. */
export async function gatherFacts(a: Record<string, unknown>, ctx: ModuleContext): Promise<ModuleResult> {
  // The program runs in the kept shell itself (a `timeout` and an `sh -c` fewer: ~11 of ~24 ms
  // of the host's CPU per run); with the play's environment, in a subshell that has it, so
  // ansible_env shows it as setup run under it does. gather_timeout bounds no part of it: on
  // Linux Ansible applies it to the mount facts only (facts/hardware/linux.py, get_mount_facts,
  // a thread per mount for statvfs), which runbook reads in the same program without a process
  // per mount; the task's `timeout` bounds the whole, as for any module.
  // a subset setup does not know fails it before anything is gathered (get_collector_names)
  let collectors: Set<string>;
  try {
    collectors = selectedCollectors(a.gather_subset as string[]);
  } catch (e) {
    if (e instanceof BadSubset) return { changed: false, failed: true, msg: e.message };
    throw e;
  }
  const known = rememberedProbes(ctx.host);
  const r = await ctx.conn.exec(factsProgram(known, a.fact_path as string, collectors), {
    inShell: true,
    env: ctx.env,
  });
  rememberProbes(ctx.host, probeAnswers(r.stdout));
  const gathered = parseFacts(r.stdout, known);
  // CollectorMetaDataCollector's facts: the subsets asked for and module_setup, filtered as the others
  gathered.set('gather_subset', a.gather_subset).set('module_setup', true);
  const facts = filterFacts(gathered, a.filter as string[], collectors);
  const prefixed = new Map([...facts].map(([k, v]) => [resultKey(k), v]));
  // interpreter discovery ran for setup too: its fact comes with the others
  const python = (gathered.get('python') as Map<string, unknown> | undefined)?.get('executable');
  if (ctx.interpreterDiscovered && typeof python === 'string') prefixed.set('discovered_interpreter_python', python);
  // the local facts' warnings (module.warn), when that collector ran
  const warnings = collectors.has('local') ? localFactsOf(r.stdout).warnings : [];
  return {
    changed: false,
    facts: prefixed,
    factKind: 'facts',
    data: { ansible_facts: prefixed, ...(warnings.length ? { warnings } : {}) },
  };
}

const setup: Module = defineModule({
  name: 'setup',
  collection: 'ansible.builtin',
  description: 'Gathers facts about the host',
  checkMode: 'supported',
  args: SETUP_ARGS,
  run: gatherFacts,
});
export default setup;
