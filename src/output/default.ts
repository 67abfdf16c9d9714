// Ansible's default stdout callback (plugins/callback/default.py): banners padded with
// stars to 80 columns, one line per host result, item lines for loops, `=> {json}` for debug
// and failures, and the PLAY RECAP in Ansible's column format.
import { pyJsonDumps } from '../template/index.js';
import {
  RUN_STATS,
  type Callback,
  type TaskStart,
  type HostStats,
  type TaskResult,
  type ItemResult,
} from '../executor/index.js';
import type { Palette } from './color.js';
import { renderDiff } from './diff.js';
import { errorText, warningText } from './textwrap.js';

// _dump_results: below -vvv the invocation and the diff are not shown; the exception never is
const HIDDEN_BELOW_VVV = ['invocation', 'diff'];

/**
 * CallbackBase._dump_results: the cleaned result as JSON with sorted keys; invocation and diff
 * only from -vvv on, never the exception; `indent` (0 for none, as oneline asks) becomes 4 for a
 * verbose_always result or from -vvv on.
 */
export function dumpResults(
  data: Map<string, unknown>,
  o: { noLog: boolean; verbosity: number; indent?: number; verboseAlways?: boolean; isDebug?: boolean },
): string {
  const shown = clean(data, o.noLog, o.isDebug);
  shown.delete('exception');
  if (o.verbosity < 3) for (const k of HIDDEN_BELOW_VVV) shown.delete(k);
  const indent = !o.indent && (o.verboseAlways || o.verbosity > 2) ? 4 : o.indent;
  return pyJsonDumps(shown, { sortKeys: true, ensureAscii: false, ...(indent !== undefined ? { indent } : {}) });
}

/** default.py's _handle_exception: the exception's last line (or all of it at -vvv). */
export function exceptionText(data: Map<string, unknown>, verbosity: number): string | undefined {
  const exception = data.get('exception');
  if (exception === undefined) return undefined;
  const text = String(exception);
  return verbosity < 3
    ? `An exception occurred during task execution. To see the full traceback, use -vvv. The error was: ${text.trim().split('\n').at(-1) ?? ''}`
    : `The full traceback is:\n${text}`;
}

function banner(message: string, columns = 80): string {
  // Display.banner strips the message
  const text = message.trim();
  const stars = Math.max(3, columns - text.length - 1);
  return `\n${text} ${'*'.repeat(stars)}`;
}

/** What a result shows: no failed/skipped (the status says it), debug trimmed (_clean_results). */
// C._ACTION_DEBUG: a task's action is already resolved to runbook's module name
export function isDebugAction(action: string | undefined): boolean {
  return action === 'debug';
}

/**
 * setup's and gather_facts' results are not shown at -v (action/normal.py and gather_facts.py set
 * _ansible_verbose_override: "gathering would be very noisy with -v otherwise").
 */
function verboseOverride(action: string | undefined): boolean {
  return action === 'setup' || action === 'gather_facts';
}

function withoutResults(data: Map<string, unknown>): Map<string, unknown> {
  return new Map([...data].filter(([k]) => k !== 'results'));
}

const CENSORED = "the output has been hidden due to the fact that 'no_log: true' was specified for this result";

/** TaskResult.clean_copy of a no_log result: the notice and _PRESERVE (attempts, changed, retries). */
function censored(data: Map<string, unknown>): Map<string, unknown> {
  return new Map<string, unknown>([
    ['censored', CENSORED],
    ...['attempts', 'changed', 'retries'].filter((k) => data.has(k)).map((k): [string, unknown] => [k, data.get(k)]),
  ]);
}

/** clean_copy, then the callback's _clean_results (a debug shows its msg alone, or its variable). */
export function clean(data: Map<string, unknown>, noLog: boolean, isDebug = false): Map<string, unknown> {
  if (noLog) data = censored(data);
  if (isDebug) {
    if (data.has('msg'))
      return new Map([...data].filter(([k]) => ['msg', 'exception', 'warnings', 'deprecations'].includes(k)));
    return new Map(
      [...data].filter(([k]) => !['changed', 'failed', 'skipped', 'invocation', 'skip_reason'].includes(k)),
    );
  }
  if (noLog) return data;
  return new Map([...data].filter(([k]) => k !== 'failed' && k !== 'skipped' && !k.startsWith('_ansible')));
}

/** The default callback's options (display_skipped_hosts, display_ok_hosts: both true by default). */
export interface DisplayOptions {
  skippedHosts: boolean;
  okHosts: boolean;
  /** -vvvv: the command line's arguments, shown after the PLAYBOOK banner (cli/cli-args.ts). */
  cliArgs?: string[];
  /** check_mode_markers: DRY RUN banners around a --check run, " [CHECK MODE]" on its banners. */
  checkModeMarkers?: boolean;
  /** --check, for the DRY RUN banners. */
  check?: boolean;
  /** show_custom_stats: set_stats' values after the recap. */
  showCustomStats?: boolean;
}

export class DefaultCallback implements Callback {
  /** The task whose banner is on screen (default.py's _last_task_banner). */
  private lastBanner: object | undefined;

  constructor(
    private readonly write: (line: string) => void,
    private readonly colors: Palette,
    protected readonly verbosity: number,
    /** Display.warning writes to stderr; without a stderr writer warnings share stdout. */
    private readonly writeErr: (line: string) => void = write,
    /** The warnings shown so far in this run (shared with the CLI's own, before the run). */
    private readonly warned = new Set<string>(),
    private readonly display: DisplayOptions = { skippedHosts: true, okHosts: true },
  ) {}

  /** Whether a result of this status is shown at all (skipped and ok hosts can be hidden). */
  private hidden(status: string): boolean {
    return (status === 'skipped' && !this.display.skippedHosts) || (status === 'ok' && !this.display.okHosts);
  }

  protected dump(data: Map<string, unknown>, noLog: boolean, verboseAlways = false, isDebug = false): string {
    const indent = this.verbosity >= 3 || verboseAlways ? 4 : undefined;
    return pyJsonDumps(this.shown(data, noLog, isDebug), {
      sortKeys: true,
      ensureAscii: false,
      ...(indent ? { indent } : {}),
    });
  }

  protected pretty(data: Map<string, unknown>, noLog: boolean, isDebug = false): string {
    return pyJsonDumps(this.shown(data, noLog, isDebug), { sortKeys: true, ensureAscii: false, indent: 4 });
  }

  private shown(data: Map<string, unknown>, noLog: boolean, isDebug: boolean): Map<string, unknown> {
    const shown = clean(data, noLog, isDebug);
    shown.delete('exception');
    if (this.verbosity < 3) for (const k of HIDDEN_BELOW_VVV) shown.delete(k);
    return shown;
  }

  onPlaybookStart(file: string, plays: number): void {
    if (this.verbosity >= 2) this.write(banner(`PLAYBOOK: ${file.split('/').pop() ?? file}`));
    if (this.verbosity > 3) for (const line of this.display.cliArgs ?? []) this.write(line);
    this.dryRun();
    // PlaybookExecutor's display.vv, after v2_playbook_on_start
    if (this.verbosity >= 2) this.write(`${plays} plays in ${file}`);
  }

  /** check_mode_markers: " [CHECK MODE]" after a banner whose play or task runs in check mode. */
  private marker(checkMode: boolean | undefined): string {
    return checkMode && this.display.checkModeMarkers ? ' [CHECK MODE]' : '';
  }

  /** v2_playbook_on_start's and v2_playbook_on_stats' last banner. */
  private dryRun(): void {
    if (this.display.check && this.display.checkModeMarkers) this.write(banner('DRY RUN'));
  }

  onPlayStart(name: string, _path?: string, checkMode?: boolean): void {
    this.write(banner(`PLAY [${name}]${this.marker(checkMode)}`));
  }

  onNoHosts(): void {
    this.write(this.colors.skip('skipping: no hosts matched'));
  }

  onNoHostsRemaining(): void {
    this.write(banner('NO MORE HOSTS LEFT'));
  }

  onTaskStart(task: TaskStart): void {
    // _task_start: the banner waits for a shown result when skipped or ok hosts are hidden
    if (!task.deferBanner && this.display.skippedHosts && this.display.okHosts) this.printBanner(task);
  }

  private printBanner(task: TaskStart): void {
    this.write(banner(`${task.isHandler ? 'RUNNING HANDLER' : 'TASK'} [${task.name}]${this.marker(task.checkMode)}`));
    if (this.verbosity >= 2) this.write(`task path: ${task.origin}`);
    this.lastBanner = task.id;
  }

  /** A result of another task than the one on screen brings its banner back (free strategy). */
  private bannerFor(task: TaskStart | undefined): void {
    if (task?.id && task.id !== this.lastBanner) this.printBanner(task);
  }

  onItemResult(who: string, item: ItemResult, noLog: boolean, task?: TaskStart): void {
    if (this.hidden(item.status)) return;
    const host = item.delegatedTo ? `${who} -> ${item.delegatedTo}` : who;
    this.showDiff(item.showDiff, item.status, item.data, task);
    this.bannerFor(task);
    const label = noLog ? 'None' : item.label;
    const show = (this.verbosity > 0 || item.verboseAlways === true) && !verboseOverride(task?.action);
    if (item.status === 'failed') {
      this.showException(item.data);
      this.write(this.colors.error(`failed: [${host}] (item=${label}) => ${this.dump(item.data, noLog)}`));
    } else if (item.status === 'skipped') {
      // v2_runner_item_on_skipped: a skipped item never ran its action, so it is not verbose_always;
      // a debug item is cleaned (_clean_results) before the dump
      const dumped = this.verbosity > 0 ? ` => ${this.dump(item.data, noLog, false, isDebugAction(task?.action))}` : '';
      this.write(this.colors.skip(`skipping: [${host}] => (item=${label}) ${dumped}`));
    } else {
      const color = item.status === 'changed' ? this.colors.changed : this.colors.ok;
      // v2_runner_item_on_ok: _clean_results of a debug item, then the dump
      const isDebug = isDebugAction(task?.action);
      const shown =
        item.verboseAlways || this.verbosity > 2
          ? this.pretty(item.data, noLog, isDebug)
          : this.dump(item.data, noLog, false, isDebug);
      this.write(color(`${item.status}: [${host}] => (item=${label})${show ? ` => ${shown}` : ''}`));
    }
  }

  /** v2_on_file_diff: before the status line of a changed result or loop item. */
  private showDiff(
    show: boolean | undefined,
    status: string,
    d: Map<string, unknown>,
    task: TaskStart | undefined,
  ): void {
    if (!show || status === 'failed' || status === 'skipped' || status === 'unreachable') return;
    if (d.get('changed') !== true || !d.get('diff')) return;
    const text = renderDiff(d.get('diff'), this.colors);
    if (!text) return;
    this.bannerFor(task);
    this.write(text.replace(/\n$/, ''));
  }

  /** default.py's _handle_exception: the exception's last line (or all of it at -vvv) before the result. */
  private showException(data: Map<string, unknown>): void {
    const msg = exceptionText(data, this.verbosity);
    if (msg !== undefined) this.write(this.colors.error(msg));
  }

  /** _handle_warnings: each of the result's warnings on its own line, then the result without them. */
  private showWarnings(r: TaskResult): TaskResult {
    const warnings = r.data.get('warnings');
    if (!Array.isArray(warnings) || !warnings.length || r.noLog) return r;
    for (const w of warnings) this.onWarning(String(w));
    const data = new Map(r.data);
    data.delete('warnings');
    return { ...r, data };
  }

  onHostResult(r: TaskResult, task?: TaskStart): void {
    if (this.hidden(r.status)) return;
    if (!r.items?.length) this.showDiff(r.showDiff, r.status, r.data, task);
    if (!(r.items && r.items.length && r.status !== 'failed')) this.bannerFor(task);
    const host = r.delegatedTo ? `${r.host} -> ${r.delegatedTo}` : r.host;
    // a no_log loop's result is censored whole (TaskResult.clean_copy), so its results are gone
    // and the task's own line follows the items, as for a task without a loop; otherwise
    // v2_runner_on_failed of a loop prints its items alone (_process_items), no fatal line
    if (r.items && r.items.length && !r.noLog) {
      if (r.status === 'failed' && r.ignored) this.write(this.colors.skip('...ignoring'));
      // v2_runner_on_skipped: after the items (_process_items drops them), the task's own line
      if (r.status === 'skipped') this.writeSkipped(host, withoutResults(r.data), r.noLog, r.isDebug);
      return;
    }
    if (r.status === 'failed' || r.status === 'ok' || r.status === 'changed') r = this.showWarnings(r);
    switch (r.status) {
      case 'failed':
        this.showException(r.data);
        // _clean_results: a failed debug shows its msg alone too
        this.write(
          this.colors.error(`fatal: [${host}]: FAILED! => ${this.dump(r.data, r.noLog, r.verboseAlways, r.isDebug)}`),
        );
        if (r.ignored) this.write(this.colors.skip('...ignoring'));
        return;
      case 'unreachable':
        this.write(this.colors.unreachable(`fatal: [${host}]: UNREACHABLE! => ${this.dump(r.data, r.noLog)}`));
        // v2_runner_on_unreachable: "...ignoring" under the task's ignore_unreachable
        if (r.ignored) this.write(this.colors.skip('...ignoring'));
        return;
      case 'skipped':
        this.writeSkipped(host, r.data, r.noLog, r.isDebug);
        return;
      default: {
        const color = r.status === 'changed' ? this.colors.changed : this.colors.ok;
        const verbose = (this.verbosity > 0 || r.verboseAlways) && !verboseOverride(task?.action);
        // _dump_results indents only for verbose_always results or from -vvv on; a result not
        // shown is not dumped (a host's facts are a large dict)
        const shown = !verbose
          ? ''
          : ` => ${
              r.verboseAlways || this.verbosity > 2
                ? this.pretty(r.data, r.noLog, r.isDebug)
                : this.dump(r.data, r.noLog, false, r.isDebug)
            }`;
        this.write(color(`${r.status}: [${host}]${shown}`));
      }
    }
  }

  /** v2_runner_on_skipped: the result too when the run is verbose, a debug's cleaned first. */
  private writeSkipped(host: string, data: Map<string, unknown>, noLog: boolean, isDebug?: boolean): void {
    const dumped = this.verbosity > 0 ? ` => ${this.dump(data, noLog, false, isDebug)}` : '';
    this.write(this.colors.skip(`skipping: [${host}]${dumped}`));
  }

  onIncluded(file: string, hosts: string[], item?: string, task?: TaskStart): void {
    // v2_runner_on_ok of a TaskInclude brings a deferred banner before v2_playbook_on_include
    this.bannerFor(task);
    this.write(
      this.colors.skip(`included: ${file} for ${hosts.join(', ')}${item !== undefined ? ` => (item=${item})` : ''}`),
    );
  }

  onDisplay(text: string, level: number): void {
    if (this.verbosity >= level) this.write(text);
  }

  /** default.py's v2_playbook_on_notify: from -vv on. */
  onNotify(handler: string, host: string): void {
    if (this.verbosity > 1) this.write(`NOTIFIED HANDLER ${handler} for ${host}`);
  }

  onWarning(message: string, fromWorker = false): void {
    // Display.warning shows a warning once per process: the run's, or a worker's
    if (!fromWorker && this.warned.has(message)) return;
    this.warned.add(message);
    this.writeErr(this.colors.warn(warningText(message)));
  }

  onError(message: string, wrap = true): void {
    this.writeErr(this.colors.error(wrap ? errorText(message) : `ERROR! ${message}`));
  }

  onPlaybookEnd(stats: Map<string, HostStats>, custom?: Map<string, Map<string, unknown>>): void {
    this.write(banner('PLAY RECAP'));
    for (const host of [...stats.keys()].sort()) {
      const s = stats.get(host) as HostStats;
      const color = s.failed || s.unreachable ? this.colors.error : s.changed ? this.colors.changed : this.colors.ok;
      const col = (name: string, n: number): string => `${name}=${String(n).padEnd(4)}`;
      this.write(
        `${color(host.padEnd(26))} : ${col('ok', s.ok)} ${col('changed', s.changed)} ${col('unreachable', s.unreachable)} ${col('failed', s.failed)} ${col('skipped', s.skipped)} ${col('rescued', s.rescued)} ${col('ignored', s.ignored)}`,
      );
    }
    this.write('');
    if (custom?.size && this.display.showCustomStats) this.customStats(custom);
    this.dryRun();
  }

  /** v2_playbook_on_stats with show_custom_stats: each host's, then the run's, on one line each. */
  private customStats(custom: Map<string, Map<string, unknown>>): void {
    const line = (v: Map<string, unknown>): string =>
      pyJsonDumps(v, { sortKeys: true, ensureAscii: false, indent: 1 }).replace(/\n/g, '');
    this.write(banner('CUSTOM STATS: '));
    for (const host of [...custom.keys()].sort())
      if (host !== RUN_STATS) this.write(`\t${host}: ${line(custom.get(host)!)}`);
    if (custom.has(RUN_STATS)) {
      this.write('');
      this.write(`\tRUN: ${line(custom.get(RUN_STATS)!)}`);
    }
    this.write('');
  }
}
