import { describe, expect, it } from 'vitest';
import type { Connection } from './types.js';
import { verboseConnection } from './verbose.js';

// an in-memory stand-in for a connection: only what the wrapper calls
const fake = {
  host: 'web1',
  exec: () => Promise.resolve({ exitCode: 0, stdout: 'x', stderr: '' }),
  execArgv: () => Promise.resolve({ exitCode: 3, stdout: '', stderr: '' }),
  writeFileAtomic: () => Promise.resolve(),
  readFile: () => Promise.resolve(Buffer.from('')),
  stat: () => Promise.resolve({ exists: false }),
} as unknown as Connection;

describe('verboseConnection (-vvv)', () => {
  it('tells the connection once, then each command and file, with exit codes from -vvvv', async () => {
    const lines: [string, number][] = [];
    const c = verboseConnection(fake, { kind: 'ssh', user: 'root', port: 2222 }, (t, l) => lines.push([t, l]));
    await c.exec("echo 'a'");
    await c.execArgv(['ls', '-l']);
    await c.writeFileAtomic('/etc/x', 'abc');
    await c.readFile('/etc/y');
    await c.stat('/etc/z');
    expect(lines).toEqual([
      ['<web1> ESTABLISH SSH CONNECTION FOR USER: root (port 2222)', 3],
      [`<web1> EXEC /bin/sh -c 'echo '"'"'a'"'"''`, 3],
      ['<web1> (0)', 4],
      ["<web1> EXEC 'ls' '-l'", 3],
      ['<web1> (3)', 4],
      ['<web1> PUT (3 bytes) TO /etc/x', 3],
      ['<web1> FETCH /etc/y', 3],
    ]);
  });
});
