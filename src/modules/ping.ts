// ping: answers "pong", or fails on purpose with data=crash (ansible/modules/ping.py).
import { defineModule } from './define.js';

export default defineModule({
  name: 'ping',
  collection: 'ansible.builtin',
  description: 'Tries to connect to the host and answers pong',
  checkMode: 'supported',
  args: { data: { type: 'str', default: 'pong', description: 'What to answer (crash raises an exception).' } },
  run: async (a, c) => {
    // ping is a module that runs on the host (modules/ping.py): it answers only when the host can
    // be reached and runs a program — an unreachable host is unreachable, as ansible-playbook has it
    await c.conn.exec('true');
    if (a.data === 'crash')
      return { changed: false, failed: true, msg: 'boom', data: { exception: 'Exception: boom' } };
    return { changed: false, data: { ping: a.data } };
  },
});
