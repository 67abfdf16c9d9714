// package_facts (ansible.builtin): ansible_facts.packages — after ansible/modules/package_facts.py
// (2.14): managers tried in order (auto: the host's own first — see run), the first
// usable one with strategy `first`, every usable one with `all`. Ansible reads rpm and apt through
// their Python libraries; runbook reads the same data with the tools themselves:
// - apt: dpkg-query for the installed versions (name, version, arch, section as category) and
//   `apt-cache policy` for the origin — the first package file of the installed version
//   (python-apt's origins[0]), a release's Origin field, '' for dpkg's status file;
// - rpm: `rpm -qa` (name, version, release, epoch, arch).
// A manager counts as usable where Ansible's would: its tool is there and the host's Python can
// import its library (rpm, apt — LibMgr.is_available); on a host without Python, where its tool
// is there (rpm only with a non-empty database beside dpkg).
import { shellQuote } from '../util/index.js';
import { defineModule, type ModuleContext, type ModuleResult } from './define.js';
import { run, C_LOCALE } from './support/host-run.js';

type Package = Record<string, unknown>;
const MANAGERS = ['rpm', 'apt', 'pacman', 'pkg', 'portage', 'apk', 'pkg_info'];

/** Origins of the sources `apt-cache policy` lists: "500 URL SUITE/COMP ARCH Packages" → o=. */
export function releaseOrigins(policy: string): Map<string, string> {
  const out = new Map<string, string>();
  let source: string | undefined;
  for (const line of policy.split('\n')) {
    const src = /^\s*-?\d+\s+(\S.*)$/.exec(line);
    if (src) {
      source = src[1]!.trim();
      out.set(source, '');
      continue;
    }
    const rel = /^\s+release\s+(.*)$/.exec(line);
    if (rel && source !== undefined) {
      const o = rel[1]!.split(',').find((f) => f.startsWith('o='));
      out.set(source, o ? o.slice(2) : '');
    }
  }
  return out;
}

/** For each package of `apt-cache policy NAME...`, the first source of its installed version. */
export function installedSources(policy: string): Map<string, string> {
  const out = new Map<string, string>();
  let name: string | undefined;
  let inInstalled = false;
  for (const line of policy.split('\n')) {
    const head = /^(\S+):$/.exec(line);
    if (head) {
      name = head[1];
      inInstalled = false;
      continue;
    }
    if (/^ \*\*\* /.test(line) || /^ {5}\S+ -?\d+$/.test(line)) {
      inInstalled = line.startsWith(' *** ');
      continue;
    }
    const file = /^ {8}\s*-?\d+ (\S.*)$/.exec(line);
    if (file && inInstalled && name !== undefined && !out.has(name)) out.set(name, file[1]!.trim());
  }
  return out;
}

/**
 * The section of each installed version as apt's cache holds it (python-apt's Version.section):
 * the archive's where the version is in one, which may differ from dpkg's status file.
 */
async function archiveSections(
  ctx: ModuleContext,
  rows: { name: string; version: string; arch: string }[],
): Promise<Map<string, string>> {
  const want = rows.map((r) => `${r.name.split(':')[0]}:${r.arch}=${r.version}\n`).join('');
  const r = await run(
    ctx,
    "xargs -r apt-cache show 2>/dev/null | grep -E '^(Package|Architecture|Version|Section):|^$'",
    {
      env: C_LOCALE,
      stdin: want,
    },
  );
  const out = new Map<string, string>();
  for (const rec of r.out.split(/\n\n+/)) {
    const f = new Map(rec.split('\n').map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]));
    const key = `${f.get('Package')}:${f.get('Architecture')}=${f.get('Version')}`;
    if (f.has('Section') && !out.has(key)) out.set(key, f.get('Section')!);
  }
  return out;
}

/** LibMgr.is_available's import, on the host's Python: undefined when there is no Python. */
async function hasLibrary(ctx: ModuleContext, lib: string): Promise<boolean | undefined> {
  const py = shellQuote(ctx.interpreter);
  const r = await run(ctx, `command -v ${py} >/dev/null || exit 3; ${py} -c 'import ${lib}' 2>/dev/null`);
  return r.rc === 3 ? undefined : r.rc === 0;
}

async function aptPackages(ctx: ModuleContext): Promise<Map<string, Package[]> | undefined> {
  const sh = (cmd: string): ReturnType<typeof run> => run(ctx, cmd, { env: C_LOCALE });
  if ((await sh('command -v dpkg-query && command -v apt-cache')).rc !== 0) return undefined;
  if ((await hasLibrary(ctx, 'apt')) === false) return undefined;
  const native = (await sh('dpkg --print-architecture')).out.trim();
  const q = await sh(
    "dpkg-query -W -f='${Package}\\t${Version}\\t${Architecture}\\t${Section}\\t${db:Status-Status}\\n'",
  );
  const rows = q.out
    .split('\n')
    .filter(Boolean)
    .map((l) => l.split('\t'))
    .filter((f) => !['not-installed', 'config-files'].includes(f[4] ?? ''))
    .map(([pkg, version, arch, section]) => ({
      name: arch === native || arch === 'all' ? pkg! : `${pkg}:${arch}`,
      version: version!,
      arch: arch!,
      category: section!,
    }));
  const sections = await archiveSections(ctx, rows);
  const origins = releaseOrigins((await sh('apt-cache policy')).out);
  const policy = await run(ctx, 'xargs -r apt-cache policy', {
    env: C_LOCALE,
    stdin: rows.map((r) => `${r.name}\n`).join(''),
  });
  const sources = installedSources(policy.out);
  const out = new Map<string, Package[]>();
  for (const r of rows) {
    const src = sources.get(r.name);
    const origin = src === undefined || src.startsWith('/') ? '' : (origins.get(src) ?? '');
    const category = sections.get(`${r.name.split(':')[0]}:${r.arch}=${r.version}`) ?? r.category;
    out.set(r.name, [...(out.get(r.name) ?? []), { ...r, category, origin, source: 'apt' }]);
  }
  return out;
}

async function rpmPackages(ctx: ModuleContext): Promise<Map<string, Package[]> | undefined> {
  const r = await run(
    ctx,
    "command -v rpm >/dev/null && rpm -qa --qf '%{NAME}\\t%{VERSION}\\t%{RELEASE}\\t%{EPOCH}\\t%{ARCH}\\n'",
    {
      env: C_LOCALE,
    },
  );
  const rows = r.rc === 0 ? r.out.split('\n').filter(Boolean) : [];
  if (r.rc !== 0) return undefined;
  const lib = await hasLibrary(ctx, 'rpm');
  if (lib === false) return undefined;
  const dpkg = (await run(ctx, 'command -v dpkg-query', { env: C_LOCALE })).rc === 0;
  if (lib === undefined && !rows.length && dpkg) return undefined;
  const out = new Map<string, Package[]>();
  for (const [name, version, release, epoch, arch] of rows.map((l) => l.split('\t'))) {
    const p = { name, version, release, epoch: epoch === '(none)' ? null : Number(epoch), arch, source: 'rpm' };
    out.set(name!, [...(out.get(name!) ?? []), p]);
  }
  return out;
}

const READERS: Record<string, (ctx: ModuleContext) => Promise<Map<string, Package[]> | undefined>> = {
  rpm: rpmPackages,
  apt: aptPackages,
};

export default defineModule({
  name: 'package_facts',
  collection: 'ansible.builtin',
  description: 'Package information as facts',
  checkMode: 'supported',
  args: {
    manager: {
      type: 'list',
      elements: 'str',
      default: ['auto'],
      description: "The package managers to read (auto: each one runbook knows, the host's own first).",
    },
    strategy: {
      type: 'str',
      default: 'first',
      choices: ['first', 'all'],
      description: 'The first usable manager only, or all of them.',
    },
  },
  async run(a, ctx): Promise<ModuleResult> {
    const asked = (a.manager as unknown[]).map((m) => String(m).toLowerCase());
    let managers = asked.filter((m) => m !== 'auto');
    if (asked.includes('auto')) {
      // Ansible's `auto` order is a set of classes' (get_all_subclasses): no order to copy. The
      // host's own packaging goes first, so a dpkg host with rpm's tools still answers with apt.
      const dpkg = (await run(ctx, 'command -v dpkg-query', { env: C_LOCALE })).rc === 0;
      managers = [...managers, ...(dpkg ? ['apt', 'rpm'] : ['rpm', 'apt']), ...MANAGERS.slice(2)];
    }
    const unsupported = [...new Set(managers.filter((m) => !MANAGERS.includes(m)))];
    if (unsupported.length)
      return {
        changed: false,
        failed: true,
        msg: asked.includes('auto')
          ? 'Could not auto detect a usable package manager, check warnings for details.'
          : `Unsupported package managers requested: ${unsupported.join(', ')}`,
      };
    const packages = new Map<string, unknown>();
    let found = 0;
    const seen = new Set<string>();
    for (const m of managers) {
      if (found && a.strategy === 'first') break;
      if (seen.has(m)) continue;
      seen.add(m);
      const got = await READERS[m]?.(ctx);
      if (!got) continue;
      found++;
      for (const [k, v] of got)
        packages.set(
          k,
          v.map((p) => new Map(Object.entries(p))),
        );
    }
    if (!found)
      return {
        changed: false,
        failed: true,
        msg: `Could not detect a supported package manager from the following list: [${managers.map((m) => `'${m}'`).join(', ')}], or the required Python library is not installed. Check warnings for details.`,
      };
    const facts = new Map<string, unknown>([['packages', packages]]);
    return { changed: false, facts, factKind: 'facts', data: { ansible_facts: facts } };
  },
});
