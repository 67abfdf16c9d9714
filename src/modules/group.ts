// group: a local group present (with a gid) or absent — ansible/modules/group.py's Group on Linux:
// groupadd/groupmod/groupdel (lgroup* with `local`, the group then looked for in /etc/group), the
// group read back with getent (grp.getgrnam: NSS).
import { defineModule, keepingWarnings, moduleFail, type ModuleContext, type ModuleResult } from './define.js';
import { getent } from './support/getent.js';
import { requiredPath, runArgv, type RunResult } from './support/host-run.js';

type A = Record<string, unknown>;

const NOT_IN_FILE =
  "'local: true' specified and group was not found in /etc/group. The local group may already exist if the local group database exists somewhere other than /etc/group.";

/** group_exists: NSS, or with `local` a line of /etc/group (warned about when there is none). */
async function groupExists(ctx: ModuleContext, name: string, local: boolean, warnings: string[]): Promise<boolean> {
  if (!local) return (await getent(ctx, 'group', name)) !== undefined;
  const r = await ctx.conn.execArgv(
    ['sh', '-c', '[ -e /etc/group ] || exit 2; grep -q "^$1:" /etc/group', 'sh', name],
    {
      env: ctx.env,
    },
  );
  if (r.exitCode === 2) moduleFail("'local: true' specified but unable to find local group file /etc/group to parse.");
  if (r.exitCode !== 0 && !warnings.includes(NOT_IN_FILE)) warnings.push(NOT_IN_FILE);
  return r.exitCode === 0;
}

/** get_bin_path(tool, required=True), and for `local` _local_check_gid_exists before it. */
async function tool(ctx: ModuleContext, a: A, name: string): Promise<string> {
  const full = a.local ? `l${name}` : name;
  if (a.local && a.gid != null && name !== 'groupdel') {
    const r = await ctx.conn.exec('getent group', { env: ctx.env });
    for (const line of r.stdout.split('\n')) {
      const [gn, , gid] = line.split(':');
      if (gid !== undefined && Number(gid) === a.gid && gn !== a.name)
        moduleFail(`GID '${String(a.gid)}' already exists with group '${gn}'`);
    }
  }
  return requiredPath(ctx, full);
}

const gidFlags = (a: A): string[] => (a.gid != null ? ['-g', String(a.gid), ...(a.non_unique ? ['-o'] : [])] : []);

/** group_mod: groupmod -g when the gid differs (rc undefined when nothing does; 0 in check mode). */
async function modify(ctx: ModuleContext, a: A, name: string): Promise<RunResult | undefined> {
  const bin = await tool(ctx, a, 'groupmod');
  const info = await getent(ctx, 'group', name);
  if (a.gid == null || Number(info?.[2]) === Number(a.gid)) return undefined;
  if (ctx.checkMode) return { rc: 0, out: '', err: '' };
  return runArgv(ctx, [bin, ...gidFlags(a), name]);
}

async function change(ctx: ModuleContext, a: A, name: string, there: boolean): Promise<RunResult | undefined> {
  if (a.state === 'absent') return there ? runArgv(ctx, [await tool(ctx, a, 'groupdel'), name]) : undefined;
  if (there) return modify(ctx, a, name);
  return runArgv(ctx, [await tool(ctx, a, 'groupadd'), ...gidFlags(a), ...(a.system ? ['-r'] : []), name]);
}

async function main(a: A, ctx: ModuleContext, warnings: string[]): Promise<ModuleResult> {
  const name = String(a.name);
  const there = await groupExists(ctx, name, a.local === true, warnings);
  // check mode ends the module before a group is made or removed: only `changed`
  if (ctx.checkMode && (a.state === 'absent') === there) return { changed: true };
  const r = await change(ctx, a, name, there);
  if (r && r.rc !== 0) moduleFail(r.err, { name });
  const result: A = { name, state: a.state };
  if (r?.out) result.stdout = r.out;
  if (r?.err) result.stderr = r.err;
  if (await groupExists(ctx, name, a.local === true, warnings)) {
    const info = await getent(ctx, 'group', name);
    Object.assign(result, { system: a.system, gid: Number(info?.[2]) });
  }
  return { changed: r !== undefined, data: result };
}

function run(a: A, ctx: ModuleContext): Promise<ModuleResult> {
  const warnings: string[] = [];
  return keepingWarnings(warnings, () => main(a, ctx, warnings));
}

export default defineModule({
  name: 'group',
  argRules: { requiredIf: [['non_unique', true, ['gid']]] },
  collection: 'ansible.builtin',
  description: 'Adds or removes groups',
  checkMode: 'supported',
  args: {
    name: { type: 'str', required: true, description: 'The group.' },
    state: { type: 'str', default: 'present', choices: ['absent', 'present'], description: 'Whether it should exist.' },
    gid: { type: 'int', description: 'Its gid.' },
    system: { type: 'bool', default: false, description: 'A system group (groupadd -r).' },
    local: { type: 'bool', default: false, description: 'Use lgroupadd and friends.' },
    non_unique: { type: 'bool', default: false, description: 'Allow a gid in use (-o).' },
  },
  run,
});
