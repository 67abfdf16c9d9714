// The module contract: a module gets typed arguments and a context (the host connection,
// check/diff mode, controller services) and returns a result. Modules never see variables,
// the inventory or the executor; controller-side effects come back as data.
import type { Connection } from '../connection/index.js';
import type { ArgRules, ArgSpec } from './args.js';
import type { SourceLocation } from '../util/index.js';
import type { Delimiters } from '../template/index.js';

export interface DiffEntry {
  /** Text, or a dict (file.py) that the console shows as JSON. */
  before?: string | Record<string, unknown>;
  after?: string | Record<string, unknown>;
  before_header?: string;
  after_header?: string;
  prepared?: string;
}

export interface ModuleResult {
  changed: boolean;
  failed?: boolean;
  skipped?: boolean;
  msg?: string;
  diff?: DiffEntry | DiffEntry[];
  /** The fields a task registers, besides changed/failed/msg. */
  data?: Record<string, unknown>;
  /** set_fact / include_vars: variables for the host (ansible_facts). */
  facts?: Map<string, unknown>;
  /** set_fact cacheable / include_vars precedence. */
  factKind?: 'set_fact' | 'set_fact_cacheable' | 'include_vars' | 'facts';
  /** The action failed on the controller before any module ran on the host (no interpreter discovery). */
  controllerOnly?: boolean;
  /**
   * An AnsibleError the action raised (not an AnsibleActionFail): it leaves TaskExecutor._execute,
   * ends a loop, and the task's result is only `failed` and `msg` (TaskExecutor.run's except).
   */
  raisedError?: boolean;
  /**
   * An action plugin's result that is the result of a module it ran on the host (fetch's slurp
   * failure): it carries that module's interpreter discovery, as other actions' results do not.
   */
  viaModule?: boolean;
  /** add_host / group_by. */
  inventoryChanges?: {
    addHost?: { name: string; groups: string[]; vars: Map<string, unknown> };
    groupBy?: { groups: string[]; parents: string[] };
  };
}

/**
 * An action's failure raised from deep inside it (Ansible's AnsibleActionFail): the module's
 * run ends and the task's result is this one.
 */
export class ActionFail extends Error {
  constructor(
    readonly result: ModuleResult,
    /** Where the failure is, when the result's message does not say (a template file's line). */
    readonly culprit?: SourceLocation,
  ) {
    super(result.msg ?? 'action failed');
    this.name = 'ActionFail';
  }
}

/** Ends a module's run with a failed result, from however deep in it (AnsibleModule.fail_json). */
export function moduleFail(msg: string, data: Record<string, unknown> = {}): never {
  throw new ActionFail({ changed: false, failed: true, msg, data });
}

/**
 * Runs a module's body with the warnings it gives (AnsibleModule.warn) kept in its result, a
 * failure's too: fail_json returns them as exit_json does.
 */
export async function keepingWarnings(warnings: string[], body: () => Promise<ModuleResult>): Promise<ModuleResult> {
  try {
    const r = await body();
    return warnings.length ? { ...r, data: { ...r.data, warnings } } : r;
  } catch (e) {
    if (e instanceof ActionFail && warnings.length) e.result.data = { ...e.result.data, warnings };
    throw e;
  }
}

/**
 * The traceback AnsibleActionFail carries when an action plugin raises it outside an `except`
 * (traceback.format_exc() with no exception: "NoneType: None"); the callback shows its last line.
 */
export const NO_TRACEBACK = 'NoneType: None\n';

/** An action plugin's `raise AnsibleActionFail(msg)`: the failure with its traceback line. */
export function actionFail(msg: string, data: Record<string, unknown> = {}): never {
  // the action's own result: a module it ran before (a stat) lends it no discovered interpreter
  throw new ActionFail({
    changed: false,
    failed: true,
    msg,
    data: { ...data, exception: NO_TRACEBACK },
    controllerOnly: true,
  });
}

/** An action check that raises AnsibleActionFail (see actionChecks), not one that returns a failure. */
export interface Raised {
  readonly raised: string;
}
export const raised = (msg: string): Raised => ({ raised: msg });
/** An action check that raises a plain AnsibleError: the task's result is only failed and msg. */
export interface RaisedError {
  readonly error: string;
}

/** Controller services a module may ask for; each is answered by the executor. */
export interface ModuleContext {
  readonly host: string;
  readonly conn: Connection;
  readonly checkMode: boolean;
  readonly diff: boolean;
  /** -v count. */
  readonly verbosity: number;
  /** The task's `environment` for commands it runs. */
  readonly env: Record<string, string>;
  /** The host's Python (ansible_python_interpreter), for a user's Python module. */
  readonly interpreter: string;
  /** Set when no interpreter was given or found before: the module reports the one it used. */
  readonly interpreterDiscovered: boolean;
  /** DEFAULT_HASH_BEHAVIOUR: include_vars combines with the current values when its own differs. */
  readonly hashBehaviour?: 'replace' | 'merge';
  /** The directory of the task's file, and its role's path (include_vars' dir is relative to them). */
  readonly taskDir?: string;
  readonly rolePath?: string;
  /** The loader's basedir (the play's directory): DataLoader.path_dwim's base for a relative controller path. */
  readonly basedir?: string;
  /** A controller file for `src` (role files/templates dirs, then the playbook's). */
  findFile(src: string, kind: 'files' | 'templates' | 'vars'): string | undefined;
  /**
   * An action plugin's failure for a controller file it could not find (AnsibleActionFail over
   * AnsibleFileNotFound: the candidates searched, and the exception the callback shows a line of).
   */
  notFound(src: string, kind: 'files' | 'templates' | 'vars'): ModuleResult;
  readLocal(path: string): Buffer;
  /** Renders a template file with the task's variables, as the template module does. */
  renderTemplate(
    path: string,
    options: {
      /** The task's src and dest as given (template_path, template_destpath). */
      src: string;
      dest: string;
      trimBlocks: boolean;
      lstripBlocks: boolean;
      newlineSequence: string;
      delimiters: Partial<Delimiters>;
    },
  ): string;
  /**
   * Task.untemplated_args: the task's arguments as written, for an action that templates its own
   * (assert's `that`); absent when they came whole from a template.
   */
  readonly untemplatedArgs?: ReadonlyMap<string, unknown>;
  /** Evaluates an expression (debug var=, assert that=). */
  evaluate(expr: string): unknown;
  /** Evaluates a when-style condition. */
  condition(expr: unknown): boolean;
  /** Reads a variables file from the controller (include_vars). */
  loadVars(path: string): Map<unknown, unknown>;
  /** Waits, honouring cancellation. */
  sleep(ms: number): Promise<void>;
  /** The task's name as the console shows it (Task.get_name: the role's prefix, else the action). */
  readonly taskName: string;
  /** Shows a line now, before the task's result (an action plugin's display.display). */
  display(text: string): void;
  /** Shows a warning now (an action plugin's display.warning in its worker, not one in its result). */
  warn(text: string): void;
  /** The state of an async job started on this host: its result once finished. */
  asyncStatus(jid: string): { known: boolean; finished: boolean; result?: Map<string, unknown> };
}

export interface Module<A = Record<string, unknown>> {
  /** The Ansible name (short). */
  readonly name: string;
  /** Fully qualified names that resolve here (ansible.builtin.x is added for builtins). */
  readonly collection: string;
  readonly description: string;
  readonly args: ArgSpec;
  /**
   * supported: runs in check mode; skip: reports skipped in check mode, as a module whose
   * AnsibleModule lacks supports_check_mode does ("remote module (NAME) does not support check
   * mode", NAME the action as the task wrote it).
   */
  readonly checkMode: 'supported' | 'skip';
  /**
   * The module name an action plugin passes when it runs this module (uri's: ansible.legacy.uri;
   * it shows in the check-mode skip message), or null when the action plugin itself skips in
   * check mode without a message (raw).
   */
  readonly checkModeName?: string | null;
  /**
   * The module name the action plugin runs this module under (AnsibleModule._name, in its
   * argument errors): ansible.legacy.command for command and shell, ansible.legacy.copy for copy
   * and template. Unset: checkModeName, else the action as the task wrote it.
   */
  readonly runsAs?: string;
  /** The module's checks across options (mutually_exclusive, required_one_of, …), as AnsibleModule's. */
  readonly argRules?: ArgRules;
  /**
   * What the action adds to its module's failure when the module refused its arguments (the copy
   * action's checksum of the local source: `module_return['checksum'] = local_checksum`).
   */
  readonly argErrorData?: (raw: ReadonlyMap<string, unknown>, ctx: ModuleContext) => Record<string, unknown>;
  /** The skip's message where the action plugin itself refuses check mode (ActionBase.run: assemble's). */
  readonly checkModeSkipMessage?: string;
  /** Accepts the free-form `_raw_params`. */
  readonly freeForm?: boolean;
  /** Takes any arguments as given (a user's module validates its own). */
  readonly anyArgs?: boolean;
  /** Runs once for the play, on the first host (Ansible's BYPASS_HOST_LOOP, e.g. pause). */
  readonly bypassHostLoop?: boolean;
  /**
   * The action plugin checks the arguments itself (ActionBase.validate_argument_spec: on the
   * controller, an AnsibleActionFail raised outside an exception), not AnsibleModule on the host.
   */
  readonly validatesOwnArgs?: boolean;
  /**
   * The action plugin's own checks of the task's arguments, which run before the module's
   * argument spec is (copy's "src (or content) is required"): the failure message, or undefined.
   */
  readonly actionChecks?: (raw: ReadonlyMap<string, unknown>) => string | Raised | RaisedError | undefined;
  /**
   * The action plugin's _VALID_ARGS: ActionBase.run refuses any other argument ("Invalid options
   * for debug: bogus") before the plugin looks at them.
   */
  readonly validArgs?: readonly string[];
  run(args: A, ctx: ModuleContext): Promise<ModuleResult>;
}

/** Declares a module (typing helper). */
export function defineModule<A = Record<string, unknown>>(m: Module<A>): Module<A> {
  return m;
}
