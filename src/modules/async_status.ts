// async_status: the state of a job started with `async` and `poll: 0`; once finished, the
// job's own result with finished=1.
import { defineModule } from './define.js';

export default defineModule({
  name: 'async_status',
  collection: 'ansible.builtin',
  description: 'Reports the state of an asynchronous task',
  checkMode: 'supported',
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
