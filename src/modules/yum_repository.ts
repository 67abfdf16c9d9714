// yum_repository: a repository's section in <reposdir>/<file>.repo (ansible/modules/
// yum_repository.py at stable-2.14). The file is read as RawConfigParser reads it; `present`
// replaces the section (removed, then added last) with the options given, in sorted order
// (booleans as 1/0, exclude and includepkgs joined by spaces, baseurl and gpgkey by newlines);
// `absent` removes it. Changed where YumRepo.dump() — every section and option, sorted — differs;
// the file is written as RawConfigParser.write writes it (comments do not survive), removed when
// no section is left. The diff (the dumps before and after) is always in the result.
import { posix } from 'node:path';
import { defineModule, type ModuleContext, type ModuleResult } from './define.js';
import type { ArgDef } from './args.js';
import { FILE_COMMON_ARGS } from './support/file-args.js';
import { applyMode, DEFAULT_FILE_MODE } from './support/files.js';
import { ConfigParserError, readConfig } from '../util/index.js';

/** YumRepo.allowed_params: the options that go into the file. */
const ALLOWED = [
  'async',
  'bandwidth',
  'baseurl',
  'cost',
  'deltarpm_metadata_percentage',
  'deltarpm_percentage',
  'enabled',
  'enablegroups',
  'exclude',
  'failovermethod',
  'gpgcakey',
  'gpgcheck',
  'gpgkey',
  'module_hotfixes',
  'http_caching',
  'include',
  'includepkgs',
  'ip_resolve',
  'keepalive',
  'keepcache',
  'metadata_expire',
  'metadata_expire_filter',
  'metalink',
  'mirrorlist',
  'mirrorlist_expire',
  'name',
  'password',
  'priority',
  'protect',
  'proxy',
  'proxy_password',
  'proxy_username',
  'repo_gpgcheck',
  'retries',
  's3_enabled',
  'skip_if_unavailable',
  'sslcacert',
  'ssl_check_cert_permissions',
  'sslclientcert',
  'sslclientkey',
  'sslverify',
  'throttle',
  'timeout',
  'ui_repoid_vars',
  'username',
];

/** The repo file as RawConfigParser holds it: DEFAULT's options, then each section's, in order. */
interface RepoFile {
  defaults: [string, string][];
  sections: Map<string, Map<string, string>>;
}

/** YumRepo.dump(): sections sorted, each one's items (DEFAULT's first) sorted, "key = value". */
function dump(f: RepoFile): string {
  let out = '';
  for (const name of [...f.sections.keys()].sort()) {
    out += `[${name}]\n`;
    const items = new Map([...f.defaults, ...(f.sections.get(name) ?? [])]);
    for (const [k, v] of [...items].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) out += `${k} = ${v}\n`;
    out += '\n';
  }
  return out;
}

/** RawConfigParser.write: DEFAULT first, then each section; continuation lines indented by a tab. */
function write(f: RepoFile): string {
  const block = (name: string, items: Iterable<[string, string]>): string =>
    `[${name}]\n${[...items].map(([k, v]) => `${k} = ${v.replace(/\n/g, '\n\t')}\n`).join('')}\n`;
  return (
    (f.defaults.length ? block('DEFAULT', f.defaults) : '') +
    [...f.sections].map(([name, items]) => block(name, items)).join('')
  );
}

function parse(text: string): RepoFile {
  const c = readConfig(text);
  return {
    defaults: c.rawDefaults(),
    sections: new Map(c.sections().map((s) => [s, new Map(c.rawSection(s))])),
  };
}

/** The options `present` writes: the arguments YumRepo.add() sets, sorted, as their strings. */
function options(a: Record<string, unknown>): Map<string, string> {
  const given: Record<string, unknown> = { ...a, name: a.description };
  for (const k of ['baseurl', 'gpgkey']) if (Array.isArray(given[k])) given[k] = (given[k] as unknown[]).join('\n');
  const out = new Map<string, string>();
  for (const key of Object.keys(given).sort()) {
    let v = given[key];
    if ((key === 'exclude' || key === 'includepkgs') && Array.isArray(v)) v = v.join(' ');
    else if (typeof v === 'boolean') v = v ? 1 : 0;
    if (v !== undefined && v !== null && ALLOWED.includes(key)) out.set(key, String(v));
  }
  return out;
}

function refusal(a: Record<string, unknown>): string | undefined {
  if (a.params)
    return "The params option to yum_repository was removed in Ansible 2.5 since it circumvents Ansible's option handling";
  if (a.state !== 'present') return undefined;
  if (a.baseurl == null && a.metalink == null && a.mirrorlist == null)
    return "Parameter 'baseurl', 'metalink' or 'mirrorlist' is required.";
  if (a.description == null) return "Parameter 'description' is required.";
  return undefined;
}

async function readRepoFile(ctx: ModuleContext, dest: string): Promise<RepoFile | ModuleResult> {
  const st = await ctx.conn.stat(dest, true);
  if (!st.isFile) return { defaults: [], sections: new Map() };
  try {
    return parse((await ctx.conn.readFile(dest)).toString('utf8'));
  } catch (e) {
    if (!(e instanceof ConfigParserError)) throw e;
    return { changed: false, failed: true, msg: `${e.pyClass}: ${e.message}` };
  }
}

const str = (description: string, extra: Partial<ArgDef> = {}): ArgDef => ({
  type: 'str',
  description,
  ...extra,
});
const bool = (description: string): ArgDef => ({ type: 'bool', description });
const list = (description: string, extra: Partial<ArgDef> = {}): ArgDef => ({
  type: 'list',
  elements: 'str',
  description,
  ...extra,
});

export default defineModule({
  name: 'yum_repository',
  collection: 'ansible.builtin',
  description: 'Add or remove YUM repositories',
  checkMode: 'supported',
  args: {
    ...FILE_COMMON_ARGS,
    async: bool('Parallel downloading of this repository.'),
    bandwidth: str('Maximum bandwidth.'),
    baseurl: list('URLs of the repository (newline-joined in the file).'),
    cost: str('Relative cost of the repository.'),
    deltarpm_metadata_percentage: str('deltarpm metadata percentage.'),
    deltarpm_percentage: str('deltarpm percentage.'),
    description: str("The repository's name in the file."),
    enabled: bool('The repository is used.'),
    enablegroups: bool('Package groups from this repository.'),
    exclude: list('Packages to exclude (space-joined).'),
    failovermethod: str('How mirrors are chosen.', { choices: ['roundrobin', 'priority'] }),
    file: str('The file name without .repo (default: the repoid).'),
    gpgcakey: str('A URL to the ASCII-armored CA key.'),
    gpgcheck: bool('Check GPG signatures of packages.'),
    gpgkey: list('URLs of the ASCII-armored GPG keys (newline-joined).'),
    module_hotfixes: bool('Disable module RPM filtering.'),
    http_caching: str('HTTP caching.', { choices: ['all', 'packages', 'none'] }),
    include: str('Include external configuration.'),
    includepkgs: list('Only these packages (space-joined).'),
    ip_resolve: str('IP version to resolve to.', { choices: ['4', '6', 'IPv4', 'IPv6', 'whatever'] }),
    keepalive: bool('HTTP/1.1 keepalive.'),
    keepcache: str('Keep the cache.', { choices: ['0', '1'] }),
    metadata_expire: str('Time after which metadata expires.'),
    metadata_expire_filter: str('Filter for metadata_expire.', {
      choices: ['never', 'read-only:past', 'read-only:present', 'read-only:future'],
    }),
    metalink: str('A metalink URL.'),
    mirrorlist: str('A mirror list URL.'),
    mirrorlist_expire: str('Time after which the mirror list expires.'),
    name: str('The repoid: the section name.', { required: true }),
    params: { type: 'dict', description: 'Removed in Ansible 2.5: refused.' },
    password: str('Password for basic authentication.', { noLog: true }),
    priority: str('Priority of the repository.'),
    protect: bool('Protect packages from updates.'),
    proxy: str('Proxy URL.'),
    proxy_password: str('Proxy password.', { noLog: true }),
    proxy_username: str('Proxy user name.'),
    repo_gpgcheck: bool('Check GPG signatures of the metadata.'),
    reposdir: { type: 'path', default: '/etc/yum.repos.d', description: 'The directory of .repo files.' },
    retries: str('Retries.'),
    s3_enabled: bool('Enable S3.'),
    skip_if_unavailable: bool('Skip the repository when unavailable.'),
    sslcacert: str('CA certificate path.', { aliases: ['ca_cert'] }),
    ssl_check_cert_permissions: bool('Check the permissions of the SSL files.'),
    sslclientcert: str('Client certificate path.', { aliases: ['client_cert'] }),
    sslclientkey: str('Client key path.', { aliases: ['client_key'] }),
    sslverify: bool('Verify the SSL certificate.'),
    state: str('present or absent.', { choices: ['present', 'absent'], default: 'present' }),
    throttle: str('Throttle downloads.'),
    timeout: str('Seconds to wait for a connection.'),
    ui_repoid_vars: str('Variables appended to the repoid in the UI.'),
    username: str('User name for basic authentication.'),
  },
  async run(a, ctx): Promise<ModuleResult> {
    const refused = refusal(a);
    if (refused) return { changed: false, failed: true, msg: refused };
    const repoid = String(a.name);
    const reposdir = String(a.reposdir);
    if (!(await ctx.conn.stat(reposdir, true)).isDir)
      return { changed: false, failed: true, msg: `Repo directory '${reposdir}' does not exist.` };
    const dest = posix.join(reposdir, `${a.file != null ? String(a.file) : repoid}.repo`);
    const file = await readRepoFile(ctx, dest);
    if (!('sections' in file)) return file;
    const diff = { before_header: dest, before: dump(file), after_header: dest, after: '' };
    file.sections.delete(repoid);
    if (a.state === 'present') file.sections.set(repoid, options(a));
    diff.after = dump(file);
    let changed = diff.before !== diff.after;
    if (!ctx.checkMode && changed) {
      if (file.sections.size) {
        const st = await ctx.conn.stat(dest, true);
        await ctx.conn.writeFileAtomic(dest, write(file), st.exists ? st.mode & 0o7777 : DEFAULT_FILE_MODE);
      } else await ctx.conn.remove(dest, false);
    }
    if (a.mode != null && (await ctx.conn.stat(dest, true)).isFile)
      changed = (await applyMode(ctx.conn, dest, a.mode, ctx.checkMode)) || changed;
    return { changed, data: { repo: repoid, state: a.state, diff } };
  },
});
