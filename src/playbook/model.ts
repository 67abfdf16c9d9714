// The playbook model: plays, blocks, tasks and roles as loaded — raw (untemplated) values
// with the file and line each came from. Blocks and roles are the scopes keywords inherit from.
import type { SourceLocation } from '../util/index.js';
import type { LoadContext } from './items.js';

export type Keywords = Map<string, unknown>;

/** A role in the play, with its variables and where its files are. */
export interface RoleInstance {
  readonly name: string;
  readonly path: string;
  readonly defaults: Map<string, unknown>;
  readonly vars: Map<string, unknown>;
  readonly params: Map<string, unknown>;
  /** Role vars are visible after the role (import_role, roles:) unless it was included privately. */
  readonly isPublic: boolean;
  /** Loaded as another role's dependency (meta/main.yml), not by the play or a task. */
  readonly dependency?: boolean;
  /** Its direct dependencies, in meta/main.yml's order (Role.get_direct_dependencies). */
  readonly dependencies?: RoleInstance[];
}

/** Where a task or block sits: its enclosing block and role. */
export interface Scope {
  readonly parent: Block | undefined;
  readonly role: RoleInstance | undefined;
}

export interface Task extends Scope {
  readonly kind: 'task';
  readonly action: string;
  /** The action as the task wrote it, for display. */
  readonly written?: string;
  /** The file of a module from a library/ directory (the user's own module). */
  readonly modulePath?: string;
  /** Module arguments as written (free-form text under `_raw_params`). */
  readonly args: Map<string, unknown>;
  readonly keywords: Keywords;
  readonly origin: SourceLocation;
  /** Set for handlers: the names and `listen` topics that notify it. */
  readonly isHandler?: boolean;
  /** Added by the executor, not written (the flush after each section): no banner, no result. */
  readonly implicit?: boolean;
}

export interface Block extends Scope {
  readonly kind: 'block';
  readonly block: Item[];
  readonly rescue: Item[];
  readonly always: Item[];
  readonly keywords: Keywords;
  readonly origin: SourceLocation;
  /**
   * The block an include loaded: the include's `vars:` and loop variables, which its tasks see as
   * include params (Task.get_include_params, above set_fact), not as block vars.
   */
  readonly includeParams?: Map<string, unknown>;
}

/** include_tasks / include_role: loaded when reached, per host. */
export interface Include extends Scope {
  readonly kind: 'include';
  readonly what: 'tasks' | 'role';
  /** The action as written (ansible.builtin.include_role), the name of an unnamed include. */
  readonly written?: string;
  readonly args: Map<string, unknown>;
  readonly keywords: Keywords;
  readonly origin: SourceLocation;
  /** The file that held the include, for relative paths. */
  readonly baseDir: string;
  /** An include_tasks listed as a handler: its tasks run as handlers when it is notified. */
  readonly isHandler?: boolean;
  /** Where include_role's `name:` value is written (a role that is not found is pointed at there). */
  readonly nameOrigin?: SourceLocation;
}

export type Item = Task | Block | Include;

/** A handler: a task, or an include_tasks whose tasks run as handlers. */
export type Handler = Task | Include;

export interface Play {
  readonly keywords: Keywords;
  readonly origin: SourceLocation;
  /** Sections in run order; handlers flush after each. */
  readonly sections: { name: 'pre_tasks' | 'tasks' | 'post_tasks'; items: Item[] }[];
  readonly handlers: Handler[];
  readonly roles: RoleInstance[];
  readonly baseDir: string;
  /** The play's role cache keys (name and parameters), shared by roles:, imports and includes. */
  readonly roleKeys: Set<string>;
  /** The handlers each cached role brought (RoleSink.handlersOf), for includes at run time. */
  readonly roleHandlers?: Map<string, Handler[]>;
  /** The `when` of the import_playbook that brought the play (gathering facts obeys it too). */
  readonly includedWhen?: unknown[];
  /** How the play's files were loaded (role paths, import_role into the play): files included at run time load the same way. */
  readonly load?: LoadContext;
  /** Where each of the play's keywords is written (Ansible's messages point at the play). */
  readonly keywordOrigins?: ReadonlyMap<string, SourceLocation>;
}

export interface Playbook {
  /** The playbook's absolute path. */
  readonly file: string;
  /** The path as the command line gave it (ansible-playbook shows it so: "1 plays in site.yml"). */
  readonly given: string;
  readonly plays: Play[];
}
