// The module of a task (TaskExecutor._execute's middle and the action plugins' common part):
// arguments templated and checked, check mode, delegation, become, the connection, the
// environment, async and poll, and the module's result in Ansible's shape.
import { pyRepr, pyStr, template, TemplateError, type TemplateOptions } from '../template/index.js';
import { RunbookError, appearsIn } from '../util/index.js';
import { isAnsibleModuleName, type Task } from '../playbook/index.js';
import {
  findModule,
  validateArgs,
  ModuleArgError,
  customModule,
  ANY_ARGS,
  NO_TRACEBACK,
  type ArgSpec,
  type Module,
} from '../modules/index.js';
import { playDir, taskVars } from '../vars/index.js';
import type { RunContext } from './run-context.js';
import { becomeOf } from './become.js';
import { inherited, moduleDefaults } from './keywords.js';
import { makeModuleContext } from './module-context.js';
import { environmentOf } from './task-environment.js';
import { boundedConnection, withTaskTimeout } from './task-timeout.js';
import { ACTION_ONLY, discovers, discoverPython, interpreterUnknown, withDiscovered } from './interpreter-discovery.js';
import { ACTION_REFUSALS, EARLY_FAILURES, checkModeKeyword, failure, noLogOf, OMIT, type Env } from './task-env.js';
import { CONTROLLER_ONLY, VIA_MODULE, runOn, withInvocation } from './module-result.js';
import { withConnectionKeywords } from './connection-vars.js';
import { expandPathArgs } from './path-args.js';

/**
 * Arguments given as one template: a dict merged under the task's own arguments (TaskExecutor's
 * _variable_params; add_host's action plugin does the same with its _raw_params).
 */
function withVariableParams(given: Map<string, unknown>, module: string): Map<string, unknown> {
  const key = given.has('_variable_params')
    ? '_variable_params'
    : module === 'add_host' && given.get('_raw_params') instanceof Map
      ? '_raw_params'
      : undefined;
  if (!key) return given;
  const params = given.get(key);
  const rest = new Map([...given].filter(([k]) => k !== key));
  if (params instanceof Map) return new Map([...(params as Map<string, unknown>), ...rest]);
  // "garbage remaining after k=v parsing, just give up" (TaskExecutor._execute, ansible#79862)
  if (key === '_variable_params') throw new RunbookError(`invalid or malformed argument: '${pyStr(params)}'`);
  return rest;
}

/** A key the spec knows, by name or alias. */
function isArgOf(spec: ArgSpec, key: string): boolean {
  return key in spec || Object.values(spec).some((s) => s.aliases?.includes(key) === true);
}

/**
 * The task's arguments templated. A ValueError out of a filter (to_datetime, from_json) is what
 * FieldAttributeBase.post_validate turns into AnsibleParserError: the field, its value, the error
 * and the task's position.
 */
function templateArgs(task: Task, vars: Map<string, unknown>, options: TemplateOptions): unknown {
  try {
    return template(task.args, vars, options);
  } catch (err) {
    if (!(err instanceof TemplateError) || err.kind !== 'ValueError') throw err;
    throw new RunbookError(
      `the field 'args' has an invalid value (${pyRepr(task.args)}), and could not be converted to an dict.The error was: ${err.message}${appearsIn(task.origin)}`,
    );
  }
}

/** Arguments without omitted values; a list or dict that had none is the same object (its unsafe mark kept). */
export function stripOmitted(args: unknown): unknown {
  if (args instanceof Map) {
    const entries = [...args].filter(([, v]) => v !== OMIT).map(([k, v]): [unknown, unknown] => [k, stripOmitted(v)]);
    return entries.length === args.size && entries.every(([k, v]) => args.get(k) === v) ? args : new Map(entries);
  }
  if (Array.isArray(args)) {
    const items = args.filter((v) => v !== OMIT).map(stripOmitted);
    return items.length === args.length && items.every((v, i) => v === args[i]) ? args : items;
  }
  return args;
}

// The connection passwords Ansible's connection plugins take (ssh.py, paramiko_ssh.py).
const CONNECTION_PASSWORDS = ['ansible_password', 'ansible_ssh_pass', 'ansible_ssh_password'];

/** Adds this step's secret values — no_log arguments, the become and connection passwords — to the masked set. */
function rememberSecrets(
  ctx: RunContext,
  spec: ArgSpec,
  args: Record<string, unknown>,
  becomePassword: string | undefined,
  connVars: Map<string, unknown>,
  options: TemplateOptions,
): void {
  if (!ctx.secrets) return;
  const found = [
    becomePassword,
    ...Object.entries(spec)
      .filter(([, s]) => s.noLog)
      .map(([k]) => args[k]),
  ];
  for (const k of CONNECTION_PASSWORDS) {
    try {
      if (connVars.has(k)) found.push(template(connVars.get(k), connVars, options));
    } catch {
      // an unresolvable password fails at connect, with its own message
    }
  }
  for (const v of found) if (typeof v === 'string' && v.length >= 3) ctx.secrets.add(v);
}

/**
 * What the action plugin refuses before its module runs: ActionBase.run's _VALID_ARGS, then the
 * plugin's own checks (those it raises as AnsibleActionFail carry a traceback line).
 */
function actionRefusal(module: Module, raw: Map<string, unknown>, action: string): Map<string, unknown> | undefined {
  if (module.validArgs) {
    const bad = [...raw.keys()].filter((k) => !module.validArgs?.includes(k));
    if (bad.length) {
      const refused = failure(`Invalid options for ${action}: ${bad.join(',')}`, { exception: NO_TRACEBACK });
      ACTION_REFUSALS.add(refused);
      return refused;
    }
  }
  const check = module.actionChecks?.(raw);
  if (check === undefined) return undefined;
  if (typeof check !== 'string' && 'error' in check) {
    // TaskExecutor.run's `except AnsibleError`: failed and msg only
    const raisedError = new Map<string, unknown>([
      ['failed', true],
      ['msg', check.error],
    ]);
    EARLY_FAILURES.add(raisedError);
    return raisedError;
  }
  const refused = typeof check === 'string' ? failure(check) : failure(check.raised, { exception: NO_TRACEBACK });
  // the plugin's body never ran (debug's and assert's results are not shown verbose)
  ACTION_REFUSALS.add(refused);
  return refused;
}

/** The skipped result of a module or action that does not run in check mode. */
function checkModeSkip(module: Module, action: string): Map<string, unknown> {
  const name = module.checkModeName === undefined ? action : module.checkModeName;
  const msg =
    module.checkModeSkipMessage ?? (name === null ? undefined : `remote module (${name}) does not support check mode`);
  const skipped = new Map<string, unknown>([
    ['changed', false],
    ['skipped', true],
    ...(msg === undefined ? [] : [['msg', msg] as [string, string]]),
  ]);
  // the action plugin's own AnsibleActionSkip returns before TaskExecutor adds `failed`
  if (module.checkModeSkipMessage !== undefined) EARLY_FAILURES.add(skipped);
  return skipped;
}

/** `deadline`: async's time limit (a ms timestamp), past which the module's commands are killed. */
export async function runModule(
  env: Env,
  vars: Map<string, unknown>,
  deadline?: number,
): Promise<Map<string, unknown>> {
  const { task, ctx, play, options } = env;
  // a module of a library/ directory overrides a builtin of its name, as in Ansible
  const action = /\{\{|\{%/.test(task.action) ? String(template(task.action, vars, options)) : task.action;
  const module = task.modulePath ? customModule(task.modulePath) : findModule(action);
  if (!module) {
    if (isAnsibleModuleName(action))
      return failure(`module ${action} is not implemented by runbook (see docs/MODULES.md)`);
    // never a module (the `action:` form is not checked when the play is read): TaskExecutor's
    // AnsibleError, failed and msg only
    const notFound = new Map<string, unknown>([
      ['failed', true],
      ['msg', `The module ${action} was not found in configured module paths`],
    ]);
    EARLY_FAILURES.add(notFound);
    return notFound;
  }
  let given = stripOmitted(templateArgs(task, vars, options)) as Map<string, unknown>;
  given = withVariableParams(given, module.name);
  // set_fact templates its keys too (action/set_fact.py: k = self._templar.template(k))
  if (module.name === 'set_fact') given = new Map([...given].map(([k, v]) => [String(template(k, vars, options)), v]));
  const defaults = stripOmitted(template(moduleDefaults(task, play, module), vars, options)) as Map<string, unknown>;
  const raw = defaults.size ? new Map([...defaults, ...given]) : given;
  const checkMode = checkModeKeyword(task, play, vars, options) ?? ctx.options.check;
  // ActionBase.run's AnsibleActionSkip comes before the action looks at any argument; AnsibleModule's
  // ("remote module … does not support check mode") only after its arguments passed
  if (checkMode && module.checkMode === 'skip' && module.checkModeSkipMessage !== undefined)
    return checkModeSkip(module, action);
  const refused = actionRefusal(module, raw, task.written ?? action);
  if (refused) return refused;
  let args: Record<string, unknown> = {};
  // AnsibleModule's own validation fails on the host, after interpreter discovery (its result
  // has discovered_interpreter_python, even in check mode); an action plugin's, on the controller
  let argError: string | undefined;
  try {
    args = ANY_ARGS.has(module.name)
      ? {
          __all: Object.fromEntries(raw),
          ...validateArgs(
            module.name,
            {
              cacheable: { type: 'bool', default: false, description: '' },
              ...(module.name === 'add_host' ? module.args : {}),
            },
            new Map(
              [...raw].filter(([k]) => k === 'cacheable' || (module.name === 'add_host' && isArgOf(module.args, k))),
            ),
          ),
        }
      : module.anyArgs
        ? Object.fromEntries(raw)
        : validateArgs(
            module.name,
            module.args,
            raw,
            module.runsAs ??
              (typeof module.checkModeName === 'string' ? module.checkModeName : (task.written ?? action)),
            module.argRules,
          );
  } catch (err) {
    if (!(err instanceof ModuleArgError)) throw err;
    if (module.validatesOwnArgs) return failure(err.message, { exception: NO_TRACEBACK });
    if (ACTION_ONLY.has(module.name) || module.anyArgs || ANY_ARGS.has(module.name)) return failure(err.message);
    argError = err.message;
  }
  if (checkMode && module.checkMode === 'skip' && argError === undefined) return checkModeSkip(module, action);
  const delegate = inherited(task, play, 'delegate_to');
  const target = delegate ? String(template(delegate, vars, options)) : env.host;
  // A delegate known to the inventory is reached with its own connection variables.
  const connVars = withConnectionKeywords(
    task,
    play,
    target === env.host
      ? vars
      : ctx.world.inventory.inventory.hosts.has(target)
        ? taskVars(ctx.world, target, { play, playHosts: [], liveHosts: [], batchHosts: [] })
        : // a delegate outside the inventory has no variables but the implicit localhost's
          // ansible_connection=local (inventory/data.py); for any other the keyword, -c or ssh decide
          new Map<string, unknown>(
            ['localhost', '127.0.0.1'].includes(target) ? [['ansible_connection', 'local']] : [],
          ),
    options,
  );
  const become = becomeOf(task, play, vars, options, ctx.options);
  rememberSecrets(ctx, module.args, args, become?.password, connVars, options);
  const opened = await ctx.connect(target, connVars, become, playDir(play), {
    module: module.name,
    noLog: noLogOf(env, vars),
  });
  const conn = deadline === undefined ? opened : boundedConnection(opened, deadline);
  // A resumed run finds a step that outlived a killed runbook by this variable (resume.ts).
  const stepEnv: Record<string, string> =
    env.step && (module.name === 'command' || module.name === 'shell') ? { RUNBOOK_STEP: env.step } : {};
  const mctx = makeModuleContext(task, env.host, conn, vars, ctx, {
    checkMode,
    diff: env.showDiff,
    env: { ...environmentOf(task, play, vars, options), ...stepEnv },
  });
  const python = discovers(module.name, connVars, ctx.options.interpreterPython)
    ? await discoverPython(conn)
    : undefined;
  if (argError !== undefined) {
    const refusedArgs = failure(argError, module.argErrorData?.(raw, mctx) ?? {});
    return python ? withDiscovered(refusedArgs, python) : refusedArgs;
  }
  // type='path' arguments as AnsibleModule expands them on the host (~, ~user, $VAR)
  if (!module.anyArgs && !ANY_ARGS.has(module.name)) args = await expandPathArgs(module, args, conn, mctx.env);
  const limit = Number(template(inherited(task, play, 'timeout') ?? 0, vars, options));
  const data =
    limit > 0
      ? await withTaskTimeout(task, limit, (c) => runOn(module, args, { ...mctx, conn: c }), conn)
      : await runOn(module, args, mctx);
  withInvocation(data, module, args);
  // an action's result taken from a module it ran carries that module's discovery (fetch.py:
  // result.update(slurpres))
  const discovered =
    python ??
    (VIA_MODULE.has(data) && interpreterUnknown(connVars, ctx.options.interpreterPython)
      ? await discoverPython(conn)
      : undefined);
  return discovered && !CONTROLLER_ONLY.has(data) ? withDiscovered(data, discovered) : data;
}
