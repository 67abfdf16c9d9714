// Ansible's Templar.template (ansible-core 2.14, lib/ansible/template/__init__.py): what a
// task argument becomes. Non-templates pass through; `{{ var }}` of a number or bool returns
// it unchanged; otherwise the text is rendered and ansible_eval_concat may turn it back into
// a list, dict or bool. Variables are templated when read (AnsibleJ2Vars), lazily.
import { VaultText } from './vault-text.js';
import { VaultFailure, VaultValueError } from '../util/index.js';
import { TemplateError } from './errors.js';
import { tokenize, normalizeSource, isPossiblyTemplate, DEFAULT_DELIMITERS } from './lexer.js';
import { environmentFor, lexOptions, renderPieces, resolverOf, type TemplateOptions, type Vars } from './engine.js';
import { ansibleConcat, nativeConcat } from './ansible-concat.js';
import { isNumber, isDict, isTuple, dictEntries, MISSING, makeDict } from './py/values.js';
import { Undefined } from './undefined.js';
import { pyStr } from './py/repr.js';
import type { Resolver } from './scope.js';

// Python's `$` also matches before a final newline, so "{{ x }}\\n" counts as a single variable.
const SINGLE_VAR = /^\{\{\s*(\w*)\s*\}\}\n?$/;

/**
 * Ansible's _escape_backslashes: inside `{{ }}`, backslashes in string literals are doubled,
 * so playbook authors write `'\\1'` once, not twice.
 */
export function escapeBackslashes(text: string, options: TemplateOptions): string {
  if (!text.includes('\\') || !text.includes('{{')) return text;
  const env = environmentFor(options);
  const source = normalizeSource(text);
  const tokens = tokenize(text, lexOptions(env, {}));
  let out = '';
  let last = 0;
  let inVar = false;
  for (const t of tokens) {
    if (t.error) throw t.error;
    if (t.type === 'var_begin') inVar = true;
    else if (t.type === 'var_end') inVar = false;
    else if (inVar && t.type === 'string') {
      out += source.slice(last, t.offset) + t.raw.replace(/\\/g, '\\\\');
      last = t.offset + t.raw.length;
    }
  }
  return out + source.slice(last);
}

function trailingNewlines(s: string): number {
  let n = 0;
  for (let i = s.length - 1; i >= 0 && s[i] === '\n'; i--) n++;
  return n;
}

/** A variable's value as stored, and as templates see it (templated on read). */
interface VarView {
  raw: Resolver;
  lazy: Resolver;
}

// Values Ansible marks unsafe (wrap_var): a module's registered result is data, never templated
// again when read — its text may hold "{{ … }}" (an error message that quotes a template).
const UNSAFE = new WeakSet<object>();

/** Marks a result (a Map or list) as data that lazy templating leaves alone. */
export function markUnsafe<T extends object>(value: T): T {
  UNSAFE.add(value);
  return value;
}

/** wrap_var on a whole value: every list and dict in it marked (strings cannot carry a mark). */
export function markUnsafeDeep(value: unknown): void {
  if (Array.isArray(value)) {
    UNSAFE.add(value);
    value.forEach(markUnsafeDeep);
  } else if (isDict(value)) {
    UNSAFE.add(value);
    for (const [, v] of dictEntries(value)) markUnsafeDeep(v);
  }
}

/**
 * AnsibleContext._is_unsafe, for the value itself: a registered result, a with_ loop's item and
 * whatever was made from them are marked whole (wrap_var), so a read of hostvars or groups —
 * read at every task — costs one lookup, not a walk of its contents.
 */
function isUnsafeValue(v: unknown): boolean {
  return typeof v === 'object' && v !== null && UNSAFE.has(v);
}

/** Lazily templated variables, as AnsibleJ2Vars does; self-reference is an error. */
export function lazyVars(vars: Vars, options: TemplateOptions): VarView {
  const raw = resolverOf(vars);
  const view: VarView = { raw, lazy: (name) => resolver(name) };
  const resolving = new Set<string>();
  const resolver: Resolver = (name) => {
    const value = raw(name);
    // AnsibleJ2Vars hands `vars` back as it is (its values stay raw)
    if (name === 'vars' || value === MISSING || (typeof value === 'object' && value !== null && UNSAFE.has(value)))
      return value;
    // an inline vault value the run could not open reaches the unvault filter still sealed
    if (value instanceof VaultFailure && value.vaulttext !== undefined)
      return new VaultText(value.vaulttext, value.message);
    if (!containsTemplate(value)) return value;
    if (resolving.has(name)) {
      throw new TemplateError('TemplateRuntimeError', `recursive loop detected in template string: ${String(value)}`);
    }
    resolving.add(name);
    try {
      return templateValue(value, view, options);
    } catch (err) {
      if (err instanceof TemplateError && err.kind === 'UndefinedError') {
        // AnsibleJ2Vars.__getitem__: hint=f"{variable}: {e.message}", the message already doubled
        // (the value as Python's str() shows it: a list or dict by its repr)
        const hint = `${pyStr(value)}: ${err.ansibleMessage()}`;
        return new Undefined({ name, hint }, name);
      }
      throw err;
    } finally {
      resolving.delete(name);
    }
  };
  return view;
}

/**
 * Whether a variable's value changes when read (Templar.template on it): a template string, a
 * vault value, or a tuple — Templar.template makes every sequence a list (is_sequence branch), so
 * `set_fact: {z: "{{ a | zip(b) | list }}"}` reads back as lists, and a loop item that was a
 * tuple is a list where the task reads it.
 */
function containsTemplate(v: unknown): boolean {
  if (typeof v === 'string') return isPossiblyTemplate(v);
  if (typeof v !== 'object' || v === null) return false;
  if (v instanceof VaultFailure) return true;
  // a module's result, facts included, is unsafe throughout (ActionBase._execute_module's
  // wrap_var): nothing in it is templated, and it is not walked (a host's facts, read whole
  // through ansible_facts at every template that names them)
  if (UNSAFE.has(v)) return false;
  // walked in place: a variable read from a template is walked at every read (the facts, each
  // task), and copying a dict's entries to walk them cost the facts workload a tenth of its CPU
  if (Array.isArray(v)) return v.some(containsTemplate) || isTuple(v);
  if (v instanceof Map) {
    for (const x of v.values()) if (containsTemplate(x)) return true;
    return false;
  }
  return isDict(v) && Object.values(v as Record<string, unknown>).some(containsTemplate);
}

function templateValue(value: unknown, vars: VarView, options: TemplateOptions): unknown {
  if (typeof value === 'string') return templateString(value, vars, options);
  if (value instanceof VaultFailure) throw new VaultValueError(value.message);
  if (isUnsafeValue(value)) return value;
  if (Array.isArray(value)) return value.map((v) => templateValue(v, vars, options));
  if (isDict(value)) return makeDict(dictEntries(value).map(([k, v]) => [k, templateValue(v, vars, options)]));
  return value;
}

function templateString(text: string, vars: VarView, options: TemplateOptions): unknown {
  const delimiters = options.delimiters ? { ...DEFAULT_DELIMITERS, ...options.delimiters } : DEFAULT_DELIMITERS;
  if (!isPossiblyTemplate(text, delimiters)) return text;
  const single = SINGLE_VAR.exec(text);
  if (single) {
    // Ansible checks the stored value, before templating (Templar.template's SINGLE_VAR).
    const v = vars.raw(single[1] ?? '');
    if (v !== MISSING && (isNumber(v) || typeof v === 'boolean')) return v;
    if (v === null) return null;
  }
  const data = options.escapeBackslashes === false ? text : escapeBackslashes(text, options);
  // AnsibleContext: a template that read an unsafe variable gives an unsafe result (wrap_var)
  let tainted = false;
  const lazy: Resolver = (name) => {
    const v = vars.lazy(name);
    if (!tainted && isUnsafeValue(v)) tainted = true;
    return v;
  };
  const pieces = undefinedTypeErrors(data, () => renderPieces(data, lazy, { ...options, mode: 'ansible' }));
  // jinja2_native concatenates natively whatever convert_data says; otherwise convert_data=False
  // concatenates without literal_eval (native_helpers.ansible_concat)
  const result = options.native
    ? nativeConcat(pieces)
    : options.convertData === false
      ? pieces.join('')
      : ansibleConcat(pieces);
  if (tainted) markUnsafeDeep(result);
  if (typeof result !== 'string') return result;
  const missing = trailingNewlines(text) - trailingNewlines(result);
  return missing > 0 ? result + '\n'.repeat(missing) : result;
}

// DEFAULT_JINJA2_NATIVE (ANSIBLE_JINJA2_NATIVE, [defaults] jinja2_native): a setting of the run,
// as in Ansible, where the Templar reads it from the configuration
let jinja2Native = false;

/** Sets DEFAULT_JINJA2_NATIVE for the run (the CLI, from the configuration). */
export function setJinja2Native(on: boolean): void {
  jinja2Native = on;
}

export function isJinja2Native(): boolean {
  return jinja2Native;
}

/**
 * Templar.do_template: a TypeError that names AnsibleUndefined (a filter given an undefined
 * value) is an undefined variable, worded as Ansible words it; `loop` waits for `when` on it.
 */
function undefinedTypeErrors<T>(data: string, render: () => T): T {
  try {
    return render();
  } catch (err) {
    if (!(err instanceof TemplateError) || err.kind !== 'TypeError' || !err.message.includes('AnsibleUndefined'))
      throw err;
    const undefinedError = new TemplateError(
      'UndefinedError',
      `Unable to look up a name or access an attribute in template string (${data}).\nMake sure your variable name does not contain invalid characters like '-': ${err.message}`,
      err.location,
      err.source,
    );
    undefinedError.orig = err.message;
    throw undefinedError;
  }
}

/** What Ansible makes of a task argument (a string, list or dict, templated recursively). */
export function template(value: unknown, vars: Vars = {}, options: TemplateOptions = {}): unknown {
  // a number, a boolean, None or a string with no template in it is itself (templateString's own
  // first test), without the variables' view made for it: most values asked for at every task on
  // every host (the connection's variables, plain arguments) are such
  if (value === null || (typeof value !== 'object' && typeof value !== 'string')) return value;
  if (typeof value === 'string' && !options.delimiters && !isPossiblyTemplate(value)) return value;
  const opts = { ...options, mode: 'ansible' as const, native: options.native ?? jinja2Native };
  return templateValue(value, lazyVars(vars, opts), opts);
}

/**
 * HostVarsVars.__getitem__: a variable of one host, templated with that host's variables alone;
 * an undefined one leaves the value as it is (fail_on_undefined=False).
 */
export function hostVarReader(vars: Map<string, unknown>): (name: string) => unknown {
  const opts = { mode: 'ansible' as const, native: jinja2Native };
  const lazy = lazyVars(vars, opts).lazy;
  return (name) => {
    const value = lazy(name);
    return value instanceof Undefined ? vars.get(name) : value;
  };
}

/**
 * Templar.template on text whose variables are already templated when read (a lookup inside a
 * render reads them through the render's own scope), so none is templated twice.
 */
export function templateText(text: string, variable: Resolver, options: TemplateOptions = {}): unknown {
  return templateString(text, { raw: variable, lazy: variable }, { native: false, ...options, mode: 'ansible' });
}

/**
 * A template file as the template action renders it (Templar.template on the file's text with
 * AnsibleJ2Vars): plain text out, variables templated when read, so a default of
 * "Welcome to {{ site_name }}" arrives rendered, in lists and dicts too.
 */
export function renderTemplateFile(text: string, vars: Vars, options: TemplateOptions = {}): string {
  // the template action renders files with AnsibleEnvironment even under jinja2_native; the
  // variables it reads are templated as the run's setting says
  const opts = { ...options, mode: 'ansible' as const };
  const lazy = lazyVars(vars, { ...opts, native: options.native ?? jinja2Native }).lazy;
  return renderPieces(text, lazy, { ...opts, native: false }).join('');
}
