// Site roles that replace shipped ones must not half-work: a shipped playbook loads only when each
// role it resolves from the site (./roles, roles_path) has every entry point the shipped playbooks
// and roles use from it — tasks/main.yml for `roles:` and dependencies, tasks/X.yml for
// `tasks_from: X` — and the defaults file the shipped role has. Checked at load, so
// --syntax-check and --list-tasks refuse it too, before anything runs (ansible-playbook would
// fail mid-run at the include, or run a role without its defaults).
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Loader } from '../loader/index.js';
import { RunbookError } from '../util/index.js';

/** One use of a role by the shipped tree: the role, the tasks file it enters, the file using it. */
export interface RoleUse {
  role: string;
  entry: string;
  from: string;
}

const INCLUDES = new Set(['include_role', 'import_role'].flatMap((a) => [a, `ansible.builtin.${a}`]));

function roleName(entry: unknown): string | undefined {
  if (typeof entry === 'string') return entry;
  if (entry instanceof Map) {
    const n: unknown = entry.get('role') ?? entry.get('name');
    return typeof n === 'string' ? n : undefined;
  }
  return undefined;
}

/** Every role use in one parsed YAML document (plays, task lists, blocks, role meta). */
function usesIn(doc: unknown, file: string, out: RoleUse[]): void {
  if (Array.isArray(doc)) {
    for (const item of doc) usesIn(item, file, out);
    return;
  }
  if (!(doc instanceof Map)) return;
  // the loader's YAML mappings are Maps (keys in order, with positions)
  const d = Object.fromEntries(doc) as Record<string, unknown>;
  for (const key of ['roles', 'dependencies']) {
    if (!Array.isArray(d[key])) continue;
    for (const r of d[key] as unknown[]) {
      const role = roleName(r);
      if (role && !role.includes('{{')) out.push({ role, entry: 'main', from: file });
    }
  }
  for (const [k, v] of Object.entries(d)) {
    if (INCLUDES.has(k) && v instanceof Map) {
      const role = roleName(v);
      const from: unknown = v.get('tasks_from');
      const entry = typeof from === 'string' ? from.replace(/\.ya?ml$/, '') : 'main';
      if (role && !role.includes('{{') && !entry.includes('{{')) out.push({ role, entry, from: file });
    }
    if (['block', 'rescue', 'always', 'tasks', 'pre_tasks', 'post_tasks', 'handlers'].includes(k)) usesIn(v, file, out);
  }
}

function yamlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) =>
      e.isDirectory() ? yamlFiles(join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [join(dir, e.name)] : [],
    );
}

/** The role uses of the shipped playbooks and roles (tasks and meta files). */
function shippedRoleUses(shipped: string, loader: Loader): RoleUse[] {
  const out: RoleUse[] = [];
  const files = [
    ...yamlFiles(join(shipped, 'playbooks')),
    ...yamlFiles(join(shipped, 'roles')).filter((f) => /\/(tasks|meta)\//.test(f)),
  ];
  for (const file of files) {
    for (const doc of loader.readYaml(file).documents) usesIn(doc, relative(shipped, file), out);
  }
  return out;
}

const present = (dir: string, stem: string): boolean =>
  ['.yml', '.yaml', ''].some((ext) => existsSync(join(dir, `${stem}${ext}`)));

/**
 * Refuses a site role that lacks what the shipped one provides and the shipped tree uses, naming
 * the missing file. `rolePaths` is the search order; the last entry is the shipped roles. The
 * shipped tree is read for its role uses only when some shipped role is replaced.
 */
export function checkRoleOverrides(shippedTree: string, loader: Loader, rolePaths: string[]): void {
  const shippedRoles = join(shippedTree, 'roles');
  const replaced = new Map<string, string>();
  for (const role of existsSync(shippedRoles) ? readdirSync(shippedRoles) : []) {
    const dir = rolePaths.map((p) => join(p, role)).find((d) => existsSync(d));
    if (dir && dir !== join(shippedRoles, role)) replaced.set(role, dir);
  }
  if (!replaced.size) return;
  for (const use of shippedRoleUses(shippedTree, loader)) {
    const dir = replaced.get(use.role);
    if (!dir) continue;
    const shipped = join(shippedRoles, use.role);
    const need = [`tasks/${use.entry}`, 'defaults/main'].find((f) => present(shipped, f) && !present(dir, f));
    if (need)
      throw new RunbookError(
        `the role '${use.role}' at ${dir} replaces the shipped one but has no ${need}.yml, which ${use.from} uses: ` +
          `give it ${join(dir, `${need}.yml`)} (the shipped one is ${join(shipped, `${need}.yml`)}), or remove the site role`,
        { file: join(dir, need.split('/')[0]!) },
        { exitCode: 4 },
      );
  }
}
