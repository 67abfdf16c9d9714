// AnsibleError._get_extended_error (lib/ansible/errors/__init__.py at stable-2.14): where an
// error points into a file, Ansible prints the position, the offending line with the one
// before it and a caret, and a remedy for the common YAML mistakes it recognises.
import { readFileSync } from 'node:fs';
import type { SourceLocation } from './errors.js';
import * as S from './yaml-strings.js';

/** The lines Ansible shows: the target (moved back over blank lines) and the one before it. */
function errorLines(file: string, lineNumber: number): { target: string; prev: string } {
  const lines = readFileSync(file, 'utf8').split(/(?<=\n)/);
  let n = Math.min(lineNumber, lines.length - 1);
  if (n < 0) throw new RangeError('line');
  let target = lines[n] ?? '';
  while (!target.trim()) {
    n -= 1;
    if (n < 0) throw new RangeError('line');
    target = lines[n] ?? '';
  }
  return { target, prev: n > 0 ? (lines[n - 1] ?? '') : '' };
}

/** The remedy Ansible appends for a line it recognises, or ''. */
function remedy(target: string, column: number): string {
  let out = '';
  if (target.includes('\t')) out += S.YAML_COMMON_LEADING_TAB_ERROR;
  const stripped = target.replaceAll(' ', '');
  // Ansible's own test (`or`, so it holds for nearly every line with a template)
  if (target.includes('{{') && target.includes('}}') && (!target.includes('"{{') || !target.includes("'{{")))
    return out + S.YAML_COMMON_UNQUOTED_VARIABLE_ERROR;
  if (stripped.includes(':{{') && stripped.includes('}}')) return out + S.YAML_COMMON_DICT_ERROR;
  if (target.length > 1 && target.length > column && target[column] === ':' && target.split(':').length > 2)
    return out + S.YAML_COMMON_UNQUOTED_COLON_ERROR;
  const parts = target.split(':');
  if (parts.length > 1) {
    const middle = (parts[1] ?? '').trim();
    const match =
      (middle.startsWith("'") && !middle.endsWith("'")) || (middle.startsWith('"') && !middle.endsWith('"'));
    // Python's precedence: (len and first quoted and last quoted and count("'") > 2) or count('"') > 2
    const unbalanced =
      (middle.length > 0 && `"'`.includes(middle[0]!) && `"'`.includes(middle.at(-1)!) && count(target, "'") > 2) ||
      count(target, '"') > 2;
    if (match) out += S.YAML_COMMON_PARTIALLY_QUOTED_LINE_ERROR;
    if (unbalanced) out += S.YAML_COMMON_UNBALANCED_QUOTES_ERROR;
  }
  return out;
}

function count(s: string, ch: string): number {
  return s.split(ch).length - 1;
}

/** The text Ansible puts after an error's message when it knows the YAML position. */
export function extendedError(loc: SourceLocation, showContent = true): string {
  const file = loc.file ?? '?';
  const line = loc.line ?? 0;
  const column = loc.column ?? 1;
  let msg = S.YAML_POSITION_DETAILS(file, line, column);
  if (!showContent || file === '<string>' || file === '<unicode>') return msg;
  try {
    const { target, prev } = errorLines(file, line - 1);
    // Ansible's k=v check looks at the line before the target (its arrow goes under the '=')
    if (/\w+(\s+)?=(\s+)?[\w/-]+/.test(prev)) {
      const at = prev.trimEnd().indexOf('=');
      msg = S.YAML_POSITION_DETAILS(file, line - 1, at + 1);
      msg += `\nThe offending line appears to be:\n\n${prev.trimEnd()}\n${' '.repeat(Math.max(at, 0))}^ here\n\n`;
      msg += S.YAML_AND_SHORTHAND_ERROR;
    } else {
      const arrow = `${' '.repeat(Math.max(column - 1, 0))}^ here`;
      msg += `\nThe offending line appears to be:\n\n${prev.trimEnd()}\n${target.trimEnd()}\n${arrow}\n`;
    }
    return msg + remedy(target, column);
  } catch (err) {
    if (err instanceof RangeError) return `${msg}\n(specified line no longer in file, maybe it changed?)`;
    return `${msg}\n(could not open file to display line)`;
  }
}
