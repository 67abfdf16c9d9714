// apt (ansible.builtin): Debian packages with apt-get and dpkg — after ansible/modules/apt.py at
// stable-2.14, without its python3-apt: state from dpkg-query and apt-cache policy, changes with
// `apt-get -y -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold install|remove`
// (`--simulate` in check mode), update_cache with cache_valid_time, a .deb with dpkg -i, upgrade.
import { shellQuote } from '../util/index.js';
import { defineModule, moduleFail, type ModuleContext, type ModuleResult } from './define.js';
import { run, type RunResult } from './support/host-run.js';

type A = Record<string, unknown>;
const ENV = { DEBIAN_FRONTEND: 'noninteractive', DEBIAN_PRIORITY: 'critical', LANG: 'C', LC_ALL: 'C' };

interface Status {
  installed: boolean;
  version?: string;
  candidate?: string;
}

function sh(ctx: ModuleContext, cmd: string): Promise<RunResult> {
  return run(ctx, cmd, { env: ENV });
}

/** expand_dpkg_options: -o "Dpkg::Options::=--OPT" for each option. */
function dpkgOptions(a: A): string {
  return String(a.dpkg_options)
    .split(',')
    .filter(Boolean)
    .map((o) => `-o "Dpkg::Options::=--${o.trim()}"`)
    .join(' ');
}

/** package_split: name, and the version after '=' (pkg=1.2*). */
function split(spec: string): { name: string; version?: string } {
  const i = spec.indexOf('=');
  return i < 0 ? { name: spec } : { name: spec.slice(0, i), version: spec.slice(i + 1) };
}

async function status(ctx: ModuleContext, name: string): Promise<Status> {
  const q = await sh(ctx, `dpkg-query -W -f='\${Status} \${Version}\\n' ${shellQuote(name)} 2>/dev/null`);
  const line = q.out.split('\n')[0] ?? '';
  const installed = q.rc === 0 && /^install ok installed /.test(line);
  const policy = await sh(ctx, `apt-cache policy ${shellQuote(name)}`);
  const candidate = /Candidate: (\S+)/.exec(policy.out)?.[1];
  return {
    installed,
    ...(installed ? { version: line.split(' ').pop() } : {}),
    ...(candidate && candidate !== '(none)' ? { candidate } : {}),
  };
}

/** The cache's age: the update-success stamp, else the lists directory (get_updated_cache_time). */
async function cacheTime(ctx: ModuleContext): Promise<number> {
  const r = await sh(
    ctx,
    'stat -c %Y /var/lib/apt/periodic/update-success-stamp 2>/dev/null || stat -c %Y /var/lib/apt/lists',
  );
  return Number(r.out.trim()) || 0;
}

async function updateCache(ctx: ModuleContext, a: A): Promise<{ updated: boolean; time: number; failed?: string }> {
  let time = await cacheTime(ctx);
  const valid = Number(a.cache_valid_time ?? 0);
  const now = Math.floor(Date.now() / 1000);
  if (!a.update_cache || (valid > 0 && now - time < valid)) return { updated: false, time };
  if (ctx.checkMode) return { updated: true, time };
  const r = await sh(ctx, 'apt-get update -q');
  if (r.rc !== 0) return { updated: false, time, failed: `Failed to update apt cache: ${r.err || 'unknown reason'}` };
  time = await cacheTime(ctx);
  return { updated: true, time };
}

function flags(a: A, ctx: ModuleContext): string {
  return [
    dpkgOptions(a),
    a.install_recommends === false
      ? '--no-install-recommends'
      : a.install_recommends === true
        ? '--install-recommends'
        : '',
    a.only_upgrade ? '--only-upgrade' : '',
    a.force ? '--force-yes' : '',
    a.allow_unauthenticated ? '--allow-unauthenticated' : '',
    a.allow_downgrade ? '--allow-downgrades' : '',
    a.allow_change_held_packages ? '--allow-change-held-packages' : '',
    a.autoremove ? '--auto-remove' : '',
    a.default_release ? `-t ${shellQuote(String(a.default_release))}` : '',
    ctx.checkMode ? '--simulate' : '',
  ]
    .filter(Boolean)
    .join(' ');
}

async function install(ctx: ModuleContext, a: A, names: string[], latest: boolean): Promise<Record<string, unknown>> {
  const wanted: string[] = [];
  for (const spec of names) {
    const { name, version } = split(spec);
    const s = await status(ctx, name);
    if (!s.installed && !s.candidate && !version)
      // expand_pkgspec_from_fnmatches fails the module itself: no cache keys in the result
      moduleFail(`No package matching '${name}' is available`);
    if (!s.installed) wanted.push(spec);
    else if (version && !(s.version ?? '').startsWith(version.replace(/\*$/, ''))) wanted.push(spec);
    else if (latest && !version && s.candidate && s.candidate !== s.version) wanted.push(spec);
  }
  if (!wanted.length) return { changed: false };
  const cmd = `apt-get -y ${flags(a, ctx)} install ${wanted.map((p) => shellQuote(p)).join(' ')}`;
  const r = await sh(ctx, cmd);
  if (r.rc !== 0) return { failed: true, msg: `'${cmd}' failed: ${r.err}`, stdout: r.out, stderr: r.err, rc: r.rc };
  return { changed: true, stdout: r.out, stderr: r.err };
}

async function remove(ctx: ModuleContext, a: A, names: string[]): Promise<Record<string, unknown>> {
  const present: string[] = [];
  for (const spec of names) if ((await status(ctx, split(spec).name)).installed) present.push(`'${spec}'`);
  if (!present.length) return { changed: false };
  const cmd = `apt-get -q -y ${dpkgOptions(a)} ${a.purge ? '--purge' : ''} ${a.force ? '--force-yes' : ''} ${a.autoremove ? '--auto-remove' : ''} ${ctx.checkMode ? '--simulate' : ''} remove ${present.join(' ')}`;
  const r = await sh(ctx, cmd.replace(/ +/g, ' '));
  if (r.rc !== 0)
    return {
      failed: true,
      msg: `'apt-get remove ${present.join(' ')}' failed: ${r.err}`,
      stdout: r.out,
      stderr: r.err,
      rc: r.rc,
    };
  return { changed: true, stdout: r.out, stderr: r.err };
}

/** install_deb: dpkg -i unless that package at that version is installed already. */
async function installDeb(ctx: ModuleContext, a: A, deb: string): Promise<Record<string, unknown>> {
  const f = await sh(ctx, `dpkg-deb -f ${shellQuote(deb)} Package Version`);
  if (f.rc !== 0) return { failed: true, msg: `Unable to install package: ${f.err.trim()}` };
  const pkg = /Package: (\S+)/.exec(f.out)?.[1] ?? '';
  const version = /Version: (\S+)/.exec(f.out)?.[1] ?? '';
  const s = await status(ctx, pkg);
  if (s.installed && s.version === version) return { changed: false };
  if (ctx.checkMode) return { changed: true };
  const opts = String(a.dpkg_options)
    .split(',')
    .filter(Boolean)
    .map((o) => `--${o.trim()}`)
    .join(' ');
  const r = await sh(ctx, `dpkg ${opts} -i ${shellQuote(deb)}`);
  if (r.rc !== 0) return { failed: true, msg: `dpkg ${opts} -i ${deb} failed`, stdout: r.out, stderr: r.err };
  return { changed: true, stdout: r.out, stderr: r.err };
}

async function upgrade(ctx: ModuleContext, a: A): Promise<Record<string, unknown>> {
  const mode = String(a.upgrade);
  const verb = mode === 'dist' ? 'dist-upgrade' : mode === 'full' ? 'dist-upgrade' : 'upgrade';
  const extra = mode === 'yes' || mode === 'safe' ? '--with-new-pkgs' : '';
  const cmd = `apt-get -y ${flags(a, ctx)} ${extra} ${verb}`.replace(/ +/g, ' ');
  const r = await sh(ctx, cmd);
  if (r.rc !== 0) return { failed: true, msg: `'apt-get ${verb}' failed: ${r.err}`, stdout: r.out, rc: r.rc };
  // apt-get reports "0 upgraded, 0 newly installed, 0 to remove": nothing to do
  const nothing = /\b0 upgraded, 0 newly installed, 0 to remove\b/.test(r.out);
  return { changed: !nothing, msg: r.out, stdout: r.out, stderr: r.err };
}

export default defineModule({
  name: 'apt',
  argRules: {
    mutuallyExclusive: [['deb', 'package', 'upgrade']],
    requiredOneOf: [['autoremove', 'deb', 'package', 'update_cache', 'upgrade']],
  },
  collection: 'ansible.builtin',
  description: 'Manages Debian packages with apt-get and dpkg',
  checkMode: 'supported',
  args: {
    name: { type: 'list', elements: 'str', aliases: ['package', 'pkg'], description: 'Packages (pkg, pkg=version).' },
    state: {
      type: 'str',
      default: 'present',
      choices: ['absent', 'build-dep', 'fixed', 'latest', 'present'],
      description: 'present, latest or absent.',
    },
    update_cache: { type: 'bool', aliases: ['update-cache'], description: 'apt-get update first.' },
    update_cache_retries: { type: 'int', default: 5, description: 'Tries of the update.' },
    update_cache_retry_max_delay: { type: 'int', default: 12, description: 'Longest pause between tries.' },
    cache_valid_time: { type: 'int', default: 0, description: 'Seconds an updated cache stays fresh.' },
    purge: { type: 'bool', default: false, description: 'Remove configuration files too.' },
    default_release: { type: 'str', aliases: ['default-release'], description: 'The release to install from (-t).' },
    install_recommends: { type: 'bool', aliases: ['install-recommends'], description: 'Install recommended packages.' },
    force: { type: 'bool', default: false, description: '--force-yes.' },
    upgrade: {
      type: 'str',
      default: 'no',
      choices: ['dist', 'full', 'no', 'safe', 'yes'],
      description: 'Upgrade the system.',
    },
    dpkg_options: { type: 'str', default: 'force-confdef,force-confold', description: "dpkg's options." },
    deb: { type: 'path', description: 'A .deb file on the host to install.' },
    autoremove: { type: 'bool', default: false, description: 'Remove unused dependencies.' },
    autoclean: { type: 'bool', default: false, description: 'Clean the package cache of obsolete files.' },
    policy_rc_d: { type: 'int', description: 'Exit code of policy-rc.d during the run.' },
    only_upgrade: { type: 'bool', default: false, description: 'Only upgrade installed packages.' },
    fail_on_autoremove: { type: 'bool', default: false, description: 'Fail if it would remove packages.' },
    force_apt_get: { type: 'bool', default: false, description: 'Use apt-get (runbook always does).' },
    clean: { type: 'bool', default: false, description: 'apt-get clean.' },
    allow_unauthenticated: {
      type: 'bool',
      default: false,
      aliases: ['allow-unauthenticated'],
      description: 'Allow unsigned packages.',
    },
    allow_downgrade: {
      type: 'bool',
      default: false,
      aliases: ['allow-downgrade', 'allow_downgrades', 'allow-downgrades'],
      description: 'Allow downgrades.',
    },
    allow_change_held_packages: { type: 'bool', default: false, description: 'Allow changing held packages.' },
    lock_timeout: { type: 'int', default: 60, description: 'Seconds to wait for the dpkg lock.' },
  },
  async run(a: A, ctx): Promise<ModuleResult> {
    if ((await sh(ctx, 'command -v apt-get && command -v dpkg-query')).rc !== 0)
      return { changed: false, failed: true, msg: 'Failed to find required executable "apt-get"' };
    const names = ((a.name as string[] | undefined) ?? []).map((n) => n.trim()).filter((n) => n !== '*');
    if (a.deb && a.state !== 'present') return { changed: false, failed: true, msg: 'deb only supports state=present' };
    for (const n of names)
      if ((n.match(/=/g) ?? []).length > 1) return { changed: false, failed: true, msg: `invalid package spec: ${n}` };
    const cache = await updateCache(ctx, a);
    if (cache.failed) return { changed: false, failed: true, msg: cache.failed };
    const cacheData = { cache_updated: cache.updated, cache_update_time: cache.time };
    if (a.clean && !ctx.checkMode) await sh(ctx, 'apt-get clean');
    if (!names.length && a.upgrade === 'no' && !a.deb) return { changed: cache.updated, data: cacheData };
    const results: Record<string, unknown>[] = [];
    if (a.upgrade !== 'no') results.push(await upgrade(ctx, a));
    if (a.deb) results.push(await installDeb(ctx, a, String(a.deb)));
    if (names.length) {
      if (a.state === 'absent') results.push(await remove(ctx, a, names));
      else results.push(await install(ctx, a, names, a.state === 'latest'));
    }
    const failed = results.find((r) => r.failed);
    if (failed) {
      const { msg, failed: _f, changed: _c, ...rest } = failed;
      return { changed: false, failed: true, msg: String(msg), data: { ...rest, ...cacheData } };
    }
    const changed = results.some((r) => r.changed) || cache.updated;
    const last = [...results].reverse().find((r) => r.stdout !== undefined) ?? {};
    return {
      changed,
      ...(typeof last.msg === 'string' ? { msg: last.msg } : {}),
      data: { ...cacheData, ...(last.stdout !== undefined ? { stdout: last.stdout, stderr: last.stderr ?? '' } : {}) },
    };
  },
});
