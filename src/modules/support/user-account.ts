// The user module's reads and writes on the host (ansible/modules/user.py's User on Linux): the
// account as pwd/grp/getspnam see it (getent: NSS, as Python's modules), the home directory
// (create_homedir, chown_homedir) and the SSH key (ssh_key_gen, ssh_key_fingerprint).
import { moduleFail, type ModuleContext } from '../define.js';
import { requiredPath, runArgv, type RunResult } from './host-run.js';
import type { AccountInfo, GroupInfo } from './user-commands.js';

export interface AccountState {
  info?: AccountInfo;
  /** user_group_membership(exclude_primary=False): the groups whose member list names the user. */
  memberOf: string[];
  /** grp.getgrgid/getgrnam for each key asked. */
  groups: Map<string, GroupInfo | undefined>;
  /** For `local`: whether /etc/passwd has a line for the name (user_exists reads the file). */
  inPasswdFile: boolean;
}

const READ_ACCOUNT = [
  'n=$1; shift',
  'if e=$(getent passwd "$n"); then echo "P$e"; fi',
  'if e=$(getent shadow "$n"); then echo "S$e"; fi',
  // each key on its own: getent group answers the found keys of a list without saying which
  'for g; do echo "G$g"; if e=$(getent group "$g"); then echo "E$e"; fi; done',
  'getent group | while IFS=: read -r gn gp gi mem; do case ",$mem," in *",$n,"*) echo "m$gn";; esac; done',
  'grep -q "^$n:" /etc/passwd 2>/dev/null && echo L',
].join('\n');

/** A shadow number: empty is getspnam's -1. */
const spNumber = (s: string | undefined): number => (s ? Number(s) : -1);

function infoOf(passwd: string[] | undefined, shadow: string[] | undefined): AccountInfo | undefined {
  if (!passwd) return undefined;
  const pw = passwd[1] ?? '';
  return {
    uid: Number(passwd[2]),
    gid: Number(passwd[3]),
    comment: passwd[4] ?? '',
    home: passwd[5] ?? '',
    shell: passwd[6] ?? '',
    password: pw.length <= 1 ? (shadow?.[1] ?? '') : pw,
    expires: spNumber(shadow?.[7]),
    ...(shadow ? { min: spNumber(shadow[3]), max: spNumber(shadow[4]) } : {}),
  };
}

/** The account named `name` and the groups `keys` name, in one trip. */
export async function readAccount(ctx: ModuleContext, name: string, keys: string[]): Promise<AccountState> {
  const r = await ctx.conn.execArgv(['sh', '-c', READ_ACCOUNT, 'sh', name, ...keys], { env: ctx.env });
  let passwd: string[] | undefined;
  let shadow: string[] | undefined;
  const groups = new Map<string, GroupInfo | undefined>();
  const memberOf: string[] = [];
  let inPasswdFile = false;
  let key = '';
  for (const line of r.stdout.split('\n')) {
    const rest = line.slice(1);
    if (line === 'L') inPasswdFile = true;
    else if (line.startsWith('P')) passwd = rest.split(':');
    else if (line.startsWith('S')) shadow = rest.split(':');
    else if (line.startsWith('G')) groups.set((key = rest), undefined);
    else if (line.startsWith('E')) {
      const f = rest.split(':');
      groups.set(key, { name: f[0] ?? '', gid: Number(f[2]) });
    } else if (line.startsWith('m')) memberOf.push(rest);
  }
  const info = infoOf(passwd, shadow);
  return { ...(info ? { info } : {}), memberOf, groups, inPasswdFile };
}

/**
 * Runs an account tool; one that is not on the host ends the module as get_bin_path(name,
 * required=True) would have before running it.
 */
export async function runTool(ctx: ModuleContext, argv: string[], stdin?: string): Promise<RunResult> {
  const r = await runArgv(ctx, argv, stdin);
  if (r.rc === 127) await requiredPath(ctx, argv[0] ?? '');
  return r;
}

const CREATE_HOME = [
  'p=$1; sk=$2; [ -e "$p" ] && exit 0',
  // shutil.copytree(skeleton, path, symlinks=True) makes the parents; else os.makedirs
  'if [ -e "$sk" ]; then mkdir -p -- "$(dirname -- "$p")" && cp -a -- "$sk" "$p"; else mkdir -p -- "$p"; fi || exit 1',
  // the mode from each `UMASK nnn` line of login.defs, the last one standing
  "for u in $(sed -n 's/^UMASK[[:space:]]\\{1,\\}\\([0-9]\\{1,\\}\\)$/\\1/p' /etc/login.defs 2>/dev/null); do",
  '  chmod "$(printf %o $((0777 & ~0$u)))" -- "$p" || exit 1',
  'done',
].join('\n');

/** create_homedir then chown_homedir: the home made from the skeleton, owned by the account. */
export async function createHome(
  ctx: ModuleContext,
  path: string,
  skeleton: string | undefined,
  owner?: { uid: number; gid: number },
): Promise<void> {
  const made = await runArgv(ctx, ['sh', '-c', CREATE_HOME, 'sh', path, skeleton ?? '/etc/skel']);
  if (made.rc !== 0) moduleFail(made.err.trim());
  if (owner) await chownHome(ctx, path, owner);
}

/** chown_homedir: the home and everything under it. */
export async function chownHome(ctx: ModuleContext, path: string, owner: { uid: number; gid: number }): Promise<void> {
  const r = await runArgv(ctx, ['chown', '-R', `${owner.uid}:${owner.gid}`, '--', path]);
  if (r.rc !== 0) moduleFail(r.err.trim());
}

/** os.path.exists on the host (following links). */
const exists = async (ctx: ModuleContext, path: string): Promise<boolean> => (await ctx.conn.stat(path, true)).exists;

export interface KeyOptions {
  file: string;
  type: string;
  bits: number;
  comment: string;
  passphrase?: string;
  force: boolean;
}

// ssh-keygen asks for a passphrase through SSH_ASKPASS when its stdin is not a terminal: the
// askpass program reads it from a file only the user can read, so it is never in an argv
// (Ansible answers ssh-keygen's prompts on a pty instead).
const KEYGEN_WITH_PASSPHRASE = [
  't=$(mktemp -d) || exit 1; trap \'rm -rf "$t"\' EXIT; umask 077',
  'cat > "$t/p"; printf \'#!/bin/sh\\ncat "%s"\\n\' "$t/p" > "$t/a"; chmod 700 "$t/a"',
  'SSH_ASKPASS="$t/a" SSH_ASKPASS_REQUIRE=force DISPLAY=${DISPLAY:-:0} "$@" < /dev/null',
].join('\n');

/** The key's directory made (mode 0700, the user's) when missing: a failure's result, else undefined. */
async function keyDir(ctx: ModuleContext, dir: string, owner: { uid: number; gid: number }) {
  const made = await runArgv(ctx, [
    'sh',
    '-c',
    'mkdir -m 700 -- "$1" && chown "$2" -- "$1"',
    'sh',
    dir,
    `${owner.uid}:${owner.gid}`,
  ]);
  return made.rc === 0 ? undefined : { rc: 1, out: '', err: `Failed to create ${dir}: ${made.err.trim()}` };
}

/**
 * An existing private or public key: kept (false) with a warning without force, else warned about
 * — a public key removed (os.unlink, before the module looks at check mode).
 */
async function replaceable(ctx: ModuleContext, k: KeyOptions, warn: (msg: string) => void) {
  const pub = `${k.file}.pub`;
  const there = await exists(ctx, k.file);
  if (there && !k.force) {
    warn(`Found existing ssh key private file "${k.file}", no force, so skipping ssh-keygen generation`);
    return { keep: true, there };
  }
  if (there) warn(`Overwriting existing ssh key private file "${k.file}"`);
  if (!(await exists(ctx, pub))) return { keep: false, there };
  if (!k.force) {
    warn(`Found existing ssh key public file "${pub}", no force, so skipping ssh-keygen generation`);
    return { keep: true, there };
  }
  warn(`Overwriting existing ssh key public file "${pub}"`);
  await runArgv(ctx, ['rm', '-f', '--', pub]);
  return { keep: false, there };
}

/**
 * ssh_key_gen as ansible-core 2.14.18 ships it (the released module warns and removes a stale
 * public key, which the stable-2.14 branch's older text does not): rc undefined when the key is
 * left as it is, else the result of making it (0 in check mode without making it).
 */
export async function generateKey(
  ctx: ModuleContext,
  k: KeyOptions,
  owner: { uid: number; gid: number },
  warn: (msg: string) => void,
): Promise<RunResult | undefined> {
  const dir = k.file.replace(/\/[^/]*$/, '') || '/';
  if (!(await exists(ctx, dir))) {
    if (ctx.checkMode) return { rc: 0, out: '', err: '' };
    const failed = await keyDir(ctx, dir, owner);
    if (failed) return failed;
  }
  const { keep, there } = await replaceable(ctx, k, warn);
  if (keep) return undefined;
  if (ctx.checkMode) return { rc: 0, out: '', err: '' };
  // with a passphrase Ansible meets ssh-keygen's "Overwrite (y/n)?" on its pty and leaves the key
  if (there && k.passphrase !== undefined) return undefined;
  const argv = [
    'ssh-keygen',
    '-t',
    k.type,
    ...(k.bits > 0 ? ['-b', String(k.bits)] : []),
    '-C',
    k.comment,
    '-f',
    k.file,
  ];
  const r =
    k.passphrase !== undefined
      ? await runTool(ctx, ['sh', '-c', KEYGEN_WITH_PASSPHRASE, 'sh', ...argv], k.passphrase)
      : await runTool(ctx, [...argv, '-N', ''], there ? 'y' : undefined);
  if (r.rc === 0) await runArgv(ctx, ['chown', `${owner.uid}:${owner.gid}`, '--', k.file, `${k.file}.pub`]);
  return r;
}

/** ssh_key_fingerprint and get_ssh_public_key: what the result shows of the key. */
export async function keyFacts(
  ctx: ModuleContext,
  file: string,
): Promise<{ ssh_fingerprint: string; ssh_public_key: string | null }> {
  const r = await runArgv(ctx, [
    'sh',
    '-c',
    '[ -e "$1" ] || exit 3; ssh-keygen -l -f "$1"; echo "rc=$?"; echo ---; cat -- "$1.pub" 2>/dev/null || echo "nopub"',
    'sh',
    file,
  ]);
  // a missing key: (1, 'SSH Key file … does not exist', '') — the result shows the empty stderr
  if (r.rc === 3) return { ssh_fingerprint: '', ssh_public_key: null };
  const [head = '', pub = ''] = r.out.split('\n---\n');
  const rc = /rc=(\d+)\n?$/.exec(head)?.[1];
  const fingerprint = rc === '0' ? head.replace(/rc=\d+\n?$/, '').trim() : r.err.trim();
  return { ssh_fingerprint: fingerprint, ssh_public_key: pub.trim() === 'nopub' ? null : pub.trim() };
}
