// debug: prints a message or a variable (action plugin debug.py); `verbosity` above the
// current -v level skips the task; an undefined `var` prints VARIABLE IS NOT DEFINED!.
import { defineModule } from './define.js';

export default defineModule({
  name: 'debug',
  // the action plugin's _VALID_ARGS (action/debug.py at stable-2.14)
  validArgs: ['msg', 'var', 'verbosity'],
  collection: 'ansible.builtin',
  description: 'Prints a message or the value of an expression',
  checkMode: 'supported',
  args: {
    msg: { type: 'raw', description: 'The message to print.' },
    var: { type: 'str', description: 'An expression (without braces) whose value to print.' },
    verbosity: { type: 'int', default: 0, description: 'Print only at this -v level or above.' },
  },
  // debug.py's first check, before ActionBase.run and the verbosity
  actionChecks: (raw) => (raw.has('msg') && raw.has('var') ? "'msg' and 'var' are incompatible options" : undefined),
  run: async (a, ctx) => {
    if (Number(a.verbosity) > ctx.verbosity)
      return { changed: false, skipped: true, data: { skipped_reason: 'Verbosity threshold not met.' } };
    if (a.var !== undefined) {
      const name = String(a.var);
      let value: unknown;
      try {
        value = ctx.evaluate(name);
      } catch (err) {
        // only an undefined variable (debug.py catches AnsibleUndefinedVariable); other errors fail the task
        if ((err as { kind?: string }).kind !== 'UndefinedError') throw err;
        value = `VARIABLE IS NOT DEFINED!${ctx.verbosity > 0 ? `: ${(err as Error).message}` : ''}`;
      }
      return { changed: false, data: { [name]: value } };
    }
    return { changed: false, msg: undefined, data: { msg: a.msg ?? 'Hello world!' } };
  },
});
