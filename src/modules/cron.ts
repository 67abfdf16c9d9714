// cron (ansible.builtin): a job or variable of a user's crontab or of a cron file — a port of
// ansible/modules/cron.py at stable-2.14 (CronTab): jobs named by a "#Ansible: NAME" line, the
// file rendered with a final newline, an emptied cron file removed.
import { basename, isAbsolute, join } from 'node:path';
import { pySplitLines, shellQuote } from '../util/index.js';
import { defineModule, type ModuleResult } from './define.js';
import { requiredBin } from './support/bin-path.js';

type A = Record<string, unknown>;
const ANSIBLE = '#Ansible: ';

interface Tab {
  lines: string[];
  cronFile?: string;
  user?: string;
}

function comment(name: string): string {
  return `${ANSIBLE}${name}`;
}

/** CronTab.find_job: [comment, job] by name, or a bare job line given a comment (a 3rd element). */
function findJob(tab: Tab, name: string, job?: string): string[] {
  let c: string | undefined;
  for (const l of tab.lines) {
    if (c !== undefined) {
      if (c === name) return [c, l];
      c = undefined;
    } else if (l.startsWith(ANSIBLE)) c = l.slice(ANSIBLE.length);
  }
  if (job) {
    for (let i = 0; i < tab.lines.length; i++) {
      if (tab.lines[i] !== job) continue;
      const prev = tab.lines[i - 1] ?? tab.lines[tab.lines.length - 1] ?? '';
      if (!prev.startsWith(ANSIBLE)) {
        tab.lines.splice(i, 0, comment(name));
        return [tab.lines[i]!, job, 'true'];
      }
      if (name && prev === comment('None')) {
        tab.lines[i - 1] = comment(name);
        return [tab.lines[i - 1]!, job, 'true'];
      }
    }
  }
  return [];
}

/** CronTab._update_job: the line after NAME's comment replaced by `job` (or dropped). */
function updateJob(tab: Tab, name: string, job: string | undefined): void {
  const out: string[] = [];
  let c: string | undefined;
  for (const l of tab.lines) {
    if (c !== undefined) {
      if (job !== undefined) out.push(c, job);
      c = undefined;
    } else if (l === comment(name)) c = l;
    else out.push(l);
  }
  tab.lines = out;
}

function findEnv(tab: Tab, name: string): [number, string] | undefined {
  const i = tab.lines.findIndex((l) => l.startsWith(`${name}=`));
  return i < 0 ? undefined : [i, tab.lines[i]!];
}

function cronJob(a: A, tab: Tab): string {
  const job = String(a.job).replace(/^[\r\n]+|[\r\n]+$/g, '');
  const off = a.disabled ? '#' : '';
  const user = tab.cronFile ? ` ${String(a.user)}` : '';
  if (a.special_time) return `${off}@${String(a.special_time)}${user} ${job}`;
  const when = [a.minute, a.hour, a.day, a.month, a.weekday].map(String).join(' ');
  return `${off}${when}${user} ${job}`;
}

/** CronTab.render: the lines, and a final newline when there is anything. */
function render(tab: Tab): string {
  const text = tab.lines.join('\n');
  return text ? `${text.replace(/[\r\n]+$/, '')}\n` : '';
}

function jobNames(tab: Tab): string[] {
  return tab.lines.filter((l) => l.startsWith(ANSIBLE)).map((l) => l.slice(ANSIBLE.length));
}

function envNames(tab: Tab): string[] {
  return tab.lines.filter((l) => /^\S+=/.test(l)).map((l) => l.split('=')[0]!);
}

/** main()'s env=yes branch; returns whether the crontab changes, or a failure message. */
function editEnv(tab: Tab, a: A, present: boolean): boolean | string {
  const name = String(a.name);
  if (name.includes(' ')) return 'Invalid name for environment variable';
  const decl = `${name}="${String(a.job)}"`;
  const old = findEnv(tab, name);
  if (!present) {
    if (!old) return false;
    tab.lines = tab.lines.filter((l) => !l.startsWith(`${name}=`));
    return true;
  }
  if (old) {
    if (old[1] === decl) return false;
    tab.lines = tab.lines.map((l) => (l.startsWith(`${name}=`) ? decl : l));
    return true;
  }
  const other = (a.insertafter ?? a.insertbefore) as string | undefined;
  if (other === undefined) tab.lines.unshift(decl);
  else {
    const at = findEnv(tab, other);
    if (!at) return `Variable named '${other}' not found.`;
    tab.lines.splice(a.insertafter !== undefined ? at[0] + 1 : at[0], 0, decl);
  }
  return true;
}

function editJob(tab: Tab, a: A, present: boolean): boolean {
  const name = String(a.name);
  if (!present) {
    if (!findJob(tab, name).length) return false;
    updateJob(tab, name, undefined);
    return true;
  }
  const job = cronJob(a, tab);
  const old = findJob(tab, name, job);
  if (!old.length) {
    tab.lines.push(comment(name), job);
    return true;
  }
  if (old[1] !== job || old.length > 2) {
    updateJob(tab, name, job);
    return true;
  }
  return false;
}

function checks(a: A): string | undefined {
  if (a.cron_file === '/etc/crontab') return 'Will not manage /etc/crontab via cron_file, see documentation.';
  if (a.special_time && [a.minute, a.hour, a.day, a.month, a.weekday].some((x) => x !== '*'))
    return 'You must specify time and date fields or special time.';
  if (a.state !== 'absent') {
    if (a.cron_file && !a.user) return 'To use cron_file=... parameter you must specify user=... as well';
    if (a.job === undefined || a.job === null) return "You must specify 'job' to install a new cron job or variable";
    if ((a.insertafter || a.insertbefore) && !a.env)
      return 'Insertafter and insertbefore parameters are valid only with env=yes';
  }
  return undefined;
}

export default defineModule({
  name: 'cron',
  argRules: { mutuallyExclusive: [['insertafter', 'insertbefore']] },
  collection: 'ansible.builtin',
  description: "Manages cron jobs and variables in a user's crontab or a cron file",
  checkMode: 'supported',
  args: {
    name: {
      type: 'str',
      required: true,
      description: 'The job\'s name (its "#Ansible: NAME" line) or the variable\'s.',
    },
    user: { type: 'str', description: 'Whose crontab; with cron_file, the user the job runs as.' },
    job: { type: 'str', aliases: ['value'], description: "The command (or the variable's value with env)." },
    cron_file: { type: 'path', description: 'A file in /etc/cron.d (or an absolute path) instead of a crontab.' },
    state: {
      type: 'str',
      default: 'present',
      choices: ['present', 'absent'],
      description: 'Whether it should be there.',
    },
    backup: { type: 'bool', default: false, description: 'Keep a copy of the crontab before the change.' },
    minute: { type: 'str', default: '*', description: 'Minute field.' },
    hour: { type: 'str', default: '*', description: 'Hour field.' },
    day: { type: 'str', default: '*', aliases: ['dom'], description: 'Day of month field.' },
    month: { type: 'str', default: '*', description: 'Month field.' },
    weekday: { type: 'str', default: '*', aliases: ['dow'], description: 'Day of week field.' },
    special_time: {
      type: 'str',
      choices: ['reboot', 'yearly', 'annually', 'monthly', 'weekly', 'daily', 'hourly'],
      description: 'An @special time instead of the fields.',
    },
    disabled: { type: 'bool', default: false, description: 'The job commented out.' },
    env: { type: 'bool', default: false, description: 'Manage a variable (NAME="job") instead of a job.' },
    insertafter: { type: 'str', description: 'With env: the variable to insert after.' },
    insertbefore: { type: 'str', description: 'With env: the variable to insert before.' },
  },
  async run(a: A, ctx): Promise<ModuleResult> {
    if (a.insertafter !== undefined && a.insertbefore !== undefined)
      return { changed: false, failed: true, msg: 'parameters are mutually exclusive: insertafter|insertbefore' };
    // CronTab.__init__: get_bin_path('crontab', required=True), for a cron file too
    const crontab = await requiredBin(ctx, 'crontab');
    if (typeof crontab !== 'string') return crontab;
    const refused = checks(a);
    if (refused) return { changed: false, failed: true, msg: refused };
    const cronFile = a.cron_file
      ? isAbsolute(String(a.cron_file))
        ? String(a.cron_file)
        : join('/etc/cron.d', String(a.cron_file))
      : undefined;
    const warnings: string[] = [];
    if (a.cron_file && !/^[A-Z0-9_-]+$/i.test(basename(String(a.cron_file))))
      warnings.push(
        `Filename portion of cron_file ("${basename(String(a.cron_file))}") should consist solely of upper- and lower-case letters, digits, underscores, and hyphens`,
      );
    const userOpt = a.user ? await userFlag(ctx, String(a.user)) : '';
    let existing = '';
    if (cronFile) {
      const st = await ctx.conn.stat(cronFile, true);
      if (st.exists) existing = (await ctx.conn.readFile(cronFile)).toString('utf8');
    } else {
      const r = await ctx.conn.exec(`crontab ${userOpt} -l`, { env: ctx.env });
      if (r.exitCode !== 0 && r.exitCode !== 1) return { changed: false, failed: true, msg: 'Unable to read crontab' };
      existing = r.exitCode === 0 ? r.stdout : '';
    }
    const tab: Tab = {
      lines: pySplitLines(existing),
      ...(cronFile ? { cronFile } : {}),
      ...(a.user ? { user: String(a.user) } : {}),
    };
    const present = a.state !== 'absent';
    let changed: boolean;
    if (a.env) {
      const r = editEnv(tab, a, present);
      if (typeof r === 'string') return { changed: false, failed: true, msg: r };
      changed = r;
    } else if (!present) {
      changed = editJob(tab, a, false);
      // a cron file left with nothing is removed
      if (changed && cronFile && tab.lines.every((l) => !l.trim())) return removeCronFile(ctx, cronFile, a, existing);
    } else {
      if (/[\r\n]/.test(String(a.job).replace(/^[\r\n]+|[\r\n]+$/g, '')))
        warnings.push('Job should not contain line breaks');
      changed = editJob(tab, a, true);
    }
    if (!changed && existing !== '' && !/[\r\n]$/.test(existing)) changed = true;
    const after = render(tab);
    if (changed && !ctx.checkMode) {
      if (cronFile) await ctx.conn.writeFileAtomic(cronFile, after, 0o644);
      else {
        const r = await ctx.conn.exec(
          `t=$(mktemp) && cat > "$t" && crontab ${userOpt} "$t"; rc=$?; rm -f "$t"; exit $rc`,
          {
            stdin: after,
            env: ctx.env,
          },
        );
        if (r.exitCode !== 0) return { changed: false, failed: true, msg: r.stderr };
      }
    }
    const header = cronFile ?? (a.user ? `crontab for user "${String(a.user)}"` : 'crontab');
    return {
      changed,
      ...(warnings.length ? { warnings } : {}),
      diff: { before: existing, after: changed ? after : existing, before_header: header, after_header: header },
      data: { jobs: jobNames(tab), envs: envNames(tab) },
    };
  },
});

/** -u USER unless the connection already is that user (CronTab._read_user_execute). */
async function userFlag(ctx: Parameters<ReturnType<typeof defineModule>['run']>[1], user: string): Promise<string> {
  const me = await ctx.conn.exec('id -un', { env: ctx.env });
  return me.stdout.trim() === user ? '' : `-u ${shellQuote(user)}`;
}

/** A cron file left with no job: removed (exit_json with changed, cron_file, state, diff). */
async function removeCronFile(
  ctx: Parameters<ReturnType<typeof defineModule>['run']>[1],
  cronFile: string,
  a: A,
  existing: string,
): Promise<ModuleResult> {
  const st = await ctx.conn.stat(cronFile, false);
  if (!ctx.checkMode && st.exists) await ctx.conn.remove(cronFile, false);
  return {
    changed: st.exists,
    diff: { before: existing, before_header: cronFile, after: '', after_header: '/dev/null' },
    data: { cron_file: a.cron_file, state: a.state },
  };
}
