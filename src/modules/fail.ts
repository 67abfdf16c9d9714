// fail: fails the task with a message.
import { defineModule } from './define.js';

export default defineModule({
  name: 'fail',
  // the action plugin's _VALID_ARGS (action/fail.py at stable-2.14)
  validArgs: ['msg'],
  collection: 'ansible.builtin',
  description: 'Fails with a custom message',
  checkMode: 'supported',
  args: { msg: { type: 'raw', default: 'Failed as requested from task', description: 'The failure message.' } },
  run: async (a) => ({ changed: false, failed: true, msg: a.msg as string }),
});
