// Search-path resolution shared by the file lookups and template includes: Ansible looks
// for a relative name in each search path in order, and in its `files`/`templates`/`vars`
// subdirectory first (DataLoader.path_dwim_relative_stack).
import { isAbsolute, join, resolve } from 'node:path';
import type { Loader } from './types.js';
import { expandUser } from '../util/index.js';

/** The candidate paths for `name`, in the order Ansible tries them. */
export function candidates(name: string, searchPaths: readonly string[], subdir?: string): string[] {
  if (isAbsolute(name)) return [name];
  // a path from ~ is the user's, not searched for (unfrackpath)
  if (/^~(\/|$)/.test(name)) return [expandUser(name)];
  const out: string[] = [];
  for (const base of searchPaths) {
    if (subdir) out.push(join(base, subdir, name));
    out.push(join(base, name));
  }
  if (!searchPaths.length) out.push(resolve(name));
  return out;
}

/** Whether path_dwim_relative_stack searches for `name`: not for an absolute path or one from ~. */
export function isSearched(name: string): boolean {
  return !isAbsolute(name) && !name.startsWith('~');
}

/** AnsibleFileNotFound's message (errors/__init__.py at stable-2.14) for the candidates searched. */
export function fileNotFoundMessage(name: string, searched: readonly string[]): string {
  const where = searched.length ? `\nSearched in:\n\t${searched.join('\n\t')}` : '';
  const what = name ? `Could not find or access '${name}'` : 'Could not find file';
  return (
    `${what}${where} on the Ansible Controller.\n` +
    'If you are using a module and expect the file to exist on the remote, see the remote_src option'
  );
}

/** The first existing candidate, or undefined. */
export function findFile(
  loader: Loader,
  name: string,
  searchPaths: readonly string[],
  subdir?: string,
): string | undefined {
  return candidates(name, searchPaths, subdir).find((p) => loader.exists(p) && !loader.isDirectory(p));
}
