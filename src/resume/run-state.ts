// The state file of a run: `.runbook/<playbook>-<hash>.json` in the current directory (or
// --state-dir), keyed by the playbook and the inventory, rewritten whole (temporary file and
// rename: a killed runbook leaves a consistent version) when the run starts and ends. Each step a
// host starts or finishes between is one line of the journal beside it (journal-file.ts), folded
// into the file when the journal outgrows it. `--resume` reads the file the failed run left and
// replays its journal. Vault values never reach either.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Journal, PreviousStep, DoneStep, TaskResult } from '../executor/index.js';
import type { Task } from '../playbook/index.js';
import { RunbookError, formatLocation, redact, writeFileWhole } from '../util/index.js';
import { takeLock, releaseLock } from './lock.js';
import { JournalFile, readJournal } from './journal-file.js';
import { toJson, fromJson } from './values.js';

type Running = { key: string; step: string; since: string; name: string };
type Failed = { key: string; name: string; msg: string; culprit?: string };

interface HostRecord {
  steps: Record<string, DoneStep & { name?: string }>;
  running?: Running | undefined;
  failed?: Failed | undefined;
}

/**
 * One journal line: what a step changed in its host's record. Each field is set, never derived
 * from the record, so replaying lines the state file already holds changes nothing.
 */
interface StepEvent {
  /** The run that wrote it: lines of an earlier run, left by a kill, are not replayed. */
  run: string;
  host: string;
  running?: Running | null;
  step?: [string, (DoneStep & { name?: string }) | null];
  failed?: Failed;
}

/** The journal grows to the state file's size (at least this) before it is folded in. */
const JOURNAL_MIN = 64 * 1024;

export interface StateFile {
  runbook: 1;
  playbook: string;
  inventory: string[];
  /** The command that resumes this run. */
  resume: string;
  started: string;
  updated: string;
  status: 'running' | 'failed' | 'complete' | 'interrupted';
  /** The run that wrote the file (its journal's lines carry it). */
  run?: string;
  hosts: Record<string, HostRecord>;
}

export interface OpenOptions {
  dir: string;
  playbook: string;
  inventory: string[];
  resume: boolean;
  resumeCommand: string;
  secrets: () => Iterable<string>;
}

/** Where the state of this playbook with this inventory lives. */
export function statePath(dir: string, playbook: string, inventory: string[]): string {
  const key = createHash('sha256')
    .update(JSON.stringify([resolve(playbook), inventory.map((i) => (i.includes(',') ? i : resolve(i))).sort()]))
    .digest('hex')
    .slice(0, 12);
  return join(resolve(dir), `${basename(playbook).replace(/\.ya?ml$/, '')}-${key}.json`);
}

export class RunState implements Journal {
  readonly resuming: boolean;
  private readonly state: StateFile;
  private readonly before: StateFile | undefined;
  private readonly seen = new Map<string, number>();
  private readonly runId = randomBytes(4).toString('hex');
  private readonly journal: JournalFile;
  private stateBytes = 0;
  private closed = false;

  private constructor(
    readonly file: string,
    private readonly lock: string,
    private readonly opts: OpenOptions,
    before: StateFile | undefined,
  ) {
    this.resuming = opts.resume;
    this.before = before;
    this.journal = new JournalFile(journalPath(file));
    const now = new Date().toISOString();
    const carried: Record<string, HostRecord> = {};
    for (const [h, r] of Object.entries(before?.hosts ?? {})) carried[h] = { steps: { ...r.steps } };
    this.state = {
      runbook: 1,
      playbook: resolve(opts.playbook),
      inventory: opts.inventory,
      resume: opts.resumeCommand,
      started: now,
      updated: now,
      status: 'running',
      run: this.runId,
      hosts: carried,
    };
  }

  /** Opens the state of a run (the lock first); with `resume`, the earlier run's file must exist. */
  static open(opts: OpenOptions): RunState {
    const file = statePath(opts.dir, opts.playbook, opts.inventory);
    // refused before anything is created; read again below, under the lock
    if (opts.resume) readState(file);
    mkdirSync(resolve(opts.dir), { recursive: true, mode: 0o700 });
    const lock = `${file}.lock`;
    takeLock(lock, file);
    let before: StateFile | undefined;
    try {
      if (opts.resume) before = readState(file);
    } catch (e) {
      releaseLock(lock);
      throw e;
    }
    const run = new RunState(file, lock, opts, before);
    run.save();
    return run;
  }

  get resumeCommand(): string {
    return this.opts.resumeCommand;
  }

  next(host: string, task: Task): string {
    const at = `${task.origin.file ?? '?'}:${task.origin.line ?? 0}`;
    const n = (this.seen.get(`${host}\0${at}`) ?? 0) + 1;
    this.seen.set(`${host}\0${at}`, n);
    return n === 1 ? at : `${at}#${n}`;
  }

  current(host: string, task: Pick<Task, 'origin'>): string {
    const at = `${task.origin.file ?? '?'}:${task.origin.line ?? 0}`;
    const n = this.seen.get(`${host}\0${at}`) ?? 1;
    return n === 1 ? at : `${at}#${n}`;
  }

  previous(host: string, key: string): PreviousStep | undefined {
    const r = this.before?.hosts[host];
    if (!r) return undefined;
    const done = r.steps[key];
    const running = r.running?.key === key ? r.running : undefined;
    if (!done && !running) return undefined;
    return {
      ...(done
        ? { done: { ...done, ...(done.registered !== undefined ? { registered: fromJson(done.registered) } : {}) } }
        : {}),
      ...(running ? { running: { step: running.step, since: running.since } } : {}),
    };
  }

  started(host: string, key: string, name: string): string {
    const step = `${this.runId}/${host}/${key}`;
    this.record({ run: this.runId, host, running: { key, step, since: new Date().toISOString(), name } });
    return step;
  }

  finished(host: string, key: string, result: TaskResult, registered: boolean): void {
    const r = this.host(host);
    const name = r.running?.key === key ? r.running.name : key;
    const ev: StepEvent = { run: this.runId, host, ...(r.running?.key === key ? { running: null } : {}) };
    if ((result.status === 'failed' || result.status === 'unreachable') && !result.ignored) {
      ev.failed = {
        key,
        name,
        msg: result.noLog ? hiddenFailure(result) : String(result.data.get('msg') ?? result.status),
        ...(result.culprit ? { culprit: formatLocation(result.culprit).replace(/: $/, '') } : {}),
      };
      ev.step = [key, null];
    } else {
      // A step that changed nothing runs again on --resume, so only a changing step's registered
      // result is kept (a config report's output would otherwise make the file megabytes).
      const changed = result.data.get('changed') === true;
      // A no_log step's result is not written down: it runs again on --resume (resume.ts).
      ev.step = [
        key,
        {
          name,
          changed,
          at: new Date().toISOString(),
          ...(registered && changed && !result.noLog ? { registered: toJson(result.data) } : {}),
          ...(result.noLog ? { hidden: true } : {}),
        },
      ];
    }
    this.record(ev);
  }

  /** Marks the run's end; the lock goes. */
  close(status: StateFile['status']): void {
    if (this.closed) return;
    this.closed = true;
    this.state.status = status;
    this.save();
    releaseLock(this.lock);
  }

  /** The last failure recorded for each host that had one (a rescued one too: the caller decides). */
  leftOver(): { host: string; failed?: { key: string; name: string; msg: string; culprit?: string } }[] {
    return Object.entries(this.state.hosts)
      .filter(([, r]) => r.failed)
      .map(([host, r]) => ({ host, ...(r.failed ? { failed: r.failed } : {}) }));
  }

  private host(name: string): HostRecord {
    return (this.state.hosts[name] ??= { steps: {} });
  }

  /** Applies a step's change and appends it to the journal; folds the journal in when it outgrew the file. */
  private record(ev: StepEvent): void {
    applyEvent(this.state, ev);
    this.journal.append(redact(JSON.stringify(ev), this.opts.secrets()));
    if (this.journal.bytes > Math.max(JOURNAL_MIN, this.stateBytes)) this.save();
  }

  /** Writes the state file whole, then empties the journal (its lines are in the file now). */
  private save(): void {
    this.state.updated = new Date().toISOString();
    const text = redact(JSON.stringify(this.state, null, 1), this.opts.secrets());
    writeFileWhole(this.file, text, 0o600);
    this.stateBytes = Buffer.byteLength(text);
    if (this.closed) this.journal.remove();
    else this.journal.clear();
  }
}

function journalPath(stateFile: string): string {
  return `${stateFile}.journal`;
}

function applyEvent(state: StateFile, ev: StepEvent): void {
  const r = (state.hosts[ev.host] ??= { steps: {} });
  if (ev.running !== undefined) r.running = ev.running ?? undefined;
  if (ev.step) {
    const [key, done] = ev.step;
    if (done) r.steps[key] = done;
    else delete r.steps[key];
  }
  if (ev.failed) r.failed = ev.failed;
}

function readState(file: string): StateFile {
  if (!existsSync(file))
    throw new RunbookError(
      `nothing to resume: no earlier run of this playbook with this inventory left a state file (${file})`,
    );
  try {
    const s = JSON.parse(readFileSync(file, 'utf8')) as StateFile;
    if (s.runbook !== 1 || typeof s.hosts !== 'object') throw new Error('not a runbook state file');
    // the steps of a run that did not end (a kill): its journal's lines after the file's last write
    for (const ev of readJournal(journalPath(file)) as StepEvent[])
      if (s.run !== undefined && ev.run === s.run && typeof ev.host === 'string') applyEvent(s, ev);
    return s;
  } catch (e) {
    throw new RunbookError(`cannot resume from ${file}: ${(e as Error).message}`);
  }
}

/**
 * What a no_log failure may say: its class (unreachable, failed, the return code), never its
 * message or output — they may hold the values no_log hides.
 */
function hiddenFailure(result: TaskResult): string {
  const rc = result.data.get('rc');
  const kind =
    result.status === 'unreachable'
      ? 'unreachable'
      : typeof rc === 'number'
        ? `failed with return code ${rc}`
        : 'failed';
  return `${kind} (details hidden by no_log)`;
}
