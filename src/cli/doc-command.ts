// `runbook doc [-l] [-j] [MODULE ...]`: the modules runbook has, as ansible-doc 2.14 shows a
// module (cli/doc.py: the "> NAME (file)" header, the description, "OPTIONS (= is mandatory):"
// with each option's description, default, type, choices and aliases), from the registry that
// also makes docs/MODULES.md. -j prints ansible-doc -j's shape ({fqcn: {doc: {options …}}}).
import { MODULES, findModule, type Module } from '../modules/index.js';
import { pyJsonDumps } from '../template/index.js';
import { RunbookError, didYouMean } from '../util/index.js';
import { HELP, formatHelp, parseFlags, wrap, type Command, type Flag } from './flags.js';
import type { Io } from './main.js';

const FLAGS = [
  HELP,
  { name: 'json', short: 'j', type: 'boolean', help: 'Change output into json format.' },
  { name: 'list', short: 'l', type: 'boolean', help: 'List available plugins.' },
  { name: 'type', short: 't', type: 'string', help: 'Choose which plugin type (runbook has modules only).' },
] as const satisfies readonly Flag[];

export const DOC: Command & { readonly flags: typeof FLAGS } = {
  prog: 'runbook doc',
  usage: 'runbook doc [-h] [-l] [-j] [-t module] [module ...]',
  description:
    'The modules runbook implements, documented as ansible-doc 2.14 shows them.\n\npositional arguments:\n  module                Module name (short, or fully qualified as ansible.builtin.copy)',
  flags: FLAGS,
};

function fqcn(m: Module): string {
  return `${m.collection}.${m.name}`;
}

/** ansible-doc -j's options: type, required, default, choices, aliases, description (a list of lines). */
function optionsOf(m: Module): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [name, def] of Object.entries(m.args).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (name.startsWith('_')) continue;
    const o = new Map<string, unknown>([
      ['description', [def.description]],
      ['type', def.type],
    ]);
    if (def.required) o.set('required', true);
    if (def.default !== undefined) o.set('default', def.default);
    if (def.choices) o.set('choices', [...def.choices]);
    if (def.aliases?.length) o.set('aliases', [...def.aliases]);
    if (def.elements) o.set('elements', def.elements);
    if (def.noLog) o.set('no_log', true);
    out.set(name, o);
  }
  return out;
}

function text(m: Module): string {
  const indent = (s: string, n: number): string[] => wrap(s, 70 - n).map((l) => `${' '.repeat(n)}${l}`);
  const lines = [
    `> ${fqcn(m).toUpperCase()}    (runbook: src/modules/${m.name}.ts)`,
    '',
    ...indent(m.description, 8),
    '',
  ];
  const options = Object.entries(m.args).filter(([n]) => !n.startsWith('_'));
  if (options.length) {
    lines.push('OPTIONS (= is mandatory):', '');
    for (const [name, def] of options.sort(([a], [b]) => (a < b ? -1 : 1))) {
      lines.push(`${def.required ? '=' : '-'} ${name}`, ...indent(def.description, 8));
      if (def.aliases?.length) lines.push(`        aliases: [${def.aliases.join(', ')}]`);
      if (def.choices) lines.push(`        choices: [${def.choices.map(String).join(', ')}]`);
      if (def.default !== undefined)
        lines.push(`        default: ${typeof def.default === 'string' ? def.default : JSON.stringify(def.default)}`);
      if (def.elements) lines.push(`        elements: ${def.elements}`);
      lines.push(`        type: ${def.type}`, '');
    }
  }
  lines.push(
    'ATTRIBUTES:',
    '',
    `        check_mode:`,
    `          support: ${m.checkMode === 'supported' ? 'full' : 'none'}`,
  );
  return lines.join('\n');
}

export function runDocCommand(argv: string[], io: Io): number {
  const { values: flags, positionals } = parseFlags(DOC, argv);
  if (flags.help) {
    io.out(formatHelp(DOC));
    return 0;
  }
  if (flags.type !== undefined && flags.type !== 'module')
    throw new RunbookError(`runbook documents modules only, not ${flags.type} plugins`, undefined, { exitCode: 5 });
  if (flags.list) {
    const all = [...MODULES].sort((a, b) => (fqcn(a) < fqcn(b) ? -1 : 1));
    if (flags.json)
      io.out(pyJsonDumps(new Map(all.map((m) => [fqcn(m), m.description])), { indent: 4, sortKeys: true }));
    else {
      const width = Math.max(...all.map((m) => fqcn(m).length));
      for (const m of all) io.out(`${fqcn(m).padEnd(width)} ${m.description}`);
    }
    return 0;
  }
  if (!positionals.length) throw new RunbookError('Incorrect options passed', undefined, { exitCode: 5 });
  const found: Module[] = [];
  for (const name of positionals) {
    const m = findModule(name);
    if (!m) {
      const hint = didYouMean(
        name.replace(/^[\w]+\.[\w]+\./, ''),
        MODULES.map((x) => x.name),
      );
      throw new RunbookError(
        `module ${name} not found in runbook's modules (runbook doc -l lists them)${hint ? `; ${hint}` : ''}`,
        undefined,
        { exitCode: 1 },
      );
    }
    found.push(m);
  }
  if (flags.json) {
    const out = new Map(
      found.map((m) => [
        fqcn(m),
        new Map([
          [
            'doc',
            new Map<string, unknown>([
              ['collection', m.collection],
              ['module', m.name],
              ['short_description', m.description],
              ['options', optionsOf(m)],
            ]),
          ],
        ]),
      ]),
    );
    io.out(pyJsonDumps(out, { indent: 4, sortKeys: true }));
  } else io.out(found.map(text).join('\n\n'));
  return 0;
}
