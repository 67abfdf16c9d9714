// The end of a failed run's output: what is left, per host, and the exact command that resumes
// it (issue 7: "the failure output ends with what is left and the exact command to resume").
import { relative } from 'node:path';
import type { Stats } from '../executor/index.js';
import type { RunState } from '../resume/index.js';

function where(key: string): string {
  const at = key.lastIndexOf(':');
  const file = key.slice(0, at);
  return `${relative(process.cwd(), file) || file}${key.slice(at)}`;
}

export function whatIsLeft(state: RunState, stats: Stats): string {
  // failed hosts are those the recap counts as failed or unreachable (a rescued failure is not)
  const bad = new Set([...stats.hosts].filter(([, s]) => s.failed > 0 || s.unreachable > 0).map(([h]) => h));
  const failed = state.leftOver().filter((f) => bad.has(f.host));
  const stoppedHosts = [...stats.hosts.keys()].filter((h) => !bad.has(h));
  const lines = [
    '',
    `runbook: the run did not finish; its state is in ${relative(process.cwd(), state.file) || state.file}`,
  ];
  // The failure's message is not repeated: the task's result above already shows it, and a
  // second copy changes what scripts count in the output (ansible-core's handlers target greps
  // `-c 'handler ran'` and expects Ansible's number).
  for (const f of failed) {
    // the culprit Ansible's message does not name (a line of a template file)
    const culprit = f.failed?.culprit ? `; the culprit is at ${where(f.failed.culprit)}` : '';
    lines.push(`  ${f.host}: failed at "${f.failed?.name ?? '?'}" (${where(f.failed?.key ?? '')}${culprit})`);
  }
  if (stoppedHosts.length)
    lines.push(
      `  ${stoppedHosts.join(', ')}: no failure; resuming continues ${stoppedHosts.length === 1 ? 'it' : 'them'} too`,
    );
  lines.push(`Fix the cause, then resume with:\n  ${state.resumeCommand}`);
  return lines.join('\n');
}
