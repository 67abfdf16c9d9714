// The INI inventory plugin as ansible-core 2.14 reads a file (plugins/inventory/ini.py):
// [group], [group:vars] and [group:children] sections; host lines of a pattern (host:port,
// ranges) and key=value variables read as Python literals; children and vars sections that may
// name groups declared later, checked once the file is read. Its errors are the plugin's:
// "<file>:<line>: <message>", or a Python exception's own words.
import { pySplitLines, type SourceLocation } from '../util/index.js';
import { literalValue } from './literal.js';
import { expandHostPattern } from './address.js';
import { shlexSplit } from './shlex.js';
import { safeGroupName } from './group-name.js';
import type { Inventory } from './model.js';

const SECTION = /^\[([^:\]\s]+)(?::(\w+))?\]\s*(?:#.*)?$/u;
const GROUP_NAME = /^([^:\]\s]+)\s*(?:#.*)?$/u;
const COMMENT_MARKERS = '#;';

/**
 * An error of an inventory plugin: the text Ansible shows after "Failed to parse … with X
 * plugin:", and where the culprit is when runbook knows it (Ansible's text may not say).
 */
export class InventoryParseError extends Error {
  constructor(
    message: string,
    public culprit?: SourceLocation,
    /** The text at the culprit (the line, the host pattern). */
    public what?: string,
  ) {
    super(message);
  }
}

interface Pending {
  line: number;
  state: 'vars' | 'children';
  name: string;
  parents: string[];
}

/** Loads INI inventory text into `inv` (InventoryModule._parse). */
export function parseIniInventory(
  text: string,
  path: string,
  inv: Inventory,
  warn: (message: string) => void = () => undefined,
): void {
  let lineno = 0;
  const raise = (message: string): never => {
    throw new InventoryParseError(`${path}:${lineno}: ${message}`, { file: path, line: lineno }, current);
  };
  let current = '';
  try {
    const pending = new Map<string, Pending>();
    let group = 'ungrouped';
    let state = 'hosts';
    for (const raw of pySplitLines(text)) {
      lineno++;
      const line = raw.trim();
      current = line;
      if (!line || COMMENT_MARKERS.includes(line[0] ?? '')) continue;
      const m = SECTION.exec(line);
      if (m) {
        group = safeGroupName(m[1] ?? '', warn);
        state = m[2] || 'hosts';
        if (!['hosts', 'children', 'vars'].includes(state))
          raise(`Section [${[m[1], m[2]].join(':')}] has unknown type: ${state}`);
        if (!inv.groups.has(group)) {
          if (state === 'vars' && !pending.has(group))
            pending.set(group, { line: lineno, state: 'vars', name: group, parents: [] });
          inv.group(group);
        }
        const waiting = pending.get(group);
        if (waiting && state !== 'vars') {
          if (waiting.state === 'children') addPendingChildren(inv, group, pending);
          else pending.delete(group);
        }
        continue;
      }
      if (line.startsWith('[') && line.endsWith(']'))
        raise(
          `Invalid section entry: '${line}'. Please make sure that there are no spaces in the section entry, and that there are no other invalid characters`,
        );
      if (state === 'hosts') hostLine(line, group, inv, raise);
      else if (state === 'vars') {
        const eq = line.indexOf('=');
        if (eq < 0) raise(`Expected key=value, got: ${line}`);
        inv.setVar(inv.group(group).vars, line.slice(0, eq).trim(), literalValue(line.slice(eq + 1).trim()));
      } else {
        const child = GROUP_NAME.exec(line)?.[1] ?? raise(`Expected group name, got: ${line}`);
        if (inv.groups.has(child)) inv.addChild(group, child);
        else {
          const p = pending.get(child);
          if (p) p.parents.push(group);
          else pending.set(child, { line: lineno, state: 'children', name: child, parents: [group] });
        }
      }
    }
    // the first declaration still waiting is the error (in the order they were made)
    for (const decl of pending.values()) {
      const at = { file: path, line: decl.line };
      if (decl.state === 'vars')
        throw new InventoryParseError(
          `${path}:${decl.line}: Section [${decl.name}:vars] not valid for undefined group: ${decl.name}`,
          at,
        );
      throw new InventoryParseError(
        `${path}:${decl.line}: Section [${decl.parents.at(-1) ?? ''}:children] includes undefined group: ${decl.name}`,
        at,
      );
    }
  } catch (err) {
    // InventoryModule.parse: any exception becomes AnsibleParserError(e), its text kept; the
    // line being read is the culprit
    const at = { file: path, line: lineno };
    if (err instanceof InventoryParseError) {
      err.culprit ??= at;
      err.what ??= current;
      throw err;
    }
    throw new InventoryParseError(err instanceof Error ? err.message : String(err), at, current);
  }
}

/** _add_pending_children: the group's waiting parents adopt it, and theirs in turn. */
function addPendingChildren(inv: Inventory, group: string, pending: Map<string, Pending>): void {
  for (const parent of pending.get(group)?.parents ?? []) {
    inv.addChild(parent, group);
    if (pending.get(parent)?.state === 'children') addPendingChildren(inv, parent, pending);
  }
  pending.delete(group);
}

/** _parse_host_definition and _populate_host_vars: the hosts a line names, their port and variables. */
function hostLine(line: string, group: string, inv: Inventory, raise: (message: string) => never): void {
  let tokens: string[] = [];
  try {
    tokens = shlexSplit(line);
  } catch (err) {
    raise(`Error parsing host definition '${line}': ${(err as Error).message}`);
  }
  const pattern = tokens[0] ?? '';
  const { hostnames, port } = expandHostPattern(pattern);
  // the INI plugin's own checks of the pattern (InventoryModule._expand_hostpattern)
  if (pattern.trim().endsWith(':') && port === null)
    throw new InventoryParseError(
      `Invalid host pattern '${pattern}' supplied, ending in ':' is not allowed, this character is reserved to provide a port.`,
    );
  if (hostnames.some((h) => h.trim() === '---'))
    throw new InventoryParseError(
      `Invalid host pattern '${pattern}' supplied, '---' is normally a sign this is a YAML file.`,
    );
  const vars = new Map<string, unknown>();
  for (const t of tokens.slice(1)) {
    const eq = t.indexOf('=');
    if (eq < 0) raise(`Expected key=value host variable assignment, got: ${t}`);
    vars.set(t.slice(0, eq), literalValue(t.slice(eq + 1)));
  }
  for (const name of hostnames) {
    const host = inv.addHost(name, group, port);
    for (const [k, v] of vars) inv.setVar(host.vars, k, v);
  }
}
