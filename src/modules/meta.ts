// meta: executor directives (flush_handlers, end_play, end_host, noop, …); the executor
// acts on them, the module only validates the name.
import { defineModule } from './define.js';

export const META_ACTIONS = [
  'noop',
  'flush_handlers',
  'refresh_inventory',
  'clear_facts',
  'clear_host_errors',
  'end_play',
  'end_host',
  'end_batch',
  'reset_connection',
  'role_complete',
] as const;

export default defineModule({
  name: 'meta',
  collection: 'ansible.builtin',
  description: 'Controls the executor: flush handlers, end the play or host, …',
  checkMode: 'supported',
  freeForm: true,
  args: { _raw_params: { type: 'str', required: true, choices: META_ACTIONS, description: 'The directive.' } },
  run: async () => ({ changed: false, data: {} }),
});
