// What every task run needs from the run: options, variables world, connections, output.
import type { Become, Connection, ExecShown } from '../connection/index.js';
import type { Loader } from '../loader/index.js';
import type { LookupHost } from '../template/index.js';
import type { VarsWorld } from '../vars/index.js';
import type { Callback } from './events.js';
import type { Journal } from './journal.js';

export interface RunOptions {
  check: boolean;
  diff: boolean;
  verbosity: number;
  forks: number;
  tags: string[];
  skipTags: string[];
  limit?: string;
  startAtTask?: string;
  forceHandlers: boolean;
  /** ERROR_ON_MISSING_HANDLER: notifying a handler that does not exist ends the run (default) or warns. */
  errorOnMissingHandler?: boolean;
  /** The default strategy (ANSIBLE_STRATEGY): linear or free. */
  strategy?: string;
  /** -b, --become-user, --become-method; -K / --become-password-file's password. */
  become?: { enabled?: boolean; user?: string; method?: string; password?: string };
  /** DEFAULT_NO_LOG (ANSIBLE_NO_LOG): no_log for every task that does not say. */
  noLog?: boolean;
  /** INTERPRETER_PYTHON (interpreter_python): the host's Python where no variable names one ('auto…' discovers it). */
  interpreterPython?: string;
  /** DEFAULT_GATHERING (ANSIBLE_GATHERING): implicit, explicit or smart fact gathering. */
  gathering?: 'implicit' | 'explicit' | 'smart';
}

export interface RunContext {
  readonly options: RunOptions;
  readonly world: VarsWorld;
  readonly loader: Loader;
  readonly callback: Callback;
  /**
   * A connection for a host with its variables (pooled by the caller); `workdir`: the play's
   * directory, where a local connection runs commands (see playDir); `shown`: the module that
   * runs and its no_log, for what -vvv may show of its commands.
   */
  connect(
    host: string,
    vars: Map<string, unknown>,
    become?: Become,
    workdir?: string,
    shown?: ExecShown,
  ): Promise<Connection>;
  /** Starts opening a host's connection ahead of the task that will ask for it (warm-up.ts). */
  warm?(host: string, vars: Map<string, unknown>): void;
  /** Lookups searching these directories. */
  /** Lookups for a task: its search paths, and the play's directory (the loader's basedir, where pipe runs). */
  lookupsFor(searchPaths: string[], basedir?: string): LookupHost;
  /** The playbook's directory. */
  readonly playbookDir: string;
  /** Async jobs (async + poll: 0) by job id; `settled` once the job has its result. */
  readonly jobs: Map<string, { host: string; result?: Map<string, unknown>; settled?: Promise<unknown> }>;
  /** The state file of the run, for --resume (absent in --check). */
  readonly journal?: Journal;
  /**
   * Values masked wherever output leaves the run (console, report, state file): the vault's, and
   * the run adds the values of module arguments marked no_log and of connection/become passwords
   * as it meets them (issue 8; Ansible masks a module's no_log arguments in its own result).
   */
  readonly secrets?: Set<string>;
  /** The inventory read again from its sources (meta: refresh_inventory), as at the start of the run. */
  reloadInventory?(): VarsWorld['inventory'];
  /** Set by SIGINT: stop starting new work. */
  readonly cancelled: { value: boolean };
  /**
   * Asks the user for a vars_prompt variable (Display.prompt: getpass when private), or
   * undefined when stdin is not a terminal and nothing can be asked.
   */
  ask?(message: string, isPrivate: boolean): string | undefined;
}
