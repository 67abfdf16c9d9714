// sysctl (ansible.posix): a kernel parameter in a sysctl file and, on request, in the running
// kernel — a port of ansible_collections/ansible/posix/plugins/modules/sysctl.py (SysctlModule,
// Linux): the file rewritten as key=value lines (duplicates of a key dropped), `sysctl -p FILE`
// after a change when reload is on, `sysctl -w` with sysctl_set.
import { shellQuote } from '../util/index.js';
import { defineModule, type ModuleResult } from './define.js';
import { run, type RunResult, C_LOCALE } from './support/host-run.js';

type A = Record<string, unknown>;
const TRUE = ['y', 'yes', 'on', '1', 'true', 't'];
const FALSE = ['n', 'no', 'off', '0', 'false', 'f'];

/** SysctlModule._parse_value: booleans as 1/0, other strings stripped. */
function parseValue(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'boolean') return v ? '1' : '0';
  const s = String(v);
  if (TRUE.includes(s.toLowerCase())) return '1';
  if (FALSE.includes(s.toLowerCase())) return '0';
  return s.trim();
}

function sameValues(a: string | undefined, b: string): boolean {
  if (a === undefined) return false;
  const x = a.split(/\s+/).filter(Boolean);
  const y = b.split(/\s+/).filter(Boolean);
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

const SKIP = (l: string): boolean => !l.trim() || /^[#;]/.test(l.trim()) || !l.includes('=');

/** read_sysctl_file's values and fix_lines' new file, for `name` at `value` (or absent). */
export function editSysctl(
  text: string,
  name: string,
  value: string,
  present: boolean,
): { fileValue: string | undefined; lines: string[] } {
  const lines = text ? text.split('\n') : [];
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  const stripped = lines.map((l) => l.trim());
  const values = new Map<string, string>();
  for (const l of stripped) {
    if (SKIP(l)) continue;
    const i = l.indexOf('=');
    values.set(l.slice(0, i).trim(), l.slice(i + 1).trim());
  }
  const out: string[] = [];
  const seen = new Set<string>();
  for (const l of stripped) {
    if (SKIP(l)) {
      out.push(l);
      continue;
    }
    const i = l.indexOf('=');
    const k = l.slice(0, i).trim();
    if (seen.has(k)) continue;
    seen.add(k);
    if (k !== name) out.push(`${k}=${l.slice(i + 1).trim()}`);
    else if (present) out.push(`${k}=${value}`);
  }
  if (!seen.has(name) && present) out.push(`${name}=${value}`);
  return { fileValue: values.get(name), lines: out };
}

export default defineModule({
  name: 'sysctl',
  argRules: { requiredIf: [['state', 'present', ['value']]] },
  collection: 'ansible.posix',
  description: 'Manages entries in sysctl.conf and, on request, the running kernel',
  checkMode: 'supported',
  args: {
    name: { type: 'str', required: true, aliases: ['key'], description: 'The parameter (net.ipv4.ip_forward).' },
    value: { type: 'str', aliases: ['val'], description: 'Its value (yes/no become 1/0).' },
    state: {
      type: 'str',
      default: 'present',
      choices: ['present', 'absent'],
      description: 'Whether it is in the file.',
    },
    reload: { type: 'bool', default: true, description: 'sysctl -p the file after a change.' },
    sysctl_set: { type: 'bool', default: false, description: 'Also set the running value (sysctl -w).' },
    ignoreerrors: { type: 'bool', default: false, description: 'Pass -e: unknown keys are ignored.' },
    sysctl_file: { type: 'path', default: '/etc/sysctl.conf', description: 'The file.' },
  },
  async run(a: A, ctx): Promise<ModuleResult> {
    const present = a.state !== 'absent';
    if (present && (a.value === undefined || a.value === null))
      return { changed: false, failed: true, msg: 'state is present but all of the following are missing: value' };
    const name = String(a.name).trim();
    if (name === '') return { changed: false, failed: true, msg: 'name cannot be blank' };
    if (present && a.value === '') return { changed: false, failed: true, msg: 'value cannot be blank' };
    const sh = (cmd: string): Promise<RunResult> => run(ctx, cmd, { env: C_LOCALE });
    if ((await sh('command -v sysctl')).rc !== 0)
      return { changed: false, failed: true, msg: 'Failed to find required executable "sysctl"' };
    const value = parseValue(a.value);
    const current = await sh(`sysctl -e -n ${shellQuote(name)}`);
    const proc = current.rc === 0 ? current.out : undefined;
    const file = String(a.sysctl_file);
    const st = await ctx.conn.stat(file, true);
    const text = st.exists && !st.isDir ? (await ctx.conn.readFile(file)).toString('utf8') : '';
    const { fileValue, lines } = editSysctl(text, name, value, present);
    let changed = false;
    let writeFile = false;
    let setProc = false;
    if (fileValue === undefined) changed = writeFile = present;
    else if (!present) changed = writeFile = fileValue !== '';
    else if (fileValue !== value) changed = writeFile = true;
    else if (a.reload) changed = proc === undefined || !sameValues(proc, value);
    if (a.sysctl_set && present) {
      if (proc === undefined) changed = true;
      else if (!sameValues(proc, value)) changed = setProc = true;
    }
    if (!ctx.checkMode) {
      const e = a.ignoreerrors ? '-e ' : '';
      if (setProc) {
        // set_token_value quotes the value for run_command's shlex split: one argument NAME=VALUE
        const r = await sh(`sysctl ${e}-w ${shellQuote(`${name}=${value}`)}`);
        if (r.rc !== 0 || failedSetting(r.err))
          return { changed: false, failed: true, msg: `setting ${name} failed: ${r.out}${r.err}` };
      }
      if (writeFile)
        await ctx.conn.writeFileAtomic(
          file,
          lines.map((l) => `${l.trim()}\n`).join(''),
          st.exists ? st.mode & 0o7777 : 0o644,
        );
      if (changed && a.reload) {
        const r = await sh(`sysctl ${e}-p ${shellQuote(file)}`);
        if (r.rc !== 0 || failedSetting(r.err))
          return { changed: false, failed: true, msg: `Failed to reload sysctl: ${r.out}${r.err}` };
      }
    }
    return { changed };
  },
});

function failedSetting(err: string): boolean {
  return /^sysctl: setting key "[^"]+": (Invalid argument|Read-only file system)$/m.test(err);
}
