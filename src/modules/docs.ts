// docs/MODULES.md, generated from the registry: every module with its arguments, as
// Ansible generates its module docs from DOCUMENTATION.
import { readFileSync } from 'node:fs';
import { MODULES } from './index.js';

/** The options ansible-doc 2.14.18 documents per module (scripts/record-ansible-doc.ts). */
function ansibleOptions(): Record<string, Record<string, { aliases?: string[] }>> {
  const recorded = JSON.parse(readFileSync(new URL('./ansible-doc-options.json', import.meta.url), 'utf8')) as {
    modules: Record<string, Record<string, { aliases?: string[] }>>;
  };
  return recorded.modules;
}

export function modulesTable(): string {
  const lines = [
    '# Modules',
    '',
    'Generated from the module registry (`npx tsx scripts/modules-doc.ts`); `src/modules/docs.test.ts` checks it.',
    "A module of the playbook's or a role's `library/` directory (or ANSIBLE_LIBRARY) runs on the host as",
    "Ansible runs it (a new-style Python module needs `ansible.module_utils` on the host's Python).",
    'Another module ansible-core has that is not listed here is not implemented: runbook warns once',
    'before the run ("[WARNING]: module X (file:line) is not implemented by runbook …") and a host',
    'that runs such a task fails it with "module X is not implemented by runbook (see docs/MODULES.md)";',
    'a task skipped by its `when` (a role for several systems) costs nothing. A name ansible-core',
    'itself would not find is its "couldn\'t resolve module/action" (a misspelling), exit 4.',
    '',
    '| module | names | check mode | what it does |',
    '|---|---|---|---|',
  ];
  for (const m of [...MODULES].sort((a, b) => a.name.localeCompare(b.name))) {
    const names = [
      m.name,
      `${m.collection}.${m.name}`,
      ...(m.collection === 'ansible.builtin' ? [`ansible.legacy.${m.name}`] : []),
    ];
    lines.push(`| \`${m.name}\` | ${names.map((n) => `\`${n}\``).join(', ')} | ${m.checkMode} | ${m.description} |`);
  }
  lines.push('', '## Arguments', '');
  const ansible = ansibleOptions();
  for (const m of [...MODULES].sort((a, b) => a.name.localeCompare(b.name))) {
    lines.push(`### ${m.name}`, '');
    // what a playbook written for Ansible may pass and runbook refuses ("Unsupported parameters")
    // free_form documents the free-form argument, which runbook takes as _raw_params
    const accepted = new Set([
      'free_form',
      'free-form',
      ...Object.entries(m.args).flatMap(([n, d]) => [n, ...(d.aliases ?? [])]),
    ]);
    const refused = Object.entries(ansible[`${m.collection}.${m.name}`] ?? {})
      .filter(([n, d]) => !accepted.has(n) && !(d.aliases ?? []).some((a) => accepted.has(a)))
      .map(([n]) => `\`${n}\``);
    if (refused.length)
      lines.push(`Options ansible-doc 2.14.18 documents that runbook does not accept yet: ${refused.join(', ')}.`, '');
    lines.push('| argument | type | default | description |', '|---|---|---|---|');
    for (const [name, def] of Object.entries(m.args)) {
      const dflt = def.default === undefined ? '' : `\`${JSON.stringify(def.default)}\``;
      lines.push(
        `| \`${name}\`${def.required ? ' (required)' : ''}${def.aliases?.length ? ` (aliases: ${def.aliases.join(', ')})` : ''} | ${def.type} | ${dflt} | ${def.description} |`,
      );
    }
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
}
