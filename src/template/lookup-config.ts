// lookup('config', …) (lookup/config.py at 2.14.18): ansible.constants' value of each setting
// (the host answers from base.yml's table, cli/ansible-config.ts), on_missing error/warn/skip.
// A plugin's own settings (plugin_type and plugin_name) need the plugin's option definitions,
// which runbook does not carry: such a lookup fails saying so.
import { fail } from './errors.js';
import type { Kwargs } from './py/callable.js';
import { pyStr } from './py/repr.js';
import { pyTypeRepr } from './py/values.js';

export interface ConfigAnswer {
  found: boolean;
  value?: unknown;
}

export function configLookup(
  terms: unknown[],
  kw: Kwargs,
  setting: ((name: string) => ConfigAnswer) | undefined,
  warn: ((msg: string) => void) | undefined,
): unknown[] {
  const missing = kw.has('on_missing') ? kw.get('on_missing') : 'error';
  const ptype = kw.get('plugin_type');
  const pname = kw.get('plugin_name');
  if ((ptype || pname) && !(ptype && pname))
    fail('AnsibleOptionsError', 'Both plugin_type and plugin_name are required, cannot use one without the other');
  if (typeof missing !== 'string' || !['error', 'warn', 'skip'].includes(missing))
    fail(
      'AnsibleOptionsError',
      // set_options' check of the option's choices comes first
      `Invalid value "${pyStr(missing)}" for configuration option "plugin_type: lookup plugin: config setting: on_missing ", valid values are: error, skip, warn`,
    );
  if (ptype) fail('AnsibleLookupError', `runbook: the config lookup does not read ${pyStr(ptype)} plugin settings`);
  const out: unknown[] = [];
  for (const term of terms) {
    if (typeof term !== 'string')
      fail(
        'AnsibleOptionsError',
        `Invalid setting identifier, "${pyStr(term)}" is not a string, its a ${pyTypeRepr(term)}`,
      );
    const answer = setting?.(term) ?? { found: false };
    if (answer.found) {
      out.push(answer.value);
      continue;
    }
    const orig = `module 'ansible.constants' has no attribute '${term}'`;
    if (missing === 'error') fail('AnsibleLookupError', `Unable to find setting ${term}. ${orig}. ${orig}`);
    if (missing === 'warn') warn?.(`Skipping, did not find setting ${term}`);
  }
  return out;
}
