// assert: every condition in `that` must hold (action plugin assert.py).
import { RunbookError } from '../util/index.js';
import { defineModule, type ModuleContext } from './define.js';

/**
 * Conditional.evaluate_conditional on a Conditional of the action's own, which has no _ds: an
 * error (an undefined variable) fails the task with its message alone, no position (TaskExecutor's
 * `except AnsibleError`), where a task's `when` names the task's line.
 */
function holds(ctx: ModuleContext, cond: unknown): boolean {
  try {
    return ctx.condition(cond);
  } catch (err) {
    if (err instanceof RunbookError) throw new RunbookError(err.message);
    throw err;
  }
}

export default defineModule({
  name: 'assert',
  // the action plugin's _VALID_ARGS (action/assert.py at stable-2.14)
  validArgs: ['fail_msg', 'msg', 'quiet', 'success_msg', 'that'],
  collection: 'ansible.builtin',
  description: 'Fails unless every expression in `that` is true',
  checkMode: 'supported',
  args: {
    // raw, not list: the action plugin wraps a string in a list, it never splits it on commas.
    that: { type: 'raw', required: true, description: 'Conditions, as in when:.' },
    fail_msg: { type: 'raw', aliases: ['msg'], description: 'The message when an assertion fails.' },
    success_msg: { type: 'raw', description: 'The message when all pass.' },
    quiet: { type: 'bool', default: false, description: 'Print less.' },
  },
  run: async (a, ctx) => {
    // the untemplated `that` (assert.py): a list's items are evaluated — and reported — as written,
    // a string is templated once (it may name a list of conditions)
    const raw = ctx.untemplatedArgs?.get('that');
    const thats = raw === undefined || typeof raw === 'string' ? a.that : raw;
    for (const cond of Array.isArray(thats) ? (thats as unknown[]) : [thats]) {
      if (!holds(ctx, cond)) {
        return {
          changed: false,
          failed: true,
          msg: (a.fail_msg as string | undefined) ?? 'Assertion failed',
          data: { assertion: cond, evaluated_to: false },
        };
      }
    }
    return { changed: false, msg: (a.success_msg as string | undefined) ?? 'All assertions passed', data: {} };
  },
});
