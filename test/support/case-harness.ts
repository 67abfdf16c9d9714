// Runs one of the own differential cases (test/cases/<name>) with a command — ansible-playbook
// when recording, runbook when testing — and takes what it left: exit code, PLAY RECAP, a
// normalised listing of the out/ directory and, for golden cases, the normalised console.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, lstatSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CASES_DIR = fileURLToPath(new URL('../cases', import.meta.url));
const INVENTORY_DIR = join(CASES_DIR, '_inventory');
const BACKUP_RE = /\.\d+\.\d{4}-\d{2}-\d{2}@\d{2}:\d{2}:\d{2}~$/;

export interface CaseMeta {
  title: string;
  args?: string[];
  rerun?: boolean;
  golden?: boolean;
  /** Environment the case runs with (ANSIBLE_STDOUT_CALLBACK, …), for both runners. */
  env?: Record<string, string>;
  /** A regular expression of console lines each tool prints its own way (see dropLines). */
  drop_lines?: string;
  /** Where the tool starts: the case's own directory (the default), or out/ (what is relative to what). */
  cwd?: 'out';
  /** Tools the case's modules run on this machine, by path, with the Debian package of each. */
  packages?: Record<string, string>;
  /** Compare the [WARNING] (and Display.error's [ERROR]) lines too (stderr, sorted: Ansible shows some in set order). */
  warnings?: boolean;
  /**
   * The console's result lines in the order printed, not sorted per task: for a case whose order
   * Ansible decides the same way every run (forks 1: each host's result before the next host's).
   */
  ordered?: boolean;
}
export interface FileEntry {
  path: string;
  type: string;
  mode?: string;
  size?: number;
  sha256?: string;
  target?: string;
}
export interface CaseRun {
  exit_code: number;
  recap: Record<string, Record<string, number>>;
  files: FileEntry[];
  stdout?: string;
  warnings?: string[];
}

export function caseNames(): string[] {
  return readdirSync(CASES_DIR)
    .filter((n) => !n.startsWith('_') && !n.startsWith('.'))
    .sort();
}

export function readMeta(name: string): CaseMeta {
  return JSON.parse(readFileSync(join(CASES_DIR, name, 'case.json'), 'utf8')) as CaseMeta;
}

/** sha256 over every file of the case (paths and contents), expected.json excluded. */
export function caseHash(name: string): string {
  return dirHash(join(CASES_DIR, name));
}

/** sha256 over every file under `root` (relative paths and contents), expected.json excluded. */
export function dirHash(root: string): string {
  const hash = createHash('sha256');
  const walk = (dir: string): void => {
    for (const n of readdirSync(dir).sort()) {
      const p = join(dir, n);
      if (lstatSync(p).isDirectory()) walk(p);
      else if (relative(root, p) !== 'expected.json')
        hash
          .update(`${relative(root, p)}\0`)
          .update(readFileSync(p))
          .update('\0');
    }
  };
  walk(root);
  return hash.digest('hex');
}

function normalise(text: string, ctx: { out: string; casedir: string; work: string }): string {
  return text.split(ctx.out).join('<OUT>').split(ctx.casedir).join('<CASE>').split(ctx.work).join('<WORK>');
}

function listFiles(root: string, ctx: { out: string; casedir: string; work: string }): FileEntry[] {
  const out: FileEntry[] = [];
  const walk = (dir: string, rel: string): void => {
    for (const name of readdirSync(dir).sort()) {
      // runbook's state directory, in the directory it starts in (a case with cwd: out)
      if (!rel && name === '.runbook') continue;
      const abs = join(dir, name);
      const path = (rel ? `${rel}/${name}` : name).replace(BACKUP_RE, '.<BACKUP>~');
      const st = lstatSync(abs);
      const mode = (st.mode & 0o7777).toString(8).padStart(4, '0');
      if (st.isSymbolicLink()) out.push({ path, type: 'link', target: normalise(readlinkSync(abs), ctx) });
      else if (st.isDirectory()) {
        out.push({ path, type: 'dir', mode });
        walk(abs, path);
      } else {
        const data = Buffer.from(normalise(readFileSync(abs).toString('utf8'), ctx));
        out.push({
          path,
          type: 'file',
          mode,
          size: data.length,
          sha256: createHash('sha256').update(data).digest('hex'),
        });
      }
    }
  };
  walk(root, '');
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function parseRecap(stdout: string): Record<string, Record<string, number>> {
  const lines = stdout.split('\n');
  const start = lines.findIndex((l) => l.startsWith('PLAY RECAP'));
  const recap: Record<string, Record<string, number>> = {};
  for (const line of start >= 0 ? lines.slice(start + 1) : []) {
    const m = /^(\S+)\s+:\s+(.*ok=\d+.*)$/.exec(line);
    if (m)
      recap[m[1] ?? ''] = Object.fromEntries(
        [...(m[2] ?? '').matchAll(/([a-z]+)=(\d+)/g)].map((x) => [x[1] ?? '', Number(x[2])]),
      );
  }
  return recap;
}

const RECORD = /^(ok|changed|skipping|fatal|failed|included|\.\.\.ignoring)[: ]/;

/**
 * Host results of one task arrive in completion order in Ansible (forks run in parallel), so
 * within each banner's section the result records are compared sorted.
 */
export function sortResults(text: string): string {
  const sections = text.split(/(?=\n(?:PLAY|TASK|RUNNING HANDLER) \[)/);
  return sections
    .map((section) => {
      const lines = section.split('\n');
      const head: string[] = [];
      const records: string[][] = [];
      const tail: string[] = [];
      for (const line of lines) {
        if (RECORD.test(line) && !line.startsWith('...ignoring')) records.push([line]);
        else if (records.length && line !== '' && !tail.length) (records[records.length - 1] as string[]).push(line);
        else if (records.length) tail.push(line);
        else head.push(line);
      }
      const sorted = records.map((r) => r.join('\n')).sort();
      return [...head, ...sorted, ...tail].join('\n');
    })
    .join('');
}

/** The console with run-specific values (paths, times, job ids) replaced. */
/**
 * The timing callbacks' lines (profile_tasks, timer): the time stamps and durations, and the
 * order of profile_tasks' summary (by time spent), are the run's own.
 */
function normaliseTimings(text: string): string {
  const lines = text
    .replace(
      /^\w+day \d{2} \w+ \d{4} {2}\d{2}:\d{2}:\d{2} [+-]\d{4} \(\d+:\d{2}:\d{2}\.\d{3}\) {7}\d+:\d{2}:\d{2}\.\d{3} \*+ $/gm,
      '<TASKTIME>',
    )
    .replace(/^Playbook run took \d+ days, \d+ hours, \d+ minutes, \d+ seconds$/gm, 'Playbook run took <TIME>')
    .split('\n');
  const rule = lines.findIndex((l) => /^={79} $/.test(l));
  if (rule < 0) return lines.join('\n');
  let end = rule + 1;
  while (end < lines.length && / -*-+ \d+\.\d{2}s$/.test(lines[end]!)) end++;
  const summary = lines
    .slice(rule + 1, end)
    .map((l) => l.replace(/ -*-+ \d+\.\d{2}s$/, ' <T>'))
    .sort();
  return [...lines.slice(0, rule + 1), ...summary, ...lines.slice(end)].join('\n');
}

/**
 * -vv's version block names the tool (ansible-playbook [core …] or runbook …) and where it is
 * installed: the block is the tool's own, the lines after it are compared.
 */
function normaliseVersion(text: string): string {
  return text.replace(
    /^(ansible-playbook \[core [^\]]+\]|runbook \S+ \(Ansible-compatible[^)]*\))\n( {2}.*\n)*/m,
    '<VERSION>\n',
  );
}

function normaliseStdout(stdout: string, ctx: { out: string; casedir: string; work: string }, ordered = false): string {
  const text = normaliseTimings(normaliseVersion(normalise(stdout, ctx)));
  return (
    (ordered ? text : sortResults(text))
      // the checkout's path (ANSIBLE_CONFIG in test/cases/_inventory) differs between clones
      .split(CASES_DIR)
      .join('<CASES>')
      .replace(/"(start|end|delta|ansible_job_id|results_file)": "[^"]*"/g, '"$1": "<X>"')
      // ActionBase._make_tmp_path's directory: its time, pid and random number are the run's
      .replace(/\/ansible-tmp-[0-9.]+-\d+-\d+\//g, '/ansible-tmp-<X>/')
      // the json callback's play and task ids (get_unique_id: a per-run prefix and a counter)
      .replace(/"id": "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"/g, '"id": "<ID>"')
      .replace(/\.\d+\.\d{4}-\d{2}-\d{2}@\d{2}:\d{2}:\d{2}~/g, '.<BACKUP>~')
      // --diff of copy content / template: Ansible names a local temp file it has deleted since;
      // runbook says "dynamically generated" or names the template (docs/COMPAT.md).
      .replace(
        /^\+\+\+ after: (\S*\/\.ansible\/tmp\/\S+|dynamically generated|<CASE>\/templates\/\S+)$/gm,
        '+++ after: <GENERATED>',
      )
  );
}

/**
 * A case's `drop_lines`: lines each tool prints its own way, left out of the comparison — at
 * -vvv, the connection plugin's (<host> ESTABLISH/EXEC/PUT: Ansible's module transfer through
 * temporary directories, runbook's commands) and Ansible's "Using module file".
 */
function dropLines(text: string, pattern: string | undefined): string {
  if (!pattern) return text;
  const re = new RegExp(pattern);
  return text
    .split('\n')
    .filter((l) => !re.test(l))
    .join('\n');
}

/**
 * The warnings and errors a run showed, each joined from the lines Display wrapped it to, sorted:
 * [WARNING], Display.error's wrapped " [ERROR]" and unwrapped "ERROR!", and the extended error's
 * "The error appears to be in …" (its position). A blank line ends one; other lines are not kept.
 */
function warningsOf(stderr: string, ctx: { out: string; casedir: string; work: string }): string[] {
  const warnings: string[] = [];
  let open = false;
  for (const line of normalise(stderr, ctx).split('\n')) {
    const start = STDERR_ENTRIES.find(([prefix]) => line.startsWith(prefix));
    if (start) warnings.push(`${start[1]}${line.slice(start[0].length).trim()}`);
    else if (open && line.trim()) warnings[warnings.length - 1] += ` ${line.trim()}`;
    open = start !== undefined || (open && line.trim() !== '');
  }
  return warnings.sort();
}

/** The lines that start an entry of warningsOf, and how the entry is marked. */
const STDERR_ENTRIES: [string, string][] = [
  ['[WARNING]: ', ''],
  [' [ERROR]: ', '[ERROR] '],
  ['ERROR! ', 'ERROR! '],
  ["The error appears to be in '", "The error appears to be in '"],
];

/** Tools the cases may put on PATH (the fake systemctl), found by lookup('env', 'RB_FIXTURES_BIN'). */
const FIXTURES_BIN = join(CASES_DIR, '..', 'fixtures', 'bin');

/** Runs a case with `argv(inventory, playbook, out)` once or twice (rerun) in a scratch tree. */
export function runCase(
  name: string,
  argv: (ctx: { inventory: string; playbook: string; out: string }) => string[],
  env: NodeJS.ProcessEnv,
): CaseRun[] {
  const meta = readMeta(name);
  const work = mkdtempSync(join(tmpdir(), `rb-case-${name}-`));
  try {
    const casedir = join(work, 'case');
    const out = join(work, 'out');
    cpSync(join(CASES_DIR, name), casedir, { recursive: true });
    cpSync(INVENTORY_DIR, join(work, 'inventory'), { recursive: true });
    mkdirSync(out);
    const ctx = { work, casedir, out };
    const runs: CaseRun[] = [];
    for (let i = 0; i < (meta.rerun === false ? 1 : 2); i++) {
      const [cmd = '', ...args] = argv({
        inventory: join(work, 'inventory', 'hosts.ini'),
        playbook: join(casedir, 'playbook.yml'),
        out,
      });
      const r = spawnSync(cmd, [...args, ...(meta.args ?? [])], {
        cwd: meta.cwd === 'out' ? out : casedir,
        encoding: 'utf8',
        env: { ...env, ...meta.env, LC_ALL: 'C.UTF-8', RB_FIXTURES_BIN: FIXTURES_BIN },
        timeout: 120_000,
      });
      runs.push({
        exit_code: r.status ?? -1,
        recap: parseRecap(r.stdout),
        files: listFiles(out, ctx),
        ...(meta.golden && i === 0
          ? { stdout: dropLines(normaliseStdout(r.stdout, ctx, meta.ordered), meta.drop_lines) }
          : {}),
        ...(meta.warnings && i === 0 ? { warnings: warningsOf(r.stderr, ctx) } : {}),
      });
    }
    return runs;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
