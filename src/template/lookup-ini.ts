// The ini lookup (plugins/lookup/ini.py at stable-2.14): a key's value (or, with re, every value
// whose key matches) in a section of an INI file read as Python's configparser.ConfigParser
// reads it — '=' or ':' between key and value, keys lowercased unless case_sensitive, [DEFAULT]
// seen from every section, indented lines continuing a value, %(name)s and %% interpolated —
// or of a Java properties file (type=properties). Options come as keywords or, the old way,
// inline in the term ("key section=s file=f"), split as _parse_params splits them.
import { fail } from './errors.js';
import { pyRepr, pyStr } from './py/repr.js';

const OPTIONS = [
  '_terms',
  'type',
  'file',
  'section',
  're',
  'encoding',
  'default',
  'case_sensitive',
  'allow_no_value',
  'allow_none',
];

type Sections = Map<string, Map<string, string | null>>;

/** Python truth of an option: a keyword's value, or an inline one (always a str: 'False' is true). */
function pyTrue(v: unknown): boolean {
  if (typeof v === 'string') return v.length > 0;
  return Boolean(v) && !(Array.isArray(v) && !v.length);
}

/** _parse_params: words, each k= word starting an option's value, the other words appended. */
function parseParams(term: string): string[] {
  const params = new Map<string, string>();
  const keys: string[] = [];
  let current = 'key';
  term
    .split(/\s+/)
    .filter(Boolean)
    .forEach((phrase, i) => {
      if (phrase.includes('=')) for (const k of OPTIONS) if (phrase.includes(`${k}=`)) current = k;
      if (i === 0 || !params.get(current)) {
        params.set(current, phrase);
        keys.push(current);
      } else params.set(current, `${params.get(current) ?? ''} ${phrase}`);
    });
  return keys.map((k) => params.get(k) ?? '');
}

/** ConfigParser.read_string with its defaults (strict, no inline comments, empty lines in values). */
function parseIni(text: string, caseSensitive: boolean, file: string, allowNoValue: boolean): Sections {
  const sections: Sections = new Map([['DEFAULT', new Map<string, string | null>()]]);
  let section: Map<string, string | null> | undefined;
  let sectionName = '';
  let last: { key: string; indent: number } | undefined;
  const lines = text.split(/\r?\n/);
  // ParsingError collects every line it could not read, then raises once the text is read
  const errors: string[] = [];
  lines.forEach((raw, n) => {
    const stripped = raw.trim();
    const indent = raw.length - raw.trimStart().length;
    if (!stripped || /^[#;]/.test(stripped)) {
      // an empty line inside a value is kept (empty_lines_in_values); a comment ends nothing
      if (!stripped && last && section && section.get(last.key) !== null)
        section.set(last.key, `${section.get(last.key) ?? ''}\n`);
      return;
    }
    if (last && section && indent > last.indent && section.get(last.key) !== null) {
      section.set(last.key, `${section.get(last.key) ?? ''}\n${stripped}`);
      return;
    }
    const header = /^\[(.+)\]/.exec(stripped);
    if (header) {
      sectionName = header[1] ?? '';
      if (sections.has(sectionName) && sectionName !== 'DEFAULT')
        fail(
          'AnsibleLookupError',
          `Duplicate option in '${file}': While reading from '<???>' [line ${String(n + 1).padStart(2)}]: section '${sectionName}' already exists`,
        );
      section = sections.get(sectionName) ?? new Map();
      sections.set(sectionName, section);
      last = undefined;
      return;
    }
    if (!section) fail('configparser.MissingSectionHeaderError', `File contains no section headers.`);
    const m = /^(.*?)\s*[=:]\s*(.*)$/.exec(stripped);
    if (!m && !allowNoValue) {
      errors.push(`\n\t[line ${String(n + 1).padStart(2)}]: ${pyRepr(n < lines.length - 1 ? `${raw}\n` : raw)}`);
      return;
    }
    const key = (m ? (m[1] ?? '') : stripped).trim();
    const name = caseSensitive ? key : key.toLowerCase();
    if (section.has(name))
      fail(
        'AnsibleLookupError',
        `Duplicate option in '${file}': While reading from '<???>' [line ${String(n + 1).padStart(2)}]: option '${name}' in section '${sectionName}' already exists`,
      );
    section.set(name, m ? (m[2] ?? '') : null);
    last = { key: name, indent };
  });
  if (errors.length) fail('configparser.ParsingError', `Source contains parsing errors: '<???>'${errors.join('')}`);
  // values lose the empty lines they end with
  for (const s of sections.values()) for (const [k, v] of s) if (v !== null) s.set(k, v.replace(/\n+$/, ''));
  return sections;
}

/** BasicInterpolation: %% is %, %(name)s the option name's value in the section (or DEFAULT). */
function interpolate(value: string, lookup: (name: string) => string | null | undefined, depth = 0): string {
  if (depth > 10) return fail('configparser.InterpolationDepthError', 'Recursion limit exceeded in value substitution');
  return value.replace(/%(%|\(([^)]*)\)s|.?)/g, (whole, what: string, name: string | undefined) => {
    if (what === '%') return '%';
    if (name !== undefined) {
      const v = lookup(name.toLowerCase());
      if (v === undefined || v === null)
        return fail('configparser.InterpolationMissingOptionError', `Bad value substitution: option '${name}'`);
      return interpolate(v, lookup, depth + 1);
    }
    return fail('configparser.InterpolationSyntaxError', `'%' must be followed by '%' or '(', found: '${whole}'`);
  });
}

export function iniLookup(
  terms: unknown[],
  kw: Map<string, unknown>,
  find: (name: string) => string | undefined,
  read: (path: string, encoding: string) => string,
): unknown[] {
  const out: unknown[] = [];
  for (const t of terms) {
    const term = pyStr(t);
    const options = new Map<string, unknown>(kw);
    let key = term;
    if (term.includes('=') || term.trim().includes(' ')) {
      let updated = false;
      for (const param of parseParams(term)) {
        if (param.includes('=')) {
          const parts = param.split('=');
          if (parts.length !== 2)
            fail(
              'AnsibleLookupError',
              `Could not use '${param}' from '${pyStr(parseParams(term))}': too many values to unpack (expected 2)`,
            );
          const [name = '', value = ''] = parts;
          if (!OPTIONS.includes(name)) fail('AnsibleLookupError', `${name} is not a valid option.`);
          options.set(name, value);
        } else if (key === term) {
          key = param;
          updated = true;
        }
      }
      if (!updated)
        fail(
          'AnsibleOptionsError',
          `No key to lookup was provided as first term with in string inline options: ${term}`,
        );
    }
    const opt = (k: string, d: unknown): unknown => (options.has(k) ? options.get(k) : d);
    const file = pyStr(opt('file', 'ansible.ini'));
    // find_file_in_search_path gave None: the loader refuses it
    const path = find(file) ?? fail('AnsibleParserError', "Invalid filename: 'None'");
    const properties = pyStr(opt('type', 'ini')) === 'properties';
    const section = properties ? 'java_properties' : pyStr(opt('section', 'global'));
    const caseSensitive = pyTrue(opt('case_sensitive', false));
    const sections = parseIni(
      `${properties ? '[java_properties]\n' : ''}${read(path, pyStr(opt('encoding', 'utf-8')))}`,
      caseSensitive,
      file,
      // ConfigParser(allow_no_value=allow_no_value or allow_none)
      pyTrue(opt('allow_no_value', opt('allow_none', false))),
    );
    const own = sections.get(section);
    if (!own) fail('AnsibleLookupError', `No section '${section}' in ${file}`);
    const defaults = sections.get('DEFAULT') ?? new Map<string, string | null>();
    const raw = (name: string): string | null | undefined => (own.has(name) ? own.get(name) : defaults.get(name));
    const value = (name: string): string | null => {
      const v = raw(name);
      return v === undefined || v === null ? (v ?? null) : interpolate(v, raw);
    };
    if (pyTrue(opt('re', false))) {
      // cp.items(section): DEFAULT's keys, then the section's own
      const re = new RegExp(`^(?:${key})`);
      for (const name of new Set([...defaults.keys(), ...own.keys()])) if (re.test(name)) out.push(value(name));
      continue;
    }
    const name = caseSensitive ? key : key.toLowerCase();
    const v = raw(name) === undefined ? opt('default', '') : value(name);
    if (v !== null && v !== undefined) out.push(v);
  }
  return out;
}
