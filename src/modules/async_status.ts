// async_status: the state of a job started with `async` and `poll: 0`; once finished, the
// job's own result with finished=1.
import { defineModule, type ModuleContext, type ModuleResult } from './define.js';
import { run } from './support/host-run.js';

/**
 * Check mode: the action plugin (action/async_status.py) fills the job's fields, then the module,
 * which does not support check mode, is skipped — its message naming ansible.legacy.async_status.
 */
async function checkModeSkip(jid: string, mode: string, ctx: ModuleContext): Promise<ModuleResult> {
  // async_dir's default ~/.ansible_async, expanded on the host (_remote_expand_user)
  const home = (await run(ctx, 'printf %s "$HOME"')).out;
  const path = `${home}/.ansible_async/${jid}`;
  return {
    changed: false,
    skipped: true,
    msg: 'remote module (ansible.legacy.async_status) does not support check mode',
    data: {
      ansible_job_id: jid,
      started: mode === 'cleanup' ? 0 : 1,
      finished: 0,
      stdout: '',
      stderr: '',
      stdout_lines: [],
      stderr_lines: [],
      ...(mode === 'cleanup' ? { erased: path } : { results_file: path }),
    },
  };
}

export default defineModule({
  name: 'async_status',
  collection: 'ansible.builtin',
  description: 'Reports the state of an asynchronous task',
  checkMode: 'supported',
  validatesOwnArgs: true,
  args: {
    jid: { type: 'str', required: true, description: 'The job id (ansible_job_id).' },
    mode: {
      type: 'str',
      default: 'status',
      choices: ['status', 'cleanup'],
      description: 'status, or cleanup to forget the job.',
    },
  },
  run: async (a, ctx) => {
    const jid = String(a.jid);
    if (ctx.checkMode) return checkModeSkip(jid, String(a.mode), ctx);
    const job = ctx.asyncStatus(jid);
    if (!job.known)
      return {
        changed: false,
        failed: true,
        msg: `could not find job ${jid}`,
        data: { ansible_job_id: jid, started: 1, finished: 1 },
      };
    if (a.mode === 'cleanup') return { changed: false, data: { ansible_job_id: jid, erased: jid } };
    if (!job.finished || !job.result) return { changed: false, data: { ansible_job_id: jid, started: 1, finished: 0 } };
    const result = Object.fromEntries(job.result);
    return {
      changed: job.result.get('changed') === true,
      ...(job.result.get('failed') === true ? { failed: true } : {}),
      data: { ...result, ansible_job_id: jid, started: 1, finished: 1 },
    };
  },
});
