// pause: waits a number of seconds or minutes (prompts are not supported without a TTY).
import { defineModule } from './define.js';

export default defineModule({
  name: 'pause',
  collection: 'ansible.builtin',
  description: 'Pauses the play for a time',
  checkMode: 'supported',
  bypassHostLoop: true,
  args: {
    seconds: { type: 'float', description: 'Seconds to wait.' },
    minutes: { type: 'float', description: 'Minutes to wait.' },
    prompt: { type: 'str', description: 'A prompt (without a terminal, the pause just waits).' },
    echo: { type: 'bool', default: true, description: 'Echo the input.' },
  },
  run: async (a, ctx) => {
    const seconds = a.minutes !== undefined ? Number(a.minutes) * 60 : Number(a.seconds ?? 0);
    const start = new Date();
    await ctx.sleep(seconds * 1000);
    const stop = new Date();
    const fmt = (d: Date): string => d.toISOString().replace('T', ' ').replace('Z', '');
    return {
      changed: false,
      data: {
        delta: Math.round((stop.getTime() - start.getTime()) / 1000),
        echo: a.echo,
        rc: 0,
        start: fmt(start),
        stop: fmt(stop),
        stdout: `Paused for ${seconds} seconds`,
        user_input: '',
      },
    };
  },
});
