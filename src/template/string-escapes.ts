// Python's unicode-escape decoding, which Jinja2 applies to string literals in templates
// (and literal_eval applies to Python literals): \n, \t, \xhh, \uXXXX, \N is not supported.

import { PY_SINGLE_ESCAPES } from '../util/index.js';

// a backslash before a newline continues the string
const SIMPLE: Record<string, string> = { ...PY_SINGLE_ESCAPES, '\n': '' };

/** Decodes backslash escapes; unknown escapes keep their backslash, as Python does. */
export function unescapePython(body: string): string {
  if (!body.includes('\\')) return body;
  return body.replace(
    /\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{1,3}|[\s\S])/g,
    (whole, esc: string) => {
      const simple = SIMPLE[esc];
      if (simple !== undefined) return simple;
      const c = esc[0];
      if (c === 'x' || c === 'u' || c === 'U') return String.fromCodePoint(parseInt(esc.slice(1), 16));
      if (/^[0-7]/.test(esc)) return String.fromCodePoint(parseInt(esc, 8));
      return whole;
    },
  );
}
