// The account tools' command lines ansible/modules/user.py's User class builds on Linux
// (create_user_useradd, modify_user_usermod, remove_user_userdel, set_password_expire), from the
// module's parameters and the account as the host has it. Pure: the host reads are user-account.ts'.

/** The user module's parameters these builders read. */
export interface UserParams {
  name: string;
  uid?: number;
  non_unique?: boolean;
  seuser?: string;
  group?: string;
  /** ','.join(groups) as the module keeps it ('' for an empty list). */
  groups?: string;
  comment?: string;
  home?: string;
  shell?: string;
  expires?: number;
  password?: string;
  password_lock?: boolean;
  update_password?: string;
  create_home?: boolean;
  move_home?: boolean;
  skeleton?: string;
  umask?: string;
  system?: boolean;
  append?: boolean;
  force?: boolean;
  remove?: boolean;
  local?: boolean;
  password_expire_min?: number;
  password_expire_max?: number;
}

/** The account as the host has it: pwd.getpwnam's fields, the password and expiry from getspnam. */
export interface AccountInfo {
  uid: number;
  gid: number;
  comment: string;
  home: string;
  shell: string;
  /** user_info()'s info[1]: the shadow hash when the passwd field is one character or empty. */
  password: string;
  /** sp_expire in days since the epoch, -1 when unset. */
  expires: number;
  /** sp_min and sp_max, -1 when unset; undefined when the account has no shadow entry. */
  min?: number;
  max?: number;
}

/** A group as grp.getgrgid/getgrnam answer it: the name and gid. */
export interface GroupInfo {
  name: string;
  gid: number;
}

/** A command line, or the module's failure (fail_json's msg). */
export type Built = { argv: string[] } | { fail: string };

/** The groups option as a set (get_groups_set): stripped names, each an existing group. */
export function groupsSet(
  p: UserParams,
  lookup: (g: string) => GroupInfo | undefined,
  primaryGid?: number,
): { names: string[] } | { fail: string } {
  const names = [...new Set((p.groups ?? '').split(',').flatMap((x) => (x ? [x.trim()] : [])))];
  for (const g of names) if (!lookup(g)) return { fail: `Group ${g} does not exist` };
  // create_user's remove_existing: the user's primary group is not a supplementary one
  return { names: primaryGid === undefined ? names : names.filter((g) => lookup(g)?.gid !== primaryGid) };
}

/** time.strftime('%Y-%m-%d', time.gmtime(expires)). */
export function expiryDate(expires: number): string {
  return new Date(Math.floor(expires) * 1000).toISOString().slice(0, 10);
}

/** `self.expires < time.gmtime(0)`: gmtime floors the seconds. */
const beforeEpoch = (expires: number): boolean => Math.floor(expires) < 0;

/** useradd's -u/-o, -Z and -g (or -N where a group has the user's name and none is given). */
function addIdentity(p: UserParams, lookup: (g: string) => GroupInfo | undefined): Built {
  const cmd: string[] = [];
  if (p.uid != null) cmd.push('-u', String(p.uid), ...(p.non_unique ? ['-o'] : []));
  if (p.seuser != null) cmd.push('-Z', p.seuser);
  if (p.group != null) {
    if (!lookup(p.group)) return { fail: `Group ${p.group} does not exist` };
    cmd.push('-g', p.group);
  } else if (lookup(p.name)) cmd.push(p.local ? '-n' : '-N');
  if (p.groups) {
    const set = groupsSet(p, lookup);
    if ('fail' in set) return set;
    if (!p.local) cmd.push('-G', set.names.join(','));
  }
  return { argv: cmd };
}

/** useradd's -c, -d, -s, -e and -p. */
function addProfile(p: UserParams): string[] {
  const cmd: string[] = [];
  if (p.comment != null) cmd.push('-c', p.comment);
  if (p.home != null) cmd.push('-d', p.home);
  if (p.shell != null) cmd.push('-s', p.shell);
  if (p.expires != null && !p.local) cmd.push('-e', beforeEpoch(p.expires) ? '' : expiryDate(p.expires));
  if (p.password != null) cmd.push('-p', p.password_lock ? `!${p.password}` : p.password);
  return cmd;
}

/** useradd's home: -m with -k and -K, or -M. */
function addHome(p: UserParams): string[] {
  if (p.create_home === false) return ['-M'];
  return [
    ...(p.local ? [] : ['-m']),
    ...(p.skeleton != null ? ['-k', p.skeleton] : []),
    ...(p.umask != null ? ['-K', `UMASK=${p.umask}`] : []),
  ];
}

/**
 * create_user_useradd's command (its -N where a group named as the user exists and none is
 * given: on Red Hat 5 and SLE 11 Ansible passes -n or nothing instead — chosen: -N, the hosts
 * runbook targets are newer).
 */
export function useraddArgv(p: UserParams, lookup: (g: string) => GroupInfo | undefined): Built {
  const id = addIdentity(p, lookup);
  if ('fail' in id) return id;
  return {
    argv: [
      p.local ? 'luseradd' : 'useradd',
      ...id.argv,
      ...addProfile(p),
      ...addHome(p),
      ...(p.system ? ['-r'] : []),
      p.name,
    ],
  };
}

/** luseradd's follow-ups: lchage for the expiry, lgroupmod -M per group. */
export function localCreateFollowUps(p: UserParams, groups: string[]): string[][] {
  const expiry = p.expires == null ? undefined : beforeEpoch(p.expires) ? '' : expiryDate(p.expires);
  return localAfter(p, expiry, p.groups ? { add: groups, del: [] } : undefined);
}

/** The -e usermod gives, or undefined when the expiry is already the one asked for (Y-M-D compared). */
function expiryChange(p: UserParams, info: AccountInfo): string | undefined {
  if (p.expires == null) return undefined;
  if (beforeEpoch(p.expires)) return info.expires >= 0 ? '' : undefined;
  if (info.expires >= 0 && expiryDate(info.expires * 86400) === expiryDate(p.expires)) return undefined;
  return expiryDate(p.expires);
}

/** What modify_user_usermod changes in the supplementary groups, or nothing. */
function groupsChange(
  p: UserParams,
  current: string[],
  lookup: (g: string) => GroupInfo | undefined,
): { fail: string } | { flags: string[]; add: string[]; del: string[] } | undefined {
  if (p.groups == null) return undefined;
  let wanted: string[] = [];
  let needed = false;
  let append = false;
  if (p.groups === '') needed = current.length > 0 && !p.append;
  else {
    const set = groupsSet(p, lookup);
    if ('fail' in set) return set;
    wanted = set.names;
    const diff = [...wanted.filter((g) => !current.includes(g)), ...current.filter((g) => !wanted.includes(g))];
    if (diff.length && p.append) append = needed = wanted.some((g) => diff.includes(g));
    else needed = diff.length > 0;
  }
  if (!needed) return undefined;
  const add = wanted.filter((g) => !current.includes(g));
  // `usermod --help` lists -a on every shadow-utils usermod since 4.0 (chosen: not asked)
  return {
    flags: p.local ? [] : [...(append ? ['-a'] : []), '-G', wanted.join(',')],
    add,
    del: p.append ? [] : current.filter((g) => !wanted.includes(g)),
  };
}

/** usermod's -u/-o and -g for what differs. */
function modIdentity(p: UserParams, info: AccountInfo, lookup: (g: string) => GroupInfo | undefined): Built {
  const cmd: string[] = [];
  if (p.uid != null && info.uid !== p.uid) cmd.push('-u', String(p.uid), ...(p.non_unique ? ['-o'] : []));
  if (p.group != null) {
    const g = lookup(p.group);
    if (!g) return { fail: `Group ${p.group} does not exist` };
    if (info.gid !== g.gid) cmd.push('-g', String(g.gid));
  }
  return { argv: cmd };
}

/** usermod's -c, -d/-m and -s for what differs. */
function modProfile(p: UserParams, info: AccountInfo): string[] {
  const cmd: string[] = [];
  if (p.comment != null && info.comment !== p.comment) cmd.push('-c', p.comment);
  if (p.home != null && info.home !== p.home) cmd.push('-d', p.home, ...(p.move_home ? ['-m'] : []));
  if (p.shell != null && info.shell !== p.shell) cmd.push('-s', p.shell);
  return cmd;
}

/** The lock flags, then -p (which replaces them) when the hash differs. */
function modPassword(p: UserParams, info: AccountInfo, cmd: string[]): string[] {
  if (p.password_lock && !info.password.startsWith('!')) cmd.push('-L');
  else if (p.password_lock === false && info.password.startsWith('!')) cmd.push('-U');
  const strip = (s: string): string => s.replace(/^!+/, '');
  if (p.update_password !== 'always' || p.password == null || strip(info.password) === strip(p.password)) return cmd;
  return [...cmd.filter((c) => c !== '-U' && c !== '-L'), '-p', p.password_lock ? `!${p.password}` : p.password];
}

/** lusermod's follow-ups: lchage for the expiry, lgroupmod to add and remove groups. */
function localAfter(p: UserParams, expiry: string | undefined, groups: { add: string[]; del: string[] } | undefined) {
  const days = expiry === '' ? -1 : Math.floor(Math.floor(p.expires ?? 0) / 86400);
  return [
    ...(expiry !== undefined ? [['lchage', '-E', String(days), p.name]] : []),
    ...(groups?.add ?? []).map((g) => ['lgroupmod', '-M', p.name, g]),
    ...(groups?.del ?? []).map((g) => ['lgroupmod', '-m', p.name, g]),
  ];
}

/**
 * modify_user_usermod: the usermod command for what differs (undefined when nothing does), and for
 * `local` the lchage/lgroupmod commands after it. `current` is user_group_membership(False): the
 * groups whose member list names the user.
 */
export function usermodPlan(
  p: UserParams,
  info: AccountInfo,
  current: string[],
  lookup: (g: string) => GroupInfo | undefined,
): { fail: string } | { argv?: string[]; after: string[][] } {
  const id = modIdentity(p, info, lookup);
  if ('fail' in id) return id;
  const groups = groupsChange(p, current, lookup);
  if (groups && 'fail' in groups) return groups;
  const cmd = [...id.argv, ...(groups?.flags ?? []), ...modProfile(p, info)];
  const expiry = expiryChange(p, info);
  if (expiry !== undefined && !p.local) cmd.push('-e', expiry);
  const all = modPassword(p, info, cmd);
  const after = p.local ? localAfter(p, expiry, groups) : [];
  return { ...(all.length ? { argv: [p.local ? 'lusermod' : 'usermod', ...all, p.name] } : {}), after };
}

/** remove_user_userdel's command. */
export function userdelArgv(p: UserParams): string[] {
  const cmd = [p.local ? 'luserdel' : 'userdel'];
  if (p.force && !p.local) cmd.push('-f');
  if (p.remove) cmd.push('-r');
  return [...cmd, p.name];
}

/** set_password_expire's chage, or undefined when min and max are already as asked. */
export function chageArgv(p: UserParams, info: AccountInfo): string[] | undefined {
  // getspnam finds no entry: nothing is changed
  if (info.min === undefined || info.max === undefined) return undefined;
  const min = p.password_expire_min != null && p.password_expire_min !== info.min;
  const max = p.password_expire_max != null && p.password_expire_max !== info.max;
  if (!min && !max) return undefined;
  return [
    'chage',
    ...(min ? ['-m', String(p.password_expire_min)] : []),
    ...(max ? ['-M', String(p.password_expire_max)] : []),
    p.name,
  ];
}

const HASH_RE = /[^a-zA-Z0-9./=]/;
const HASH_LENGTHS: Record<string, number> = { '1': 22, '5': 43, '6': 86 };

/** check_password_encrypted: whether `password` looks like something other than a crypt(3) hash. */
export function looksUnhashed(password: string | undefined): boolean {
  if (!password || ['*', '!', '*************'].includes(password)) return false;
  if (/[:*!]/.test(password) || !password.includes('$')) return true;
  const fields = password.split('$');
  if (fields.length < 3) return true;
  const last = fields[fields.length - 1] ?? '';
  const want = HASH_LENGTHS[fields[1] ?? ''];
  return HASH_RE.test(last) || (want !== undefined && last.length !== want);
}
