// Parsed templates, cached by source text, and the loader include/import use.
import type { Node } from './ast.js';
import { parseTemplate } from './parser.js';
import type { LexOptions } from './lexer.js';
import type { Environment } from './environment.js';
import { TemplateError } from './errors.js';
import { checkNames } from './check-names.js';

const MAX_ENTRIES = 2000;
const cache = new Map<string, Node[]>();

/** Parses (or reuses) a template; unknown filters and tests fail here, as in Jinja2. */
export function compile(source: string, env: Environment, options: LexOptions, file?: string): Node[] {
  const key = `${options.trimBlocks ? 1 : 0}${options.lstripBlocks ? 1 : 0}${options.keepTrailingNewline ? 1 : 0}${env.isAnsible ? 1 : 0}${delimiterKey(options)}\0${source}`;
  const hit = cache.get(key);
  if (hit) return hit;
  let body: Node[];
  try {
    body = parseTemplate(source, options);
    checkNames(body, env);
  } catch (err) {
    if (err instanceof TemplateError && file) throw new TemplateError(err.kind, err.message, { ...err.location, file });
    throw err;
  }
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  cache.set(key, body);
  return body;
}

function delimiterKey(options: LexOptions): string {
  const d = options.delimiters;
  return d
    ? `\0${d.blockStart}\0${d.blockEnd}\0${d.variableStart}\0${d.variableEnd}\0${d.commentStart}\0${d.commentEnd}`
    : '';
}

/** Resolves template names for include/import/extends. */
export interface TemplateLoader {
  load(name: string): { body: Node[]; name: string } | undefined;
}

export function makeLoader(env: Environment, options: LexOptions): TemplateLoader {
  return {
    load(name) {
      const found = env.loadTemplate?.(name);
      if (!found) return undefined;
      return { name: found.name, body: compile(found.source, env, options, found.name) };
    },
  };
}
