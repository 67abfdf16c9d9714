// Ansible's minimal and oneline stdout callbacks (plugins/callback/minimal.py, oneline.py at
// stable-2.14): one entry per host result, no banners and no recap; command, shell and raw show
// their output as text (_command_generic_msg), every other module its result as JSON. `ansible`
// (runbook run) uses minimal, or oneline with -o.
import type { Callback, TaskResult, TaskStart } from '../executor/index.js';
import type { Palette } from './color.js';
import { clean, dumpResults, exceptionText, isDebugAction } from './default.js';
import { renderDiff } from './diff.js';
import { errorText, warningText } from './textwrap.js';

// C.MODULE_NO_JSON (runbook's actions are resolved to their short names)
const NO_JSON = new Set(['command', 'shell', 'raw']);

interface Out {
  write: (line: string) => void;
  writeErr: (line: string) => void;
  colors: Palette;
  verbosity: number;
  warned: Set<string>;
}

abstract class CompactCallback implements Callback {
  constructor(protected readonly o: Out) {}

  onWarning(message: string, fromWorker = false): void {
    if (!fromWorker && this.o.warned.has(message)) return;
    this.o.warned.add(message);
    this.o.writeErr(this.o.colors.warn(warningText(message)));
  }

  onError(message: string, wrap = true): void {
    this.o.writeErr(this.o.colors.error(wrap ? errorText(message) : `ERROR! ${message}`));
  }

  onDisplay(text: string, level: number): void {
    if (this.o.verbosity >= level) this.o.write(text);
  }

  /** _handle_warnings: the result's warnings shown, then left out of the result. */
  protected warnings(r: TaskResult): TaskResult {
    const warnings = r.data.get('warnings');
    if (!Array.isArray(warnings) || !warnings.length || r.noLog) return r;
    for (const w of warnings) this.onWarning(String(w));
    const data = new Map(r.data);
    data.delete('warnings');
    return { ...r, data };
  }

  protected isText(task: TaskStart | undefined): boolean {
    return NO_JSON.has(task?.action ?? '');
  }

  /** TaskResult.clean_copy, as the callbacks receive results (a no_log one censored). */
  protected cleaned(r: TaskResult): Map<string, unknown> {
    return clean(r.data, r.noLog);
  }

  abstract onHostResult(r: TaskResult, task?: TaskStart): void;
}

export class MinimalCallback extends CompactCallback {
  // _command_generic_msg ends with a newline, which Display.display does not double
  private text(host: string, d: Map<string, unknown>, caption: string): string {
    const s = (k: string): string => (d.has(k) ? String(d.get(k)) : '');
    return `${host} | ${caption} | rc=${d.has('rc') ? String(d.get('rc')) : '-1'} >>\n${s('stdout')}${s('stderr')}${s('msg')}`;
  }

  private dump(r: TaskResult, isDebug = false): string {
    return dumpResults(r.data, { noLog: r.noLog, verbosity: this.o.verbosity, indent: 4, isDebug });
  }

  onHostResult(result: TaskResult, task?: TaskStart): void {
    const { colors, write } = this.o;
    if (result.status === 'skipped') return write(colors.skip(`${result.host} | SKIPPED`));
    if (result.status === 'unreachable')
      return write(colors.unreachable(`${result.host} | UNREACHABLE! => ${this.dump(result)}`));
    // v2_on_file_diff comes before the result
    if (result.showDiff && result.data.get('diff')) {
      const diff = renderDiff(result.data.get('diff'), colors);
      if (diff) write(diff.replace(/\n$/, ''));
    }
    const r = this.warnings(result);
    if (r.status === 'failed') {
      const exception = exceptionText(r.data, this.o.verbosity);
      if (exception !== undefined) write(colors.error(exception));
      const line =
        this.isText(task) && !r.data.has('module_stderr')
          ? this.text(r.host, this.cleaned(r), 'FAILED')
          : `${r.host} | FAILED! => ${this.dump(r)}`;
      return write(colors.error(line));
    }
    const changed = r.data.get('changed') === true;
    const color = changed ? colors.changed : colors.ok;
    const state = changed ? 'CHANGED' : 'SUCCESS';
    write(
      color(
        this.isText(task) && !r.data.has('ansible_job_id')
          ? this.text(r.host, this.cleaned(r), state)
          : `${r.host} | ${state} => ${this.dump(r, isDebugAction(task?.action))}`,
      ),
    );
  }
}

export class OnelineCallback extends CompactCallback {
  private text(host: string, d: Map<string, unknown>, caption: string): string {
    const esc = (k: string): string => (d.has(k) ? String(d.get(k)) : '').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
    const rc = d.has('rc') ? String(d.get('rc')) : '-1';
    const stderr = d.get('stderr') ? ` (stderr) ${esc('stderr')}` : '';
    return `${host} | ${caption} | rc=${rc} | (stdout) ${esc('stdout')}${stderr}`;
  }

  private dump(r: TaskResult): string {
    return dumpResults(r.data, {
      noLog: r.noLog,
      verbosity: this.o.verbosity,
      indent: 0,
      // a loop's result gathers its items' and is not verbose_always itself
      verboseAlways: r.verboseAlways === true && !r.items?.length,
    }).replace(/\n/g, '');
  }

  onHostResult(r: TaskResult, task?: TaskStart): void {
    const { colors, write } = this.o;
    if (r.status === 'skipped') return write(colors.skip(`${r.host} | SKIPPED`));
    if (r.status === 'unreachable') {
      const msg = r.data.get('msg');
      return write(colors.unreachable(`${r.host} | UNREACHABLE!: ${msg === undefined ? '' : String(msg)}`));
    }
    if (r.status === 'failed') {
      const exception = r.data.get('exception');
      if (exception !== undefined) {
        const text = String(exception);
        const msg =
          this.o.verbosity < 3
            ? `An exception occurred during task execution. To see the full traceback, use -vvv. The error was: ${text.trim().split('\n').at(-1) ?? ''}`
            : `An exception occurred during task execution. The full traceback is:\n${text.replace(/\n/g, '')}`;
        write(
          colors.error(
            this.isText(task) && !r.data.has('module_stderr') ? this.text(r.host, this.cleaned(r), 'FAILED') : msg,
          ),
        );
      }
      return write(colors.error(`${r.host} | FAILED! => ${this.dump(r)}`));
    }
    const changed = r.data.get('changed') === true;
    const color = changed ? colors.changed : colors.ok;
    const state = changed ? 'CHANGED' : 'SUCCESS';
    write(
      color(
        this.isText(task) && !r.data.has('ansible_job_id')
          ? this.text(r.host, this.cleaned(r), state)
          : `${r.host} | ${state} => ${this.dump(r)}`,
      ),
    );
  }
}
