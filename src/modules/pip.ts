// pip (ansible.builtin): Python packages installed with the host's pip, optionally in a
// virtualenv — a port of ansible/modules/pip.py (2.14). pip needs Python on the host anyway; the
// module's own logic runs here: the pip to use (the interpreter's `-m pip.__main__`, pip3 on the
// PATH, or the virtualenv's), the virtualenv created first (virtualenv_command, --no-site-packages
// where offered, -p for virtualenv), names recovered from split specifiers, `version`, check mode
// from `pip list --format=freeze` and the requirement's specifiers, and "changed" from pip's own
// "Successfully installed/uninstalled" (or freeze before and after, for requirements and VCS).
import { shellQuote, splitShellWords } from '../util/index.js';
import { ActionFail, moduleFail, defineModule, type ModuleContext, type ModuleResult } from './define.js';
import { binPath, run, C_LOCALE } from './support/host-run.js';
import { canonicalName, parseRequirement, requirementString, specMatches, type Requirement } from './support/pep440.js';

type A = Record<string, unknown>;
const STATE: Record<string, string[]> = {
  present: ['install'],
  absent: ['uninstall', '-y'],
  latest: ['install', '-U'],
  forcereinstall: ['install', '-U', '--force-reinstall'],
};
const OPS = ['>=', '<=', '>', '<', '==', '!=', '~='];

const fail = moduleFail;

/** _recover_package_name: "django>1.11.1", "<1.11.3" → "django>1.11.1,<1.11.3". */
export function recoverNames(names: string[]): string[] {
  const parts = names.flatMap((n) => n.split(','));
  const out: string[] = [];
  let cur: string[] = [];
  let brackets = false;
  for (const n of parts) {
    if (!OPS.some((op) => n.trimStart().startsWith(op)) && !brackets) {
      if (cur.length) out.push(cur.join(','));
      cur = [];
    }
    if (n.includes('[')) brackets = true;
    if (brackets && n.includes(']')) brackets = false;
    cur.push(n);
  }
  out.push(cur.join(','));
  return out;
}

/** The module's Package: a requirement pkg_resources can parse, or a name it passes on as is. */
class Package {
  readonly req: Requirement | undefined;
  readonly name: string;
  constructor(
    readonly text: string,
    version?: string,
  ) {
    let s = text;
    if (version) {
      const v = version.trimStart();
      s = `${text}${/^\d/.test(v) ? '==' : ' '}${v}`;
    }
    this.req = parseRequirement(s);
    this.name = this.req
      ? this.req.projectName === 'distribute' && s.includes('setuptools')
        ? 'setuptools'
        : canonicalName(this.req.projectName)
      : text;
  }
  get hasSpecifier(): boolean {
    return (this.req?.specs.length ?? 0) > 0;
  }
  satisfiedBy(version: string): boolean {
    return this.req !== undefined && this.req.specs.every(([op, v]) => specMatches(op, v, version));
  }
  toString(): string {
    return this.req ? requirementString(this.req) : this.name;
  }
}

class Pip {
  constructor(
    readonly ctx: ModuleContext,
    readonly chdir: string,
    readonly umask: string | undefined,
  ) {}

  async sh(argv: string[], opts: { env?: Record<string, string>; pathPrefix?: string } = {}) {
    const mask = this.umask !== undefined ? `umask ${this.umask}; ` : '';
    const path = opts.pathPrefix ? `PATH=${shellQuote(opts.pathPrefix)}:"$PATH"; export PATH; ` : '';
    return run(this.ctx, `${mask}${path}${argv.map(shellQuote).join(' ')}`, {
      cwd: this.chdir,
      ...(opts.env ? { env: opts.env } : {}),
    });
  }

  /** _get_packages: pip list --format=freeze, else pip freeze. */
  async packages(pip: string[]): Promise<{ cmd: string; out: string; err: string }> {
    let cmd = [...pip, 'list', '--format=freeze'];
    let r = await this.sh(cmd, { env: C_LOCALE });
    if (r.rc !== 0) {
      cmd = [...pip, 'freeze'];
      r = await this.sh(cmd);
      if (r.rc !== 0) failRun(cmd, r.out, r.err);
    }
    return { cmd: cmd.join(' '), out: r.out, err: r.err };
  }
}

function failRun(cmd: unknown, out: string, err: string): never {
  let msg = '';
  if (out) msg += `stdout: ${out}`;
  if (err) msg += `\n:stderr: ${err}`;
  return fail(msg, { cmd });
}

/** _get_pip: the interpreter's pip module, pip3 on the PATH, or the virtualenv's pip3/pip. */
async function getPip(ctx: ModuleContext, env: string | undefined, executable: string | undefined): Promise<string[]> {
  let names = ['pip3'];
  if (executable !== undefined) {
    if (executable.startsWith('/')) return [executable];
    names = [executable];
  } else if (env === undefined) {
    const r = await run(
      ctx,
      `${shellQuote(ctx.interpreter)} -c 'import importlib.util, sys; sys.exit(not importlib.util.find_spec("pip"))'`,
    );
    if (r.rc === 0) return [ctx.interpreter, '-m', 'pip.__main__'];
  }
  if (env === undefined) {
    for (const n of names) {
      const b = await binPath(ctx, n);
      if ('path' in b) return [b.path];
    }
    return fail(`Unable to find any of ${names.join(', ')} to use.  pip needs to be installed.`);
  }
  const candidates = [names[0]!, 'pip'];
  for (const n of candidates) {
    const p = `${env}/bin/${n}`;
    if ((await run(ctx, `[ -e ${shellQuote(p)} ] && [ -x ${shellQuote(p)} ]`)).rc === 0) return [p];
  }
  return fail(
    `Unable to find pip in the virtualenv, ${env}, under any of these names: ${candidates.join(', ')}. Make sure pip is present in the virtualenv.`,
  );
}

/** setup_virtualenv. */
async function setupVirtualenv(p: Pip, a: A, env: string): Promise<{ out: string; err: string }> {
  if (p.ctx.checkMode) throw new ActionFail({ changed: true });
  const command = String(a.virtualenv_command);
  const cmd = splitShellWords(command);
  if (!cmd[0]!.includes('/')) {
    const b = await binPath(p.ctx, cmd[0]!);
    if ('missing' in b) fail(b.missing);
    else cmd[0] = b.path;
  }
  if (a.virtualenv_site_packages) cmd.push('--system-site-packages');
  else {
    const help = await p.sh([cmd[0]!, '--help']);
    if (help.rc !== 0) fail(`Could not get output from ${cmd[0]} --help: ${help.out}${help.err}`);
    if (help.out.trim().split(/\s+/).includes('--no-site-packages')) cmd.push('--no-site-packages');
  }
  const python =
    a.virtualenv_python === undefined || a.virtualenv_python === null ? undefined : String(a.virtualenv_python);
  if (!['pyvenv', '-m venv'].some((x) => command.includes(x))) cmd.push(`-p${python ?? p.ctx.interpreter}`);
  else if (python)
    fail('virtualenv_python should not be used when using the venv module or pyvenv as virtualenv_command');
  cmd.push(env);
  const r = await p.sh(cmd);
  if (r.rc !== 0) failRun(cmd, r.out, r.err);
  return { out: r.out, err: r.err };
}

/** _is_present: a freeze line name==version that satisfies the requirement. */
function isPresent(pkg: Package, lines: string[]): boolean {
  return lines.some((l) => {
    if (!l.includes('==')) return false;
    const [name = '', version = ''] = l.split('==');
    return canonicalName(name) === pkg.name && pkg.satisfiedBy(version);
  });
}

async function main(a: A, ctx: ModuleContext): Promise<ModuleResult> {
  const state = String(a.state);
  const names = a.name === undefined || a.name === null ? undefined : (a.name as unknown[]).map(String);
  const version = a.version === undefined || a.version === null ? undefined : String(a.version);
  const requirements = a.requirements === undefined || a.requirements === null ? undefined : String(a.requirements);
  let extra = a.extra_args === undefined || a.extra_args === null ? undefined : String(a.extra_args);
  let chdir = a.chdir === undefined || a.chdir === null ? undefined : String(a.chdir);
  let env = a.virtualenv === undefined || a.virtualenv === null ? undefined : String(a.virtualenv);
  if (env && chdir && !env.startsWith('/')) env = `${chdir.replace(/\/$/, '')}/${env}`;
  let umask: string | undefined;
  if (a.umask !== undefined && a.umask !== null) {
    if (!/^[0-7]+$/.test(String(a.umask)))
      fail('umask must be an octal integer', {
        details: `invalid literal for int() with base 8: '${String(a.umask)}'`,
      });
    umask = String(a.umask);
  }
  if (state === 'latest' && version !== undefined) fail('version is incompatible with state=latest');
  chdir ??= (await run(ctx, 'printf %s "${TMPDIR:-/tmp}"')).out || '/tmp';
  const p = new Pip(ctx, chdir, umask);
  let out = '';
  let err = '';
  let venvCreated = false;
  if (env && (await run(ctx, `[ -e ${shellQuote(`${env}/bin/activate`)} ]`)).rc !== 0) {
    venvCreated = true;
    ({ out, err } = await setupVirtualenv(p, a, env));
  }
  const pip = await getPip(
    ctx,
    env,
    a.executable === undefined || a.executable === null ? undefined : String(a.executable),
  );
  const cmd = [...pip, ...STATE[state]!];
  let packages: Package[] = [];
  let hasVcs = false;
  if (names) {
    hasVcs = names.some((n) => /^(svn|git|hg|bzr)\+/.test(n));
    packages = recoverNames(names).map((n) => new Package(n));
    if (version !== undefined) {
      if (packages.length > 1)
        fail(
          "'version' argument is ambiguous when installing multiple package distributions. Please specify version restrictions next to each package in 'name' argument.",
        );
      if (packages[0]!.hasSpecifier)
        fail(
          "The 'version' argument conflicts with any version specifier provided along with a package name. Please keep the version specifier, but remove the 'version' argument.",
        );
      packages[0] = new Package(String(packages[0]), version);
    }
  }
  if (a.editable) {
    const list = extra ? extra.split(' ') : [];
    if (!list.includes('-e')) extra = [...list, '-e'].join(' ');
  }
  if (extra) cmd.push(...splitShellWords(extra));
  if (names) cmd.push(...packages.map(String));
  else if (requirements) cmd.push('-r', requirements);
  else return { changed: false, data: { warnings: ['No valid name or requirements file found.'] } };
  if (ctx.checkMode) {
    if (extra || requirements || state === 'latest' || !names) return { changed: true };
    const got = await p.packages(pip);
    out += got.out;
    err += got.err;
    const lines = out
      .split('\n')
      .filter((l) => l && !l.startsWith('You are using') && !l.startsWith('You should consider'));
    const changed = packages.some((pkg) => {
      const present = isPresent(pkg, lines);
      return (state === 'present' && !present) || (state === 'absent' && present);
    });
    return { changed, data: { cmd: got.cmd, stdout: out, stderr: err } };
  }
  const before = requirements || hasVcs ? (await p.packages(pip)).out : undefined;
  const pathPrefix = env ? `${env}/bin` : undefined;
  const r = await p.sh(cmd, pathPrefix ? { pathPrefix } : {});
  out += r.out;
  err += r.err;
  if (
    !(r.rc === 1 && state === 'absent' && (r.out.includes('not installed') || r.err.includes('not installed'))) &&
    r.rc !== 0
  )
    failRun(cmd, out, err);
  let changed: boolean;
  if (state === 'absent') changed = r.out.includes('Successfully uninstalled');
  else if (before === undefined) changed = r.out.includes('Successfully installed');
  else changed = before !== (await p.packages(pip)).out;
  return {
    changed: changed || venvCreated,
    data: {
      cmd,
      name: names ?? null,
      version: version ?? null,
      state,
      requirements: requirements ?? null,
      virtualenv: env ?? null,
      stdout: out,
      stderr: err,
    },
  };
}

export default defineModule({
  name: 'pip',
  argRules: {
    mutuallyExclusive: [
      ['name', 'requirements'],
      ['executable', 'virtualenv'],
    ],
    requiredOneOf: [['name', 'requirements']],
  },
  collection: 'ansible.builtin',
  description: 'Manages Python library dependencies',
  checkMode: 'supported',
  args: {
    name: { type: 'list', elements: 'str', description: 'Packages or requirement specifiers (or URLs, paths).' },
    version: { type: 'str', description: 'The version of the one package in name.' },
    requirements: { type: 'str', description: 'A requirements file.' },
    state: { type: 'str', default: 'present', choices: Object.keys(STATE), description: 'What to do.' },
    virtualenv: { type: 'path', description: 'A virtualenv to install into (created when missing).' },
    virtualenv_site_packages: { type: 'bool', default: false, description: 'The virtualenv sees site-packages.' },
    virtualenv_command: { type: 'path', default: 'virtualenv', description: 'How to create it ("python3 -m venv").' },
    virtualenv_python: { type: 'str', description: 'The Python for virtualenv (-p).' },
    extra_args: { type: 'str', description: 'More arguments for pip.' },
    editable: { type: 'bool', default: false, description: 'Pass -e (an editable install).' },
    chdir: { type: 'path', description: 'The directory pip runs in.' },
    executable: { type: 'path', description: 'The pip to run (not with virtualenv).' },
    umask: { type: 'str', description: 'The umask while pip runs (octal).' },
  },
  async run(a: A, ctx): Promise<ModuleResult> {
    const has = (k: string): boolean => a[k] !== undefined && a[k] !== null;
    if (!has('name') && !has('requirements'))
      return { changed: false, failed: true, msg: 'one of the following is required: name, requirements' };
    for (const [x, y] of [
      ['name', 'requirements'],
      ['executable', 'virtualenv'],
    ] as const)
      if (has(x) && has(y))
        return { changed: false, failed: true, msg: `parameters are mutually exclusive: ${x}|${y}` };
    try {
      return await main(a, ctx);
    } catch (e) {
      if (e instanceof ActionFail) return e.result;
      throw e;
    }
  },
});
