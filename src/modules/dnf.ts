// dnf (ansible.builtin): packages installed, upgraded or removed with dnf — after
// ansible/modules/dnf.py (2.14), which drives dnf's Python API; runbook drives the dnf command
// with the same choices: a spec already installed is left alone (present), upgraded (latest) or
// removed (absent, without dnf's clean_requirements unless autoremove); the transaction is
// resolved first (--assumeno) so that check mode, "Nothing to do" and the results
// ("Installed: NEVRA", "Removed: NEVRA", "Downloaded: NEVRA") come from it, and a spec dnf cannot
// find fails the task before anything changes ("No package X available.", as the module does).
// `list` answers from dnf repoquery/repolist as list_items does. Groups and modules are not
// handled here and say so.
import { shellQuote } from '../util/index.js';
import { ActionFail, moduleFail, defineModule, type ModuleContext, type ModuleResult } from './define.js';
import { binPath, run, C_LOCALE } from './support/host-run.js';

type A = Record<string, unknown>;

const fail = moduleFail;

/** listify_comma_sep_strings_in_list. */
const listify = (v: unknown): string[] =>
  ((v as unknown[] | undefined) ?? []).flatMap((x) =>
    String(x)
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );

const INSTALL_SECTIONS = /^(Installing|Upgrading|Reinstalling|Downgrading)( dependencies| weak dependencies)?:$/;
const REMOVE_SECTIONS = /^(Removing)( dependent packages| unused dependencies)?:$/;

export interface Transaction {
  install: string[];
  remove: string[];
  /** name.arch of what is upgraded or downgraded: the installed version leaves (remove_set). */
  replaced: string[];
  missing: string[];
  nothing: boolean;
}

/** dnf's transaction table as the packages it installs and removes (name-[epoch:]version-release.arch). */
export function parseTransaction(out: string): Transaction {
  const t: Transaction = {
    install: [],
    remove: [],
    replaced: [],
    missing: [],
    nothing: /^Nothing to do\.$/m.test(out),
  };
  let section: 'install' | 'remove' | 'other' | undefined;
  let replacing = false;
  const lines = out.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const miss = /^No match for argument: (.*)$/.exec(line);
    if (miss) t.missing.push(miss[1]!.trim());
    const obsoleted = /^\s+replacing\s+(\S+)\.(\S+)\s+(\S+)\s*$/.exec(line);
    if (obsoleted) {
      t.remove.push(`${obsoleted[1]}-${obsoleted[3]}.${obsoleted[2]}`);
      continue;
    }
    if (INSTALL_SECTIONS.test(line)) {
      section = 'install';
      replacing = /^(Upgrading|Downgrading):$/.test(line);
    } else if (REMOVE_SECTIONS.test(line)) section = 'remove';
    else if (/^\S/.test(line)) section = /:$/.test(line) ? 'other' : undefined;
    else if (section && section !== 'other' && line.trim()) {
      let fields = line.trim().split(/\s+/);
      // a long name is printed on a line of its own, the other columns on the next one
      if (fields.length === 1 && lines[i + 1] && /^\s/.test(lines[i + 1]!))
        fields = [fields[0]!, ...lines[++i]!.trim().split(/\s+/)];
      if (fields.length < 4) continue;
      const [name, arch, evr] = fields as [string, string, string];
      t[section].push(`${name}-${evr}.${arch}`);
      if (section === 'install' && replacing) t.replaced.push(`${name}.${arch}`);
    }
  }
  return t;
}

class Dnf {
  constructor(
    readonly ctx: ModuleContext,
    readonly a: A,
  ) {}

  /** The options every dnf call takes, from the module's arguments. */
  options(): string[] {
    const a = this.a;
    const o: string[] = [];
    if (a.conf_file) o.push('-c', String(a.conf_file));
    if (a.installroot && a.installroot !== '/') o.push(`--installroot=${String(a.installroot)}`);
    if (a.releasever !== undefined && a.releasever !== null) o.push(`--releasever=${String(a.releasever)}`);
    if (a.disable_gpg_check) o.push('--nogpgcheck');
    for (const r of listify(a.disablerepo)) o.push(`--disablerepo=${r}`);
    for (const r of listify(a.enablerepo)) o.push(`--enablerepo=${r}`);
    for (const e of listify(a.exclude)) o.push(`--exclude=${e}`);
    for (const p of listify(a.disable_plugin)) o.push(`--disableplugin=${p}`);
    for (const p of listify(a.enable_plugin)) o.push(`--enableplugin=${p}`);
    if (a.disable_excludes) o.push(`--disableexcludes=${String(a.disable_excludes)}`);
    if (a.install_weak_deps === false) o.push('--setopt=install_weak_deps=False');
    if (a.sslverify === false || a.validate_certs === false) o.push('--setopt=sslverify=False');
    if (a.skip_broken) o.push('--skip-broken');
    if (a.nobest) o.push('--nobest');
    if (a.cacheonly) o.push('--cacheonly');
    if (a.security) o.push('--security');
    if (a.bugfix) o.push('--bugfix');
    if (a.update_cache) o.push('--refresh');
    if (a.download_only) o.push('--downloadonly');
    if (a.download_dir) o.push(`--destdir=${String(a.download_dir)}`);
    return o;
  }

  async dnf(args: string[], yes: boolean): Promise<{ rc: number; out: string; err: string }> {
    const argv = ['dnf', yes ? '-y' : '--assumeno', ...this.options(), ...args];
    return run(this.ctx, argv.map(shellQuote).join(' '), { env: C_LOCALE });
  }

  /** A quiet query (repoquery, repolist) with the task's options; a read needs no --refresh. */
  query(args: string[]): Promise<{ rc: number; out: string; err: string }> {
    const argv = ['dnf', '-q', ...this.options().filter((o) => o !== '--refresh'), ...args];
    return run(this.ctx, argv.map(shellQuote).join(' '), { env: C_LOCALE });
  }

  /** The installed NEVRAs (name-[epoch:]version-release.arch) of name.arch specs. */
  async versions(specs: string[]): Promise<string[]> {
    if (!specs.length) return [];
    const r = await this.query(['repoquery', '--installed', '--qf', '%{name}-%{evr}.%{arch}', ...specs]);
    return r.out.split('\n').filter(Boolean);
  }

  /** The specs that match an installed package (dnf repoquery --installed). */
  async installed(specs: string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (const s of specs) {
      const r = await this.query(['repoquery', '--installed', s]);
      if (r.rc === 0 && r.out.trim()) out.add(s);
    }
    return out;
  }
}

/** One resolved step (install, upgrade, remove, autoremove) of the task. */
interface Step {
  args: string[];
}

async function plan(d: Dnf, state: string, names: string[], autoremove: boolean): Promise<Step[]> {
  if (!names.length && autoremove) return [{ args: ['autoremove'] }];
  if (names.length === 1 && names[0] === '*' && state === 'latest') return [{ args: ['upgrade'] }];
  const wild = names.filter((n) => n.includes('*'));
  const plain = names.filter((n) => !n.includes('*'));
  const have = await d.installed(plain);
  if (state === 'absent') {
    const gone = [...wild, ...plain.filter((n) => have.has(n))];
    const steps: Step[] = gone.length ? [{ args: ['remove', ...(autoremove ? [] : ['--noautoremove']), ...gone] }] : [];
    if (autoremove) steps.push({ args: ['autoremove'] });
    return steps;
  }
  const fresh = names.filter((n) => !have.has(n));
  const erasing = d.a.allowerasing ? ['--allowerasing'] : [];
  const steps: Step[] = fresh.length ? [{ args: ['install', ...erasing, ...fresh] }] : [];
  if (state === 'latest') {
    const up = plain.filter((n) => have.has(n));
    if (up.length) steps.push({ args: ['upgrade', ...erasing, ...up] });
  }
  return steps;
}

const QF = '%{name}|%{arch}|%{epoch}|%{release}|%{version}|%{repoid}';

/** list_items: installed, updates, available, repos, or the packages a spec matches. */
async function listItems(d: Dnf, what: string): Promise<ModuleResult> {
  if (what === 'repos' || what === 'repositories') {
    const r = await d.query(['repolist', '--enabled']);
    const ids = r.out
      .split('\n')
      .slice(1)
      .map((l) => l.trim().split(/\s+/)[0]!)
      .filter(Boolean);
    return { changed: false, msg: '', data: { results: ids.map((repoid) => ({ repoid, state: 'enabled' })) } };
  }
  const which = {
    installed: ['--installed'],
    updates: ['--upgrades'],
    upgrades: ['--upgrades'],
    available: ['--available'],
  }[what];
  // a spec: get_best_query over the whole sack — the installed copy (@System) and each repository's
  const queries = which
    ? [which]
    : [
        ['--installed', what],
        ['--available', what],
      ];
  const rows: string[] = [];
  for (const q of queries) {
    const r = await d.query(['repoquery', '--qf', QF, ...q]);
    rows.push(...r.out.split('\n').filter((l) => l.split('|').length === 6));
  }
  const results = rows.map((l) => {
    const [name, arch, epoch, release, version, repo] = l.split('|');
    const envra = `${epoch}:${name}-${version}-${release}.${arch}`;
    // _package_dict: installtime 0 is a repository's copy
    const yumstate = repo === '@System' ? 'installed' : 'available';
    return { name, arch, epoch, release, version, repo, envra, nevra: envra, yumstate };
  });
  return { changed: false, msg: '', data: { results } };
}

async function ensure(d: Dnf, ctx: ModuleContext): Promise<ModuleResult> {
  const a = d.a;
  let names = listify(a.name);
  let state = a.state === undefined || a.state === null ? 'installed' : String(a.state);
  const autoremove = Boolean(a.autoremove);
  if (!names.length && autoremove) state = 'absent';
  if (['installed', 'present'].includes(state)) state = 'present';
  if (state === 'removed') state = 'absent';
  const groups = names.filter((n) => n.startsWith('@'));
  if (groups.length)
    fail(
      `runbook's dnf does not install groups, environments or modules (${groups.join(', ')}); use the command module`,
    );
  if (state === 'absent' && names.some((n) => n.startsWith('/') || n.endsWith('.rpm')))
    fail('Cannot remove paths -- please specify package name.', { results: [] });
  if (a.update_only && state !== 'absent') {
    const have = await d.installed(names);
    names = names.filter((n) => have.has(n));
  }
  const steps = await plan(d, state, names, autoremove);
  const install: string[] = [];
  const remove: string[] = [];
  const failures: string[] = [];
  for (const s of steps) {
    const r = await d.dnf(s.args, false);
    const t = parseTransaction(`${r.out}\n${r.err}`);
    failures.push(...t.missing.map((m) => `No package ${m} available.`));
    if (r.rc !== 0 && !t.install.length && !t.remove.length && !t.missing.length && !t.nothing)
      fail(`Depsolve Error occurred: ${r.err.trim() || r.out.trim()}`, { failures: [], results: [], rc: 1 });
    install.push(...t.install);
    remove.push(...t.remove, ...(await d.versions(t.replaced)));
  }
  if (failures.length)
    return {
      changed: false,
      failed: true,
      msg: 'Failed to install some of the specified packages',
      data: { failures, results: [], rc: 1 },
    };
  if (!install.length && !remove.length) return { changed: false, msg: 'Nothing to do', data: { results: [], rc: 0 } };
  const action = a.download_only ? 'Downloaded' : 'Installed';
  const results = [...install.sort().map((p) => `${action}: ${p}`), ...remove.sort().map((p) => `Removed: ${p}`)];
  if (ctx.checkMode)
    return {
      changed: true,
      msg: 'Check mode: No changes made, but would have if not in check mode',
      data: { results, rc: 0 },
    };
  for (const s of steps) {
    const r = await d.dnf(s.args, true);
    if (r.rc !== 0)
      return {
        changed: true,
        failed: true,
        msg: 'Failed to install some of the specified packages',
        data: { failures: [`${r.out}${r.err}`.trim()], results, rc: 1 },
      };
  }
  return { changed: true, msg: '', data: { results, rc: 0 } };
}

export default defineModule({
  name: 'dnf',
  argRules: { mutuallyExclusive: [['name', 'list']], requiredOneOf: [['name', 'list', 'update_cache']] },
  collection: 'ansible.builtin',
  description: 'Manages packages with the dnf package manager',
  checkMode: 'supported',
  args: {
    name: {
      type: 'list',
      elements: 'str',
      aliases: ['pkg'],
      default: [],
      description: 'Package specs, .rpm paths or URLs.',
    },
    state: {
      type: 'str',
      choices: ['absent', 'installed', 'latest', 'present', 'removed'],
      description: 'present (installed), latest, absent (removed).',
    },
    enablerepo: { type: 'list', elements: 'str', default: [], description: 'Repositories enabled for this run.' },
    disablerepo: { type: 'list', elements: 'str', default: [], description: 'Repositories disabled for this run.' },
    conf_file: { type: 'str', description: 'Another dnf.conf.' },
    disable_gpg_check: { type: 'bool', default: false, description: 'No GPG check of the packages.' },
    installroot: { type: 'str', default: '/', description: 'Install into another root.' },
    releasever: { type: 'str', description: 'The release version for $releasever.' },
    autoremove: { type: 'bool', default: false, description: 'Remove the packages no longer needed.' },
    exclude: { type: 'list', elements: 'str', default: [], description: 'Packages left out.' },
    disable_excludes: { type: 'str', description: 'Ignore excludes (all, main or a repository).' },
    disable_plugin: { type: 'list', elements: 'str', default: [], description: 'dnf plugins disabled.' },
    enable_plugin: { type: 'list', elements: 'str', default: [], description: 'dnf plugins enabled.' },
    update_cache: {
      type: 'bool',
      default: false,
      aliases: ['expire-cache'],
      description: 'Refresh the metadata first.',
    },
    update_only: { type: 'bool', default: false, description: 'With latest: only upgrade installed packages.' },
    install_weak_deps: { type: 'bool', default: true, description: 'Install weak dependencies too.' },
    skip_broken: { type: 'bool', default: false, description: 'Skip packages with broken dependencies.' },
    nobest: { type: 'bool', default: false, description: 'Not only the best candidates.' },
    allowerasing: { type: 'bool', default: false, description: 'Allow removing packages to resolve.' },
    allow_downgrade: { type: 'bool', default: false, description: 'Allow a lower version than installed.' },
    cacheonly: { type: 'bool', default: false, description: 'Only the metadata cache.' },
    security: { type: 'bool', default: false, description: 'With latest: security updates only.' },
    bugfix: { type: 'bool', default: false, description: 'With latest: bugfix updates only.' },
    download_only: { type: 'bool', default: false, description: 'Download, do not install.' },
    download_dir: { type: 'str', description: 'Where download_only puts the packages.' },
    validate_certs: { type: 'bool', default: true, description: 'Check certificates of remote .rpm URLs.' },
    sslverify: { type: 'bool', default: true, description: 'Check repository certificates.' },
    list: { type: 'str', description: 'installed, updates, available, repos, or a package spec to list.' },
    install_repoquery: { type: 'bool', default: true, description: "Accepted: yum's option, which dnf ignores." },
    lock_timeout: {
      type: 'int',
      default: 30,
      description: 'Accepted: dnf waits for its lock itself (as for the module).',
    },
  },
  async run(a: A, ctx): Promise<ModuleResult> {
    const names = listify(a.name);
    const list = a.list === undefined || a.list === null ? undefined : String(a.list);
    if (!names.length && !a.update_cache && list === undefined)
      return { changed: false, failed: true, msg: 'one of the following is required: name, list, update_cache' };
    if (names.length && list !== undefined)
      return { changed: false, failed: true, msg: 'parameters are mutually exclusive: name|list' };
    try {
      if ('missing' in (await binPath(ctx, 'dnf')))
        fail('dnf is not installed on the host (runbook runs the dnf command where Ansible imports its Python API)', {
          results: [],
        });
      const d = new Dnf(ctx, a);
      if (a.update_cache && !names.length && list === undefined) {
        const r = await run(ctx, ['dnf', ...d.options(), 'makecache'].map(shellQuote).join(' '), { env: C_LOCALE });
        if (r.rc !== 0) fail(`Failed to synchronize repodata: ${r.err.trim()}`, { rc: 1, results: [] });
        return { changed: false, msg: 'Cache updated', data: { results: [], rc: 0 } };
      }
      if (list !== undefined) return await listItems(d, list);
      if (!a.download_only && (await run(ctx, 'id -u')).out.trim() !== '0')
        fail('This command has to be run under the root user.', { results: [] });
      return await ensure(d, ctx);
    } catch (e) {
      if (e instanceof ActionFail) return e.result;
      throw e;
    }
  },
});
