// The engine's entry points in plain Jinja2 mode and Ansible mode: build the environment
// for a mode, compile (cached), and render with a fresh evaluator and step budget.
import { PyFunction } from './py/callable.js';
import { PyDatetime } from './py/datetime.js';
import type { Node } from './ast.js';
import { TemplateError } from './errors.js';
import { Evaluator } from './evaluate.js';
import { Scope, type Resolver } from './scope.js';
import { renderNodes, type RenderState, type Piece } from './render.js';
import { compile, makeLoader } from './template-cache.js';
import { defaultGlobals } from './globals.js';
import {
  DEFAULT_STEP_BUDGET,
  type Environment,
  type FilterFn,
  type TestFn,
  type LoadedTemplate,
} from './environment.js';
import { DEFAULT_DELIMITERS, type Delimiters, type LexOptions } from './lexer.js';
import { MISSING, isDict, dictGet } from './py/values.js';
import { parseExpression } from './parser.js';
import { jinjaFilters, ansibleFilters } from './filters/index.js';
import { jinjaTests } from './tests.js';
import { ansibleTests } from './ansible-tests.js';
import { pyStr } from './py/repr.js';
import { lookupGlobals, type LookupHost } from './lookups.js';

export type TemplateMode = 'jinja' | 'ansible';

/** Variables: a dict, or a function that finds one variable (returns MISSING when absent). */
export type Vars = Record<string, unknown> | Map<unknown, unknown> | Resolver;

export interface TemplateOptions {
  /** 'ansible' (default) is ansible-core 2.14's environment; 'jinja' is Jinja2 3.1's defaults. */
  mode?: TemplateMode;
  trimBlocks?: boolean;
  lstripBlocks?: boolean;
  keepTrailingNewline?: boolean;
  /** Other tag strings than `{% %}`, `{{ }}`, `{# #}` (the template lookup's variable_start_string …). */
  delimiters?: Partial<Delimiters>;
  /** DEFAULT_JINJA2_NATIVE for this templating (Templar.template; files are never native). */
  native?: boolean;
  /** Ansible's convert_data (default true): rendered text that reads as a list, dict or bool becomes one. */
  convertData?: boolean;
  /** Ansible's escape_backslashes (default true): `\\` doubled inside `{{ }}` string literals. */
  escapeBackslashes?: boolean;
  /** Finds templates for include/import/extends. */
  loadTemplate?: (name: string) => LoadedTemplate | undefined;
  stepBudget?: number;
  /** The file the text came from, for error locations. */
  file?: string;
  /** Extra globals. */
  globals?: ReadonlyMap<string, unknown>;
  /** Files, environment and commands for Ansible's lookup()/query(). */
  lookups?: LookupHost;
}

function registry<T>(...tables: Record<string, T>[]): Map<string, T> {
  const out = new Map<string, T>();
  for (const t of tables) for (const [k, v] of Object.entries(t)) out.set(k, v);
  return out;
}

/** Ansible resolves `ansible.builtin.x` and `ansible.legacy.x` to the builtin x. */
function withCollectionNames<T>(m: Map<string, T>): Map<string, T> {
  for (const [k, v] of [...m]) {
    if (!/^[a-z_][a-z0-9_]*$/.test(k)) continue;
    m.set(`ansible.builtin.${k}`, v);
    m.set(`ansible.legacy.${k}`, v);
  }
  return m;
}

const FILTERS: Record<TemplateMode, Map<string, FilterFn>> = {
  jinja: registry(jinjaFilters),
  ansible: withCollectionNames(registry(jinjaFilters, ansibleFilters)),
};
const TESTS: Record<TemplateMode, Map<string, TestFn>> = {
  jinja: registry(jinjaTests),
  ansible: withCollectionNames(registry(jinjaTests, ansibleTests)),
};

/** The environment for a mode and options (globals are added per render). */
export function environmentFor(options: TemplateOptions): Environment {
  const mode = options.mode ?? 'ansible';
  const isAnsible = mode === 'ansible';
  return {
    isAnsible,
    trimBlocks: options.trimBlocks ?? isAnsible,
    lstripBlocks: options.lstripBlocks ?? false,
    delimiters: options.delimiters ? { ...DEFAULT_DELIMITERS, ...options.delimiters } : DEFAULT_DELIMITERS,
    native: isAnsible && options.native === true,
    filters: FILTERS[mode],
    tests: TESTS[mode],
    globals: new Map(),
    ...(options.loadTemplate ? { loadTemplate: options.loadTemplate } : {}),
    stepBudget: options.stepBudget ?? DEFAULT_STEP_BUDGET,
  };
}

export function lexOptions(env: Environment, options: TemplateOptions): LexOptions {
  return {
    trimBlocks: env.trimBlocks,
    lstripBlocks: env.lstripBlocks,
    ...(env.delimiters === DEFAULT_DELIMITERS ? {} : { delimiters: env.delimiters }),
    keepTrailingNewline: options.keepTrailingNewline ?? false,
  };
}

/** A resolver over any Vars. */
export function resolverOf(vars: Vars): Resolver {
  if (typeof vars === 'function') return vars;
  if (vars instanceof Map) return (name) => (vars.has(name) ? vars.get(name) : MISSING);
  return (name) => (isDict(vars) ? dictGet(vars, name) : MISSING);
}

// Ansible's now(utc=False, fmt=None) global (template/__init__.py at stable-2.14): a naive
// datetime of the local (or UTC) wall clock, or it formatted with strftime
const NOW = new PyFunction('now', (args, kwargs) => {
  const fmt = kwargs.get('fmt') ?? args[1];
  const now = PyDatetime.now(Boolean(kwargs.get('utc') ?? args[0]));
  return fmt === undefined || fmt === null ? now : now.strftime(String(fmt));
});

/** Starts a render: an evaluator with its own budget, and the globals bound to it. */
export function startRender(env: Environment, options: TemplateOptions): { ev: Evaluator; env: Environment } {
  const holder: { ev?: Evaluator } = {};
  const globals = defaultGlobals((n) => holder.ev?.charge(n));
  if (env.isAnsible) globals.set('now', NOW);
  for (const [k, v] of options.globals ?? []) globals.set(k, v);
  const full = { ...env, globals, ...(options.lookups ? { lookups: options.lookups } : {}) };
  const ev = new Evaluator(full);
  holder.ev = ev;
  if (options.lookups) for (const [k, v] of lookupGlobals(options.lookups, () => ev)) globals.set(k, v);
  return { ev, env: full };
}

/** Renders parsed nodes, following `{% extends %}` chains. */
export function renderBody(body: Node[], scope: Scope, state: RenderState, out: Piece[]): void {
  const ext = body.find((n) => n.type === 'extends');
  collectBlocks(body, state.blocks);
  if (!ext || ext.type !== 'extends') {
    renderNodes(body, scope, state, out);
    return;
  }
  renderNodes(
    body.filter((n) => n.type === 'set' || n.type === 'macro' || n.type === 'import' || n.type === 'fromimport'),
    scope,
    state,
    [],
  );
  const name = pyStr(state.ev.eval(ext.template, scope));
  const parent = state.loader.load(name);
  if (!parent) throw new TemplateError('TemplateNotFound', name, ext.pos);
  state.ev.enter(() => renderBody(parent.body, scope, state, out));
}

function collectBlocks(nodes: readonly Node[], blocks: Map<string, Node[]>): void {
  for (const n of nodes) {
    if (n.type !== 'block') continue;
    if (!blocks.has(n.name)) blocks.set(n.name, n.body);
    collectBlocks(n.body, blocks);
  }
}

/** Renders template text to a list of output pieces. */
export function renderPieces(text: string, vars: Vars, options: TemplateOptions, envIn?: Environment): Piece[] {
  const { ev, env } = startRender(envIn ?? environmentFor(options), options);
  try {
    const body = compile(text, env, lexOptions(env, options), options.file);
    const scope = new Scope(undefined, resolverOf(vars));
    const out: Piece[] = [];
    renderBody(body, scope, { ev, loader: makeLoader(env, lexOptions(env, options)), blocks: new Map() }, out);
    return out;
  } catch (err) {
    throw withFile(err, options.file, text);
  }
}

function withFile(err: unknown, file: string | undefined, source: string): unknown {
  if (err instanceof RangeError && /call stack/i.test(err.message)) {
    return new TemplateError('TemplateRuntimeError', 'maximum recursion depth exceeded', {
      line: 1,
      column: 1,
      ...(file ? { file } : {}),
    });
  }
  if (!(err instanceof TemplateError)) return err;
  err.source ??= source;
  if (!file || err.location?.file) return err;
  const copy = new TemplateError(err.kind, err.message, { ...err.location, file }, err.source);
  copy.detail = err.detail;
  return copy;
}

/** Renders template text to a string. */
export function render(text: string, vars: Vars = {}, options: TemplateOptions = {}): string {
  return renderPieces(text, vars, options).join('');
}

/** Evaluates one expression to its native value (no string conversion). */
export function evaluate(expr: string, vars: Vars = {}, options: TemplateOptions = {}): unknown {
  const env = environmentFor(options);
  const { ev } = startRender(env, options);
  try {
    const tree = parseExpression(expr);
    return ev.eval(tree, new Scope(undefined, resolverOf(vars)));
  } catch (err) {
    throw withFile(err, options.file, `{{ ${expr} }}`);
  }
}
