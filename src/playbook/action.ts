// Which module a task runs, and with which arguments (ansible/parsing/mod_args.py): the one
// key that is not a keyword names the module; `action:`/`local_action:` forms; k=v strings;
// `args:` merged in. Unknown modules are runbook's own error, naming docs/MODULES.md.
import { ansibleModuleNames, isAnsibleModuleName, isKnownCollection } from './ansible-module-names.js';
import { RunbookError, didYouMean, type SourceLocation } from '../util/index.js';
import { TASK_KEYWORDS, isWithLoop } from './keywords.js';
import { parseKvArgs, splitArgs } from './kv.js';

const FREEFORM = new Set(['command', 'shell', 'script', 'raw', 'win_command', 'win_shell']);
const RAW_PARAM_ACTIONS = new Set([
  ...FREEFORM,
  'include',
  'include_vars',
  'include_tasks',
  'include_role',
  'import_tasks',
  'import_role',
  'import_playbook',
  'add_host',
  'group_by',
  'set_fact',
  'meta',
]);
// RAW_PARAM_MODULES as the error lists it: MODULE_REQUIRE_ARGS and the include/import and
// inventory actions, each with its ansible.builtin. and ansible.legacy. names (add_internal_fqcns);
// a frozenset in Python, so in an order of its own each run — runbook prints this one
const RAW_PARAM_NAMES = [
  ...['command', 'win_command', 'shell', 'win_shell', 'raw', 'script'],
  ...['include', 'include_vars', 'include_tasks', 'include_role', 'import_tasks', 'import_role'],
  ...['add_host', 'group_by', 'set_fact', 'meta'],
]
  .flatMap((n) => [n, `ansible.builtin.${n}`, `ansible.legacy.${n}`])
  .concat(['ansible.windows.win_command', 'ansible.windows.win_shell'])
  .join(', ');

/** Task-file directives that are not modules. */
export const DIRECTIVES = new Set(['include_tasks', 'import_tasks', 'include_role', 'import_role', 'include']);

/** Resolves a module name as written (short, ansible.builtin.x, collection.x) to runbook's. */
export interface ModuleResolver {
  resolve(name: string): string | undefined;
  /** The file of a user's module of this name (library/ directories), when there is one. */
  library?(name: string): string | undefined;
  /** Adds `<dir>/library` to the module search (each playbook's and role's directory). */
  addPluginDirs?(dir: string): void;
  /** A task names a module ansible-core has and runbook does not: told once, before the run. */
  unimplemented?(name: string, where: SourceLocation): void;
}

export interface ParsedAction {
  action: string;
  /** The name as written (ansible.builtin.copy), which Ansible shows for unnamed tasks. */
  written: string;
  args: Map<string, unknown>;
  /** `local_action` sets delegate_to: localhost. */
  delegateToLocal: boolean;
  /** A user's module file (library/), which comes before runbook's own. */
  modulePath?: string;
}

function argsOf(action: string, value: unknown, where: SourceLocation): Map<string, unknown> {
  if (value === null || value === undefined) return new Map();
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [String(k), v]));
  if (typeof value === 'string') return parseKvArgs(value, FREEFORM.has(action));
  if (typeof value === 'number' || typeof value === 'boolean') return parseKvArgs(String(value), FREEFORM.has(action));
  throw new RunbookError(
    `the field 'args' has an invalid value (${JSON.stringify(value)}), and could not be converted to a dict`,
    where,
  );
}

function splitActionString(value: unknown, where: SourceLocation): [string, unknown] {
  if (value instanceof Map) {
    const rest = new Map(value);
    const module: unknown = rest.get('module');
    rest.delete('module');
    if (typeof module !== 'string') throw new RunbookError('no module/action detected in task.', where);
    return [module, rest];
  }
  // ModuleArgsParser: the first word of split_args (a Jinja2 block is one word) names the action
  const text = String(value ?? '').trim();
  const first = splitArgs(text)[0]?.trim();
  if (!first) throw new RunbookError('no module/action detected in task.', where);
  return [first, text.slice(text.indexOf(first) + first.length).trim()];
}

/** Finds the action of a task mapping; throws RunbookError with the task's location. */
export function parseAction(
  task: Map<string, unknown>,
  modules: ModuleResolver,
  where: SourceLocation,
  collections: readonly string[] = [],
): ParsedAction {
  const candidates = [...task.keys()].filter((k) => !TASK_KEYWORDS.has(k) && !isWithLoop(k));
  let delegateToLocal = false;
  let written: string;
  let value: unknown;
  if (task.has('action') || task.has('local_action')) {
    if (candidates.length)
      throw new RunbookError(
        `conflicting action statements: ${[task.has('action') ? 'action' : 'local_action', ...candidates].join(', ')}`,
        where,
      );
    delegateToLocal = task.has('local_action');
    [written, value] = splitActionString(task.get('action') ?? task.get('local_action'), where);
  } else {
    if (!candidates.length) throw new RunbookError(`no module/action detected in task.`, where);
    if (candidates.length > 1)
      throw new RunbookError(`conflicting action statements: ${candidates.join(', ')}`, where, {
        // the one that is no module is probably a misspelled keyword (whne: → when:)
        hint: candidates
          .filter((c) => !modules.resolve(c) && !isAnsibleModuleName(c))
          .map((c) => [c, didYouMean(c, TASK_KEYWORDS)])
          .filter(([, h]) => h)
          .map(([c, h]) => `${c}: ${h}`)
          .join('; '),
      });
    written = candidates[0] ?? '';
    value = task.get(written);
  }
  // ModuleArgsParser resolves the name only where it is a key of the task; `action:` and
  // `local_action:` take it as written (an unknown one fails when the task runs)
  const byKey = !task.has('action') && !task.has('local_action');
  const action = resolveAction(written, modules, where, collections, byKey);
  const args = argsOf(action, value, where);
  const extra = task.get('args');
  if (extra instanceof Map) for (const [k, v] of extra) args.set(String(k), v);
  // a template where the arguments go is a dict to come (ModuleArgsParser: _variable_params)
  const isTemplate = (v: unknown): v is string => typeof v === 'string' && /\{\{|\{%/.test(v);
  if (typeof extra === 'string') {
    if (!isTemplate(extra))
      throw new RunbookError(
        "Complex args containing variables cannot use bare variables (without Jinja2 delimiters), and must use the full variable style ('{{var_name}}')",
        where,
      );
    args.set('_variable_params', extra);
  }
  if (args.has('_raw_params') && !RAW_PARAM_ACTIONS.has(action) && isTemplate(args.get('_raw_params'))) {
    args.set('_variable_params', args.get('_raw_params'));
    args.delete('_raw_params');
  }
  if (args.has('_raw_params') && !RAW_PARAM_ACTIONS.has(action)) {
    throw new RunbookError(
      `this task '${action}' has extra params, which is only allowed in the following modules: ${RAW_PARAM_NAMES}`,
      where,
    );
  }
  const modulePath = written.startsWith('ansible.builtin.') ? undefined : modules.library?.(written);
  return { action, written, args, delegateToLocal, ...(modulePath ? { modulePath } : {}) };
}

// A short name is looked up in the `collections:` list first, then as ansible.legacy (Ansible's
// collection search order, playbooks_collections_using.html).
function resolveAction(
  written: string,
  modules: ModuleResolver,
  where: SourceLocation,
  collections: readonly string[],
  validate = true,
): string {
  const short = written.replace(/^ansible\.(builtin|legacy)\./, '');
  if (DIRECTIVES.has(short)) return short === 'include' ? 'include_tasks' : short;
  // ModuleArgsParser leaves a templated action to be templated when the task runs
  if (/\{\{|\{%/.test(written)) return written;
  if (!written.startsWith('ansible.builtin.') && modules.library?.(written)) return short;
  const inCollection = written.includes('.')
    ? undefined
    : collections.map((c) => modules.resolve(`${c}.${written}`)).find(Boolean);
  const found = inCollection ?? modules.resolve(written);
  if (found) return found;
  // A name Ansible itself would not find is a misspelling (ModuleArgsParser's message), not a gap in runbook
  // both are parser errors: the run ends (exit 4), even inside an included file
  const unknown = written.includes('.') ? !isKnownCollection(written) : !isAnsibleModuleName(written);
  if (unknown && !validate) return short;
  if (unknown)
    throw new RunbookError(
      `couldn't resolve module/action '${written}'. This often indicates a misspelling, missing collection, or incorrect module path.`,
      where,
      {
        exitCode: 4,
        hint: written.includes('.') && !written.startsWith('ansible.') ? '' : didYouMean(short, ansibleModuleNames()),
      },
    );
  // a role for several systems names modules for each (yum on RedHat, apt on Debian) under a
  // `when`: the task fails only on a host that runs it (run-module.ts), the run is told now
  modules.unimplemented?.(written, where);
  return short;
}
