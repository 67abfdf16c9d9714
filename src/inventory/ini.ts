// The INI inventory format (ansible/plugins/inventory/ini.py): [group], [group:vars],
// [group:children]; host lines `name k=v …` split like a shell line, values read as Python
// literals where they parse (42 is an int, True a bool) and as strings otherwise.
import { RunbookError, type SourceLocation } from '../util/index.js';
import { literalValue } from './literal.js';
import { expandHostRange } from './ranges.js';
import { shlexSplit } from './shlex.js';
import type { Inventory } from './model.js';

type Section = { group: string; kind: 'hosts' | 'vars' | 'children' };

/** Loads INI inventory text into `inv`. */
export function parseIniInventory(text: string, file: string, inv: Inventory): void {
  let section: Section = { group: 'ungrouped', kind: 'hosts' };
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) return;
    const where: SourceLocation = { file, line: i + 1 };
    const header = /^\[([^\]]+)\]\s*(?:[#;].*)?$/.exec(line);
    if (header) {
      section = parseHeader(header[1] ?? '', where);
      inv.group(section.group);
      return;
    }
    if (line.startsWith('['))
      throw new RunbookError(
        `Invalid section entry: '${line}'. Please make sure that there are no spaces in the section entry, and that there are no other invalid characters`,
        where,
      );
    parseLine(line, section, where, inv);
  });
}

function parseHeader(body: string, where: SourceLocation): Section {
  const [group = '', kind = 'hosts'] = body.split(':');
  if (!/^[\w-]+$/.test(group)) throw new RunbookError(`invalid group name '${group}'`, where);
  if (kind !== 'hosts' && kind !== 'vars' && kind !== 'children') {
    throw new RunbookError(`Section [${body}] has unknown type: ${kind}`, where);
  }
  return { group, kind };
}

function parseLine(line: string, section: Section, where: SourceLocation, inv: Inventory): void {
  if (section.kind === 'vars') {
    const eq = line.indexOf('=');
    if (eq < 0) throw new RunbookError(`Expected key=value, got: ${line}`, where);
    inv.setVar(inv.group(section.group).vars, line.slice(0, eq).trim(), literalValue(line.slice(eq + 1).trim()));
    return;
  }
  if (section.kind === 'children') {
    inv.addChild(section.group, line.split(/\s+/)[0] ?? '');
    return;
  }
  const tokens = shlexSplit(line, where);
  const [pattern = '', ...assignments] = tokens;
  const vars = new Map<string, unknown>();
  for (const t of assignments) {
    const eq = t.indexOf('=');
    if (eq < 0) throw new RunbookError(`Expected key=value host variable assignment, got: ${t}`, where);
    vars.set(t.slice(0, eq), literalValue(t.slice(eq + 1)));
  }
  for (const name of expandHostRange(pattern, where)) {
    const host = inv.host(name, section.group);
    for (const [k, v] of vars) inv.setVar(host.vars, k, v);
  }
}
