// to_safe_group_name (inventory/group.py at stable-2.14) under TRANSFORM_INVALID_GROUP_CHARS'
// default, 'never': a group name that is not a Python identifier (a dash, a dot, a leading digit)
// is kept as it is, and Ansible warns that it found one.

import { isAscii } from '../util/index.js';

// C.INVALID_VARIABLE_NAMES, ^[\d\W]|[^\w] with \w as Python's str patterns read it (Unicode);
// for an ASCII name \w is [A-Za-z0-9_], and that form spares a run building the Unicode classes
// (~1 ms at the first group)
const INVALID_ASCII = /^[0-9]|[^A-Za-z0-9_]/;
let invalidUnicode: RegExp | undefined;

function isInvalid(name: string): boolean {
  if (isAscii(name)) return INVALID_ASCII.test(name);
  invalidUnicode ??= /^[^\p{L}\p{N}\p{Mn}\p{Mc}_]|^\p{N}|[^\p{L}\p{N}\p{Mn}\p{Mc}_]/u;
  return invalidUnicode.test(name);
}

export const INVALID_GROUP_CHARS_WARNING =
  'Invalid characters were found in group names but not replaced, use -vvvv to see details';

export function safeGroupName(name: string, warn: (message: string) => void): string {
  if (name && isInvalid(name)) warn(INVALID_GROUP_CHARS_WARNING);
  return name;
}
