// `runbook template`: a template debugger (Ansible has none) and the measuring hook for the
// engine. Prints what Ansible makes of a task argument, of an expression, or of a file.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  template,
  evaluate,
  render,
  renderTemplateFile,
  pyJsonDumps,
  pyJsonLoads,
  TemplateError,
  type Vars,
} from '../template/index.js';
import { FsLoader } from '../loader/index.js';
import { RunbookError } from '../util/index.js';
import { loadExtraVars } from './extra-vars.js';
import { makeLookupHost } from './lookup-host.js';
import { UsageError } from './usage-error.js';

export const TEMPLATE_HELP = `usage: runbook template [-e VARS]... TEXT
       runbook template [-e VARS]... --expr EXPR
       runbook template [-e VARS]... --file TEMPLATE.j2
       runbook template --json < request.json

Shows what Ansible (ansible-core 2.14) makes of a value:
  TEXT             a task argument: prints strings as they are, other values as JSON
  --expr EXPR      an expression: prints its native value as JSON
  --file PATH      a template file, as the template module renders it
  --json           reads {"kind": "render"|"expr", "tpl": "...", "vars": {...}} from stdin,
                   prints {"ok": true, "value": ...} or {"ok": false, "error": "..."}
  -e, --extra-vars k=v, a YAML/JSON mapping, or @vars.yml (repeatable)
  --mode jinja     plain Jinja2 3.1 semantics instead of Ansible's`;

/** Runs the subcommand; returns the exit code. */
export function runTemplateCommand(
  argv: string[],
  io: { out: (s: string) => void; write: (s: string) => void },
): number {
  const out = io.out;
  const { values, positionals } = parseTemplateArgs(argv);
  if (values.help) {
    out(TEMPLATE_HELP);
    return 0;
  }
  if (values.json) return runJson(readFileSync(0, 'utf8'), out);
  const loader = new FsLoader();
  const vars = loadExtraVars(values['extra-vars'] ?? [], loader);
  const searchPaths = [values.file ? dirname(resolve(values.file)) : process.cwd()];
  const lookups = makeLookupHost(loader, searchPaths);
  const mode = values.mode === 'jinja' ? 'jinja' : 'ansible';
  if (values.expr !== undefined) {
    out(pyJsonDumps(evaluate(values.expr, vars, { mode, lookups }), { indent: 2 }));
    return 0;
  }
  if (values.file !== undefined) {
    const text = loader.readText(values.file);
    io.write(renderFile(text, vars, values.file, mode, lookups));
    return 0;
  }
  if (positionals.length !== 1)
    throw new UsageError('runbook template needs exactly one TEXT, --expr, --file or --json');
  const value =
    mode === 'jinja'
      ? render(positionals[0] ?? '', vars, { mode, lookups })
      : template(positionals[0], vars, { lookups });
  out(typeof value === 'string' ? value : pyJsonDumps(value, { indent: 2 }));
  return 0;
}

function parseTemplateArgs(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        'extra-vars': { type: 'string', short: 'e', multiple: true },
        expr: { type: 'string' },
        file: { type: 'string', short: 'f' },
        json: { type: 'boolean' },
        mode: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

/** The template module's rendering: text out, trailing newlines kept. */
function renderFile(
  text: string,
  vars: Vars,
  file: string,
  mode: 'jinja' | 'ansible',
  lookups: ReturnType<typeof makeLookupHost>,
): string {
  const loader = new FsLoader();
  const dir = dirname(resolve(file));
  const renderer = mode === 'ansible' ? renderTemplateFile : render;
  const rendered = renderer(text, vars, {
    mode,
    file,
    lookups,
    loadTemplate: (name) => {
      const path = resolve(dir, name);
      return loader.exists(path) ? { name: path, source: loader.readText(path) } : undefined;
    },
  });
  const want = /\n*$/.exec(text)?.[0].length ?? 0;
  const have = /\n*$/.exec(rendered)?.[0].length ?? 0;
  return rendered + '\n'.repeat(Math.max(0, want - have));
}

/** The JSON protocol: one request object on stdin, one line of JSON out. */
export function runJson(input: string, out: (s: string) => void): number {
  let request: Map<unknown, unknown>;
  try {
    const parsed = pyJsonLoads(input);
    if (!(parsed instanceof Map)) throw new TemplateError('ValueError', 'the request must be a JSON object');
    request = parsed;
  } catch (err) {
    out(
      pyJsonDumps(
        new Map<string, unknown>([
          ['ok', false],
          ['error', `bad request: ${(err as Error).message}`],
        ]),
      ),
    );
    return 5;
  }
  const kind = request.get('kind') === 'expr' ? 'expr' : 'render';
  const tpl = String(request.get('tpl') ?? '');
  const vars = request.get('vars') instanceof Map ? (request.get('vars') as Map<unknown, unknown>) : new Map();
  try {
    const value = template(kind === 'expr' ? `{{ ${tpl} }}` : tpl, vars);
    out(
      pyJsonDumps(
        new Map<string, unknown>([
          ['ok', true],
          ['value', value],
        ]),
      ),
    );
  } catch (err) {
    if (!(err instanceof RunbookError)) throw err;
    out(
      pyJsonDumps(
        new Map<string, unknown>([
          ['ok', false],
          ['error', err.message],
        ]),
      ),
    );
  }
  return 0;
}
