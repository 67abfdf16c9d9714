// Renders statement nodes to text: output, print (with the mode's finalize), if, for
// (with else, filter, recursive, loop.*), set/block set/namespace, macro/call, filter
// blocks, with, include/import, and block/extends.
import type { Node, Target, MacroParam, Expr } from './ast.js';
import { fail } from './errors.js';
import { Evaluator, positioned } from './evaluate.js';
import { Scope } from './scope.js';
import { LoopContext } from './loop.js';
import { PyFunction, type Kwargs } from './py/callable.js';
import { Namespace, makeDict, tuple } from './py/values.js';
import { pyStr } from './py/repr.js';
import { Undefined, isUndefined, failUndefined } from './undefined.js';
import { truthy, iterate, toText } from './runtime.js';
import {
  ansibleConcat,
  assertNoUndefined,
  nativeConcat,
  NativeText,
  NativeValue,
  STRING_TYPE_FILTERS,
  type Piece,
} from './ansible-concat.js';
import type { TemplateLoader } from './template-cache.js';

/** A piece of output: text, or a string-type filter's text that Ansible keeps a string. */
export type { Piece };

/** Everything one render shares: the evaluator, the loader, the blocks of an extends chain. */
export interface RenderState {
  ev: Evaluator;
  loader: TemplateLoader;
  blocks: Map<string, Node[]>;
}

/** Renders nodes into `out`. */
export function renderNodes(nodes: readonly Node[], scope: Scope, state: RenderState, out: Piece[]): void {
  for (const node of nodes) {
    try {
      renderNode(node, scope, state, out);
    } catch (err) {
      throw positioned(err, node.pos);
    }
  }
}

function renderNode(node: Node, scope: Scope, state: RenderState, out: Piece[]): void {
  state.ev.charge(1);
  switch (node.type) {
    case 'output':
      out.push(node.value);
      return;
    case 'print':
      out.push(printed(node.expr, scope, state));
      return;
    case 'if':
      return renderIf(node, scope, state, out);
    case 'for':
      return renderFor(node, scope, state, out);
    case 'set':
      return assign(node.target, state.ev.eval(node.expr, scope), scope, state.ev);
    case 'setblock':
      return assign(
        node.target,
        applyFilters(node.filters, captured(node.body, scope, state), scope, state),
        scope,
        state.ev,
      );
    case 'macro':
      scope.set(node.name, makeMacro(node.name, node.params, node.body, scope, state));
      return;
    case 'callblock':
      return renderCallBlock(node, scope, state, out);
    case 'filterblock':
      out.push(toText(applyFilters(node.filters, renderToString(node.body, scope, state), scope, state), state.ev));
      return;
    case 'with':
      return renderWith(node, scope, state, out);
    case 'include':
      return renderInclude(node, scope, state, out);
    case 'import':
      scope.set(node.alias, importTemplate(node.template, node.withContext, scope, state));
      return;
    case 'fromimport':
      return renderFromImport(node, scope, state);
    case 'block':
      renderNodes(state.blocks.get(node.name) ?? node.body, scope, state, out);
      return;
    case 'extends':
      return;
  }
}

/** What `{{ x }}` prints: Ansible prints None as '' and fails on any undefined inside. */
function finalize(v: unknown, ev: Evaluator): string {
  if (ev.isAnsible) {
    assertNoUndefined(v);
    return v === null || isUndefined(v) ? '' : pyStr(v);
  }
  return toText(v, ev);
}

/** A print node's text; under Ansible a string-type filter's output is marked native text. */
function printed(expr: Expr, scope: Scope, state: RenderState): Piece {
  let text: string;
  try {
    const value = state.ev.eval(expr, scope);
    if (state.ev.env.native && !isStringFilter(expr)) {
      // AnsibleNativeEnvironment's finalize only refuses undefined; the concat decides the rest
      assertNoUndefined(value);
      return new NativeValue(value);
    }
    text = finalize(value, state.ev);
  } catch (err) {
    throw positioned(err, expr.pos);
  }
  return state.ev.isAnsible && isStringFilter(expr) ? new NativeText(text) : text;
}

function isStringFilter(expr: Expr): boolean {
  return expr.type === 'filter' && STRING_TYPE_FILTERS.has(expr.name.replace(/^ansible\.(builtin|legacy)\./, ''));
}

export function renderToString(body: readonly Node[], scope: Scope, state: RenderState): string {
  const out: Piece[] = [];
  renderNodes(body, scope, state, out);
  return out.join('');
}

/** Block output as Jinja2's concat returns it: Ansible's concat may turn it into a list or dict. */
function captured(body: readonly Node[], scope: Scope, state: RenderState): unknown {
  const out: Piece[] = [];
  renderNodes(body, scope, state, out);
  if (!state.ev.isAnsible) return out.join('');
  return state.ev.env.native ? nativeConcat(out) : ansibleConcat(out);
}

function applyFilters(filters: Expr[], value: unknown, scope: Scope, state: RenderState): unknown {
  let v = value;
  for (const f of filters) {
    if (f.type !== 'filter') continue;
    v = state.ev.applyFilter(f.name, v, f.args, scope);
  }
  return v;
}

function renderIf(node: Extract<Node, { type: 'if' }>, scope: Scope, state: RenderState, out: Piece[]): void {
  for (const branch of node.branches) {
    if (truthy(state.ev.eval(branch.test, scope), state.ev)) {
      renderNodes(branch.body, scope, state, out);
      return;
    }
  }
  renderNodes(node.else, scope, state, out);
}

function renderFor(
  node: Extract<Node, { type: 'for' }>,
  scope: Scope,
  state: RenderState,
  out: Piece[],
  depth = 0,
  source?: unknown,
): void {
  const ev = state.ev;
  const iterable = source === undefined ? ev.eval(node.iter, scope) : source;
  let items = iterate(iterable, ev);
  const loopScope = scope.child();
  if (node.filter) {
    const test = node.filter;
    items = items.filter((item) => {
      assign(node.target, item, loopScope, ev);
      return truthy(ev.eval(test, loopScope), ev);
    });
  }
  if (!items.length) {
    renderNodes(node.else, scope, state, out);
    return;
  }
  const recurse = node.recursive
    ? (next: unknown): string =>
        ev.enter(() => {
          const inner: Piece[] = [];
          renderFor(node, scope, state, inner, depth + 1, next);
          return inner.join('');
        })
    : undefined;
  const loop = new LoopContext(items, depth, recurse);
  loopScope.set('loop', loop);
  for (const item of items) {
    loop.index0++;
    assign(node.target, item, loopScope, ev);
    renderNodes(node.body, loopScope, state, out);
  }
}

/** Binds a value to a target; tuple targets unpack with Python's messages. */
export function assign(target: Target, value: unknown, scope: Scope, ev: Evaluator): void {
  if (target.type === 'name') {
    scope.set(target.name, value);
    return;
  }
  if (target.type === 'nsattr') {
    const ns = scope.lookup(target.name);
    if (!(ns instanceof Namespace))
      return fail('TemplateRuntimeError', 'cannot assign attribute on non-namespace object');
    ns.attrs.set(target.attr, value);
    return;
  }
  const items = iterate(value, ev);
  const n = target.items.length;
  if (items.length > n) return fail('ValueError', `too many values to unpack (expected ${n})`);
  if (items.length < n) return fail('ValueError', `not enough values to unpack (expected ${n}, got ${items.length})`);
  target.items.forEach((t, i) => assign(t, items[i], scope, ev));
}

/** The keyword a call block uses to hand its body to the macro as `caller`. */
const CALLER_KEY = '\0caller';

function makeMacro(name: string, params: MacroParam[], body: Node[], defScope: Scope, state: RenderState): PyFunction {
  return new PyFunction(name, (args, kwargs) => {
    const scope = defScope.child();
    const rest = new Map(kwargs);
    const caller = rest.get(CALLER_KEY);
    rest.delete(CALLER_KEY);
    bindMacroArgs(name, params, args, rest, scope, state);
    if (caller !== undefined) scope.set('caller', caller);
    return captured(body, scope, state);
  });
}

function bindMacroArgs(
  name: string,
  params: MacroParam[],
  args: unknown[],
  kwargs: Kwargs,
  scope: Scope,
  state: RenderState,
): void {
  const extraKw = new Map(kwargs);
  params.forEach((p, i) => {
    if (i < args.length) scope.set(p.name, args[i]);
    else if (extraKw.has(p.name)) scope.set(p.name, extraKw.get(p.name));
    else if (p.default) scope.set(p.name, state.ev.eval(p.default, scope));
    else scope.set(p.name, new Undefined({ name: p.name, hint: `parameter '${p.name}' was not provided` }, p.name));
    extraKw.delete(p.name);
  });
  scope.set('varargs', tuple(args.slice(params.length)));
  scope.set('kwargs', makeDict(extraKw));
}

function renderCallBlock(
  node: Extract<Node, { type: 'callblock' }>,
  scope: Scope,
  state: RenderState,
  out: Piece[],
): void {
  const call = node.call;
  if (call.type !== 'call') return;
  const caller = makeMacro('caller', node.params, node.body, scope, state);
  const callee = state.ev.eval(call.callee, scope);
  if (!(callee instanceof PyFunction)) return fail('TypeError', `'${pyStr(callee)}' is not callable`);
  const [args, kwargs] = state.ev.evalArgs(call.args, scope);
  kwargs.set(CALLER_KEY, caller);
  out.push(
    finalize(
      state.ev.enter(() => callee.call(args, kwargs)),
      state.ev,
    ),
  );
}

function renderWith(node: Extract<Node, { type: 'with' }>, scope: Scope, state: RenderState, out: Piece[]): void {
  const inner = scope.child();
  for (const [target, expr] of node.assignments) assign(target, state.ev.eval(expr, scope), inner, state.ev);
  renderNodes(node.body, inner, state, out);
}

function templateNames(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.map((x) => pyStr(x));
  if (isUndefined(v)) return failUndefined(v, true);
  return [pyStr(v)];
}

function renderInclude(node: Extract<Node, { type: 'include' }>, scope: Scope, state: RenderState, out: Piece[]): void {
  const names = templateNames(state.ev.eval(node.template, scope));
  const found = names.map((n) => state.loader.load(n)).find((t) => t !== undefined);
  if (!found) {
    if (node.ignoreMissing) return;
    return fail(
      'TemplateNotFound',
      names.length === 1 ? (names[0] ?? '') : `none of the templates given were found: ${names.join(', ')}`,
    );
  }
  const inner = node.withContext ? scope.child() : new Scope(undefined);
  state.ev.enter(() => renderNodes(found.body, inner, { ...state, blocks: new Map() }, out));
}

function importTemplate(expr: Expr, withContext: boolean, scope: Scope, state: RenderState): Map<unknown, unknown> {
  const name = pyStr(state.ev.eval(expr, scope));
  const found = state.loader.load(name);
  if (!found) return fail('TemplateNotFound', name);
  const inner = withContext ? scope.child() : new Scope(undefined);
  state.ev.enter(() => renderNodes(found.body, inner, { ...state, blocks: new Map() }, []));
  return makeDict(inner.ownEntries().filter(([k]) => !k.startsWith('_')));
}

function renderFromImport(node: Extract<Node, { type: 'fromimport' }>, scope: Scope, state: RenderState): void {
  const module = importTemplate(node.template, node.withContext, scope, state);
  for (const [name, alias] of node.names) {
    if (!module.has(name))
      return fail(
        'TemplateRuntimeError',
        `the template ${pyStr(state.ev.eval(node.template, scope))} does not export the requested name '${name}'`,
      );
    scope.set(alias, module.get(name));
  }
}
