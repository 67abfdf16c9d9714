// A task's result on one host, as the executor records and registers it.
import type { SourceLocation } from '../util/index.js';

export type ResultStatus = 'ok' | 'changed' | 'failed' | 'skipped' | 'unreachable';

export interface TaskResult {
  host: string;
  status: ResultStatus;
  /** The registered value: module fields plus changed/failed/msg/skipped. */
  data: Map<string, unknown>;
  ignored: boolean;
  /** Per-item results of a loop. */
  items?: ItemResult[];
  /** Where the task was delegated to, if anywhere. */
  delegatedTo?: string;
  noLog: boolean;
  /** debug results are shown at every verbosity (Ansible's _ansible_verbose_always). */
  verboseAlways: boolean;
  /** debug output shows only msg, or only the variable (callback _clean_results). */
  isDebug?: boolean;
  /** --diff or the task's `diff:` keyword: the console shows the result's diff. */
  showDiff?: boolean;
  /**
   * Where the failure really is when Ansible's message does not say (a line of a template
   * file): runbook's footer names it, the result itself stays Ansible's.
   */
  culprit?: SourceLocation;
}

/** Results whose failure has a culprit Ansible's message does not name (set where it is known). */
export const CULPRITS = new WeakMap<Map<string, unknown>, SourceLocation>();

export interface ItemResult {
  verboseAlways?: boolean;
  /** no_log as templated with this item's variables. */
  noLog?: boolean;
  /** Show this item's diff before its line (--diff). */
  showDiff?: boolean;
  status: ResultStatus;
  label: string;
  data: Map<string, unknown>;
  /** Where this item's task was delegated to, as the result line shows it (host -> it). */
  delegatedTo?: string;
}

/** The status a registered result stands for. */
export function statusOf(data: Map<string, unknown>): ResultStatus {
  if (data.get('unreachable') === true) return 'unreachable';
  if (isFailed(data)) return 'failed';
  if (data.get('skipped') === true) return 'skipped';
  return data.get('changed') === true ? 'changed' : 'ok';
}

/**
 * TaskResult.is_failed: where a failed_when gave a result (a loop's: any item's), that decides,
 * not `failed` — so a task whose until ran out (failed) but whose failed_when is false is not
 * failed, though its registered `failed` is true.
 */
function isFailed(data: Map<string, unknown>): boolean {
  const results = data.get('results');
  const items = Array.isArray(results) ? results.filter((r): r is Map<string, unknown> => r instanceof Map) : [];
  // _check_key: Python's truth (a failed_when that raised holds its error's text)
  const truth = (v: unknown): boolean => v === true || (typeof v === 'string' && v !== '');
  if (items.some((r) => r.has('failed_when_result'))) return items.some((r) => truth(r.get('failed_when_result')));
  if (data.has('failed_when_result')) return truth(data.get('failed_when_result'));
  return data.get('failed') === true;
}

/** A result the executor makes itself (a skip, an include that failed, a meta): no flags set. */
export function hostResult(host: string, status: ResultStatus, data: Map<string, unknown>): TaskResult {
  return { host, status, data, ignored: false, noLog: false, verboseAlways: false };
}

/** TaskQueueManager's return codes (executor/task_queue_manager.py). */
export const RUN = { OK: 0, ERROR: 1, FAILED_HOSTS: 2, UNREACHABLE: 4, FAILED_BREAK_PLAY: 8 } as const;
