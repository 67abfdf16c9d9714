// The answer of a module's one-round-trip shell program (put-file.ts, file-state.ts): one
// `KEY:value` line per fact it found or step it took, and a file's stat as `%f|%s|%u|%g|%Y`
// (read by the SSH connection's parseStat).
import { RemoteError, type Connection } from '../../connection/index.js';
import { shellProgram } from './shell-program.js';

/** `stat -L -c` format of STAT_LINE's fields (raw mode in hex). */
export const STAT_FORMAT = `'%f|%s|%u|%g|%Y'`;

/**
 * Runs a program (`body`, a shell function's: it returns, never exits — shell-program.ts) in
 * place where the connection keeps its shell; a non-zero status is the host's error (its stderr).
 */
export async function askHost(
  conn: Connection,
  name: string,
  body: string[],
  what: string,
): Promise<Map<string, string>> {
  const res = await conn.exec(shellProgram(name, body), { inShell: true });
  if (res.exitCode !== 0)
    throw new RemoteError(res.stderr.trim() || `could not ${what} on ${conn.host} (exit ${res.exitCode})`);
  const fields = new Map<string, string>();
  for (const line of res.stdout.split('\n')) {
    const i = line.indexOf(':');
    if (i > 0) fields.set(line.slice(0, i), line.slice(i + 1));
  }
  return fields;
}
