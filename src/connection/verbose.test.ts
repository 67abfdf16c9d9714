import { describe, expect, it } from 'vitest';
import type { Connection } from './types.js';
import { establishLine, verboseConnection, type ExecShown } from './verbose.js';

// an in-memory stand-in for a connection: only what the wrapper calls
const fake = {
  host: 'web1',
  exec: () => Promise.resolve({ exitCode: 0, stdout: 'x', stderr: '' }),
  execArgv: () => Promise.resolve({ exitCode: 3, stdout: '', stderr: '' }),
  writeFileAtomic: () => Promise.resolve(),
  readFile: () => Promise.resolve(Buffer.from('')),
  stat: () => Promise.resolve({ exists: false }),
} as unknown as Connection;

async function linesOf(shown?: ExecShown): Promise<[string, number][]> {
  const lines: [string, number][] = [];
  const c = verboseConnection(fake, (t, l) => lines.push([t, l]), shown);
  await c.exec("echo 'SECRET_A'");
  await c.execArgv(['echo', 'SECRET_B']);
  return lines;
}

describe('verboseConnection (-vvv)', () => {
  it('tells the connection, then each command and file, with exit codes from -vvvv', async () => {
    expect(establishLine('web1', { kind: 'ssh', user: 'root', port: 2222 })).toBe(
      '<web1> ESTABLISH SSH CONNECTION FOR USER: root (port 2222)',
    );
    expect(establishLine('web1', { kind: 'local', user: 'ops' })).toBe(
      '<web1> ESTABLISH LOCAL CONNECTION FOR USER: ops',
    );
    const lines: [string, number][] = [];
    const c = verboseConnection(fake, (t, l) => lines.push([t, l]));
    await c.exec("echo 'a'");
    await c.execArgv(['ls', '-l']);
    await c.writeFileAtomic('/etc/x', 'abc');
    await c.readFile('/etc/y');
    await c.stat('/etc/z');
    expect(lines).toEqual([
      [`<web1> EXEC /bin/sh -c 'echo '"'"'a'"'"''`, 3],
      ['<web1> (0)', 4],
      ["<web1> EXEC 'ls' '-l'", 3],
      ['<web1> (3)', 4],
      ['<web1> PUT (3 bytes) TO /etc/x', 3],
      ['<web1> FETCH /etc/y', 3],
    ]);
  });

  it("names a module's program without its arguments, as Ansible's EXEC names AnsiballZ_<module>.py", async () => {
    expect(await linesOf({ module: 'shell', noLog: false })).toEqual([
      ["<web1> EXEC the shell module's program (15 bytes)", 3],
      ['<web1> (0)', 4],
      ["<web1> EXEC the shell module's program (13 bytes)", 3],
      ['<web1> (3)', 4],
    ]);
  });

  it("shows raw's and script's command, which is the command itself", async () => {
    expect((await linesOf({ module: 'raw', noLog: false }))[0]).toEqual([
      `<web1> EXEC /bin/sh -c 'echo '"'"'SECRET_A'"'"''`,
      3,
    ]);
  });

  it('shows nothing of a command under no_log, raw included', async () => {
    for (const module of ['raw', 'command']) {
      const text = (await linesOf({ module, noLog: true })).map(([t]) => t).join('\n');
      expect(text).not.toContain('SECRET');
      expect(text).toContain('<web1> EXEC (no_log: the command is not shown)');
    }
  });
});
