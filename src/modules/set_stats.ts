// set_stats: custom stats for the run or per host (action plugin set_stats.py); the strategy adds
// them to the run's stats (executor/stats.ts), which the callbacks show when show_custom_stats is on.
import { defineModule } from './define.js';
import { isTruthy } from '../util/index.js';

const VALID = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** boolean(value, strict=False) (isTruthy); the default where the option is not given. */
function loose(v: unknown, dflt: boolean): boolean {
  return v === undefined || v === null ? dflt : isTruthy(v);
}

export default defineModule({
  name: 'set_stats',
  // the action plugin's _VALID_ARGS (action/set_stats.py at stable-2.14)
  validArgs: ['aggregate', 'data', 'per_host'],
  collection: 'ansible.builtin',
  description: 'Define and display stats for the current Ansible run',
  checkMode: 'supported',
  args: {
    data: { type: 'raw', description: 'The variables to set, a dictionary ({} when not given).' },
    // the action reads both with boolean(strict=False): any other text is False
    per_host: { type: 'raw', description: 'Whether the stats are per host (default no).' },
    aggregate: { type: 'raw', description: 'Whether to add to the existing stats or replace them (default yes).' },
  },
  run: async (a) => {
    const data =
      a.data === undefined || a.data === null
        ? new Map()
        : a.data instanceof Map
          ? (a.data as Map<unknown, unknown>)
          : undefined;
    if (!data) return { changed: false, failed: true, msg: "The 'data' option needs to be a dictionary/hash" };
    for (const k of data.keys())
      if (!VALID.test(String(k)))
        return {
          changed: false,
          failed: true,
          msg: `The variable name '${String(k)}' is not valid. Variables must start with a letter or underscore character, and contain only letters, numbers and underscores.`,
        };
    const stats = new Map<string, unknown>([
      ['data', new Map([...data].map(([k, v]) => [String(k), v]))],
      ['per_host', loose(a.per_host, false)],
      ['aggregate', loose(a.aggregate, true)],
    ]);
    return { changed: false, data: { ansible_stats: stats } };
  },
});
