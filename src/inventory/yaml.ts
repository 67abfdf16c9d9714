// The YAML inventory format (ansible/plugins/inventory/yaml.py): groups with hosts, vars and
// children, nested to any depth; host keys may be ranges.
import { RunbookError, parseYaml, type SourceLocation } from '../util/index.js';
import { expandHostRange } from './ranges.js';
import type { Inventory } from './model.js';

const GROUP_KEYS = new Set(['hosts', 'vars', 'children']);

/** Loads YAML inventory text into `inv`. */
export function parseYamlInventory(text: string, file: string, inv: Inventory): void {
  const parsed = parseYaml(text, file);
  const root = parsed.documents[0];
  if (root === null || root === undefined) return;
  if (!(root instanceof Map))
    throw new RunbookError('YAML inventory has invalid structure, it should be a dictionary', { file, line: 1 });
  const where = (m: object, key?: unknown): SourceLocation =>
    (key !== undefined ? parsed.positions.ofKey(m, key) : undefined) ?? parsed.positions.of(m) ?? { file };
  for (const [name, body] of root) loadGroup(String(name), body, inv, where);
}

function loadGroup(
  name: string,
  body: unknown,
  inv: Inventory,
  where: (m: object, key?: unknown) => SourceLocation,
): void {
  inv.group(name);
  if (body === null || body === undefined) return;
  if (!(body instanceof Map)) throw new RunbookError(`Invalid group '${name}': expected a dictionary`, where(body));
  for (const [key, value] of body as Map<string, unknown>) {
    if (!GROUP_KEYS.has(key))
      throw new RunbookError(
        `Skipping unexpected key (${key}) in group (${name}), only "vars", "children" and "hosts" are valid`,
        where(body),
      );
    if (value === null || value === undefined) continue;
    if (!(value instanceof Map))
      throw new RunbookError(
        `Invalid "${key}" entry for "${name}" group, requires a dictionary, found "${typeof value}" instead.`,
        where(body),
      );
    if (key === 'vars') for (const [k, v] of value) inv.setVar(inv.group(name).vars, String(k), v);
    if (key === 'hosts') loadHosts(name, value, inv, where);
    if (key === 'children') {
      for (const [child, childBody] of value) {
        loadGroup(String(child), childBody, inv, where);
        inv.addChild(name, String(child));
        if (name === 'all' && !inv.explicitAllChildren.includes(String(child)))
          inv.explicitAllChildren.push(String(child));
      }
    }
  }
}

function loadHosts(
  group: string,
  hosts: Map<unknown, unknown>,
  inv: Inventory,
  where: (m: object, key?: unknown) => SourceLocation,
): void {
  for (const [pattern, vars] of hosts) {
    for (const name of expandHostRange(String(pattern), where(hosts, pattern))) {
      const host = inv.host(name, group);
      if (vars instanceof Map) for (const [k, v] of vars) inv.setVar(host.vars, String(k), v);
    }
  }
}
