// AnsibleModule's `type='path'` arguments (module_utils/common/validation.py check_type_path):
// os.path.expanduser(os.path.expandvars(value)), done in the module's process on the host — as the
// become user, with the task's environment. A value with no `~` at its start and no `$` costs
// nothing; any other is expanded after one look at the host (its variables and home directories).
import type { Connection } from '../connection/index.js';
import type { ArgSpec } from '../modules/index.js';
import { shellQuote } from '../util/index.js';

/**
 * Paths an action plugin reads on the controller, not the module on the host: template's src,
 * copy's and unarchive's without remote_src, assemble's with remote_src false.
 */
function onController(module: string, key: string, args: Record<string, unknown>): boolean {
  if (key !== 'src') return false;
  if (module === 'template') return true;
  if (module === 'copy' || module === 'unarchive') return args.remote_src !== true;
  return module === 'assemble' && args.remote_src === false;
}

// Arguments an action plugin expands itself with _remote_expand_user (only `~`): fetch's src
const REMOTE_USER_ONLY = new Set(['fetch.src']);

// posixpath.expandvars: $name or ${name}, \w in ASCII
const VAR = /\$(\w+|\{[^}]*\})/g;

function needsHost(v: unknown): v is string {
  return typeof v === 'string' && (v.startsWith('~') || v.includes('$'));
}

/** The arguments with every host path expanded as the module would expand it. */
export async function expandPathArgs(
  module: { name: string; args: ArgSpec },
  args: Record<string, unknown>,
  conn: Connection,
  env: Record<string, string>,
): Promise<Record<string, unknown>> {
  const userOnly = (k: string): boolean => REMOTE_USER_ONLY.has(`${module.name}.${k}`);
  const keys = Object.keys(module.args).filter((k) =>
    userOnly(k)
      ? typeof args[k] === 'string' && args[k].startsWith('~')
      : module.args[k]?.type === 'path' && !onController(module.name, k, args) && needsHost(args[k]),
  );
  if (!keys.length) return args;
  const values = keys.map((k) => args[k] as string);
  const host = await lookAtHost(values, conn, env);
  const out = { ...args };
  for (const k of keys) {
    const v = args[k] as string;
    out[k] = expandUser(userOnly(k) ? v : expandVars(v, host.vars), host);
  }
  return out;
}

interface HostView {
  vars: Map<string, string>;
  homes: Map<string, string>;
  /** HOME, else the current user's home from the password database. */
  home: string;
}

/** The variables the values name, then the homes of the users they name (two looks at most). */
async function lookAtHost(values: string[], conn: Connection, env: Record<string, string>): Promise<HostView> {
  const names = new Set<string>(['HOME']);
  for (const v of values) for (const m of v.matchAll(VAR)) names.add(varName(m[1] ?? ''));
  const { vars, self } = await hostVars([...names], conn, env);
  // the user of a `~user` prefix is read after expandvars, as expanduser reads it
  const users = new Set(values.map((v) => userOf(expandVars(v, vars))).filter((u) => u !== ''));
  if (!vars.has('HOME') && self) users.add(self);
  const homes = users.size ? await userHomes([...users], conn, env) : new Map<string, string>();
  return { vars, homes, home: vars.get('HOME') ?? homes.get(self) ?? '' };
}

function userOf(path: string): string {
  if (!path.startsWith('~')) return '';
  const slash = path.indexOf('/', 1);
  return path.slice(1, slash === -1 ? path.length : slash);
}

/** The named variables the module's process would have, and the user it runs as. */
async function hostVars(
  names: string[],
  conn: Connection,
  env: Record<string, string>,
): Promise<{ vars: Map<string, string>; self: string }> {
  const lines = names
    .filter((n) => /^\w+$/.test(n))
    .map((n) => `if [ "\${${n}+set}" = set ]; then printf 'v %s=%s\\0' ${shellQuote(n)} "$${n}"; fi`);
  const r = await conn.exec(`${lines.join('\n')}\nprintf 'u %s\\0' "$(id -un 2>/dev/null)"`, { env });
  const vars = new Map<string, string>();
  let self = '';
  for (const rec of r.stdout.split('\0')) {
    const eq = rec.indexOf('=');
    if (rec.startsWith('v ') && eq > 0) vars.set(rec.slice(2, eq), rec.slice(eq + 1));
    else if (rec.startsWith('u ')) self = rec.slice(2);
  }
  return { vars, self };
}

/** pwd.getpwnam for each user: the password database (getent where there is one, else /etc/passwd). */
async function userHomes(users: string[], conn: Connection, env: Record<string, string>): Promise<Map<string, string>> {
  const ask = users.map(
    (u) =>
      `h=$( (getent passwd ${shellQuote(u)} 2>/dev/null || awk -F: -v u=${shellQuote(u)} '$1==u' /etc/passwd) | head -n1 | cut -d: -f6); [ -n "$h" ] && printf '%s=%s\\0' ${shellQuote(u)} "$h"`,
  );
  const r = await conn.exec(`${ask.join('; ')}; true`, { env });
  const homes = new Map<string, string>();
  for (const rec of r.stdout.split('\0')) {
    const eq = rec.indexOf('=');
    if (eq > 0) homes.set(rec.slice(0, eq), rec.slice(eq + 1));
  }
  return homes;
}

function varName(group: string): string {
  return group.startsWith('{') && group.endsWith('}') ? group.slice(1, -1) : group;
}

/** posixpath.expandvars: a variable the environment has is replaced, any other left as written. */
function expandVars(path: string, vars: Map<string, string>): string {
  if (!path.includes('$')) return path;
  return path.replace(VAR, (whole, group: string) => vars.get(varName(group)) ?? whole);
}

/** posixpath.expanduser: `~` is HOME, `~user` that user's home; an unknown user is left as written. */
function expandUser(path: string, host: HostView): string {
  if (!path.startsWith('~')) return path;
  const name = userOf(path);
  const home = name ? host.homes.get(name) : host.home;
  if (home === undefined || (!name && !home)) return path;
  return home.replace(/\/+$/, '') + path.slice(1 + name.length) || '/';
}
