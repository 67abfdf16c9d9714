// Ansible's json stdout callback (ANSIBLE_STDOUT_CALLBACK=json): nothing while the run goes,
// then one JSON document with every play, task and host result, and the stats.
import { pyJsonDumps } from '../template/index.js';
import type { Callback, TaskStart, HostStats, TaskResult } from '../executor/index.js';

interface TaskEntry {
  task: Map<string, unknown>;
  hosts: Map<string, unknown>;
  action?: string;
}

const CENSORED = "the output has been hidden due to the fact that 'no_log: true' was specified for this result";
interface PlayEntry {
  play: Map<string, unknown>;
  tasks: TaskEntry[];
}

export class JsonCallback implements Callback {
  private readonly plays: PlayEntry[] = [];

  constructor(private readonly write: (text: string) => void) {}

  private current(): PlayEntry | undefined {
    return this.plays[this.plays.length - 1];
  }

  onPlayStart(name: string): void {
    this.plays.push({ play: new Map<string, unknown>([['name', name]]), tasks: [] });
  }

  onTaskStart(task: TaskStart): void {
    this.current()?.tasks.push({
      task: new Map<string, unknown>([['name', task.name]]),
      hosts: new Map(),
      ...(task.action ? { action: task.action } : {}),
    });
  }

  onHostResult(r: TaskResult): void {
    const tasks = this.current()?.tasks;
    const entry = tasks?.[tasks.length - 1];
    if (!entry) return;
    // json.py's _record_task_result adds the action to every result; a no_log result is the
    // censored one (the strategy's _clean_res), failed kept only when true.
    const action = entry.action ? [['action', entry.action] as [string, unknown]] : [];
    const data = r.noLog
      ? new Map<string, unknown>([
          ...action,
          ['censored', CENSORED],
          ['changed', r.data.get('changed') ?? false],
          ...(r.data.get('failed') === true ? [['failed', true] as [string, unknown]] : []),
        ])
      : new Map<string, unknown>([...r.data, ['_ansible_no_log', false], ...action]);
    entry.hosts.set(r.host, data);
  }

  onPlaybookEnd(stats: Map<string, HostStats>): void {
    const summary = new Map(
      [...stats].map(([h, s]) => [
        h,
        new Map<string, unknown>([
          ['changed', s.changed],
          ['failures', s.failed],
          ['ignored', s.ignored],
          ['ok', s.ok],
          ['rescued', s.rescued],
          ['skipped', s.skipped],
          ['unreachable', s.unreachable],
        ]),
      ]),
    );
    const doc = new Map<string, unknown>([
      ['custom_stats', new Map()],
      ['global_custom_stats', new Map()],
      [
        'plays',
        this.plays.map(
          (p) =>
            new Map<string, unknown>([
              ['play', p.play],
              [
                'tasks',
                p.tasks.map(
                  (t) =>
                    new Map<string, unknown>([
                      ['hosts', t.hosts],
                      ['task', t.task],
                    ]),
                ),
              ],
            ]),
        ),
      ],
      ['stats', summary],
    ]);
    this.write(pyJsonDumps(doc, { indent: 4, sortKeys: true }));
  }
}
