// wait_for_connection: retries until the host answers over its connection (action plugin
// wait_for_connection.py: the ping module every `sleep` seconds; runbook runs `true`, as it
// needs no Python), up to `timeout` seconds after `delay`.
import { defineModule, type ModuleContext, type ModuleResult } from './define.js';

/** `p`, or a rejection after `ms`: one attempt never outlasts its time, whatever the network does. */
function bounded<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

/**
 * Tries `probe` until it works or `timeout` passes; the elapsed whole seconds, or the last error.
 * Each attempt is cut off after `attemptSeconds` (and its connection dropped), so a connection
 * that hangs half-open cannot outlast the timeout.
 */
export async function retryConnection(
  ctx: ModuleContext,
  timeout: number,
  sleep: number,
  probe: () => Promise<boolean>,
  attemptSeconds = 30,
): Promise<{ ok: boolean; elapsed: number; error: string }> {
  const start = Date.now();
  let error = '';
  for (;;) {
    try {
      if (await bounded(probe(), attemptSeconds * 1000))
        return { ok: true, elapsed: Math.floor((Date.now() - start) / 1000), error };
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
      await ctx.conn.reset?.();
    }
    if (Date.now() - start >= timeout * 1000)
      return { ok: false, elapsed: Math.floor((Date.now() - start) / 1000), error };
    await ctx.sleep(sleep * 1000);
  }
}

export default defineModule({
  name: 'wait_for_connection',
  // the action plugin's _VALID_ARGS (action/wait_for_connection.py at stable-2.14)
  validArgs: ['connect_timeout', 'delay', 'sleep', 'timeout'],
  collection: 'ansible.builtin',
  description: 'Waits until the host can be reached over its connection',
  checkMode: 'supported',
  args: {
    connect_timeout: { type: 'int', default: 5, description: 'Seconds for one attempt.' },
    delay: { type: 'int', default: 0, description: 'Seconds before the first attempt.' },
    sleep: { type: 'int', default: 1, description: 'Seconds between attempts.' },
    timeout: { type: 'int', default: 600, description: 'Seconds to wait in all.' },
  },
  async run(a, ctx): Promise<ModuleResult> {
    if (Number(a.delay) > 0) await ctx.sleep(Number(a.delay) * 1000);
    const r = await retryConnection(
      ctx,
      Number(a.timeout),
      Number(a.sleep),
      async () => (await ctx.conn.exec('true', { timeoutMs: Number(a.connect_timeout) * 1000 })).exitCode === 0,
      Number(a.connect_timeout) + 5,
    );
    if (!r.ok)
      return {
        changed: false,
        failed: true,
        msg: `timed out waiting for ping module test: ${r.error}`,
        data: { elapsed: r.elapsed },
      };
    return { changed: false, data: { elapsed: r.elapsed } };
  },
});
