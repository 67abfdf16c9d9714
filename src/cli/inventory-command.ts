// `runbook inventory`: the inventory as Ansible sees it, as ansible-inventory 2.14 prints it
// (ansible/cli/inventory.py @ stable-2.14): --list (JSON, or YAML with -y), --host, --graph
// [--vars], --export, --output.
import { writeFileSync } from 'node:fs';
import { FsLoader } from '../loader/index.js';
import { loadInventory, selectHosts, type LoadedInventory, type Group } from '../inventory/index.js';
import { inventoryVars, type VarsWorld } from '../vars/index.js';
import { dumpYaml, pyJsonDumps, pyStr } from '../template/index.js';
import { warningText } from '../output/index.js';
import { RunbookError } from '../util/index.js';
import {
  ASK_VAULT_PASSWORD,
  EXTRA_VARS,
  HELP,
  INVENTORY as INVENTORY_FLAG,
  PLAYBOOK_DIR,
  VAULT_ID,
  VAULT_PASSWORD_FILE,
  VERBOSE,
  VERSION,
  formatHelp,
  parseFlags,
  type Command,
  type Flag,
} from './flags.js';
import { loadSettings } from './config.js';
import { loadExtraVars } from './extra-vars.js';
import { vaultSecrets } from './apply-command.js';
import type { Io } from './main.js';

const ACTIONS = 'Actions';
const FLAGS = [
  ASK_VAULT_PASSWORD,
  {
    name: 'export',
    type: 'boolean',
    help: 'When doing an --list, represent in a way that is optimized for export,not as an accurate representation of how Ansible has processed it',
  },
  {
    name: 'output',
    type: 'string',
    metavar: 'OUTPUT_FILE',
    help: 'When doing --list, send the inventory to a file instead of to the screen',
  },
  PLAYBOOK_DIR,
  { name: 'vars', type: 'boolean', help: 'Add vars to graph display, ignored unless used with --graph' },
  VAULT_ID,
  VAULT_PASSWORD_FILE,
  VERSION,
  EXTRA_VARS,
  HELP,
  INVENTORY_FLAG,
  VERBOSE,
  { name: 'yaml', short: 'y', type: 'boolean', help: 'Use YAML format instead of default JSON, ignored for --graph' },
  {
    name: 'graph',
    type: 'boolean',
    group: ACTIONS,
    help: 'create inventory graph, if supplying pattern it must be a valid group name',
  },
  { name: 'host', type: 'string', group: ACTIONS, help: 'Output specific host info, works as inventory script' },
  { name: 'list', type: 'boolean', group: ACTIONS, help: 'Output all hosts info, works as inventory script' },
] as const satisfies readonly Flag[];

export const INVENTORY: Command & { readonly flags: typeof FLAGS } = {
  prog: 'runbook inventory',
  usage: 'runbook inventory [options] [host|group]',
  description:
    'Show Ansible inventory information, by default it uses the inventory script JSON format, as ansible-inventory 2.14 does.\n\npositional arguments:\n  host|group            The name of a host to match in the inventory, relevant when using --list',
  flags: FLAGS,
  groups: [[ACTIONS, 'One of following must be used on invocation, ONLY ONE!']],
};

// variables ansible-inventory leaves out (InventoryCLI INTERNAL_VARS)
const INTERNAL = new Set([
  'ansible_diff_mode',
  'ansible_config_file',
  'ansible_facts',
  'ansible_forks',
  'ansible_inventory_sources',
  'ansible_limit',
  'ansible_playbook_python',
  'ansible_run_tags',
  'ansible_skip_tags',
  'ansible_verbosity',
  'ansible_version',
  'inventory_dir',
  'inventory_file',
  'inventory_hostname',
  'inventory_hostname_short',
  'groups',
  'group_names',
  'omit',
  'playbook_dir',
]);

class OptionsError extends RunbookError {
  constructor(message: string) {
    super(message, undefined, { exitCode: 5 });
  }
}

function withoutInternal(vars: Map<string, unknown>): Map<string, unknown> {
  return new Map([...vars].filter(([k]) => !INTERNAL.has(k)));
}

class View {
  constructor(
    private readonly inv: LoadedInventory,
    private readonly world: VarsWorld,
    private readonly exportMode: boolean,
  ) {}

  /** _get_host_variables: every layer flattened, or with --export only the host's own. */
  hostVars(host: string): Map<string, unknown> {
    if (this.exportMode) {
      const out = new Map(this.inv.inventory.hosts.get(host)?.vars ?? []);
      for (const [k, v] of this.inv.inventoryVars.hosts.get(host) ?? []) out.set(k, v);
      return withoutInternal(out);
    }
    const out = inventoryVars(this.world, host);
    for (const [k, v] of this.world.extraVars) out.set(String(k), v);
    return withoutInternal(out);
  }

  /** _get_group_variables: the group's own and its group_vars file. */
  groupVars(group: Group): Map<string, unknown> {
    const out = new Map(group.vars);
    for (const [k, v] of this.inv.inventoryVars.groups.get(group.name) ?? []) out.set(k, v);
    const priority = this.inv.inventory.priorities.get(group.name);
    if (priority !== undefined && priority !== 1) out.set('ansible_group_priority', priority);
    return withoutInternal(out);
  }

  /**
   * A group's child groups in Ansible's order. `all`'s: ungrouped, the groups a source put under
   * `all` itself, then the other top-level groups as they were created (reconcile_inventory).
   */
  children(group: Group): Group[] {
    const groups = this.inv.inventory.groups;
    if (group.name !== 'all') return group.children.map((c) => groups.get(c)!);
    const top = group.children.filter((c) => c !== 'ungrouped');
    const explicit = this.inv.inventory.explicitAllChildren.filter((c) => top.includes(c));
    return ['ungrouped', ...explicit, ...top.filter((c) => !explicit.includes(c))].map((c) => groups.get(c)!);
  }

  json(): Map<string, unknown> {
    const out = new Map<string, unknown>();
    const seen = new Set<string>();
    const format = (g: Group): void => {
      const entry = new Map<string, unknown>();
      if (g.name !== 'all' && g.hosts.length) entry.set('hosts', [...g.hosts]);
      const kids = this.children(g);
      if (kids.length)
        entry.set(
          'children',
          kids.map((k) => k.name),
        );
      if (this.exportMode) {
        const vars = this.groupVars(g);
        if (vars.size) entry.set('vars', vars);
      }
      if (entry.size) out.set(g.name, entry);
      for (const k of kids) {
        if (seen.has(k.name)) continue;
        seen.add(k.name);
        format(k);
      }
    };
    format(this.inv.inventory.groups.get('all')!);
    const hostvars = new Map<string, unknown>();
    for (const h of this.inv.inventory.hosts.keys()) {
      const vars = this.hostVars(h);
      if (vars.size) hostvars.set(h, vars);
    }
    out.set('_meta', new Map([['hostvars', hostvars]]));
    return out;
  }

  yaml(): Map<string, unknown> {
    const seen = new Set<string>();
    const format = (g: Group): Map<string, unknown> => {
      const entry = new Map<string, unknown>();
      const children = new Map<string, unknown>();
      for (const k of this.children(g)) children.set(k.name, format(k));
      if (children.size) entry.set('children', children);
      const hosts = new Map<string, unknown>();
      if (g.name !== 'all') {
        for (const h of g.hosts) {
          hosts.set(h, seen.has(h) ? new Map() : this.hostVars(h));
          seen.add(h);
        }
      }
      if (hosts.size) entry.set('hosts', hosts);
      if (this.exportMode) {
        const vars = this.groupVars(g);
        if (vars.size) entry.set('vars', vars);
      }
      return entry;
    };
    return new Map([['all', format(this.inv.inventory.groups.get('all')!)]]);
  }

  graph(g: Group, showVars: boolean, depth = 0): string[] {
    const name = (text: string, d: number): string => (d ? `${'  |'.repeat(d)}--${text}` : text);
    const vars = (m: Map<string, unknown>, d: number): string[] =>
      [...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => name(`{${k} = ${pyStr(v)}}`, d));
    const out = [name(`@${g.name}:`, depth)];
    for (const k of this.children(g)) out.push(...this.graph(k, showVars, depth + 1));
    if (g.name !== 'all') {
      for (const h of g.hosts) {
        out.push(name(h, depth + 1));
        if (showVars) out.push(...vars(this.hostVars(h), depth + 2));
      }
    }
    if (showVars) out.push(...vars(this.groupVars(g), depth + 1));
    return out;
  }
}

export async function runInventoryCommand(argv: string[], io: Io): Promise<number> {
  const { values: flags, positionals } = parseFlags(INVENTORY, argv);
  if (flags.help) {
    io.out(formatHelp(INVENTORY));
    return 0;
  }
  const actions = [flags.list, flags.host !== undefined, flags.graph].filter(Boolean).length;
  if (actions === 0)
    throw new OptionsError('No action selected, at least one of --host, --graph or --list needs to be specified.');
  if (actions > 1)
    throw new OptionsError(
      'Conflicting options used, only one of --host, --graph or --list can be used at the same time.',
    );
  const settings = loadSettings();
  const warn = (m: string): void => io.err(warningText(m));
  const loader = new FsLoader(vaultSecrets(flags, settings, warn));
  const inv = loadInventory(
    flags.inventory?.length ? flags.inventory : settings.inventory,
    loader,
    warn,
    false,
    false,
    undefined,
    settings.inventoryUnparsed,
  );
  const extraVars = loadExtraVars(flags['extra-vars'] ?? [], loader);
  const playbookVars = { groups: new Map(), hosts: new Map() };
  const world: VarsWorld = { inventory: inv, playbookVars, extraVars, hosts: new Map(), runMagic: new Map() };
  const view = new View(inv, world, Boolean(flags.export));
  const dump = (m: Map<string, unknown>): string =>
    flags.yaml
      ? dumpYaml(m, { flowStyle: false, indent: 2, width: 80, explicitStart: false, sortKeys: true }).replace(/\n$/, '')
      : pyJsonDumps(m, { indent: 4, sortKeys: true, ensureAscii: false });
  let text: string;
  if (flags.host !== undefined) {
    const hosts = selectHosts(inv.inventory, flags.host);
    if (!hosts.length) warn(`Could not match supplied host pattern, ignoring: ${flags.host}`);
    if (hosts.length !== 1) throw new OptionsError('You must pass a single valid host to --host parameter');
    text = dump(view.hostVars(hosts[0]!));
  } else if (flags.graph) {
    const group = inv.inventory.groups.get(positionals[0] ?? 'all');
    if (!group) throw new OptionsError('Pattern must be valid group name when using --graph');
    text = view.graph(group, Boolean(flags.vars)).join('\n');
  } else {
    text = dump(flags.yaml ? view.yaml() : view.json());
  }
  if (flags.output !== undefined) {
    try {
      writeFileSync(flags.output, text);
    } catch (e) {
      throw new RunbookError(`Unable to write to destination file (${flags.output}): ${(e as Error).message}`);
    }
  } else io.out(text);
  return 0;
}
