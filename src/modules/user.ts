// user: a local account present or absent — ansible/modules/user.py's main() with its User class
// on Linux: useradd/usermod/userdel (luser* with `local`), the home made from the skeleton when
// missing, an SSH key generated, password ageing with chage; the account read back with getent.
import { posix } from 'node:path';
import { defineModule, keepingWarnings, moduleFail, type ModuleContext, type ModuleResult } from './define.js';
import { requiredPath, type RunResult } from './support/host-run.js';
import {
  chageArgv,
  localCreateFollowUps,
  looksUnhashed,
  userdelArgv,
  useraddArgv,
  usermodPlan,
  type GroupInfo,
  type UserParams,
} from './support/user-commands.js';
import {
  chownHome,
  createHome,
  generateKey,
  keyFacts,
  readAccount,
  runTool,
  type AccountState,
} from './support/user-account.js';

type A = Record<string, unknown>;

const APPEND_WITHOUT_GROUPS =
  "'append' is set, but no 'groups' are specified. Use 'groups' for appending new groups.This will change to an error in Ansible 2.14.";
const UNHASHED =
  "The input password appears not to have been hashed. The 'password' argument must be encrypted for this module to work properly.";

function paramsOf(a: A): UserParams {
  const pick = <T>(k: string): T | undefined => (a[k] == null ? undefined : (a[k] as T));
  return {
    name: String(a.name),
    uid: pick('uid'),
    non_unique: pick('non_unique'),
    seuser: pick('seuser'),
    group: pick('group'),
    // self.groups = ','.join(module.params['groups'])
    groups: a.groups == null ? undefined : (a.groups as string[]).join(','),
    comment: pick('comment'),
    home: pick('home'),
    shell: pick('shell'),
    expires: pick('expires'),
    password: pick('password'),
    password_lock: pick('password_lock'),
    update_password: pick('update_password'),
    create_home: pick('create_home'),
    move_home: pick('move_home'),
    skeleton: pick('skeleton'),
    umask: pick('umask'),
    system: pick('system'),
    append: pick('append'),
    force: pick('force'),
    remove: pick('remove'),
    local: pick('local'),
    password_expire_min: pick('password_expire_min'),
    password_expire_max: pick('password_expire_max'),
  };
}

/** The group keys the module looks up: the primary group, the supplementary ones, the user's own name. */
function groupKeys(p: UserParams): string[] {
  const names = (p.groups ?? '').split(',').flatMap((x) => (x ? [x.trim()] : []));
  return [...new Set([...(p.group != null ? [p.group] : []), ...names, p.name])];
}

/** user_exists: NSS, or with `local` a line of /etc/passwd (with the warning when there is none). */
function existsIn(st: AccountState, p: UserParams, warnings: string[]): boolean {
  if (!p.local) return st.info !== undefined;
  if (!st.inPasswdFile && !warnings.some((w) => w.startsWith("'local: true'")))
    warnings.push(
      `'local: true' specified and user '${p.name}' was not found in /etc/passwd. The local user account may already exist if the local account database exists somewhere other than /etc/passwd.`,
    );
  return st.inPasswdFile;
}

/**
 * With `local`, the libuser tools the User class asks get_bin_path for (required) before it
 * builds its command: lgroupmod and lchage, then the tool itself.
 */
async function requireLocalTools(ctx: ModuleContext, p: UserParams, tool: string): Promise<void> {
  if (!p.local) return;
  for (const name of tool === 'luserdel' ? [tool] : ['lgroupmod', 'lchage', tool]) await requiredPath(ctx, name);
}

/** Runs commands one after another (execute_command: nothing in check mode), out and err gathered. */
async function runAll(ctx: ModuleContext, cmds: string[][], stdin?: string): Promise<RunResult> {
  const all: RunResult = { rc: 0, out: '', err: '' };
  for (const argv of cmds) {
    if (ctx.checkMode) continue;
    const r = await runTool(ctx, argv, stdin);
    Object.assign(all, { rc: r.rc, out: all.out + r.out, err: all.err + r.err });
    if (r.rc !== 0) break;
  }
  return all;
}

/** create_user (check mode has already answered): useradd, and for a home under missing parents its ownership. */
async function create(ctx: ModuleContext, p: UserParams, lookup: (g: string) => GroupInfo | undefined) {
  const home = p.home;
  const needsParents = !!home && p.create_home !== false && !(await ctx.conn.stat(posix.dirname(home), true)).isDir;
  await requireLocalTools(ctx, p, 'luseradd');
  const built = useraddArgv(p, lookup);
  if ('fail' in built) moduleFail(built.fail);
  // useradd cannot make the parents: create_homedir makes the home first
  if (home && needsParents) await createHome(ctx, home, p.skeleton);
  let r = await runTool(ctx, built.argv);
  if (p.local && r.rc === 0) {
    const groups = (p.groups ?? '').split(',').flatMap((x) => (x ? [x.trim()] : []));
    const more = await runAll(ctx, localCreateFollowUps(p, groups));
    r = { rc: more.rc, out: r.out + more.out, err: r.err + more.err };
  }
  if (home && needsParents) {
    const info = (await readAccount(ctx, p.name, [])).info;
    if (info) await chownHome(ctx, home, { uid: info.uid, gid: info.gid });
  }
  return r;
}

/** modify_user (check-mode aware): usermod for what differs; rc undefined when nothing does. */
async function modify(
  ctx: ModuleContext,
  p: UserParams,
  st: AccountState,
  lookup: (g: string) => GroupInfo | undefined,
): Promise<RunResult | undefined> {
  const info = st.info;
  if (!info) return undefined;
  await requireLocalTools(ctx, p, 'lusermod');
  const plan = usermodPlan(p, info, st.memberOf, lookup);
  if ('fail' in plan) moduleFail(plan.fail);
  let r: RunResult | undefined;
  if (plan.argv) r = ctx.checkMode ? { rc: 0, out: '', err: '' } : await runTool(ctx, plan.argv);
  if (!p.local || (r && r.rc !== 0) || !plan.after.length) return r;
  const more = ctx.checkMode ? { rc: 0, out: '', err: '' } : await runAll(ctx, plan.after);
  return { rc: more.rc, out: (r?.out ?? '') + more.out, err: (r?.err ?? '') + more.err };
}

/** The key's options: ssh_key_file relative to the home, the comment naming the host by default. */
async function keyOptions(ctx: ModuleContext, a: A, home: string) {
  const type = String(a.ssh_key_type ?? 'rsa');
  const file = a.ssh_key_file == null ? posix.join('.ssh', `id_${type}`) : String(a.ssh_key_file);
  let comment = a.ssh_key_comment as string | undefined;
  if (comment == null) {
    // the default is 'ansible-generated on %s' % socket.gethostname(), the host's name
    const h = await ctx.conn.exec('cat /proc/sys/kernel/hostname 2>/dev/null || hostname', { env: ctx.env });
    comment = `ansible-generated on ${h.stdout.trim()}`;
  }
  return {
    file: file.startsWith('/') ? file : posix.join(home, file),
    relative: !file.startsWith('/'),
    type,
    bits: Number(a.ssh_key_bits ?? 0),
    comment,
    force: a.force === true,
    ...(a.ssh_key_passphrase != null ? { passphrase: String(a.ssh_key_passphrase) } : {}),
  };
}

/** The SSH key part of main(): generated (check-mode aware), then its fingerprint and public key. */
async function sshKey(
  ctx: ModuleContext,
  a: A,
  name: string,
  st: AccountState,
  result: A,
  warnings: string[],
): Promise<void> {
  const info = st.info;
  if (!info) return;
  const k = await keyOptions(ctx, a, info.home);
  let r: RunResult | undefined;
  if (k.relative && !ctx.checkMode && !(await ctx.conn.stat(info.home, true)).exists)
    r = { rc: 1, out: '', err: `User ${name} home directory does not exist` };
  else r = await generateKey(ctx, k, { uid: info.uid, gid: info.gid }, (w) => warnings.push(w));
  if (r && r.rc !== 0) moduleFail(r.err, { name, rc: r.rc });
  if (r) result.changed = true;
  Object.assign(result, await keyFacts(ctx, k.file), { ssh_key_file: k.file });
}

/** The end of main() for a present account: what it is, its home, key and password ageing. */
async function present(ctx: ModuleContext, a: A, p: UserParams, result: A, warnings: string[]): Promise<void> {
  const st = await readAccount(ctx, p.name, []);
  const info = st.info;
  if (!info) return;
  Object.assign(result, {
    uid: info.uid,
    group: info.gid,
    comment: info.comment,
    home: info.home,
    shell: info.shell,
    ...(p.groups != null ? { groups: p.groups } : {}),
  });
  // handle missing homedirs
  const home = p.home ?? info.home;
  if (p.create_home !== false && !(await ctx.conn.stat(home, true)).exists) {
    if (!ctx.checkMode) await createHome(ctx, home, p.skeleton, { uid: info.uid, gid: info.gid });
    result.changed = true;
  }
  if (a.generate_ssh_key) await sshKey(ctx, a, p.name, st, result, warnings);
  const chage = chageArgv(p, info);
  if (chage) {
    const r = ctx.checkMode ? { rc: 0, out: '', err: '' } : await runTool(ctx, chage);
    if (r.rc !== 0) moduleFail(r.err, { name: p.name, rc: r.rc });
    result.changed = true;
  }
}

/** state=absent: userdel when the account is there (check mode answers changed). */
async function absent(ctx: ModuleContext, p: UserParams, there: boolean, result: A): Promise<RunResult | undefined> {
  if (!there || ctx.checkMode) return undefined;
  await requireLocalTools(ctx, p, 'luserdel');
  const r = await runTool(ctx, userdelArgv(p));
  if (r.rc !== 0) moduleFail(r.err, { name: p.name, rc: r.rc });
  Object.assign(result, { force: p.force, remove: p.remove });
  return r;
}

/** state=present: create or modify (check mode has answered a creation already). */
async function createOrModify(
  ctx: ModuleContext,
  p: UserParams,
  st: AccountState,
  there: boolean,
  result: A,
): Promise<RunResult | undefined> {
  const lookup = (g: string): GroupInfo | undefined => st.groups.get(g.trim());
  let r: RunResult | undefined;
  if (!there) {
    r = await create(ctx, p, lookup);
    Object.assign(result, { system: p.system, create_home: p.create_home !== false });
  } else {
    r = await modify(ctx, p, st, lookup);
    Object.assign(result, { append: p.append, move_home: p.move_home });
  }
  if (r && r.rc !== 0) moduleFail(r.err, { name: p.name, rc: r.rc });
  if (p.password != null) result.password = 'NOT_LOGGING_PASSWORD';
  return r;
}

/** The warnings user.py gives before it looks at the host. */
function upfrontWarnings(p: UserParams): string[] {
  if (p.umask != null && p.local) moduleFail("'umask' can not be used with 'local'");
  return [
    ...(p.groups == null && p.append ? [APPEND_WITHOUT_GROUPS] : []),
    ...(looksUnhashed(p.password) ? [UNHASHED] : []),
  ];
}

async function main(a: A, ctx: ModuleContext, warnings: string[]): Promise<ModuleResult> {
  const p = paramsOf(a);
  warnings.push(...upfrontWarnings(p));
  const st = await readAccount(ctx, p.name, groupKeys(p));
  const there = existsIn(st, p, warnings);
  // check mode ends the module before an account is made or removed: only `changed`
  if (ctx.checkMode && (a.state === 'absent') === there) return { changed: true };
  const result: A = { name: p.name, state: a.state };
  const r =
    a.state === 'absent' ? await absent(ctx, p, there, result) : await createOrModify(ctx, p, st, there, result);
  result.changed = r !== undefined;
  if (r?.out) result.stdout = r.out;
  if (r?.err) result.stderr = r.err;
  if (a.state === 'present' && (!p.local || (await readAccount(ctx, p.name, [])).inPasswdFile))
    await present(ctx, a, p, result, warnings);
  const { changed, ...data } = result;
  return { changed: changed === true, data };
}

function run(a: A, ctx: ModuleContext): Promise<ModuleResult> {
  const warnings: string[] = [];
  return keepingWarnings(warnings, () => main(a, ctx, warnings));
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
    password_lock: { type: 'bool', description: 'Lock (usermod -L) or unlock (-U) the password.' },
    password_expire_max: { type: 'int', description: 'Maximum days a password is valid (chage -M).' },
    password_expire_min: { type: 'int', description: 'Minimum days between password changes (chage -m).' },
    expires: { type: 'float', description: 'Account expiry in seconds since the epoch; negative: never.' },
    system: { type: 'bool', default: false, description: 'A system account.' },
    create_home: { type: 'bool', default: true, aliases: ['createhome'], description: 'Create the home directory.' },
    skeleton: { type: 'str', description: 'Skeleton directory for a new home (useradd -k).' },
    umask: { type: 'str', description: 'Umask of a new home (useradd -K UMASK=).' },
    move_home: { type: 'bool', default: false, description: 'Move the home when it changes.' },
    remove: { type: 'bool', default: false, description: 'With state=absent, remove the home too.' },
    force: { type: 'bool', default: false, description: 'With state=absent, force removal; overwrite an SSH key.' },
    local: { type: 'bool', description: 'Use luseradd and friends (the local account files).' },
    seuser: { type: 'str', description: 'SELinux user of the account (useradd -Z).' },
    generate_ssh_key: { type: 'bool', description: 'Generate an SSH key for the user.' },
    ssh_key_bits: { type: 'int', default: 0, description: 'Bits of the key (ssh-keygen -b; 0: its default).' },
    ssh_key_type: { type: 'str', default: 'rsa', description: 'Type of the key.' },
    ssh_key_file: { type: 'path', description: 'The key file, relative to the home (default .ssh/id_TYPE).' },
    ssh_key_comment: { type: 'str', description: "The key's comment (default: ansible-generated on HOSTNAME)." },
    ssh_key_passphrase: { type: 'str', noLog: true, description: "The key's passphrase." },
    hidden: { type: 'bool', description: 'macOS only (ignored on Linux).' },
    login_class: { type: 'str', description: 'BSD login class (ignored on Linux).' },
    profile: { type: 'str', description: 'Solaris profile (ignored on Linux).' },
    authorization: { type: 'str', description: 'Solaris authorizations (ignored on Linux).' },
    role: { type: 'str', description: 'Solaris role (ignored on Linux).' },
  },
  run,
});
