// Asking for a password, as getpass does for ansible-vault: on a terminal without echo (the
// label on stderr); without one, the next line of stdin (so `printf 'pw\n' | runbook vault view
// --ask-vault-pass f` works in scripts). The password never appears in argv or output.
import { readFileSync, readSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

let piped: string[] | undefined;

function lineFromTerminal(): string {
  const buf = Buffer.alloc(1);
  const bytes: number[] = [];
  for (;;) {
    let n = 0;
    try {
      n = readSync(0, buf, 0, 1, null);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EAGAIN') continue;
      throw e;
    }
    if (n === 0 || buf[0] === 0x0a || buf[0] === 0x0d) break;
    bytes.push(buf[0]!);
  }
  return Buffer.from(bytes).toString('utf8');
}

export function promptPassword(label: string): string {
  if (!process.stdin.isTTY) {
    piped ??= readFileSync(0, 'utf8').split(/\r?\n/);
    return piped.shift() ?? '';
  }
  process.stderr.write(label);
  spawnSync('stty', ['-echo'], { stdio: ['inherit', 'ignore', 'ignore'] });
  try {
    return lineFromTerminal();
  } finally {
    spawnSync('stty', ['echo'], { stdio: ['inherit', 'ignore', 'ignore'] });
    process.stderr.write('\n');
  }
}

/**
 * A vars_prompt answer on a terminal (Display.prompt): getpass without echo when private,
 * input() with its echo otherwise.
 */
export function promptLine(label: string, isPrivate: boolean): string {
  if (isPrivate) return promptPassword(label);
  process.stdout.write(label);
  return lineFromTerminal();
}
