// zypper_repository (community.general 6.6): a zypper repository added, changed or removed — a
// port of plugins/modules/zypper_repository.py: the repositories read from
// `zypper --xmlout repos`, matched by alias then URL, compared option by option (URLs without a
// trailing slash, $releasever/$basearch from rpm), added with `addrepo --check` after removing the
// old ones, `.repo` files (a path or an http(s) URL fetched on the host) read as configparser does,
// refresh on request. No check mode (the module has none).
import { pyRepr } from '../template/index.js';
import { shellQuote } from '../util/index.js';
import { ActionFail, moduleFail, defineModule, type ModuleContext, type ModuleResult } from './define.js';
import { binPath, run } from './support/host-run.js';
import { httpRequest } from './support/curl.js';

type A = Record<string, unknown>;
type Repo = Record<string, string | number | null>;
const REPO_OPTS = ['alias', 'name', 'priority', 'enabled', 'autorefresh', 'gpgcheck'];

const fail = moduleFail;

const unescapeXml = (s: string): string =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_m, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&');

/** _parse_repos: each <repo>'s options (missing attributes as '') and its first <url>. */
export function parseRepos(xml: string): Repo[] {
  const repos: Repo[] = [];
  for (const m of xml.matchAll(/<repo\s([^>]*?)\/?>([\s\S]*?)<\/repo>/g)) {
    const attrs = new Map([...m[1]!.matchAll(/([\w-]+)="([^"]*)"/g)].map((x) => [x[1]!, unescapeXml(x[2]!)]));
    const repo: Repo = {};
    for (const o of REPO_OPTS) repo[o] = attrs.get(o) ?? '';
    repo.url = unescapeXml(/<url>([\s\S]*?)<\/url>/.exec(m[2]!)?.[1] ?? '');
    repos.push(repo);
  }
  return repos;
}

/** LooseVersion(a) >= LooseVersion(b) for dotted numbers. */
function atLeast(a: string, b: string): boolean {
  const x = a.split('.').map((n) => parseInt(n, 10) || 0);
  const y = b.split('.').map((n) => parseInt(n, 10) || 0);
  for (let i = 0; i < Math.max(x.length, y.length); i++)
    if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) > (y[i] ?? 0);
  return true;
}

/** configparser's reading of a .repo file: its sections and their keys (lower-cased). */
export function parseRepoFile(text: string): Map<string, Map<string, string>> | undefined {
  const sections = new Map<string, Map<string, string>>();
  let cur: Map<string, string> | undefined;
  let last: string | undefined;
  for (const raw of text.split(/\r?\n/)) {
    if (!raw.trim() || /^\s*[#;]/.test(raw)) continue;
    const sec = /^\[([^\]]+)\]/.exec(raw);
    if (sec) {
      if (sections.has(sec[1]!)) return undefined; // DuplicateSectionError
      cur = new Map();
      sections.set(sec[1]!, cur);
      last = undefined;
      continue;
    }
    if (/^\s/.test(raw) && cur && last !== undefined) {
      cur.set(last, `${cur.get(last)}\n${raw.trim()}`);
      continue;
    }
    const kv = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(raw);
    if (!cur || !kv) return undefined; // MissingSectionHeaderError, ParsingError
    last = kv[1]!.trim().toLowerCase();
    cur.set(last, kv[2]!.trim());
  }
  return sections;
}

class Zypper {
  constructor(
    readonly ctx: ModuleContext,
    readonly bin: string,
  ) {}

  cmd(...args: string[]): string[] {
    return [this.bin, '--quiet', '--non-interactive', ...args];
  }

  sh(argv: string[]): Promise<{ rc: number; out: string; err: string }> {
    return run(this.ctx, argv.map(shellQuote).join(' '));
  }

  /** run_command(check_rc=True): the command's stderr as the failure. */
  async checked(argv: string[]): Promise<{ rc: number; out: string; err: string }> {
    const r = await this.sh(argv);
    if (r.rc !== 0) fail(r.err.trimEnd(), { cmd: argv, rc: r.rc, stdout: r.out, stderr: r.err });
    return r;
  }

  async repos(): Promise<Repo[]> {
    const cmd = this.cmd('--xmlout', 'repos');
    const r = await this.sh(cmd);
    if (r.rc === 0) return parseRepos(r.out);
    if (r.rc === 6) return [];
    return fail(`Failed to execute "${cmd.join(' ')}"`, { rc: r.rc, stdout: r.out, stderr: r.err });
  }

  async rpmQuery(fmt: string): Promise<string> {
    return (await this.checked(['rpm', '-q', '--qf', fmt, '-f', '/etc/os-release'])).out;
  }

  /** _repo_changes: whether the existing repo differs from what is asked. */
  async changes(real: Repo, want: Repo): Promise<boolean> {
    for (const k of Object.keys(want)) if (want[k] && !(k in real)) return true;
    for (const [k, v] of Object.entries(real)) {
      if (!(k in want) || !want[k]) continue;
      let old = String(want[k] ?? '');
      let now = String(v ?? '');
      if (k === 'url') {
        for (const [word, fmt] of [
          ['$releasever', '%{version}'],
          ['$basearch', '%{arch}'],
        ] as const)
          if (old.includes(word) || now.includes(word)) {
            const value = await this.rpmQuery(fmt);
            old = old.split(word).join(value);
            now = now.split(word).join(value);
          }
        old = old.replace(/\/+$/, '');
        now = now.replace(/\/+$/, '');
      }
      if (old !== now) return true;
    }
    return false;
  }

  async refresh(autoImport: boolean, shortname?: string): Promise<void> {
    const cmd = this.cmd(...(autoImport ? ['--gpg-auto-import-keys'] : []), 'refresh', '--force');
    if (shortname !== undefined) cmd.push('-r', shortname);
    await this.checked(cmd);
  }
}

/** repo_exists: [exists, changed, the matching repos]. */
async function repoExists(
  z: Zypper,
  want: Repo,
  overwriteMultiple: boolean,
): Promise<[boolean, boolean, Repo[] | null]> {
  const existing = await z.repos();
  const found: Repo[] = [];
  let name: unknown;
  for (const kw of ['alias', 'url']) {
    name = want[kw];
    for (const old of existing) if (want[kw] === old[kw] && !found.includes(old)) found.push(old);
  }
  if (!found.length) return [false, false, null];
  if (found.length === 1) return [true, await z.changes(found[0]!, want), found];
  if (overwriteMultiple) return [true, true, found];
  const asPy = found.map((r) => new Map(Object.entries(r)));
  return fail(
    `More than one repo matched "${String(name)}": "${pyRepr(asPy)}". Use overwrite_multiple to allow more than one repo to be overwritten`,
  );
}

async function addModify(z: Zypper, want: Repo, old: Repo[] | null, version: string, warnings: string[]) {
  const url = String(want.url);
  const cmd = z.cmd('addrepo', '--check');
  if (want.name) cmd.push('--name', String(want.name));
  if (want.priority) {
    if (atLeast(version, '1.12.25')) cmd.push('--priority', String(want.priority));
    else warnings.push('Setting priority only available for zypper >= 1.12.25. Ignoring priority argument.');
  }
  if (want.enabled === '0') cmd.push('--disable');
  if (atLeast(version, '1.6.2')) cmd.push(want.gpgcheck === '1' ? '--gpgcheck' : '--no-gpgcheck');
  else warnings.push('Enabling/disabling gpgcheck only available for zypper >= 1.6.2. Using zypper default value.');
  if (want.autorefresh === '1') cmd.push('--refresh');
  cmd.push(url);
  if (!url.endsWith('.repo')) cmd.push(String(want.alias));
  for (const o of old ?? []) await z.checked(z.cmd('removerepo', String(o.url)));
  return z.sh(cmd);
}

/** A .repo file's one section: alias, URL and options from it. */
async function readRepoFile(ctx: ModuleContext, repo: string, want: Repo): Promise<boolean> {
  let text: string;
  if (/^https?:\/\//.test(repo)) {
    const r = await httpRequest(ctx, {
      url: repo,
      method: 'GET',
      headers: {},
      followRedirects: true,
      validateCerts: true,
      timeout: 10,
    });
    if (r.status !== 200) fail('Error downloading .repo file from provided URL');
    text = r.body.toString('utf8');
  } else {
    const st = await ctx.conn.stat(repo, true);
    if (!st.exists || st.isDir) fail('Error opening .repo file from provided path');
    text = (await ctx.conn.readFile(repo)).toString('utf8');
  }
  const file = parseRepoFile(text);
  if (!file) fail('Invalid format, .repo file could not be parsed');
  if (file!.size !== 1) fail(`Invalid format, .repo file contains ${file!.size} repositories, expected 1`);
  const [section, items] = [...file!][0]!;
  if (!items.has('baseurl')) fail('No baseurl found in .repo file');
  want.alias = section;
  want.url = items.get('baseurl')!;
  for (const k of ['name', 'enabled', 'autorefresh', 'gpgcheck']) if (items.has(k)) want[k] = items.get(k)!;
  return items.has('gpgkey');
}

async function main(a: A, ctx: ModuleContext): Promise<ModuleResult> {
  const b = await binPath(ctx, 'zypper');
  if ('missing' in b) return fail(b.missing);
  const z = new Zypper(ctx, b.path);
  const repo = a.repo === undefined || a.repo === null ? null : String(a.repo);
  let alias = a.name === undefined || a.name === null ? null : String(a.name);
  const state = String(a.state);
  let autoImport = Boolean(a.auto_import_keys);
  const v = await z.sh([b.path, '--version']);
  const version = v.rc === 0 && v.out.startsWith('zypper ') ? v.out.split(/\s+/)[1]! : '1.0';
  const warnings: string[] = [];
  const want: Repo = {
    url: repo,
    alias,
    name: a.description === undefined || a.description === null ? null : String(a.description),
    priority: a.priority === undefined || a.priority === null ? null : Number(a.priority),
    enabled: a.enabled ? '1' : '0',
    gpgcheck: a.disable_gpg_check ? '0' : '1',
    autorefresh: a.autorefresh ? '1' : '0',
  };
  const unchanged = (): never => {
    throw new ActionFail({ changed: false, data: { repodata: { ...want }, state } });
  };
  if (repo === '*' || alias === '*') {
    if (!a.runrefresh) fail('repo=* can only be used with the runrefresh option.');
    await z.refresh(autoImport);
    return { changed: false, data: { runrefresh: true } };
  }
  if (state === 'present' && !repo) fail('Module option state=present requires repo');
  if (state === 'absent' && !repo && !alias) fail('Alias or repo parameter required when state=absent');
  if (repo?.endsWith('.repo')) {
    if (alias) fail("Incompatible option: 'name'. Do not use name when adding .repo files");
    autoImport = (await readRepoFile(ctx, repo, want)) || autoImport;
    alias = String(want.alias);
  } else if (!alias && state === 'present') fail('Name required when adding non-repo files.');
  const [exists, mod, old] = await repoExists(z, want, Boolean(a.overwrite_multiple));
  const shortname = alias ?? repo!;
  let r: { rc: number; out: string; err: string };
  if (state === 'present') {
    if (exists && !mod) {
      if (a.runrefresh) await z.refresh(autoImport, shortname);
      unchanged();
    }
    r = await addModify(z, want, old, version, warnings);
    if (r.rc === 0 && (a.runrefresh || autoImport)) await z.refresh(autoImport, shortname);
  } else {
    if (!exists) unchanged();
    r = await z.checked(z.cmd('removerepo', shortname));
  }
  const data = { repodata: { ...want }, state, ...(warnings.length ? { warnings } : {}) };
  if (r.rc === 0) return { changed: true, data };
  return fail(`Zypper failed with rc ${r.rc}`, { rc: r.rc, stdout: r.out, stderr: r.err, ...data });
}

export default defineModule({
  name: 'zypper_repository',
  argRules: { requiredOneOf: [['state', 'runrefresh']] },
  collection: 'community.general',
  description: 'Add and remove Zypper repositories',
  checkMode: 'skip',
  args: {
    name: { type: 'str', description: 'The repository alias.' },
    repo: { type: 'str', description: 'The URI of the repository or a .repo file (a path or a URL).' },
    state: { type: 'str', default: 'present', choices: ['present', 'absent'], description: 'Whether it is there.' },
    description: { type: 'str', description: 'The repository name.' },
    disable_gpg_check: { type: 'bool', default: false, description: 'No GPG check of its packages.' },
    autorefresh: { type: 'bool', default: true, aliases: ['refresh'], description: 'Refresh it automatically.' },
    priority: { type: 'int', description: 'Its priority (zypper >= 1.12.25).' },
    enabled: { type: 'bool', default: true, description: 'Whether it is enabled.' },
    overwrite_multiple: { type: 'bool', default: false, description: 'Replace every repository that matches.' },
    auto_import_keys: { type: 'bool', default: false, description: 'Import its signing keys on refresh.' },
    runrefresh: { type: 'bool', default: false, description: 'Refresh its metadata (repo=* for all).' },
  },
  // a failure deep inside (moduleFail) ends the run as the executor's ActionFail
  run: (a: A, ctx) => main(a, ctx),
});
