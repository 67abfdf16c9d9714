// pause (plugins/action/pause.py at stable-2.14): waits a number of seconds or minutes, or shows
// its prompt. runbook's stdin is never a terminal it reads keys from, so it behaves as pause.py
// does when stdin is not interactive: a timed pause waits its time (at least one second), a
// prompt without a time is shown with a warning and not waited for.
import { defineModule, moduleFail } from './define.js';
import { stamp } from './support/run-command.js';

/** pause.py's argument spec uses the int callable: int(1.9) is 1, int('1.5') is an error. */
function pyInt(name: string, v: unknown): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number' || (typeof v === 'object' && 'value' in v)) return Math.trunc(Number(v));
  const text = String(v);
  if (/^\s*[-+]?\d+(_\d+)*\s*$/.test(text)) return Number(text.replace(/_/g, ''));
  const type = typeof v === 'string' ? 'ansible.parsing.yaml.objects.AnsibleUnicode' : typeof v;
  // ActionBase.validate_argument_spec raises AnsibleActionFail outside an exception
  return moduleFail(
    `argument '${name}' is of type <class '${type}'> and we were unable to convert to int: invalid literal for int() with base 10: '${text}'`,
    { exception: 'NoneType: None\n' },
  );
}

/** str() of round(duration, 2): a float always shows a decimal point. */
function pyRound2(x: number): string {
  const r = Math.round(x * 100) / 100;
  return Number.isInteger(r) ? `${r}.0` : String(r);
}

export default defineModule({
  name: 'pause',
  collection: 'ansible.builtin',
  description: 'Pauses the play for a time, or shows a prompt',
  checkMode: 'supported',
  bypassHostLoop: true,
  args: {
    seconds: { type: 'raw', description: 'Seconds to wait (an integer; at least 1).' },
    minutes: { type: 'raw', description: 'Minutes to wait (an integer).' },
    prompt: { type: 'str', description: 'A prompt (without a terminal it is shown, not waited for).' },
    echo: { type: 'bool', default: true, description: 'Echo the input.' },
  },
  run: async (a, ctx) => {
    const minutes = pyInt('minutes', a.minutes);
    const givenSeconds = pyInt('seconds', a.seconds);
    if (minutes !== undefined && givenSeconds !== undefined)
      moduleFail('parameters are mutually exclusive: minutes|seconds', { exception: 'NoneType: None\n' });
    const unit = minutes === undefined && givenSeconds !== undefined ? 'seconds' : 'minutes';
    const hidden = a.echo === false ? ' (output is hidden)' : '';
    const prompt = `[${ctx.taskName.trim()}]\n${a.prompt ? String(a.prompt) : 'Press enter to continue, Ctrl+C to interrupt'}${hidden}:`;
    const wanted = minutes !== undefined ? minutes * 60 : givenSeconds;
    const start = new Date();
    if (wanted === undefined) {
      ctx.display(prompt);
      ctx.warn('Not waiting for response to prompt as stdin is not interactive');
    } else {
      const seconds = Math.max(1, wanted);
      ctx.display(`Pausing for ${seconds} seconds${hidden}`);
      ctx.display("(ctrl+C then 'C' = continue early, ctrl+C then 'A' = abort)\r");
      if (a.prompt) ctx.display(prompt);
      // signal.alarm(seconds) ends the wait
      await ctx.sleep(seconds * 1000);
    }
    const stop = new Date();
    const duration = (stop.getTime() - start.getTime()) / 1000;
    return {
      changed: false,
      data: {
        rc: 0,
        stderr: '',
        stdout: `Paused for ${pyRound2(unit === 'minutes' ? duration / 60 : duration)} ${unit}`,
        start: stamp(start),
        stop: stamp(stop),
        delta: Math.trunc(duration),
        echo: a.echo,
        user_input: '',
      },
    };
  },
});
