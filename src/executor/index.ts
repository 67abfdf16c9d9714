// The executor: plays, batches, tasks, handlers, stats.
export { runPlaybook, type PlaybookOutcome } from './run-playbook.js';
export { jobsSettled } from './run-async.js';
export type { RunContext, RunOptions } from './run-context.js';
export type { Callback, TaskStart } from './events.js';
export type { TaskResult, ItemResult, ResultStatus } from './result.js';
export { Stats, RUN_STATS, type HostStats } from './stats.js';
export { OMIT } from './run-task.js';
export { tagList, tagsOf } from './keywords.js';
export { shouldRun } from './tags.js';
export type { Journal, DoneStep, PreviousStep } from './journal.js';
