// Loading `-i` sources: an INI or YAML file, a directory of them, or a comma-separated host
// list (`localhost,`), with the group_vars/ and host_vars/ beside each source.
import { dirname, join, extname, resolve } from 'node:path';
import { RunbookError } from '../util/index.js';
import type { Loader } from '../loader/index.js';
import { Inventory } from './model.js';
import { parseIniInventory } from './ini.js';
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
}

function loadFile(loader: Loader, path: string, inv: Inventory): void {
  const text = loader.readText(path);
  const ext = extname(path);
  if (
    ext === '.yml' ||
    ext === '.yaml' ||
    ext === '.json' ||
    /^\s*[\w-]+:\s*$/m.test(text.split('\n').find((l) => l.trim() && !l.trim().startsWith('#')) ?? '')
  ) {
    parseYamlInventory(text, path, inv);
  } else {
    parseIniInventory(text, path, inv);
  }
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
): LoadedInventory {
  const inventory = new Inventory();
  inventory.mergeHashes = mergeHashes;
  const baseDirs: string[] = [];
  const hostSources = new Map<string, string>();
  let parsed = 0;
  const tryLoad = (path: string): boolean => {
    try {
      loadFile(loader, path, inventory);
      // host_list and script decline a file; auto declines all but YAML (which it fails to parse,
      // silently), yaml declines what is not .yml/.yaml/.json
      const plugin = /\.(ya?ml|json)$/.test(path) ? 'yaml' : 'ini';
      const declined = plugin === 'yaml' ? ['host_list', 'script'] : ['host_list', 'script', 'auto', 'yaml'];
      for (const d of declined)
        verbose(`${d} declined parsing ${resolve(path)} as it did not pass its verify_file() method`);
      verbose(`Parsed ${resolve(path)} inventory source with ${plugin} plugin`);
      for (const h of inventory.hosts.keys()) if (!hostSources.has(h)) hostSources.set(h, resolve(path));
      return true;
    } catch (err) {
      if (!(err instanceof RunbookError)) throw err;
      warn(
        ` * Failed to parse ${resolve(path)} with the ${/\.ya?ml$/.test(path) ? 'yaml' : 'ini'} plugin: ${err.describe()}`,
      );
      warn(`Unable to parse ${resolve(path)} as an inventory source`);
      return false;
    }
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
  return { inventory, inventoryVars, baseDirs, hostSources };
}
