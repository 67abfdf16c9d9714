// user: a local account present (uid, group, groups, comment, home, shell, password hash) or
// absent — ansible/modules/user.py's Linux path (useradd/usermod/userdel), read back with getent.
import { defineModule, type ModuleContext, type ModuleResult } from './define.js';
import { getent } from './support/getent.js';
import { runArgv } from './support/host-run.js';

type A = Record<string, unknown>;

async function currentGroups(ctx: ModuleContext, name: string): Promise<string[]> {
  const r = await ctx.conn.execArgv(['id', '-Gn', name], { env: ctx.env });
  return r.exitCode === 0 ? r.stdout.trim().split(/\s+/).slice(1) : [];
}

function wantedGroups(a: A): string[] | undefined {
  if (a.groups == null) return undefined;
  return (a.groups as string[])
    .flatMap((g) => g.split(','))
    .map((g) => g.trim())
    .filter(Boolean);
}

/** usermod flags for what differs from the account as it is. */
async function modifications(a: A, ctx: ModuleContext, name: string, info: string[]): Promise<string[]> {
  const flags: string[] = [];
  if (a.uid != null && Number(info[2]) !== Number(a.uid))
    flags.push('-u', String(a.uid), ...(a.non_unique ? ['-o'] : []));
  if (a.group != null) {
    const g = await getent(ctx, 'group', String(a.group));
    if (g && g[2] !== info[3]) flags.push('-g', String(a.group));
  }
  if (a.comment != null && info[4] !== String(a.comment)) flags.push('-c', String(a.comment));
  if (a.home != null && info[5] !== String(a.home)) flags.push('-d', String(a.home), ...(a.move_home ? ['-m'] : []));
  if (a.shell != null && info[6] !== String(a.shell)) flags.push('-s', String(a.shell));
  const groups = wantedGroups(a);
  if (groups) {
    const have = await currentGroups(ctx, name);
    const missing = groups.filter((g) => !have.includes(g));
    const extra = a.append ? [] : have.filter((g) => !groups.includes(g));
    if (missing.length || extra.length)
      flags.push(...(a.append ? ['-a'] : []), '-G', (a.append ? missing : groups).join(','));
  }
  if (a.password != null) {
    const shadow = await getent(ctx, 'shadow', name);
    if (shadow && shadow[1] !== String(a.password) && a.update_password !== 'on_create')
      flags.push('-p', String(a.password));
  }
  return flags;
}

function createFlags(a: A): string[] {
  const f: string[] = [];
  if (a.uid != null) f.push('-u', String(a.uid), ...(a.non_unique ? ['-o'] : []));
  if (a.group != null) f.push('-g', String(a.group));
  const groups = wantedGroups(a);
  if (groups?.length) f.push('-G', groups.join(','));
  if (a.comment != null) f.push('-c', String(a.comment));
  if (a.home != null) f.push('-d', String(a.home));
  if (a.shell != null) f.push('-s', String(a.shell));
  if (a.password != null) f.push('-p', String(a.password));
  if (a.system) f.push('-r');
  f.push(a.create_home === false ? '-M' : '-m');
  return f;
}

export default defineModule({
  name: 'user',
  collection: 'ansible.builtin',
  description: 'Manages user accounts',
  checkMode: 'supported',
  args: {
    name: { type: 'str', required: true, aliases: ['user'], description: 'The account.' },
    state: { type: 'str', default: 'present', choices: ['absent', 'present'], description: 'Whether it should exist.' },
    uid: { type: 'int', description: 'Its uid.' },
    non_unique: { type: 'bool', default: false, description: 'Allow a uid in use.' },
    group: { type: 'str', description: 'Primary group.' },
    groups: { type: 'list', elements: 'str', description: 'Supplementary groups.' },
    append: { type: 'bool', default: false, description: 'Add to groups instead of setting them.' },
    comment: { type: 'str', description: 'GECOS field.' },
    home: { type: 'path', description: 'Home directory.' },
    shell: { type: 'str', description: 'Login shell.' },
    password: { type: 'str', noLog: true, description: 'The crypted password (as in /etc/shadow).' },
    update_password: {
      type: 'str',
      default: 'always',
      choices: ['always', 'on_create'],
      description: 'When to set password.',
    },
    system: { type: 'bool', default: false, description: 'A system account.' },
    create_home: { type: 'bool', default: true, aliases: ['createhome'], description: 'Create the home directory.' },
    move_home: { type: 'bool', default: false, description: 'Move the home when it changes.' },
    remove: { type: 'bool', default: false, description: 'With state=absent, remove the home too.' },
    force: { type: 'bool', default: false, description: 'With state=absent, force removal.' },
  },
  async run(a: A, ctx): Promise<ModuleResult> {
    const name = String(a.name);
    const info = await getent(ctx, 'passwd', name);
    let r: { rc: number; out: string; err: string } | undefined;
    const extra: Record<string, unknown> = {};
    if (a.state === 'absent') {
      if (!info) return { changed: false, data: { name, state: 'absent' } };
      if (ctx.checkMode) return { changed: true };
      r = await runArgv(ctx, ['userdel', ...(a.force ? ['-f'] : []), ...(a.remove ? ['-r'] : []), name]);
      Object.assign(extra, { force: a.force, remove: a.remove });
    } else if (!info) {
      if (ctx.checkMode) return { changed: true };
      r = await runArgv(ctx, ['useradd', ...createFlags(a), name]);
      Object.assign(extra, { system: a.system, create_home: a.create_home !== false });
    } else {
      const flags = await modifications(a, ctx, name, info);
      if (flags.length)
        r = ctx.checkMode ? { rc: 0, out: '', err: '' } : await runArgv(ctx, ['usermod', ...flags, name]);
      Object.assign(extra, { append: a.append, move_home: a.move_home });
    }
    if (r && r.rc !== 0) return { changed: false, failed: true, msg: r.err, data: { name, rc: r.rc } };
    const after = a.state === 'present' ? await getent(ctx, 'passwd', name) : undefined;
    return {
      changed: r !== undefined,
      data: {
        name,
        state: a.state,
        ...extra,
        ...(a.password != null ? { password: 'NOT_LOGGING_PASSWORD' } : {}),
        ...(after
          ? {
              uid: Number(after[2]),
              group: Number(after[3]),
              comment: after[4],
              home: after[5],
              shell: after[6],
              ...(a.groups != null ? { groups: wantedGroups(a)?.join(',') } : {}),
            }
          : {}),
      },
    };
  },
});
