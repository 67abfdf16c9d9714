// The YAML inventory plugin as ansible-core 2.14 reads a file (plugins/inventory/yaml.py):
// top-level keys are groups, each with hosts, vars and children (nested to any depth); a host
// key is a pattern (host:port, ranges). What it cannot use it skips with a warning; what is
// malformed fails the plugin with its own words.
import { pyStr } from '../template/index.js';
import { expandHostPattern } from './address.js';
import { InventoryParseError } from './ini.js';
import { safeGroupName } from './group-name.js';
import type { Inventory } from './model.js';
import { loadedClass, type SourceLocation } from '../util/index.js';

/** Python's truth of the loaded document (`if not data`). */
function truthy(v: unknown): boolean {
  if (v instanceof Map) return v.size > 0;
  if (Array.isArray(v)) return v.length > 0;
  return v !== null && v !== undefined && v !== false && v !== 0 && v !== '';
}

/** InventoryModule.parse over the loaded document (`json`: json.loads read it, not YAML). */
export function parseYamlInventory(
  data: unknown,
  inv: Inventory,
  warn: (message: string) => void = () => undefined,
  json = false,
  /** Where a mapping's key is in the file (the culprit of an error Ansible does not place). */
  keyAt: (m: object, key: unknown) => SourceLocation | undefined = () => undefined,
): void {
  if (!truthy(data)) throw new InventoryParseError('Parsed empty YAML file');
  if (!(data instanceof Map))
    throw new InventoryParseError(
      `YAML inventory has invalid structure, it should be a dictionary, got: ${loadedClass(data, json)}`,
    );
  if (truthy(data.get('plugin'))) throw new InventoryParseError('Plugin configuration YAML file, not YAML inventory');
  const reader = { inv, warn, json };
  for (const [group, body] of data) {
    try {
      parseGroup(reader, group, body);
    } catch (err) {
      const { at, what } = culpritOf(data, group, body, keyAt);
      if (!(err instanceof InventoryParseError))
        throw new InventoryParseError(err instanceof Error ? err.message : String(err), at, what);
      err.culprit ??= at;
      err.what ??= what;
      throw err;
    }
  }
}

/** The deepest key on the way to the host patterns of a group: the place of a failing group. */
function culpritOf(
  root: Map<unknown, unknown>,
  group: unknown,
  body: unknown,
  keyAt: (m: object, key: unknown) => SourceLocation | undefined,
): { at: SourceLocation | undefined; what: string } {
  let at = keyAt(root, group);
  let what = pyStr(group);
  if (body instanceof Map && body.get('hosts') instanceof Map) {
    const hosts = body.get('hosts') as Map<unknown, unknown>;
    const bad = [...hosts.keys()].find((k) => {
      try {
        expandHostPattern(String(k));
        return typeof k !== 'string';
      } catch {
        return true;
      }
    });
    at = (bad !== undefined ? keyAt(hosts, bad) : keyAt(body, 'hosts')) ?? at;
    if (bad !== undefined) what = pyStr(bad);
  }
  return { at, what };
}

interface Reader {
  inv: Inventory;
  warn: (message: string) => void;
  json: boolean;
}

/** InventoryData.add_group through the plugin: a name that is not a string, or is empty, is refused. */
function addGroup(r: Reader, group: unknown): string {
  const refuse = (why: string): never => {
    throw new InventoryParseError(`Unable to add group ${pyStr(group)}: ${why}`);
  };
  if (!truthy(group)) refuse(`Invalid empty/false group name provided: ${pyStr(group)}`);
  if (typeof group !== 'string')
    refuse(`Invalid group name supplied, expected a string but got ${loadedClass(group, r.json)} for ${pyStr(group)}`);
  const name = safeGroupName(group as string, r.warn);
  r.inv.group(name);
  return name;
}

function parseGroup(r: Reader, group: unknown, groupData: unknown): string {
  if (!(groupData instanceof Map) && groupData !== null && groupData !== undefined) {
    r.warn(`Skipping '${pyStr(group)}' as this is not a valid group definition`);
    return pyStr(group);
  }
  const name = addGroup(r, group);
  if (!(groupData instanceof Map)) return name;
  // sections given as a string stand for a dict of that one key; anything else must be a dict
  for (const section of ['vars', 'children', 'hosts']) {
    if (!groupData.has(section)) continue;
    const v: unknown = (groupData as Map<unknown, unknown>).get(section);
    if (typeof v === 'string') groupData.set(section, new Map([[v, null]]));
    else if (!(v instanceof Map) && v !== null && v !== undefined)
      throw new InventoryParseError(
        `Invalid "${section}" entry for "${name}" group, requires a dictionary, found "${loadedClass(v, r.json)}" instead.`,
      );
  }
  for (const [key, value] of groupData) {
    if (!(value instanceof Map)) {
      if (value !== null && value !== undefined)
        r.warn(
          `Skipping key (${pyStr(key)}) in group (${name}) as it is not a mapping, it is a ${loadedClass(value, r.json)}`,
        );
      continue;
    }
    if (key === 'vars') for (const [k, v] of value) r.inv.setVar(r.inv.group(name).vars, pyStr(k), v);
    else if (key === 'children')
      for (const [sub, body] of value) {
        const child = parseGroup(r, sub, body);
        // InventoryData.add_child: a child that is a host joins the group; neither is an error
        if (!r.inv.groups.has(child)) {
          if (!r.inv.hosts.has(child)) throw new Error(`${child} is not a known host nor group`);
          r.inv.host(child, name);
          continue;
        }
        r.inv.addChild(name, child);
        if (name === 'all' && !r.inv.explicitAllChildren.includes(child)) r.inv.explicitAllChildren.push(child);
      }
    else if (key === 'hosts') for (const [pattern, vars] of value) addHosts(r, name, pattern, vars);
    else
      r.warn(
        `Skipping unexpected key (${pyStr(key)}) in group (${name}), only "vars", "children" and "hosts" are valid`,
      );
  }
  return name;
}

/** _parse_host and _populate_host_vars: the pattern's hosts in the group, with their variables. */
function addHosts(r: Reader, group: string, pattern: unknown, vars: unknown): void {
  if (typeof pattern !== 'string')
    throw new InventoryParseError(
      `Host pattern ${pyStr(pattern)} must be a string. Enclose integers/floats in quotation marks.`,
    );
  const { hostnames, port } = expandHostPattern(pattern);
  const variables = truthy(vars) ? vars : new Map();
  if (!(variables instanceof Map))
    throw new InventoryParseError(`Invalid data from file, expected dictionary and got:\n\n${pyStr(variables)}`);
  for (const h of hostnames) {
    const host = r.inv.addHost(h, group, port);
    for (const [k, v] of variables) r.inv.setVar(host.vars, pyStr(k), v);
  }
}
