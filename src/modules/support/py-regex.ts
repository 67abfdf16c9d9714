// Python `re` for modules (lineinfile, replace): the template engine's translation.
import { compilePython } from '../../template/index.js';

export function compilePythonRegex(pattern: string, flags = ''): RegExp {
  return compilePython(pattern, flags).re;
}

/** match.expand(template): \1, \g<1>, \g<name>. */
export function expandMatch(m: RegExpExecArray, template: string): string {
  return template.replace(/\\(g<([^>]+)>|\d+)/g, (_w, ref: string, g: string | undefined) => {
    const key = g ?? ref;
    return /^\d+$/.test(key) ? (m[Number(key)] ?? '') : (m.groups?.[key] ?? '');
  });
}
