// Python's configparser.ConfigParser with its defaults (3.x: '=' and ':' delimiters, full-line
// '#'/';' comments, strict, empty lines inside values, the DEFAULT section, option names
// lower-cased, BasicInterpolation on get) — how Ansible reads an INI local fact (facts.d/*.fact).
import { pyStrRepr } from './python-escapes.js';

/** configparser.Error and its subclasses: `pyClass` is the Python class. */
export class ConfigParserError extends Error {
  constructor(
    readonly pyClass: string,
    message: string,
  ) {
    super(message);
  }
}

const SECTION = /^\[(.+)\]/;
const OPTION = /^(.*?)\s*([=:])\s*(.*)$/;

export interface ConfigParser {
  sections(): string[];
  /** options(section): the section's, then DEFAULT's it does not have. */
  options(section: string): string[];
  /** get(section, option) through BasicInterpolation (raises ConfigParserError). */
  get(section: string, option: string): string;
  /** RawConfigParser.defaults(): the DEFAULT section's options, as read. */
  rawDefaults(): [string, string][];
  /** The section's own options (its _sections entry), as read. */
  rawSection(section: string): [string, string][];
}

/**
 * ConfigParser().read_file(text) (RawConfigParser._read, 3.11); raises ConfigParserError where
 * Python raises configparser.Error (the messages of the read errors are not Python's: Ansible's
 * local facts replace them with their own).
 */
export function readConfig(text: string): ConfigParser {
  const defaults = new Map<string, string[]>();
  const sections = new Map<string, Map<string, string[]>>();
  let cur: Map<string, string[]> | undefined;
  let opt: string | undefined;
  let indent = 0;
  let bad = false;
  const lines = text.split(/(?<=\n)/);
  for (const line of lines) {
    const comment = /^\s*[#;]/.test(line);
    const value = comment ? '' : line.trim();
    if (!value) {
      // empty_lines_in_values: a blank line is part of the value being read (trailing ones dropped)
      if (!comment && cur && opt) cur.get(opt)?.push('');
      continue;
    }
    const level = line.length - line.trimStart().length;
    if (cur && opt && level > indent) {
      cur.get(opt)?.push(value);
      continue;
    }
    indent = level;
    const head = SECTION.exec(value);
    if (head) {
      const name = head[1]!;
      if (sections.has(name)) throw new ConfigParserError('DuplicateSectionError', `section '${name}' already exists`);
      if (name === 'DEFAULT') cur = defaults;
      else sections.set(name, (cur = new Map<string, string[]>()));
      opt = undefined;
      continue;
    }
    if (!cur) throw new ConfigParserError('MissingSectionHeaderError', 'File contains no section headers.');
    const m = OPTION.exec(value);
    if (!m) {
      // a ParsingError, raised once the whole text is read
      bad = true;
      continue;
    }
    if (!m[1]) bad = true;
    opt = m[1]!.trimEnd().toLowerCase();
    if (cur.has(opt)) throw new ConfigParserError('DuplicateOptionError', `option '${opt}' already exists`);
    cur.set(opt, [m[3]!.trim()]);
  }
  if (bad) throw new ConfigParserError('ParsingError', 'Source contains parsing errors');
  const joined = (m: Map<string, string[]>): Map<string, string> =>
    new Map([...m].map(([k, v]) => [k, v.join('\n').trimEnd()]));
  const defs = joined(defaults);
  const sects = new Map([...sections].map(([k, v]) => [k, joined(v)]));
  const lookup = (section: string): Map<string, string> => new Map([...defs, ...(sects.get(section) ?? [])]);
  return {
    sections: () => [...sects.keys()],
    options: (section) => [...new Set([...(sects.get(section)?.keys() ?? []), ...defs.keys()])],
    get: (section, option) => interpolate(section, option, lookup(section)),
    rawDefaults: () => [...defs],
    rawSection: (section) => [...(sects.get(section) ?? [])],
  };
}

/** BasicInterpolation.before_get (_interpolate_some): %% and %(name)s, ten levels deep at most. */
function interpolate(section: string, option: string, vars: Map<string, string>): string {
  const raw = vars.get(option) ?? '';
  const accum: string[] = [];
  const some = (rest: string, depth: number): void => {
    if (depth > 10)
      throw new ConfigParserError(
        'InterpolationDepthError',
        `Recursion limit exceeded in value substitution: option ${pyStrRepr(option)} in section ${pyStrRepr(section)} contains an interpolation key which cannot be substituted in 10 steps. Raw value: ${pyStrRepr(raw)}`,
      );
    while (rest) {
      const p = rest.indexOf('%');
      if (p < 0) {
        accum.push(rest);
        return;
      }
      if (p > 0) {
        accum.push(rest.slice(0, p));
        rest = rest.slice(p);
      }
      const c = rest.slice(1, 2);
      if (c === '%') {
        accum.push('%');
        rest = rest.slice(2);
      } else if (c === '(') {
        const m = /^%\(([^)]+)\)s/.exec(rest);
        if (!m)
          throw new ConfigParserError(
            'InterpolationSyntaxError',
            `bad interpolation variable reference ${pyStrRepr(rest)}`,
          );
        const key = m[1]!.toLowerCase();
        rest = rest.slice(m[0].length);
        const v = vars.get(key);
        if (v === undefined)
          throw new ConfigParserError(
            'InterpolationMissingOptionError',
            `Bad value substitution: option ${pyStrRepr(option)} in section ${pyStrRepr(section)} contains an interpolation key ${pyStrRepr(key)} which is not a valid option name. Raw value: ${pyStrRepr(raw)}`,
          );
        if (v.includes('%')) some(v, depth + 1);
        else accum.push(v);
      } else
        throw new ConfigParserError(
          'InterpolationSyntaxError',
          `'%' must be followed by '%' or '(', found: ${pyStrRepr(rest)}`,
        );
    }
  };
  some(raw, 1);
  return accum.join('');
}
