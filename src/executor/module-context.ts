// The ModuleContext a module gets: the host connection, modes, and controller services
// answered with the task's variables (template rendering, expressions, file search).
import { configuredInterpreter } from './interpreter-discovery.js';
import { join, dirname } from 'node:path';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import type { Connection } from '../connection/index.js';
import { ActionFail, type ModuleContext } from '../modules/index.js';
import {
  ansibleTemplateVars,
  literalEval,
  renderTemplateFile,
  template,
  TemplateError,
  DELIMITER_OPTIONS,
  type Delimiters,
  type TemplateOptions,
} from '../template/index.js';
import { findFile, candidates, loadVarsFile, fileNotFoundMessage, isSearched } from '../loader/index.js';
import type { Task, Include } from '../playbook/index.js';
import { templateFileFacts } from '../util/index.js';
import { roleChain } from '../vars/index.js';
import type { RunContext } from './run-context.js';
import { delimiterWarning, evaluateCondition } from './conditional.js';
import { taskName } from './task-name.js';

/** Directories searched for a task's files: its role, the including file, the playbook. */
export function searchPaths(task: Task | Include, ctx: RunContext): string[] {
  const roles = roleChain(task)
    .reverse()
    .map((r) => r.path);
  const taskDir = task.origin.file ? dirname(task.origin.file) : undefined;
  return [...roles, ...(taskDir ? [taskDir] : []), ctx.playbookDir];
}

interface HeaderOverrides {
  trimBlocks?: boolean;
  lstripBlocks?: boolean;
  delimiters: Partial<Delimiters>;
}

/**
 * A `#jinja2:` first line sets environment attributes for the file (Templar.do_template:
 * `key: value` pairs split on commas, each value a Python literal).
 */
function templateHeader(text: string): [string, HeaderOverrides] {
  const opts: HeaderOverrides = { delimiters: {} };
  if (!text.startsWith('#jinja2:')) return [text, opts];
  const eol = text.indexOf('\n');
  for (const pair of text.slice(8, eol < 0 ? undefined : eol).split(',')) {
    const colon = pair.indexOf(':');
    if (colon < 0)
      headerFail(
        `AnsibleError: failed to parse jinja2 override '${pair.trim()}'. Did you use something different from colon as key-value separator?`,
      );
    const key = pair.slice(0, colon).trim();
    const value = headerValue(pair.slice(colon + 1).trim());
    if (key === 'trim_blocks') opts.trimBlocks = Boolean(value);
    else if (key === 'lstrip_blocks') opts.lstripBlocks = Boolean(value);
    else if (key in DELIMITER_OPTIONS) opts.delimiters[DELIMITER_OPTIONS[key] as keyof Delimiters] = String(value);
  }
  return [eol < 0 ? '' : text.slice(eol + 1), opts];
}

function headerValue(text: string): unknown {
  try {
    return literalEval(text);
  } catch {
    // ast.literal_eval's ValueError (its node repr, an address, is not reproduced)
    return headerFail(`ValueError: malformed node or string: ${text}`);
  }
}

function headerFail(msg: string): never {
  const exception = msg.startsWith('AnsibleError') ? `ansible.errors.${msg}` : msg;
  throw new ActionFail({ changed: false, failed: true, msg, data: { exception }, controllerOnly: true });
}

// The template action's failure for a file that does not render: "%s: %s" % (type(e).__name__,
// e) with the exception (plugins/action/template.py at stable-2.14).
function renderOrFail(render: () => string): string {
  try {
    return render();
  } catch (err) {
    if (!(err instanceof TemplateError)) throw err;
    // a Python exception that escaped Templar (the plugin loader's TemplateSyntaxError) is named
    // by its own class; anything else came out of Templar as AnsibleError
    const python = err.kind === 'jinja2.exceptions.TemplateSyntaxError';
    const cls =
      err.kind === 'UndefinedError' ? 'AnsibleUndefinedVariable' : python ? 'TemplateSyntaxError' : 'AnsibleError';
    const msg = python ? `${cls}: ${err.message}\n  line 0` : `${cls}: ${err.ansibleMessage()}`;
    const result = {
      changed: false,
      failed: true,
      msg,
      data: { exception: python ? `Traceback (most recent call last):\n${err.pythonText()}` : `ansible.errors.${msg}` },
      controllerOnly: true,
    };
    throw new ActionFail(result, err.location);
  }
}

// ansible_python_interpreter, or what interpreter discovery finds first on today's hosts
// ('auto' and its variants: config/base.yml INTERPRETER_PYTHON_FALLBACK starts with python3)
function pythonInterpreter(vars: Map<string, unknown>, options: TemplateOptions, setting?: string): string {
  const given = configuredInterpreter(vars, setting);
  const value = given === undefined ? '' : String(template(given, vars, options));
  return !value || value.startsWith('auto') ? '/usr/bin/python3' : value;
}

export function makeModuleContext(
  task: Task,
  host: string,
  conn: Connection,
  vars: Map<string, unknown>,
  ctx: RunContext,
  modes: { checkMode: boolean; diff: boolean; env: Record<string, string> },
): ModuleContext {
  const { checkMode, diff, env } = modes;
  const paths = searchPaths(task, ctx);
  const tOptions: TemplateOptions = { lookups: ctx.lookupsFor(paths) };
  return {
    host,
    conn,
    checkMode,
    diff,
    env,
    verbosity: ctx.options.verbosity,
    // templated on demand: only pause's prompt shows it
    get taskName() {
      return taskName(task, vars);
    },
    interpreter: pythonInterpreter(vars, tOptions, ctx.options.interpreterPython),
    ...(task.origin.file ? { taskDir: dirname(task.origin.file) } : {}),
    ...(task.role ? { rolePath: task.role.path } : {}),
    basedir: String(vars.get('playbook_dir') ?? ctx.playbookDir),
    hashBehaviour: ctx.world.hashBehaviour ?? 'replace',
    interpreterDiscovered:
      configuredInterpreter(vars, ctx.options.interpreterPython) === undefined &&
      !vars.has('discovered_interpreter_python'),
    findFile: (src, kind) =>
      findFile(ctx.loader, src, paths, kind) ?? candidates(src, paths, kind).find((p) => ctx.loader.isDirectory(p)),
    notFound: (src, kind) => {
      // no name at all (_find_needle(None)) searches nowhere
      // an absolute path is not searched for: AnsibleFileNotFound without its "Searched in"
      const msg = fileNotFoundMessage(src, src && isSearched(src) ? candidates(src, paths, kind) : []);
      const exception = `ansible.errors.AnsibleFileNotFound: ${msg}`;
      return { changed: false, failed: true, msg, data: { exception }, controllerOnly: true };
    },
    readLocal: (path) => readFileSync(path),
    renderTemplate: (path, o) => {
      const [text, header] = templateHeader(ctx.loader.readText(path));
      // action/template.py: generate_ansible_template_vars(src as given, the file found, dest)
      const own = ansibleTemplateVars({
        path: o.src,
        fullpath: path,
        destpath: o.dest,
        host: hostname(),
        file: templateFileFacts(path),
      });
      const tvars = new Map([...vars, ...own]);
      const out = renderOrFail(() =>
        renderTemplateFile(text, tvars, {
          ...tOptions,
          mode: 'ansible',
          file: path,
          trimBlocks: header.trimBlocks ?? o.trimBlocks,
          lstripBlocks: header.lstripBlocks ?? o.lstripBlocks,
          delimiters: { ...o.delimiters, ...header.delimiters },
          loadTemplate: (name) => {
            const found = findFile(ctx.loader, name, [
              dirname(path),
              ...paths.map((p) => join(p, 'templates')),
              ...paths,
            ]);
            return found ? { name: found, source: ctx.loader.readText(found) } : undefined;
          },
        }),
      );
      const want = /\n*$/.exec(text)?.[0].length ?? 0;
      const have = /\n*$/.exec(out)?.[0].length ?? 0;
      const full = out + '\n'.repeat(Math.max(0, want - have));
      return o.newlineSequence === '\n' ? full : full.replace(/\n/g, o.newlineSequence);
    },
    untemplatedArgs: task.args,
    evaluate: (expr) => template(`{{ ${expr} }}`, vars, tOptions),
    // an action's own Conditional (assert's that) warns of delimiters as a task's when does
    condition: (expr) => {
      const warning = delimiterWarning(expr);
      if (warning) ctx.callback.onWarning?.(warning, true);
      return evaluateCondition(expr, vars, tOptions, task.origin);
    },
    loadVars: (path) => loadVarsFile(ctx.loader, path),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    display: (text) => ctx.callback.onDisplay?.(text, 0),
    warn: (text) => ctx.callback.onWarning?.(text, true),
    asyncStatus: (jid) => {
      const job = ctx.jobs.get(jid);
      if (!job || job.host !== host) return { known: false, finished: false };
      return { known: true, finished: job.result !== undefined, ...(job.result ? { result: job.result } : {}) };
    },
  };
}
