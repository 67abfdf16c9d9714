// Loading `-i` sources: an INI or YAML file, a directory of them, or a comma-separated host
// list (`localhost,`), with the group_vars/ and host_vars/ beside each source.
import { dirname, join, extname, resolve } from 'node:path';
import { RunbookError, isJsonText, type ParsedYaml, type SourceLocation } from '../util/index.js';
import type { Loader } from '../loader/index.js';
import { Inventory } from './model.js';
import { InventoryParseError, parseIniInventory } from './ini.js';
import { parseYamlInventory } from './yaml.js';
import { loadEntityVars } from './vars-dirs.js';

/** Variables from group_vars/ and host_vars/ directories, kept apart by precedence. */
export interface VarsDirs {
  groups: Map<string, Map<string, unknown>>;
  hosts: Map<string, Map<string, unknown>>;
}

export interface LoadedInventory {
  inventory: Inventory;
  /** group_vars/host_vars beside the inventory sources. */
  inventoryVars: VarsDirs;
  /** Directories the sources were read from. */
  baseDirs: string[];
  /** The source file each host came from: its inventory_file (InventoryData.add_host). */
  hostSources: Map<string, string>;
  /** Where each source that did not parse went wrong, when the plugins' words do not say. */
  culprits: { at: SourceLocation; what?: string }[];
}

/**
 * The inventory plugins InventoryManager tries on a file, in the default INVENTORY_ENABLED order
 * (host_list, script, auto, yaml, ini, toml), with what each one's verify_file() accepts: auto a
 * .yml/.yaml file, yaml one of YAML_FILENAME_EXTENSIONS' or none, ini any file. host_list takes
 * no file, script only an executable one (runbook runs no inventory scripts), toml a .toml one.
 */
function pluginsFor(path: string): { declined: string[]; tried: ('auto' | 'yaml' | 'ini')[] } {
  const ext = extname(path);
  const auto = ext === '.yml' || ext === '.yaml';
  const yaml = ext === '' || ['.yaml', '.yml', '.json'].includes(ext);
  return {
    declined: ['host_list', 'script', ...(auto ? [] : ['auto']), ...(yaml ? [] : ['yaml'])],
    tried: [...(auto ? (['auto'] as const) : []), ...(yaml ? (['yaml'] as const) : []), 'ini'],
  };
}

/** What a plugin's exception shows as (str(e), or an AnsibleError's extended text). */
function failureText(err: unknown): string {
  if (err instanceof RunbookError) return err.describe();
  return err instanceof Error ? err.message : String(err);
}

/** One plugin's parse of the file into `inv` (a failure may leave what it added, as in Ansible). */
function parseWith(plugin: 'auto' | 'yaml' | 'ini', file: SourceFile, inv: Inventory, warn: (m: string) => void): void {
  if (plugin === 'ini') {
    parseIniInventory(file.text(), file.path, inv, warn);
    return;
  }
  const parsed = file.yaml();
  const data = parsed.documents[0] ?? null;
  if (plugin === 'auto') {
    // auto.py: only a plugin configuration file (a mapping with `plugin:`) is its to read
    const name: unknown = data instanceof Map ? (data as Map<unknown, unknown>).get('plugin') : undefined;
    if (!name)
      throw new InventoryParseError(
        `no root 'plugin' key found, '${file.path}' is not a valid YAML inventory plugin config file`,
      );
    throw new InventoryParseError(`inventory config '${file.path}' specifies unknown plugin '${String(name)}'`);
  }
  parseYamlInventory(data, inv, warn, isJsonText(file.text()), (m, key) => parsed.positions.ofKey(m, key));
}

/** A source file read once for every plugin that tries it: its text, and its YAML parse (or the error). */
interface SourceFile {
  path: string;
  text(): string;
  yaml(): ParsedYaml;
}

function sourceFile(loader: Loader, path: string): SourceFile {
  let text: string | undefined;
  let yaml: { parsed: ParsedYaml } | { error: unknown } | undefined;
  return {
    path,
    text: () => (text ??= loader.readText(path)),
    yaml: () => {
      if (!yaml)
        try {
          yaml = { parsed: loader.readYaml(path) };
        } catch (error) {
          yaml = { error };
        }
      if ('error' in yaml) throw yaml.error;
      return yaml.parsed;
    },
  };
}

/** Reads the group_vars/host_vars directories under `base` for every known group and host. */
export function loadVarsDirs(
  loader: Loader,
  base: string,
  inv: Inventory,
  into: VarsDirs,
  only?: { groups: Iterable<string>; hosts: Iterable<string> },
  sealed = false,
): void {
  for (const name of only?.groups ?? inv.groups.keys()) {
    const vars = loadEntityVars(loader, join(base, 'group_vars'), name, sealed);
    if (vars) into.groups.set(name, new Map([...(into.groups.get(name) ?? []), ...vars]));
  }
  // the implicit localhost has its host_vars too (host_group_vars runs for every host Ansible
  // makes, the one it makes for `hosts: localhost` included)
  const hosts = only?.hosts ?? [...inv.hosts.keys(), ...(inv.hosts.has('localhost') ? [] : ['localhost'])];
  for (const name of hosts) {
    const vars = loadEntityVars(loader, join(base, 'host_vars'), name, sealed);
    if (vars) into.hosts.set(name, new Map([...(into.hosts.get(name) ?? []), ...vars]));
  }
}

/**
 * Loads every `-i` source into one inventory. As Ansible (INVENTORY_UNPARSED_IS_FAILED off), a
 * source that is missing or does not parse is a warning — naming the file, line and culprit — and
 * is skipped.
 */
export function loadInventory(
  sources: readonly string[],
  loader: Loader,
  warn: (message: string) => void = () => undefined,
  mergeHashes = false,
  /** The run reads no host variables (--syntax-check, --list-*): vaulted vars files stay closed. */
  sealed = false,
  /** -vvv: the inventory plugins each source went through (InventoryManager.parse_source's display.vvv). */
  verbose: (text: string) => void = () => undefined,
  /** No source parsed: INVENTORY_UNPARSED_IS_FAILED ('fail'), else INVENTORY_UNPARSED_WARNING ('warn' or 'ignore'). */
  unparsed: 'warn' | 'ignore' | 'fail' = 'warn',
  /**
   * BaseInventoryPlugin.parse's load_extra_vars, which the yaml and ini plugins run first: bad
   * extra vars fail each of them (and then the run, after the inventory's warnings).
   */
  loadExtraVars: () => void = () => undefined,
): LoadedInventory {
  const inventory = new Inventory();
  inventory.mergeHashes = mergeHashes;
  const baseDirs: string[] = [];
  const hostSources = new Map<string, string>();
  const culprits: LoadedInventory['culprits'] = [];
  let parsed = 0;
  // Display.warning shows a text once
  const warned = new Set<string>();
  const warnOnce = (m: string): void => {
    if (!warned.has(m)) warn(m);
    warned.add(m);
  };
  // InventoryManager._parse_source: the plugins in turn until one parses the file; the failures
  // are shown only when none did
  const tryLoad = (path: string): boolean => {
    const source = resolve(path);
    const { declined, tried } = pluginsFor(path);
    for (const d of declined) verbose(`${d} declined parsing ${source} as it did not pass its verify_file() method`);
    const file = sourceFile(loader, source);
    const failures: string[] = [];
    let culprit: { at: SourceLocation; what?: string } | undefined;
    for (const plugin of tried) {
      try {
        if (plugin !== 'auto') loadExtraVars();
        parseWith(plugin, file, inventory, warnOnce);
      } catch (err) {
        failures.push(`\n* Failed to parse ${source} with ${plugin} plugin: ${failureText(err)}`);
        // the culprit of the plugin meant for the file (yaml for YAML, ini for the rest)
        if (err instanceof InventoryParseError && err.culprit && (!culprit || plugin === 'yaml'))
          culprit = { at: err.culprit, ...(err.what ? { what: err.what } : {}) };
        continue;
      }
      verbose(`Parsed ${source} inventory source with ${plugin} plugin`);
      for (const h of inventory.hosts.keys()) if (!hostSources.has(h)) hostSources.set(h, source);
      return true;
    }
    for (const f of failures) warn(f);
    warn(`Unable to parse ${source} as an inventory source`);
    if (culprit) culprits.push(culprit);
    return false;
  };
  for (const source of sources) {
    if (!loader.exists(source) && source.includes(',')) {
      for (const h of source
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean))
        inventory.host(h, 'ungrouped');
      parsed++;
      verbose(`Parsed ${source} inventory source with host_list plugin`);
      continue;
    }
    if (!loader.exists(source)) {
      // InventoryManager.parse_source: no warning for the default source when it is not there
      if (source !== '/etc/ansible/hosts') warn(`Unable to parse ${resolve(source)} as an inventory source`);
      continue;
    }
    if (loader.isDirectory(source)) {
      for (const f of loader.list(source)) {
        const path = join(source, f);
        if (
          !f.startsWith('.') &&
          !loader.isDirectory(path) &&
          !/\.(retry|pyc|cfg|md|txt|ini~)$/.test(f) &&
          tryLoad(path)
        )
          parsed++;
      }
      baseDirs.push(resolve(source));
    } else if (tryLoad(source)) {
      parsed++;
      baseDirs.push(dirname(resolve(source)));
    }
  }
  if (sources.length && !parsed && unparsed === 'fail')
    throw new RunbookError('No inventory was parsed, please check your configuration and options.');
  if (sources.length && !parsed && unparsed === 'warn')
    warn('No inventory was parsed, only implicit localhost is available');
  inventory.reconcileUngrouped();
  for (const g of inventory.groups.values()) {
    const priority = g.vars.get('ansible_group_priority');
    if (priority !== undefined) inventory.priorities.set(g.name, Number(priority));
  }
  const inventoryVars: VarsDirs = { groups: new Map(), hosts: new Map() };
  for (const base of baseDirs) loadVarsDirs(loader, base, inventory, inventoryVars, undefined, sealed);
  return { inventory, inventoryVars, baseDirs, hostSources, culprits };
}
