// What an evaluation needs besides the template: the mode, filters, tests, globals, a
// template loader for include/import, and the step budget that keeps any input finite.
import type { Kwargs } from './py/callable.js';
import type { UndefinedPolicy } from './runtime.js';
import type { Delimiters } from './lexer.js';
import type { LookupHost } from './lookups.js';

/** Calls back into the engine from filters and tests (map, select, sort(attribute=)). */
export interface CallContext extends UndefinedPolicy {
  readonly env: Environment;
  callFilter(name: string, value: unknown, args: unknown[], kwargs?: Kwargs): unknown;
  callTest(name: string, value: unknown, args: unknown[], kwargs?: Kwargs): boolean;
  /** Counts work done inside a filter, so huge inputs hit the budget instead of hanging. */
  charge(steps: number): void;
  /** Looks a variable up in the current scope (Ansible's `vars` lookup). */
  lookupVariable(name: string): unknown;
}

export type FilterFn = (ctx: CallContext, value: unknown, args: unknown[], kwargs: Kwargs) => unknown;
export type TestFn = (ctx: CallContext, value: unknown, args: unknown[], kwargs: Kwargs) => boolean;

/** A template found by name for include/import/extends. */
export interface LoadedTemplate {
  name: string;
  source: string;
}

export interface Environment {
  readonly isAnsible: boolean;
  readonly trimBlocks: boolean;
  readonly lstripBlocks: boolean;
  readonly delimiters: Readonly<Delimiters>;
  /** jinja2_native: printed values stay native until the concat (AnsibleNativeEnvironment). */
  readonly native: boolean;
  readonly filters: ReadonlyMap<string, FilterFn>;
  readonly tests: ReadonlyMap<string, TestFn>;
  readonly globals: ReadonlyMap<string, unknown>;
  /** Finds a template for include/import; undefined when there is none. */
  loadTemplate?: (name: string) => LoadedTemplate | undefined;
  /** Evaluation steps allowed per render before it is stopped. */
  readonly stepBudget: number;
  /** The controller's services (files, commands, the vault), when the caller gave them. */
  readonly lookups?: LookupHost;
}

/** Default step budget: far above any real template, low enough to stop a runaway in seconds. */
export const DEFAULT_STEP_BUDGET = 5_000_000;
