// The csvfile lookup (plugins/lookup/csvfile.py at stable-2.14): the `col`-th column (1 by
// default) of the first row whose first column is the key, in `file` (ansible.csv) read with
// `delimiter` (TAB by default, "TAB"/"\t" naming it); `default` where no row has the key,
// nothing for the term without one.
import { fail } from './errors.js';
import { pyStr } from './py/repr.js';
import { parseKvWords } from './lookup-kv.js';

/** csv.reader's fields of one line (quotes around a field, "" inside quotes). */
function csvFields(line: string, delimiter: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"' && cur === '') quoted = true;
    else if (c === delimiter) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

/** The plugin's options (lookup/csvfile.py's DOCUMENTATION). */
const OPTIONS = ['col', 'default', 'delimiter', 'file', 'encoding'];

export function csvLookup(
  terms: unknown[],
  kw: Map<string, unknown>,
  find: (name: string) => string | undefined,
  read: (path: string) => string,
): unknown[] {
  return terms.flatMap((t) => {
    const term = pyStr(t);
    const { params, raw } = parseKvWords(term);
    if (!raw) return fail('AnsibleError', 'Search key is required but was not found');
    const key = raw;
    // parameters override per term; each must be one of the plugin's options
    for (const name of params.keys())
      if (!OPTIONS.includes(name)) fail('AnsibleError', `${name} is not a valid option`);
    const opt = (k: string, d: string): string => params.get(k) ?? (kw.has(k) ? pyStr(kw.get(k)) : d);
    let delimiter = opt('delimiter', 'TAB');
    if (delimiter === 'TAB' || delimiter === '\\t') delimiter = '\t';
    const file = opt('file', 'ansible.csv');
    const col = Number(opt('col', '1'));
    const path = find(file);
    // find_file_in_search_path gives None (and warns); read_csv opens b'None'
    if (!path) return fail('AnsibleError', "csvfile: [Errno 2] No such file or directory: b'None'");
    for (const line of read(path).split(/\r?\n/)) {
      const row = csvFields(line, delimiter);
      if (row.length && row[0] === key) {
        const v = row[col];
        return v === undefined ? fail('AnsibleError', `csvfile: list index out of range`) : [v];
      }
    }
    // read_csv's default (None: nothing for this term)
    const dflt = params.get('default') ?? kw.get('default');
    return dflt === undefined || dflt === null ? [] : [dflt];
  });
}
