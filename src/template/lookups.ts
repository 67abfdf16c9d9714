// Ansible's lookup()/query()/q() globals and the lookup plugins templates use most: env,
// file, template, vars, lines, pipe, first_found, fileglob, unvault, items, list. File access goes
// through a LookupHost the caller provides, so the engine itself touches no files.
import { PyFunction, type Kwargs } from './py/callable.js';
import { fail, TemplateError } from './errors.js';
import { isDict, dictGet, MISSING, typeName, pyTypeRepr } from './py/values.js';
import { compilePython } from './py/regex.js';
import { pyStr } from './py/repr.js';
import type { CallContext } from './environment.js';
import { DELIMITER_OPTIONS, isPossiblyTemplate, type Delimiters } from './lexer.js';
import { isTruthy } from '../util/index.js';
import { flatten } from './filters/ansible-data.js';
import { DATA_LOOKUPS } from './lookup-data.js';
import { passwordLookup, type PasswordFiles } from './lookup-password.js';
import { csvLookup } from './lookup-csv.js';
import { iniLookup } from './lookup-ini.js';
import { configLookup, type ConfigAnswer } from './lookup-config.js';

/** What lookups need from the controller: files by search path, environment, commands. */
export interface LookupHost {
  /** A file's text; throws when it cannot be read. */
  readText(path: string): string;
  /** The first existing file for `name` in the search paths for `kind`, or undefined. */
  findFile(name: string, kind: 'files' | 'templates' | 'vars'): string | undefined;
  /** Files matching a glob pattern (in the files search path when relative). */
  glob(pattern: string): string[];
  env(name: string): string | undefined;
  /** Runs a shell command on the controller (pipe, lines). */
  run(command: string): { rc: number; stdout: string };
  /**
   * Templates a template file's text with the current variables as the template lookup does
   * (Templar.template, its includes searched beside the file, then in the search paths).
   */
  renderFile(path: string, text: string, variable: (name: string) => unknown, options: FileRenderOptions): unknown;
  /** Templar.template on one lookup term, with the variables of the render that calls the lookup. */
  templateTerm?(text: string, variable: (name: string) => unknown): unknown;
  /** The password lookup's files (path_dwim, read, write) and hashes; absent: the lookup fails. */
  passwords?: PasswordFiles;
  /** generate_ansible_template_vars(term, lookupfile): the variables the template lookup adds. */
  templateVars?(path: string, fullpath: string): Map<string, unknown>;
  /** inventory_hostnames: the hosts a pattern selects in an inventory built from `groups`. */
  inventoryHostnames?(pattern: string | string[], groups: Map<string, string[]>): string[];
  /** A file's bytes (a lookup with an encoding of its own). */
  readBytes?(path: string): Uint8Array;
  /** ansible.constants' value of a setting (the config lookup). */
  setting?(name: string): ConfigAnswer;
  /** Display.warning in the worker (a file a lookup does not find: shown for each task). */
  warn?(message: string): void;
  /** VaultLib for the vault and unvault filters (an error's message is the library's own). */
  vault?: {
    encrypt(plaintext: string, secret: string, vaultId: string, salt?: string): string;
    decrypt(vaulttext: string, secret: string, vaultId: string): string;
  };
}

/** The template lookup's options that change how a file is templated. */
export interface FileRenderOptions {
  delimiters: Partial<Delimiters>;
  convertData: boolean;
}

type Plugin = (terms: unknown[], kwargs: Kwargs, host: LookupHost, ctx: CallContext) => unknown[];

/**
 * LookupBase.find_file_in_search_path without ignore_missing (file, template, csvfile, ini): a
 * file not found is warned about before the plugin's own error.
 */
function findOrWarn(host: LookupHost, name: string, kind: 'files' | 'templates'): string | undefined {
  const found = host.findFile(name, kind);
  if (found === undefined) host.warn?.(`Unable to find '${name}' in expected paths (use -vvvvv to see paths)`);
  return found;
}

/** lookup/template.py's options: other delimiters, convert_data (default true). */
function templateLookupOptions(kw: Kwargs): FileRenderOptions {
  const delimiters: Partial<Delimiters> = {};
  // lookup/template.py takes the variable and comment strings (not the block ones)
  for (const [option, key] of Object.entries(DELIMITER_OPTIONS))
    if (!option.startsWith('block_') && kw.has(option)) delimiters[key] = pyStr(kw.get(option));
  return { delimiters, convertData: kw.has('convert_data') ? isTruthy(kw.get('convert_data')) : true };
}

const plugins: Record<string, Plugin> = {
  env: (terms, kw, host) => terms.map((t) => host.env(pyStr(t)) ?? (kw.has('default') ? kw.get('default') : '')),
  file: (terms, kw, host) =>
    terms.map((t) => {
      const path =
        findOrWarn(host, pyStr(t), 'files') ?? fail('AnsibleError', `could not locate file in lookup: ${pyStr(t)}`);
      let text = host.readText(path);
      if (kw.get('rstrip') ?? true) text = text.replace(/\s+$/, '');
      if (kw.get('lstrip')) text = text.replace(/^\s+/, '');
      return text;
    }),
  template: (terms, kw, host, ctx) => {
    const options = templateLookupOptions(kw);
    const extra = kw.get('template_vars');
    return terms.map((t) => {
      const path =
        findOrWarn(host, pyStr(t), 'templates') ??
        fail('AnsibleError', `the template file ${pyStr(t)} could not be found for the lookup`);
      // lookup/template.py: the variables, generate_ansible_template_vars, then template_vars=
      const own = host.templateVars?.(pyStr(t), path) ?? new Map<string, unknown>();
      const variable = (name: string): unknown => {
        if (isDict(extra)) {
          const v = dictGet(extra, name);
          if (v !== MISSING) return v;
        }
        return own.has(name) ? own.get(name) : ctx.lookupVariable(name);
      };
      try {
        return host.renderFile(path, host.readText(path), variable, options);
      } catch (err) {
        // the file is a template of its own (Templar.do_template): its undefined error doubles
        if (err instanceof TemplateError && err.kind === 'UndefinedError') fail('UndefinedError', err.ansibleMessage());
        throw err;
      }
    });
  },
  vars: (terms, kw, _host, ctx) =>
    terms.map((t) => {
      // lookup/vars.py: a term that is not a string is an AnsibleError (wrapped by Templar._lookup)
      if (typeof t !== 'string')
        fail('AnsibleError', `Invalid setting identifier, "${pyStr(t)}" is not a string, its a ${pyTypeRepr(t)}`);
      const v = ctx.lookupVariable(pyStr(t));
      if (v !== MISSING) return v;
      if (kw.has('default')) return kw.get('default');
      return fail('UndefinedError', `No variable found with this name: ${pyStr(t)}`);
    }),
  pipe: (terms, _kw, host) =>
    terms.map((t) => {
      const r = host.run(pyStr(t));
      if (r.rc !== 0) return fail('AnsibleError', `lookup_plugin.pipe(${pyStr(t)}) returned ${r.rc}`);
      return r.stdout.replace(/\s+$/, '');
    }),
  lines: (terms, _kw, host) =>
    terms.flatMap((t) => {
      const r = host.run(pyStr(t));
      if (r.rc !== 0) return fail('AnsibleError', `lookup_plugin.lines(${pyStr(t)}) returned ${r.rc}`);
      return r.stdout.split(/\r?\n/).filter((l, i, all) => l !== '' || i < all.length - 1);
    }),
  first_found: (terms, kw, host) => {
    const found = firstFound(terms, kw, host);
    return found === undefined ? [] : [found];
  },
  // lookup/unvault.py: the file as it is, decrypted when vaulted (the loader's get_real_file)
  unvault: (terms, _kw, host) =>
    terms.map((t) => {
      const path = findOrWarn(host, pyStr(t), 'files');
      if (path === undefined) return fail('AnsibleParserError', `Unable to find file matching "${pyStr(t)}" `);
      return host.readText(path);
    }),
  fileglob: (terms, _kw, host) => terms.flatMap((t) => host.glob(pyStr(t))),
  ini: (terms, kw, host) =>
    iniLookup(
      terms,
      kw,
      (name) => findOrWarn(host, name, 'files'),
      (path, encoding) => readEncoded(host, path, encoding),
    ),
  varnames: (terms, _kw, _host, ctx) => varNames(terms, ctx),
  config: (terms, kw, host) =>
    configLookup(
      terms,
      kw,
      (name) => host.setting?.(name) ?? { found: false },
      (msg) => host.warn?.(msg),
    ),
  password: (terms, kw, host) =>
    host.passwords
      ? passwordLookup(terms, kw, host.passwords)
      : fail('AnsibleError', 'the password lookup is not available here'),
  csvfile: (terms, kw, host) =>
    csvLookup(
      terms,
      kw,
      (name) => findOrWarn(host, name, 'files'),
      (path) => host.readText(path),
    ),
  // lookup/inventory_hostnames.py: an InventoryManager of the `groups` variable, its get_hosts;
  // an AnsibleError (a bad pattern) gives no host
  inventory_hostnames: (terms, _kw, host, ctx) => {
    const groups = ctx.lookupVariable('groups');
    if (!host.inventoryHostnames || !(groups instanceof Map)) return [];
    const map = new Map(
      [...(groups as Map<unknown, unknown>)].map(([g, hs]) => [String(g), (Array.isArray(hs) ? hs : []).map(String)]),
    );
    try {
      return host.inventoryHostnames(
        terms.map((t) => pyStr(t)),
        map,
      );
    } catch {
      return [];
    }
  },
  ...Object.fromEntries(
    Object.entries(DATA_LOOKUPS).map(([name, fn]) => [name, (terms: unknown[], kw: Kwargs) => fn(terms, kw)]),
  ),
};

/** lookup('varnames', regex…): the names of the variables each regex finds (re.search), in order. */
function varNames(terms: unknown[], ctx: CallContext): unknown[] {
  const all = ctx.lookupVariable('vars');
  const names = all instanceof Map ? [...all.keys()].map(String) : [];
  const out: string[] = [];
  for (const term of terms) {
    if (typeof term !== 'string')
      return fail(
        'AnsibleError',
        `Invalid setting identifier, "${pyStr(term)}" is not a string, it is a ${typeName(term)}`,
      );
    let re: RegExp;
    try {
      re = compilePython(term).re;
    } catch (err) {
      // Python's re words it in lower case ("nothing to repeat at position 0")
      const reason = (err as Error).message.replace(/^.*: /, '');
      return fail(
        'AnsibleError',
        `Unable to use "${term}" as a search parameter: ${reason.charAt(0).toLowerCase()}${reason.slice(1)}`,
      );
    }
    for (const name of names) if (re.test(name)) out.push(name);
  }
  return out;
}

/** The first file found; undefined when none is and skip is set (as a keyword or in a dict term). */
function firstFound(terms: unknown[], kw: Kwargs, host: LookupHost): string | undefined {
  const names: string[] = [];
  const paths: string[] = [];
  let skip = Boolean(kw.get('skip'));
  for (const t of flatten(terms, null, false)) {
    if (isDict(t)) {
      const files = dictGet(t, 'files');
      const ps = dictGet(t, 'paths');
      const sk = dictGet(t, 'skip');
      if (sk !== MISSING) skip = Boolean(sk);
      if (files !== MISSING) names.push(...asList(files));
      if (ps !== MISSING) paths.push(...asList(ps));
    } else names.push(pyStr(t));
  }
  for (const name of names) {
    const tries = paths.length && !name.startsWith('/') ? paths.map((p) => `${p.replace(/\/$/, '')}/${name}`) : [name];
    for (const candidate of tries) {
      const found = host.findFile(candidate, 'files');
      if (found) return found;
    }
  }
  if (skip) return undefined;
  return fail('AnsibleLookupError', 'No file was found when using first_found.');
}

function asList(v: unknown): string[] {
  if (Array.isArray(v)) return v.map((x) => pyStr(x));
  return pyStr(v)
    .split(/[,;:]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** A file's text in `encoding` (to_text(contents, encoding=…)); UTF-8 through the loader. */
function readEncoded(host: LookupHost, path: string, encoding: string): string {
  if (/^utf-?8$/i.test(encoding) || !host.readBytes) return host.readText(path);
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true }).decode(host.readBytes(path));
  } catch {
    return fail('LookupError', `unknown encoding: ${encoding}`);
  }
  return text;
}

/** The plugin's results, or null where its error was ignored (errors='ignore'). */
function runPlugin(
  name: string,
  args: unknown[],
  kwargs: Kwargs,
  host: LookupHost,
  ctx: CallContext,
): unknown[] | null {
  const plugin = plugins[name.replace(/^ansible\.(builtin|legacy)\./, '')];
  if (!plugin) return fail('AnsibleError', `lookup plugin (${name}) not found`);
  const options = new Map(kwargs);
  options.delete('wantlist');
  options.delete('errors');
  // a with_<lookup> loop runs the plugin itself (TaskExecutor._get_loop_items): no wrapping
  options.delete(WITH_LOOP);
  // Templar._lookup: listify_lookup_plugin_terms templates the args tuple — a term that is itself
  // a template ('{{ python }} -c …') is rendered; a with_ loop spreads its list into them (loops.ts)
  try {
    return plugin(kwargs.has(WITH_LOOP) ? args : templatedTerms(args, host, ctx), options, host, ctx);
  } catch (err) {
    if (!(err instanceof TemplateError) || err.kind === 'UndefinedError' || kwargs.has(WITH_LOOP)) throw err;
    // invalid options given to a lookup: re-raised as they are, whatever errors= says
    if (err.kind === 'AnsibleOptionsError') throw err;
    // Templar._lookup: errors='warn' shows the error as a warning, 'ignore' only logs it; either
    // gives [] to query, None to lookup
    const errors = kwargs.get('errors');
    if (errors === 'warn' || errors === 'ignore') {
      if (errors === 'warn')
        host.warn?.(
          err.kind === 'AnsibleLookupError'
            ? `Lookup failed but the error is being ignored: ${err.message}`
            : unhandledText(name, err),
        );
      return null;
    }
    throw unhandled(name, err);
  }
}

function templatedTerms(args: unknown[], host: LookupHost, ctx: CallContext): unknown[] {
  const templateTerm = host.templateTerm?.bind(host);
  if (!templateTerm) return args;
  const variable = (name: string): unknown => ctx.lookupVariable(name);
  const templated = (text: string): unknown => {
    try {
      return templateTerm(text, variable);
    } catch (err) {
      // the term's own Templar.template raises AnsibleUndefinedVariable(e, orig_exc=e): doubled once more
      if (err instanceof TemplateError && err.kind === 'UndefinedError') fail('UndefinedError', err.ansibleMessage());
      throw err;
    }
  };
  const walk = (v: unknown): unknown =>
    typeof v === 'string' ? (isPossiblyTemplate(v) ? templated(v) : v) : Array.isArray(v) ? v.map(walk) : v;
  return args.map(walk);
}

/** The kwarg the with_<lookup> loop passes to query: the plugin's own errors, unwrapped. */
export const WITH_LOOP = '__rb_with_loop';

function unhandledText(name: string, err: TemplateError): string {
  const cls = err.kind.startsWith('Ansible') ? `ansible.errors.${err.kind}` : err.kind;
  return `An unhandled exception occurred while running the lookup plugin '${name}'. Error was a <class '${cls}'>, original message: ${err.message}`;
}

// Templar._lookup (template/__init__.py at stable-2.14): an AnsibleLookupError goes up as it
// is; any other error of the plugin is wrapped, its message doubled by orig_exc.
function unhandled(name: string, err: TemplateError): TemplateError {
  if (err.kind === 'AnsibleLookupError') return err;
  return new TemplateError('AnsibleError', `${unhandledText(name, err)}. ${err.message}`);
}

/** lookup, query and q, bound to a host and the evaluation they run in. */
export function lookupGlobals(host: LookupHost, ctx: () => CallContext): Map<string, unknown> {
  const query = new PyFunction('query', (args, kwargs) => {
    const [name, ...rest] = args;
    return runPlugin(pyStr(name), rest, kwargs, host, ctx()) ?? [];
  });
  const lookup = new PyFunction('lookup', (args, kwargs) => {
    const [name, ...rest] = args;
    const result = runPlugin(pyStr(name), rest, kwargs, host, ctx());
    if (result === null) return kwargs.get('wantlist') ? [] : null;
    // Templar._lookup: an empty result stays the empty list (its `if ran` is false)
    if (kwargs.get('wantlist') || !result.length) return result;
    // Ansible joins a lookup's results with commas unless wantlist=True.
    return result.every((r) => typeof r === 'string') ? result.join(',') : result.length === 1 ? result[0] : result;
  });
  return new Map<string, unknown>([
    ['lookup', lookup],
    ['query', query],
    ['q', query],
  ]);
}
