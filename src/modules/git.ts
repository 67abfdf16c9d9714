// git (ansible.builtin): a checkout of a repository at a version — after ansible/modules/git.py
// at stable-2.14: clone (branch, tag or commit; depth, bare, single_branch, reference), update by
// fetch and switch_version (a branch tracked and reset to its remote, a tag or commit checked
// out), local modifications refused unless force, check mode from `git ls-remote`, before/after
// commits, remote_url_changed, submodules when .gitmodules exists. Not ported: archive,
// separate_git_dir, verify_commit.
import { shellQuote } from '../util/index.js';
import { defineModule, type ModuleContext, type ModuleResult } from './define.js';

type A = Record<string, unknown>;
interface Run {
  rc: number;
  out: string;
  err: string;
}

class Git {
  constructor(
    private readonly ctx: ModuleContext,
    private readonly env: Record<string, string>,
  ) {}

  async run(args: string, cwd?: string): Promise<Run> {
    const r = await this.ctx.conn.exec(`git ${args}`, {
      env: { ...this.ctx.env, ...this.env },
      ...(cwd ? { cwd } : {}),
    });
    return { rc: r.exitCode, out: r.stdout, err: r.stderr };
  }

  async must(args: string, cwd: string | undefined, msg: string): Promise<Run> {
    const r = await this.run(args, cwd);
    if (r.rc !== 0) throw new GitFail(`${msg}`, r);
    return r;
  }
}

class GitFail extends Error {
  constructor(
    msg: string,
    readonly r: Run,
  ) {
    super(msg);
  }
}

/** get_remote_head: the commit the version names on the remote (a branch, a tag, or the sha). */
async function remoteHead(git: Git, repo: string, version: string, cwd?: string): Promise<string> {
  const ref = version === 'HEAD' ? 'HEAD' : version;
  const r = await git.must(
    `ls-remote ${shellQuote(repo)} ${shellQuote(ref)}`,
    cwd,
    `Could not determine remote revision for ${version}`,
  );
  const lines = r.out.split('\n').filter(Boolean);
  // an annotated tag: its ^{} line names the commit
  const peeled = lines.find((l) => l.endsWith('^{}'));
  const line = peeled ?? lines[0];
  return line ? line.split('\t')[0]! : version;
}

async function version(git: Git, dest: string): Promise<string> {
  return (await git.run('rev-parse HEAD', dest)).out.trim();
}

async function isRemoteBranch(git: Git, dest: string, remote: string, v: string): Promise<boolean> {
  return (await git.run(`ls-remote ${shellQuote(remote)} -h ${shellQuote(`refs/heads/${v}`)}`, dest)).out.includes(v);
}

async function isLocalBranch(git: Git, dest: string, v: string): Promise<boolean> {
  return (await git.run(`show-ref --verify --quiet ${shellQuote(`refs/heads/${v}`)}`, dest)).rc === 0;
}

/** switch_version: HEAD and branches follow the remote; a tag or commit is checked out. */
async function switchVersion(git: Git, dest: string, remote: string, v: string): Promise<void> {
  if (v === 'HEAD') {
    const head = (await git.run(`symbolic-ref --short refs/remotes/${remote}/HEAD`, dest)).out.trim();
    const branch = head.replace(`${remote}/`, '') || 'master';
    await git.must(`checkout --force ${shellQuote(branch)}`, dest, `Failed to checkout branch ${branch}`);
    await git.must(`reset --hard ${shellQuote(`${remote}/${branch}`)} --`, dest, `Failed to checkout ${branch}`);
  } else if (await isRemoteBranch(git, dest, remote, v)) {
    if (!(await isLocalBranch(git, dest, v)))
      await git.must(
        `checkout --track -b ${shellQuote(v)} ${shellQuote(`${remote}/${v}`)}`,
        dest,
        `Failed to checkout ${v}`,
      );
    else {
      await git.must(`checkout --force ${shellQuote(v)}`, dest, `Failed to checkout branch ${v}`);
      await git.must(`reset --hard ${shellQuote(`${remote}/${v}`)}`, dest, `Failed to checkout ${v}`);
    }
  } else await git.must(`checkout --force ${shellQuote(v)}`, dest, `Failed to checkout ${v}`);
}

async function submodules(git: Git, dest: string, ctx: ModuleContext): Promise<void> {
  if (!(await ctx.conn.stat(`${dest}/.gitmodules`, true)).exists) return;
  await git.must('submodule update --init --recursive', dest, 'Failed to init/update submodules');
}

async function clone(
  git: Git,
  a: A,
  repo: string,
  dest: string,
  remote: string,
  v: string,
  ctx: ModuleContext,
): Promise<void> {
  const opts = [
    a.bare ? '--bare' : '',
    a.depth ? `--depth ${Number(a.depth)}` : '',
    a.single_branch ? '--single-branch' : '',
    a.reference ? `--reference ${shellQuote(String(a.reference))}` : '',
    remote !== 'origin' ? `--origin ${shellQuote(remote)}` : '',
  ];
  // a branch or tag can be named at clone time; a commit is checked out afterwards
  const named = v !== 'HEAD' && (await git.run(`ls-remote ${shellQuote(repo)} ${shellQuote(v)}`)).out.trim() !== '';
  if (named && (a.depth || a.single_branch)) opts.push(`--branch ${shellQuote(v)}`);
  await git.must(
    `clone ${opts.filter(Boolean).join(' ')} ${shellQuote(repo)} ${shellQuote(dest)}`,
    undefined,
    `Failed to clone ${repo}`,
  );
  if (a.refspec)
    await git.must(`fetch ${shellQuote(remote)} ${shellQuote(String(a.refspec))}`, dest, 'Failed to fetch refspec');
  void ctx;
}

async function fetch(git: Git, a: A, dest: string, remote: string): Promise<void> {
  const refspecs = a.bare
    ? ['+refs/heads/*:refs/heads/*', '+refs/tags/*:refs/tags/*']
    : [`+refs/heads/*:refs/remotes/${remote}/*`, ...(a.refspec ? [String(a.refspec)] : [])];
  const args = [
    'fetch',
    a.depth ? `--depth=${Number(a.depth)}` : '',
    a.force ? '--force' : '',
    a.bare ? '' : '--tags',
    shellQuote(remote),
    ...refspecs.map((r) => shellQuote(r)),
  ];
  await git.must(args.filter(Boolean).join(' '), dest, 'Failed to download remote objects and refs');
  await git.run(`remote set-head ${shellQuote(remote)} --auto`, dest);
}

export default defineModule({
  name: 'git',
  argRules: {
    mutuallyExclusive: [
      ['separate_git_dir', 'bare'],
      ['accept_hostkey', 'accept_newhostkey'],
    ],
    requiredBy: { archive_prefix: ['archive'] },
  },
  collection: 'ansible.builtin',
  description: 'Deploys a checkout of a git repository',
  checkMode: 'supported',
  args: {
    repo: { type: 'str', required: true, aliases: ['name'], description: 'The repository (URL or path).' },
    dest: { type: 'path', description: 'Where the checkout goes.' },
    version: { type: 'str', default: 'HEAD', description: 'Branch, tag or commit.' },
    remote: { type: 'str', default: 'origin', description: 'The remote name.' },
    refspec: { type: 'str', description: 'Extra refspec to fetch.' },
    reference: { type: 'str', description: 'A reference repository (--reference).' },
    force: { type: 'bool', default: false, description: 'Discard local modifications.' },
    depth: { type: 'int', description: 'A shallow clone of this many commits.' },
    clone: { type: 'bool', default: true, description: 'Clone when missing.' },
    update: { type: 'bool', default: true, description: 'Fetch new revisions.' },
    verify_commit: { type: 'bool', default: false, description: 'Verify the commit signature (not ported).' },
    gpg_whitelist: { type: 'list', elements: 'str', default: [], description: 'Accepted GPG fingerprints.' },
    accept_hostkey: { type: 'bool', default: false, description: 'Accept an unknown SSH host key.' },
    accept_newhostkey: { type: 'bool', default: false, description: 'Accept a new SSH host key (accept-new).' },
    key_file: { type: 'path', description: 'SSH key for the remote.' },
    ssh_opts: { type: 'str', description: 'Options for ssh.' },
    executable: { type: 'path', description: 'The git binary.' },
    bare: { type: 'bool', default: false, description: 'A bare repository.' },
    recursive: { type: 'bool', default: true, description: 'Update submodules.' },
    single_branch: { type: 'bool', default: false, description: 'Clone one branch only.' },
    track_submodules: { type: 'bool', default: false, description: "Submodules follow their branch's tip." },
    umask: { type: 'raw', description: 'umask for the operations.' },
    archive: { type: 'path', description: 'An archive of the checkout (not ported).' },
    archive_prefix: { type: 'str', description: 'Prefix of the archive entries.' },
    separate_git_dir: { type: 'path', description: 'Where the .git directory goes (not ported).' },
  },
  async run(a: A, ctx): Promise<ModuleResult> {
    for (const k of ['archive', 'separate_git_dir'])
      if (a[k]) return { changed: false, failed: true, msg: `runbook's git module does not have ${k} yet` };
    if (a.accept_hostkey && a.accept_newhostkey)
      return {
        changed: false,
        failed: true,
        msg: 'parameters are mutually exclusive: accept_hostkey|accept_newhostkey',
      };
    const dest = a.dest === undefined || a.dest === null ? undefined : String(a.dest);
    if (!dest && a.clone !== false)
      return { changed: false, failed: true, msg: 'the destination directory must be specified unless clone=no' };
    let sshOpts = a.ssh_opts === undefined || a.ssh_opts === null ? '' : String(a.ssh_opts);
    if (a.accept_hostkey && !/StrictHostKeyChecking=(no|accept-new)/.test(sshOpts))
      sshOpts += ' -o StrictHostKeyChecking=no';
    if (a.accept_newhostkey && !/StrictHostKeyChecking=(no|accept-new)/.test(sshOpts))
      sshOpts += ' -o StrictHostKeyChecking=accept-new';
    const ssh = [a.key_file ? `-i ${shellQuote(String(a.key_file))} -o IdentitiesOnly=yes` : '', sshOpts.trim()]
      .filter(Boolean)
      .join(' ');
    const env: Record<string, string> = {
      LANG: 'C',
      LC_ALL: 'C',
      LC_MESSAGES: 'C',
      LC_CTYPE: 'C',
      ...(ssh ? { GIT_SSH_COMMAND: `ssh ${ssh}` } : {}),
    };
    const git = new Git(ctx, env);
    const raw = String(a.repo);
    const repo = raw.startsWith('/') ? `file://${raw}` : raw;
    const v = String(a.version);
    const remote = String(a.remote);
    try {
      const gitconfig = dest ? `${dest}/${a.bare ? '' : '.git/'}config` : undefined;
      const exists = gitconfig !== undefined && (await ctx.conn.stat(gitconfig, true)).exists;
      if ((dest && !exists) || (!dest && a.clone === false)) {
        if (ctx.checkMode || a.clone === false)
          return { changed: true, data: { before: null, after: await remoteHead(git, repo, v) } };
        await clone(git, a, repo, dest!, remote, v, ctx);
        if (!a.bare) await switchVersion(git, dest!, remote, v);
        if (a.recursive !== false && !a.bare) await submodules(git, dest!, ctx);
        return { changed: true, data: { before: null, after: await version(git, dest!) } };
      }
      const d = dest!;
      const before = await version(git, d);
      if (a.update === false) return { changed: false, data: { before, after: before } };
      const mods = !a.bare && (await git.run('status --porcelain --untracked-files=no', d)).out.trim() !== '';
      let msg: string | undefined;
      if (mods) {
        if (!a.force)
          return {
            changed: false,
            failed: true,
            msg: `Local modifications exist in the destination: ${d} (force=no).`,
            data: { before },
          };
        if (!ctx.checkMode) await git.must('reset --hard HEAD', d, 'Failed to reset');
        msg = `Local modifications exist in the destination: ${d}`;
      }
      const url = (await git.run(`config --get ${shellQuote(`remote.${remote}.url`)}`, d)).out.trim();
      const urlChanged = url !== '' && url !== repo && url.replace(/\/+$/, '') !== repo.replace(/\/+$/, '');
      if (ctx.checkMode) {
        const head = await remoteHead(git, remote, v, d);
        return {
          changed: before !== head || urlChanged || mods,
          data: { before, after: head, remote_url_changed: urlChanged },
        };
      }
      if (urlChanged)
        await git.must(`remote set-url ${shellQuote(remote)} ${shellQuote(repo)}`, d, 'Failed to set a new url');
      await fetch(git, a, d, remote);
      if (!a.bare) await switchVersion(git, d, remote, v);
      if (a.recursive !== false && !a.bare) await submodules(git, d, ctx);
      const after = await version(git, d);
      return {
        changed: before !== after || mods || urlChanged,
        ...(msg ? { msg } : {}),
        data: { before, after, remote_url_changed: urlChanged },
      };
    } catch (err) {
      if (!(err instanceof GitFail)) throw err;
      return {
        changed: false,
        failed: true,
        msg: err.message,
        data: { rc: err.r.rc, stdout: err.r.out, stderr: err.r.err },
      };
    }
  },
});
