// Jinja2 rejects unknown filters and tests when it compiles a template, before anything
// renders ("No filter named 'bool'."); this walk does the same with the node's position.
import type { Node, Expr, Args } from './ast.js';
import type { Environment } from './environment.js';
import { TemplateError } from './errors.js';
import { pyRepr } from './py/repr.js';

/**
 * Jinja2's message for an unknown filter or test; under Ansible the plugin loader answers first
 * (JinjaPluginIntercept.__getitem__ raising KeyError, template/__init__.py at stable-2.14).
 */
export function unknownName(kind: 'filter' | 'test', name: string, env: Environment): string {
  if (!env.isAnsible) return `No ${kind} named '${name}'.`;
  // the loader tries ansible.builtin.NAME: a name that makes no valid FQCR is refused as such
  const reason = name.includes('.') || /^\w+$/.test(name) ? name : `invalid plugin name: ansible.builtin.${name}`;
  return `Could not load "${name}": ${pyRepr(reason)}`;
}

function checkArgs(a: Args, env: Environment): void {
  for (const x of a.positional) checkExpr(x, env);
  for (const [, x] of a.keywords) checkExpr(x, env);
  if (a.star) checkExpr(a.star, env);
  if (a.starStar) checkExpr(a.starStar, env);
}

function checkExpr(e: Expr | undefined, env: Environment): void {
  if (!e) return;
  switch (e.type) {
    case 'filter':
      if (!env.filters.has(e.name))
        throw new TemplateError('TemplateAssertionError', unknownName('filter', e.name, env), e.pos);
      checkExpr(e.target, env);
      return checkArgs(e.args, env);
    case 'test':
      if (!env.tests.has(e.name))
        throw new TemplateError('TemplateAssertionError', unknownName('test', e.name, env), e.pos);
      checkExpr(e.target, env);
      return checkArgs(e.args, env);
    case 'list':
    case 'tuple':
    case 'concat':
      e.items.forEach((x) => checkExpr(x, env));
      return;
    case 'dict':
      e.entries.forEach(([k, v]) => {
        checkExpr(k, env);
        checkExpr(v, env);
      });
      return;
    case 'getattr':
      return checkExpr(e.target, env);
    case 'getitem':
      checkExpr(e.target, env);
      return checkExpr(e.key, env);
    case 'slice':
      [e.target, e.start, e.stop, e.step].forEach((x) => checkExpr(x, env));
      return;
    case 'call':
      checkExpr(e.callee, env);
      return checkArgs(e.args, env);
    case 'unary':
      return checkExpr(e.operand, env);
    case 'binary':
    case 'and':
    case 'or':
      checkExpr(e.left, env);
      return checkExpr(e.right, env);
    case 'compare':
      checkExpr(e.first, env);
      e.ops.forEach((o) => checkExpr(o.expr, env));
      return;
    case 'cond':
      [e.test, e.then, e.else].forEach((x) => checkExpr(x, env));
      return;
    default:
      return;
  }
}

/** Throws TemplateAssertionError for the first unknown filter or test. */
export function checkNames(nodes: readonly Node[], env: Environment): void {
  for (const n of nodes) checkNode(n, env);
}

function checkNode(n: Node, env: Environment): void {
  switch (n.type) {
    case 'print':
      return checkExpr(n.expr, env);
    case 'if':
      n.branches.forEach((b) => {
        checkExpr(b.test, env);
        checkNames(b.body, env);
      });
      return checkNames(n.else, env);
    case 'for':
      checkExpr(n.iter, env);
      checkExpr(n.filter, env);
      checkNames(n.body, env);
      return checkNames(n.else, env);
    case 'set':
      return checkExpr(n.expr, env);
    case 'setblock':
      n.filters.forEach((f) => checkExpr(f, env));
      return checkNames(n.body, env);
    case 'macro':
      n.params.forEach((p) => checkExpr(p.default, env));
      return checkNames(n.body, env);
    case 'callblock':
      checkExpr(n.call, env);
      return checkNames(n.body, env);
    case 'filterblock':
      n.filters.forEach((f) => checkExpr(f, env));
      return checkNames(n.body, env);
    case 'with':
      n.assignments.forEach(([, e]) => checkExpr(e, env));
      return checkNames(n.body, env);
    case 'block':
      return checkNames(n.body, env);
    default:
      return;
  }
}
