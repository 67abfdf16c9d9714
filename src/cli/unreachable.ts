// Hosts reached over SSH: the SSH transport is the next issue (5). Until then every SSH
// host is reported UNREACHABLE with that reason, never silently run locally.
import { HostUnreachable, type Connection } from '../connection/index.js';

export function unreachableConnection(host: string, vars: Map<string, unknown>): Connection {
  const target = `${String(vars.get('ansible_host') ?? host)}${vars.has('ansible_port') ? `:${String(vars.get('ansible_port'))}` : ''}`;
  const fail = (): never => {
    throw new HostUnreachable(`Failed to connect to the host via ssh: ${target}: runbook's SSH transport is not implemented yet (issue 5); use ansible_connection=local`);
  };
  return {
    host, exec: fail, execArgv: fail, stat: fail, readFile: fail, writeFileAtomic: fail, mkdir: fail, chmod: fail,
    remove: fail, symlink: fail, link: fail, readdir: fail, touch: fail, close: async () => undefined,
  };
}
