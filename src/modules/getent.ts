// getent: a getent database (or one key of it) as facts, getent_<database> (modules/getent.py):
// each line split on ':' for passwd, shadow, group and gshadow (else on whitespace, or `split`),
// the first field the key; getent's exit codes 1–3 are its failures.
import { defineModule, type ModuleResult } from './define.js';
import { shellQuote as q } from '../util/index.js';
import { requiredBin } from './support/bin-path.js';

const COLON = new Set(['passwd', 'shadow', 'group', 'gshadow']);

/** Python's str.split(sep) (sep undefined: runs of whitespace, none at the ends). */
function pySplit(line: string, sep: string | undefined): string[] {
  return sep === undefined ? line.split(/\s+/).filter(Boolean) : line.split(sep);
}

/** The records by key: a key seen again turns its value into the list of all its values. */
function records(out: string, sep: string | undefined): Map<string, unknown> {
  const tree = new Map<string, unknown>();
  const seen = new Map<string, number>();
  for (const line of out.split(/\r?\n/)) {
    if (!line) continue;
    const [key = '', ...rest] = pySplit(line, sep);
    const n = seen.get(key) ?? 0;
    if (n === 0) tree.set(key, rest);
    else {
      if (n === 1) tree.set(key, [tree.get(key)]);
      (tree.get(key) as unknown[]).push(rest);
    }
    seen.set(key, n + 1);
  }
  return tree;
}

const FAILURES: Record<number, string> = {
  1: 'Missing arguments, or database unknown.',
  2: 'One or more supplied key could not be found in the database.',
  3: 'Enumeration not supported on this database.',
};

export default defineModule({
  name: 'getent',
  collection: 'ansible.builtin',
  description: 'A wrapper to the unix getent utility',
  checkMode: 'supported',
  args: {
    database: { type: 'str', required: true, description: 'The getent database (passwd, group, hosts, …).' },
    key: { type: 'str', description: 'The key to look up; the whole database when not given.' },
    service: { type: 'str', description: 'getent -s: the NSS service to use.' },
    split: {
      type: 'str',
      description: 'The field separator (":" for passwd, shadow, group and gshadow, else whitespace).',
    },
    fail_key: { type: 'bool', default: true, description: 'Fail when the key is not found.' },
  },
  async run(a, ctx): Promise<ModuleResult> {
    const database = String(a.database);
    const getent = await requiredBin(ctx, 'getent');
    if (typeof getent !== 'string') return getent;
    const argv = [getent, database, ...(a.key !== undefined ? [String(a.key)] : [])];
    if (a.service !== undefined) argv.push('-s', String(a.service));
    const r = await ctx.conn.exec(argv.map(q).join(' '), { env: ctx.env });
    const split = a.split !== undefined ? String(a.split) : COLON.has(database) ? ':' : undefined;
    const tree = `getent_${database}`;
    if (r.exitCode === 0) {
      const facts = new Map<string, unknown>([[tree, records(r.stdout, split)]]);
      return { changed: false, facts, factKind: 'facts', data: { ansible_facts: facts } };
    }
    if (r.exitCode === 2 && a.fail_key === false) {
      const facts = new Map<string, unknown>([[tree, new Map([[String(a.key), null]])]]);
      return { changed: false, msg: FAILURES[2], facts, factKind: 'facts', data: { ansible_facts: facts } };
    }
    return { changed: false, failed: true, msg: FAILURES[r.exitCode] ?? 'Unexpected failure!' };
  },
});
