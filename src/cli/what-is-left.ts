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
  for (const f of failed) {
    const msg = (f.failed?.msg ?? '').split('\n')[0] ?? '';
    lines.push(
      `  ${f.host}: failed at "${f.failed?.name ?? '?'}" (${where(f.failed?.key ?? '')})${msg ? `: ${msg.length > 160 ? `${msg.slice(0, 157)}...` : msg}` : ''}`,
    );
  }
  if (stoppedHosts.length)
    lines.push(
      `  ${stoppedHosts.join(', ')}: no failure; resuming continues ${stoppedHosts.length === 1 ? 'it' : 'them'} too`,
    );
  lines.push(`Fix the cause, then resume with:\n  ${state.resumeCommand}`);
  return lines.join('\n');
}
