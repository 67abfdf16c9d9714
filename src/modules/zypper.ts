// zypper: SUSE packages present, latest or absent — community.general.zypper's contract (name
// list, state, type, extra_args, update_cache; results name/state/rc/stdout/stderr), over
// `rpm -q` for what is installed and `zypper --non-interactive` to change it. Check mode asks
// rpm (present/absent) and `zypper list-updates` (latest) and changes nothing.
import { defineModule, type ModuleContext, type ModuleResult } from './define.js';
import { runArgv } from './support/host-run.js';

type A = Record<string, unknown>;

function names(a: A): string[] {
  const v = a.name;
  return (Array.isArray(v) ? v : String(v ?? '').split(',')).map((x) => String(x).trim()).filter(Boolean);
}

/** Installed version per name (undefined: not installed), from rpm -q. */
async function installed(ctx: ModuleContext, pkgs: string[]): Promise<Map<string, string | undefined>> {
  const r = await runArgv(ctx, ['rpm', '-q', '--qf', '%{NAME} %{VERSION}\\n', ...pkgs]);
  const out = new Map<string, string | undefined>(pkgs.map((p) => [p, undefined]));
  for (const line of r.out.split('\n')) {
    const m = /^(\S+)-(\d[^-]*)-[^-]+\.\w+$/.exec(line.trim()) ?? /^(\S+) (\S+)$/.exec(line.trim());
    if (m && out.has(m[1]!)) out.set(m[1]!, m[2]);
  }
  return out;
}

async function upgradable(ctx: ModuleContext, pkgs: string[]): Promise<string[]> {
  const r = await runArgv(ctx, ['zypper', '--non-interactive', 'list-updates']);
  const listed = new Set(r.out.split('\n').map((l) => l.split('|').map((c) => c.trim())[2] ?? ''));
  return pkgs.filter((p) => listed.has(p));
}

export default defineModule({
  name: 'zypper',
  collection: 'community.general',
  description: 'Manages packages on SUSE with zypper',
  checkMode: 'supported',
  args: {
    name: { type: 'list', required: true, aliases: ['pkg'], description: 'Package names.' },
    state: {
      type: 'str',
      default: 'present',
      choices: ['absent', 'installed', 'latest', 'present', 'removed', 'dist-upgrade'],
      description: 'What to make of them.',
    },
    type: {
      type: 'str',
      default: 'package',
      choices: ['package', 'patch', 'pattern', 'product', 'srcpackage', 'application'],
      description: 'Kind of package.',
    },
    extra_args: { type: 'str', description: 'More zypper arguments.' },
    update_cache: {
      type: 'bool',
      default: false,
      aliases: ['refresh'],
      description: 'Refresh the repositories first.',
    },
    disable_recommends: { type: 'bool', default: true, description: 'zypper --no-recommends.' },
    force: { type: 'bool', default: false, description: 'Reinstall / downgrade.' },
  },
  async run(a, ctx): Promise<ModuleResult> {
    const pkgs = names(a);
    const state = String(a.state).replace('installed', 'present').replace('removed', 'absent');
    if (a.type !== 'package' && state !== 'dist-upgrade')
      return {
        changed: false,
        failed: true,
        msg: `type=${String(a.type)} is not supported by runbook's zypper module (packages only)`,
      };
    if (a.update_cache && !ctx.checkMode) await runArgv(ctx, ['zypper', '--non-interactive', 'refresh']);
    const have = await installed(ctx, pkgs);
    let todo: string[];
    let verb: string[];
    if (state === 'absent') [todo, verb] = [pkgs.filter((p) => have.get(p) !== undefined), ['remove']];
    else if (state === 'present')
      [todo, verb] = [
        pkgs.filter((p) => have.get(p) === undefined),
        ['install', ...(a.disable_recommends ? ['--no-recommends'] : [])],
      ];
    else if (state === 'latest')
      [todo, verb] = [
        [...pkgs.filter((p) => have.get(p) === undefined), ...(await upgradable(ctx, pkgs))],
        ['install', ...(a.disable_recommends ? ['--no-recommends'] : [])],
      ];
    else [todo, verb] = [(await upgradable(ctx, [...have.keys()])).length ? ['(dist-upgrade)'] : [], ['dist-upgrade']];
    const base = { name: pkgs, state };
    if (!todo.length) return { changed: false, data: { ...base, rc: 0, stdout: '', stderr: '' } };
    if (ctx.checkMode) return { changed: true, data: { ...base, rc: 0 } };
    const extra = a.extra_args ? String(a.extra_args).split(/\s+/).filter(Boolean) : [];
    const argv = [
      'zypper',
      '--quiet',
      '--non-interactive',
      ...verb,
      ...(a.force ? ['--force'] : []),
      ...extra,
      ...(state === 'dist-upgrade' ? [] : todo),
    ];
    const r = await runArgv(ctx, argv);
    const data = { ...base, rc: r.rc, stdout: r.out, stderr: r.err, cmd: argv.join(' ') };
    if (r.rc !== 0)
      return { changed: false, failed: true, msg: `Zypper run command failed with return code ${r.rc}.`, data };
    return { changed: true, data };
  },
});
