// -vvv: what a connection does, as Ansible's connection plugins display it at that verbosity
// ("<host> ESTABLISH SSH CONNECTION FOR USER: root", "<host> EXEC /bin/sh -c '…'", "<host> PUT
// … TO …"), for runbook's connections (one SSH connection with persistent shells: ESTABLISH is
// told once per connection, not once per task); -vvvv adds each command's exit code.
import type { Connection } from './types.js';

export function verboseConnection(
  conn: Connection,
  how: { kind: 'ssh' | 'local'; user: string; port?: number },
  display: (text: string, level: number) => void,
): Connection {
  const tag = `<${conn.host}>`;
  display(
    how.kind === 'local'
      ? `${tag} ESTABLISH LOCAL CONNECTION FOR USER: ${how.user}`
      : `${tag} ESTABLISH SSH CONNECTION FOR USER: ${how.user}${how.port ? ` (port ${how.port})` : ''}`,
    3,
  );
  const quote = (s: string): string => `'${s.replace(/'/g, `'"'"'`)}'`;
  return new Proxy(conn, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      const fn = (value as (...a: unknown[]) => unknown).bind(target);
      if (prop === 'exec' || prop === 'execArgv')
        return async (cmd: string | string[], ...rest: unknown[]) => {
          display(
            `${tag} EXEC ${prop === 'exec' ? `/bin/sh -c ${quote(cmd as string)}` : (cmd as string[]).map(quote).join(' ')}`,
            3,
          );
          const r = (await fn(cmd, ...rest)) as { exitCode: number };
          display(`${tag} (${r.exitCode})`, 4);
          return r;
        };
      if (prop === 'writeFileAtomic')
        return async (path: string, data: Buffer | string, ...rest: unknown[]) => {
          display(`${tag} PUT (${Buffer.byteLength(data)} bytes) TO ${path}`, 3);
          return fn(path, data, ...rest);
        };
      if (prop === 'readFile')
        return async (path: string) => {
          display(`${tag} FETCH ${path}`, 3);
          return fn(path);
        };
      return fn;
    },
  });
}
