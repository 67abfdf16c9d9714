// Ansible's json stdout callback (ANSIBLE_STDOUT_CALLBACK=json): nothing while the run goes,
// then one JSON document with every play, task and host result, and the stats.
import { pyJsonDumps } from '../template/index.js';
import { RUN_STATS, type Callback, type TaskStart, type HostStats, type TaskResult } from '../executor/index.js';

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

/** json.py's current_time: datetime.utcnow().isoformat() + 'Z'. */
function currentTime(): string {
  const d = new Date();
  return `${d.toISOString().slice(0, 23)}000Z`;
}

/** get_unique_id's shape (a node prefix, a counter): a play's or task's id for this run. */
function idMaker(): () => string {
  const hex = (n: number): string =>
    Array.from({ length: n }, () => Math.floor(Math.random() * 16).toString(16)).join('');
  const prefix = `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}`;
  let count = 0;
  return () => `${prefix}-${(++count).toString(16).padStart(12, '0')}`;
}

export class JsonCallback implements Callback {
  private readonly plays: PlayEntry[] = [];
  private readonly nextId = idMaker();
  private readonly ids = new WeakMap<object, string>();

  constructor(
    private readonly write: (text: string) => void,
    /** show_custom_stats. */
    private readonly showCustomStats = false,
  ) {}

  private current(): PlayEntry | undefined {
    return this.plays[this.plays.length - 1];
  }

  private idOf(key: object | undefined): string {
    if (!key) return this.nextId();
    const known = this.ids.get(key) ?? this.nextId();
    this.ids.set(key, known);
    return known;
  }

  onPlayStart(name: string, path?: string): void {
    const play = new Map<string, unknown>([
      ['name', name],
      ['id', this.nextId()],
      ['path', path ?? ''],
      ['duration', new Map([['start', currentTime()]])],
    ]);
    this.plays.push({ play, tasks: [] });
  }

  onTaskStart(task: TaskStart): void {
    this.current()?.tasks.push({
      task: new Map<string, unknown>([
        ['name', task.name],
        ['id', this.idOf(task.id)],
        ['path', task.origin],
        ['duration', new Map([['start', currentTime()]])],
      ]),
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
      : this.withInternals(r, action);
    // the callback's result has no failed/skipped of its own: _record_task_result adds them when true
    for (const k of ['failed', 'skipped']) if (data.get(k) !== true) data.delete(k);
    entry.hosts.set(r.host, data);
    // _record_task_result: each result moves the task's and the play's end
    const end = currentTime();
    (entry.task.get('duration') as Map<string, unknown>).set('end', end);
    (this.current()?.play.get('duration') as Map<string, unknown> | undefined)?.set('end', end);
  }

  /**
   * The result as the callback receives it: internal keys the default callback never shows —
   * _ansible_no_log, _ansible_verbose_always (debug), and for a loop each item's label — and the
   * task's action (json.py's _record_task_result).
   */
  private withInternals(r: TaskResult, action: [string, unknown][]): Map<string, unknown> {
    const items = r.items ?? [];
    const results = r.data.get('results');
    if (items.length && Array.isArray(results)) {
      const annotated = (results as unknown[]).map((x, i) => {
        const item = items[i];
        if (!(x instanceof Map) || !item) return x;
        return new Map<string, unknown>([
          ...(x as Map<string, unknown>),
          ['_ansible_item_label', item.label],
          ['_ansible_no_log', item.noLog === true],
          // a skipped item never ran its action, which is what says verbose_always
          ...(item.verboseAlways && item.status !== 'skipped'
            ? [['_ansible_verbose_always', true] as [string, unknown]]
            : []),
        ]);
      });
      return new Map<string, unknown>([...r.data, ['results', annotated], ...action]);
    }
    return new Map<string, unknown>([
      ...r.data,
      ['_ansible_no_log', false],
      ...(r.verboseAlways ? [['_ansible_verbose_always', true] as [string, unknown]] : []),
      ...action,
    ]);
  }

  onPlaybookEnd(stats: Map<string, HostStats>, custom?: Map<string, Map<string, unknown>>): void {
    // show_custom_stats: the hosts' custom stats, and the run's as global_custom_stats
    const shown = this.showCustomStats && custom?.size ? custom : new Map<string, Map<string, unknown>>();
    const hostsCustom = new Map([...shown].filter(([h]) => h !== RUN_STATS));
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
      ['custom_stats', hostsCustom],
      ['global_custom_stats', shown.get(RUN_STATS) ?? new Map()],
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
