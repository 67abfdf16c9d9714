// os.path.expanduser for the user runbook runs as: `~` and `~/…` become the home directory;
// `~name` is left as written.
import { homedir } from 'node:os';

export function expandUser(path: string): string {
  return path === '~' || path.startsWith('~/') ? `${homedir()}${path.slice(1)}` : path;
}
