// -vvv: what a connection does, as Ansible's connection plugins display it at that verbosity
// ("<host> ESTABLISH SSH CONNECTION FOR USER: root", "<host> EXEC /bin/sh -c '…'", "<host> PUT
// … TO …"), for runbook's connections (one SSH connection with persistent shells: ESTABLISH is
// told once per connection, not once per task); -vvvv adds each command's exit code.
import type { Connection } from './types.js';

/**
 * What the EXEC lines of one task may show. Ansible's carry the module's file
 * (`/usr/bin/python3 …/AnsiballZ_copy.py`), never its arguments, which travel in the module's
 * payload: so a module's program (its arguments inside) is named, not shown; raw's and script's
 * command is the command itself, shown as Ansible shows it; under no_log nothing of it is shown
 * (the no_log target of ansible-core's tests counts the lines that carry a task's arguments).
 */
export interface ExecShown {
  module: string;
  noLog: boolean;
}

const SHOWS_COMMAND = new Set(['raw', 'script']);

/** The ESTABLISH line, told once per connection. */
export function establishLine(host: string, how: { kind: 'ssh' | 'local'; user: string; port?: number }): string {
  return how.kind === 'local'
    ? `<${host}> ESTABLISH LOCAL CONNECTION FOR USER: ${how.user}`
    : `<${host}> ESTABLISH SSH CONNECTION FOR USER: ${how.user}${how.port ? ` (port ${how.port})` : ''}`;
}

function execLine(tag: string, cmd: string | string[], shown: ExecShown | undefined): string {
  if (shown?.noLog) return `${tag} EXEC (no_log: the command is not shown)`;
  const text = typeof cmd === 'string' ? cmd : cmd.join(' ');
  if (shown && !SHOWS_COMMAND.has(shown.module))
    return `${tag} EXEC the ${shown.module} module's program (${Buffer.byteLength(text)} bytes)`;
  const quote = (s: string): string => `'${s.replace(/'/g, `'"'"'`)}'`;
  return `${tag} EXEC ${typeof cmd === 'string' ? `/bin/sh -c ${quote(cmd)}` : cmd.map(quote).join(' ')}`;
}

/** The connection as one task uses it, telling at -vvv what it runs (`shown`: see ExecShown). */
export function verboseConnection(
  conn: Connection,
  display: (text: string, level: number) => void,
  shown?: ExecShown,
): Connection {
  const tag = `<${conn.host}>`;
  return new Proxy(conn, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      const fn = (value as (...a: unknown[]) => unknown).bind(target);
      if (prop === 'exec' || prop === 'execArgv')
        return async (cmd: string | string[], ...rest: unknown[]) => {
          display(execLine(tag, cmd, shown), 3);
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
