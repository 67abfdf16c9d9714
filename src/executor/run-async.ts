// async and poll (TaskExecutor._execute_async and the async_wrapper's job): poll > 0 waits for the
// job within its time limit, poll 0 starts it and returns its id for async_status.
import { template } from '../template/index.js';
import { taskKeywords } from '../playbook/index.js';
import { ACTION_REFUSALS, EARLY_FAILURES, failure, type Env } from './task-env.js';
import { runModule } from './run-module.js';

/** Ansible's defaults for a module result: failed from rc, changed false (TaskExecutor._execute). */
export function withDefaults(data: Map<string, unknown>): Map<string, unknown> {
  // a failure before any module ran carries failed and msg alone (TaskExecutor.run's except)
  if (EARLY_FAILURES.has(data)) return data;
  if (!data.has('failed')) {
    const rc = data.get('rc');
    data.set('failed', rc !== undefined && rc !== 0 && rc !== '0');
  }
  if (!data.has('changed')) data.set('changed', false);
  return data;
}

let jobCounter = 0;

/** `async`/`poll`: poll > 0 waits for the job; poll 0 starts it and returns its id. */
// action plugins whose _supports_async is False (plugins/action at stable-2.14)
const NO_ASYNC = new Set([
  'script',
  'copy',
  'template',
  'fetch',
  'unarchive',
  'raw',
  'debug',
  'set_fact',
  'assert',
  'fail',
  'include_vars',
  'add_host',
  'group_by',
  'pause',
  'wait_for_connection',
  'reboot',
]);

export async function runAsync(env: Env, vars: Map<string, unknown>): Promise<Map<string, unknown>> {
  const { task, options } = env;
  const kw = taskKeywords(task);
  const seconds = Number(template(kw.async ?? 0, vars, options));
  if (!(seconds > 0)) return runModule(env, vars);
  // TaskExecutor: an action plugin without _supports_async refuses (AnsibleActionFail, raised
  // outside an exception: its traceback reads "NoneType: None")
  if (NO_ASYNC.has(task.action.replace(/^ansible\.(builtin|legacy)\./, ''))) {
    const refused = new Map<string, unknown>([
      ['failed', true],
      ['msg', 'async is not supported for this task.'],
      ['changed', false],
      ['exception', 'NoneType: None\n'],
    ]);
    ACTION_REFUSALS.add(refused);
    return refused;
  }
  const poll = Number(template(kw.poll ?? 15, vars, options));
  const jid = `${Date.now()}${String(process.pid).slice(-3)}.${++jobCounter}`;
  const job: { host: string; result?: Map<string, unknown>; settled?: Promise<unknown> } = { host: env.host };
  env.ctx.jobs.set(jid, job);
  const run = withTimeout(runModule(env, vars, killedAt(seconds)), seconds * 1000, jid).then((r) => {
    job.result = withDefaults(r);
    return job.result;
  });
  // poll 0: nothing awaits the job but async_status and the run's end (jobsSettled); a job its
  // host's connection failed under ends failed, as async_status reads it, never as a rejection
  // no one handles
  job.settled = run.catch((e: unknown) => {
    job.result = failure(e instanceof Error ? e.message : String(e), { ansible_job_id: jid });
  });
  const stamp = new Map<string, unknown>([
    ['ansible_job_id', jid],
    ['results_file', `~/.ansible_async/${jid}`],
    ['started', 1],
  ]);
  if (poll === 0) return new Map([...stamp, ['finished', 0], ['changed', true]]);
  const result = await run;
  return new Map([...result, ...stamp, ['finished', 1]]);
}

/**
 * Waits for the run's poll-0 jobs. On the host an async_wrapper job outlives ansible-playbook;
 * here the job runs through the run's own connection, so the run ends once its jobs have (each
 * within its async limit) instead of closing the connections under them.
 */
export async function jobsSettled(ctx: { jobs: Map<string, { settled?: Promise<unknown> }> }): Promise<void> {
  for (const job of ctx.jobs.values()) if (job.settled) await job.settled;
}

/**
 * When async_wrapper's watchdog kills the job's process group: it sleeps 5 s, then checks every
 * 5 s, taking 5 from the time limit after each sleep and killing once nothing is left
 * (modules/async_wrapper.py, step = 5) — so a job past a 2 s limit still runs until 10 s.
 */
function killedAt(seconds: number): number {
  return Date.now() + 5000 * (1 + Math.ceil(seconds / 5));
}

function withTimeout(p: Promise<Map<string, unknown>>, ms: number, jid: string): Promise<Map<string, unknown>> {
  return Promise.race([
    p,
    new Promise<Map<string, unknown>>((resolve) =>
      setTimeout(
        () =>
          resolve(
            failure(`async task did not complete within the requested time - ${ms / 1000}s`, { ansible_job_id: jid }),
          ),
        ms,
      ).unref(),
    ),
  ]);
}
