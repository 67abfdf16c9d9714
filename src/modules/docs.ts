// docs/MODULES.md, generated from the registry: every module with its arguments, as
// Ansible generates its module docs from DOCUMENTATION.
import { MODULES } from './index.js';

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
  for (const m of [...MODULES].sort((a, b) => a.name.localeCompare(b.name))) {
    lines.push(`### ${m.name}`, '', '| argument | type | default | description |', '|---|---|---|---|');
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
