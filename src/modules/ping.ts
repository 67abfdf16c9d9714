// ping: answers "pong", or fails on purpose with data=crash (ansible/modules/ping.py).
import { defineModule } from './define.js';

export default defineModule({
  name: 'ping',
  collection: 'ansible.builtin',
  description: 'Tries to connect to the host and answers pong',
  checkMode: 'supported',
  args: { data: { type: 'str', default: 'pong', description: 'What to answer (crash raises an exception).' } },
  run: async (a) => {
    if (a.data === 'crash')
      return { changed: false, failed: true, msg: 'boom', data: { exception: 'Exception: boom' } };
    return { changed: false, data: { ping: a.data } };
  },
});
