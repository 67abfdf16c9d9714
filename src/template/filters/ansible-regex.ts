// Ansible's regex filters (regex_replace, regex_search, regex_findall, regex_escape) on
// Python `re` semantics, translated by py/regex.ts.
import type { FilterFn } from '../environment.js';
import { params } from './args.js';
import { toText } from '../runtime.js';
import { fail } from '../errors.js';
import { compilePython, pySub, pyFindall, pySearch } from '../py/regex.js';
import { tuple } from '../py/values.js';

type Ctx = Parameters<FilterFn>[0];
const text = (ctx: Ctx, v: unknown): string => toText(v, ctx);

function flagsOf(ignorecase: unknown, multiline: unknown): string {
  return `${ignorecase ? 'i' : ''}${multiline ? 'm' : ''}`;
}

/**
 * core.py's regex_search: the backreference arguments are read first (re.match of "\\g<name>" or
 * "\\N": one that does not parse is Python's AttributeError on None, anything else "Unknown
 * argument"), then the search; a group the match does not have is re's IndexError.
 */
function regexSearch(ctx: Ctx, v: unknown, a: unknown[], k: Map<string, unknown>): unknown {
  const [pattern, ...refs] = a;
  const noMatch = (): never => fail('AttributeError', "'NoneType' object has no attribute 'group'");
  const groups = refs.map((ref): string | number => {
    const r = String(ref);
    if (r.startsWith('\\g')) return /^\\g<(\S+)>/.exec(r)?.[1] ?? noMatch();
    if (r.startsWith('\\')) return Number(/^\\(\d+)/.exec(r)?.[1] ?? noMatch());
    return fail('FilterArgumentError', 'Unknown argument');
  });
  const rx = compilePython(text(ctx, pattern), flagsOf(k.get('ignorecase'), k.get('multiline')));
  const m = pySearch(rx, text(ctx, v), false);
  if (!m) return null;
  if (!groups.length) return m[0];
  return groups.map((g) => {
    // match.group(name) takes a name only (a digit string names no group); a group that did not
    // take part is None
    const has =
      typeof g === 'number'
        ? g < m.length
        : m.groups !== undefined && Object.prototype.hasOwnProperty.call(m.groups, g);
    if (!has) return fail('IndexError', 'no such group');
    return (typeof g === 'number' ? m[g] : m.groups?.[g]) ?? null;
  });
}

export const ansibleRegexFilters: Record<string, FilterFn> = {
  regex_replace: (ctx, v, a, k) => {
    const [pattern, replacement, ignorecase, multiline] = params(
      'regex_replace',
      [
        ['pattern', ''],
        ['replacement', ''],
        ['ignorecase', false],
        ['multiline', false],
      ],
      a,
      k,
    );
    return pySub(
      compilePython(text(ctx, pattern), flagsOf(ignorecase, multiline)),
      text(ctx, replacement),
      text(ctx, v),
    );
  },
  regex_findall: (ctx, v, a, k) => {
    const [regex, multiline, ignorecase] = params(
      'regex_findall',
      [['regex'], ['multiline', false], ['ignorecase', false]],
      a,
      k,
    );
    return pyFindall(compilePython(text(ctx, regex), flagsOf(ignorecase, multiline)), text(ctx, v)).map((x) =>
      Array.isArray(x) ? tuple(x) : x,
    );
  },
  regex_search: regexSearch,
  regex_escape: (ctx, v, a, k) => {
    const [reType] = params('regex_escape', [['re_type', 'python']], a, k);
    const s = text(ctx, v);
    if (reType === 'posix_basic') return s.replace(/[.^$*[\]\\]/g, '\\$&');
    if (reType === 'posix_extended')
      return fail('FilterArgumentError', 'Regex type (posix_extended) not yet implemented');
    if (reType !== 'python') return fail('FilterArgumentError', `Invalid regex type (${String(reType)})`);
    // Python 3.7+ re.escape escapes only the regex metacharacters and whitespace.
    return s.replace(/[()[\]{}?*+\-|^$\\.&~# \t\n\r\v\f]/g, (c) => `\\${c}`);
  },
};
