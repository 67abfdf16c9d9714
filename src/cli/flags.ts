// One table per command drives both its parser and its --help, so every flag a command accepts
// is listed with a line of description (argparse's layout, as Ansible's CLIs print it:
// ansible/cli/arguments/option_helpers.py @ stable-2.14, SortingHelpFormatter).
import { parseArgs } from 'node:util';
import { UsageError } from './usage-error.js';

export interface Flag {
  /** The long name, without dashes: the key of the parsed values. */
  readonly name: string;
  readonly short?: string;
  /** Other long names argparse accepts for it (--inventory-file, --key-file, …). */
  readonly aliases?: readonly string[];
  readonly type: 'string' | 'boolean';
  readonly multiple?: boolean;
  readonly metavar?: string;
  readonly help: string;
  /** The help section ('' for the main options). */
  readonly group?: string;
}

export interface Command {
  /** As the usage line names it: `runbook apply`. */
  readonly prog: string;
  readonly usage: string;
  readonly description: string;
  readonly flags: readonly Flag[];
  /** Section titles and their one-line descriptions, in order. */
  readonly groups?: readonly (readonly [string, string])[];
  /** Text after the options (commands of a command, notes). */
  readonly epilog?: string;
}

/** The parsed values of a command whose flags are declared `as const`. */
export type ValuesOf<T extends readonly Flag[]> = {
  [F in T[number] as F['name']]?: F['type'] extends 'string'
    ? F['multiple'] extends true
      ? string[]
      : string
    : F['multiple'] extends true
      ? boolean[]
      : boolean;
};

/** argv's aliases and unambiguous prefixes of long options turned into the canonical names. */
function canonical(cmd: Command, argv: readonly string[]): string[] {
  const longs = new Map<string, string>();
  for (const f of cmd.flags) for (const n of [f.name, ...(f.aliases ?? [])]) longs.set(n, f.name);
  const out: string[] = [];
  for (const a of argv) {
    if (a === '--') {
      out.push(...argv.slice(argv.indexOf(a)));
      break;
    }
    const m = /^--([A-Za-z0-9_-]+)(=.*)?$/.exec(a);
    if (!m) {
      out.push(a);
      continue;
    }
    const name = m[1]!;
    const exact = longs.get(name);
    // argparse accepts an unambiguous prefix of any long option string
    const hits = exact ? [exact] : [...new Set([...longs].filter(([n]) => n.startsWith(name)).map(([, c]) => c))];
    if (hits.length > 1)
      throw new UsageError(
        `${cmd.prog}: error: ambiguous option: --${name} could match ${hits.map((h) => `--${h}`).join(', ')}`,
        2,
      );
    out.push(hits.length === 1 ? `--${hits[0]!}${m[2] ?? ''}` : a);
  }
  return out;
}

/** Parses argv as argparse would; errors read as argparse's, exit code 2. */
export function parseFlags<T extends readonly Flag[]>(
  cmd: Command & { readonly flags: T },
  argv: readonly string[],
): { values: ValuesOf<T>; positionals: string[] } {
  const options = Object.fromEntries(
    cmd.flags.map((f) => [
      f.name,
      { type: f.type, ...(f.short ? { short: f.short } : {}), ...(f.multiple ? { multiple: true } : {}) },
    ]),
  );
  try {
    const r = parseArgs({ args: canonical(cmd, argv), allowPositionals: true, options, strict: true });
    return { values: r.values as ValuesOf<T>, positionals: r.positionals };
  } catch (err) {
    if (err instanceof UsageError) throw err;
    const msg = (err as Error).message;
    const unknown = /^Unknown option '([^']+)'/.exec(msg);
    const missing = /^Option '(?:-(\w), )?--([\w-]+) <value>' argument missing/.exec(msg);
    const flag = missing ? cmd.flags.find((f) => f.name === missing[2]) : undefined;
    throw new UsageError(
      `${cmd.prog}: error: ${
        unknown
          ? `unrecognized arguments: ${unknown[1] ?? ''}`
          : flag
            ? `argument ${optionStrings(flag).join('/')}: expected one argument`
            : msg
      }`,
      2,
    );
  }
}

function optionStrings(f: Flag): string[] {
  return [...(f.short ? [`-${f.short}`] : []), `--${f.name}`, ...(f.aliases ?? []).map((a) => `--${a}`)];
}

function invocation(f: Flag): string {
  const meta = f.type === 'string' ? ` ${f.metavar ?? f.name.toUpperCase().replace(/-/g, '_')}` : '';
  return optionStrings(f)
    .map((s) => `${s}${meta}`)
    .join(', ');
}

/** Words of `text` in lines of at most `width` characters. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

const WIDTH = 80;
const HELP_COLUMN = 24;

function flagLines(f: Flag): string[] {
  const inv = `  ${invocation(f)}`;
  const help = wrap(f.help, WIDTH - HELP_COLUMN);
  const pad = ' '.repeat(HELP_COLUMN);
  if (inv.length <= HELP_COLUMN - 2)
    return [`${inv.padEnd(HELP_COLUMN)}${help[0] ?? ''}`, ...help.slice(1).map((l) => pad + l)];
  return [inv, ...help.map((l) => pad + l)];
}

/** The command's --help text: usage, description, every flag by section. */
export function formatHelp(cmd: Command): string {
  const sortKey = (f: Flag): string => optionStrings(f)[0]!;
  const sections: string[] = [`usage: ${cmd.usage}`, cmd.description];
  for (const [title, about] of [['', ''] as const, ...(cmd.groups ?? [])]) {
    const flags = cmd.flags.filter((f) => (f.group ?? '') === title).sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : 1));
    if (!flags.length) continue;
    sections.push(
      [`${title || 'options'}:`, ...(about ? [`  ${about}`, ''] : []), ...flags.flatMap(flagLines)].join('\n'),
    );
  }
  if (cmd.epilog) sections.push(cmd.epilog);
  return sections.join('\n\n');
}

// The flags several of Ansible's CLIs share (ansible/cli/arguments/option_helpers.py at stable-2.14).

export const ASK_VAULT_PASSWORD = {
  name: 'ask-vault-password',
  aliases: ['ask-vault-pass'],
  type: 'boolean',
  help: 'ask for vault password',
} as const satisfies Flag;

export const VAULT_ID = {
  name: 'vault-id',
  type: 'string',
  multiple: true,
  metavar: 'VAULT_IDS',
  help: 'the vault identity to use',
} as const satisfies Flag;

export const VAULT_PASSWORD_FILE = {
  name: 'vault-password-file',
  aliases: ['vault-pass-file'],
  type: 'string',
  multiple: true,
  metavar: 'VAULT_PASSWORD_FILES',
  help: 'vault password file',
} as const satisfies Flag;

export const VERSION = {
  name: 'version',
  type: 'boolean',
  help: "show program's version number and exit",
} as const satisfies Flag;

export const EXTRA_VARS = {
  name: 'extra-vars',
  short: 'e',
  type: 'string',
  multiple: true,
  help: 'set additional variables as key=value or YAML/JSON, if filename prepend with @',
} as const satisfies Flag;

export const HELP = {
  name: 'help',
  short: 'h',
  type: 'boolean',
  help: 'show this help message and exit',
} as const satisfies Flag;

export const INVENTORY = {
  name: 'inventory',
  aliases: ['inventory-file'],
  short: 'i',
  type: 'string',
  multiple: true,
  help: 'specify inventory host path or comma separated host list. --inventory-file is deprecated',
} as const satisfies Flag;

export const VERBOSE = {
  name: 'verbose',
  short: 'v',
  type: 'boolean',
  multiple: true,
  help: 'Causes Ansible to print more debug messages. Adding multiple -v will increase the verbosity, the builtin plugins currently evaluate up to -vvvvvv. A reasonable level to start is -vvv, connection debugging might require -vvvv.',
} as const satisfies Flag;

export const PLAYBOOK_DIR = {
  name: 'playbook-dir',
  type: 'string',
  metavar: 'BASEDIR',
  help: 'Since this tool does not use playbooks, use this as a substitute playbook directory. This sets the relative path for many features including roles/ group_vars/ etc.',
} as const satisfies Flag;
