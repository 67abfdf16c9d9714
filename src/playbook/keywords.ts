// The keywords Ansible 2.14 accepts on plays, blocks, tasks and role entries — one table,
// so unknown keys are caught with the file and line of the task.

const COMMON = [
  'any_errors_fatal',
  'become',
  'become_exe',
  'become_flags',
  'become_method',
  'become_user',
  'check_mode',
  'collections',
  'connection',
  'debugger',
  'diff',
  'environment',
  'ignore_errors',
  'ignore_unreachable',
  'module_defaults',
  'name',
  'no_log',
  'port',
  'remote_user',
  'run_once',
  'tags',
  'throttle',
  'timeout',
  'vars',
];

export const PLAY_KEYWORDS = new Set([
  ...COMMON,
  'fact_path',
  'force_handlers',
  'gather_facts',
  'gather_subset',
  'gather_timeout',
  'handlers',
  'hosts',
  'max_fail_percentage',
  'order',
  'post_tasks',
  'pre_tasks',
  'roles',
  'serial',
  'strategy',
  'tasks',
  'vars_files',
  'vars_prompt',
]);

export const BLOCK_KEYWORDS = new Set([
  ...COMMON,
  'always',
  'block',
  'delegate_facts',
  'delegate_to',
  'rescue',
  'when',
  'notify',
]);

export const TASK_KEYWORDS = new Set([
  ...COMMON,
  'action',
  'args',
  'async',
  'changed_when',
  'delay',
  'delegate_facts',
  'delegate_to',
  'failed_when',
  'local_action',
  'loop',
  'loop_control',
  'notify',
  'poll',
  'register',
  'retries',
  'until',
  'when',
  'listen',
]);

export const ROLE_ENTRY_KEYWORDS = new Set([...COMMON, 'role', 'when', 'delegate_to', 'delegate_facts']);

/** `with_items`, `with_dict`, …: the lookup-driven loops. */
export function isWithLoop(key: string): boolean {
  return /^with_[a-z_]+$/.test(key);
}

/** Keywords a block passes down to the tasks inside it when they do not set them. */
export const INHERITED = [
  'any_errors_fatal',
  'become',
  'become_user',
  'become_method',
  'check_mode',
  'diff',
  'environment',
  'ignore_errors',
  'ignore_unreachable',
  'no_log',
  'run_once',
  'delegate_to',
  'delegate_facts',
  'remote_user',
  'connection',
  'port',
  'collections',
] as const;
