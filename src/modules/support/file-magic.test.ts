// stat's file(1) helper run through a real sh, as a kept SSH shell runs it: the same line as a
// file(1) of its own for every path, one file(1) process for the shell however many paths, and
// nothing of it reaching the commands run after (descriptors) or outliving the shell.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { framed } from '../../connection/ssh-session.js';
import { mimeFunction } from './file-magic.js';
import { shellProgram } from './shell-program.js';

const dir = mkdtempSync(join(tmpdir(), 'rb-magic-'));
writeFileSync(join(dir, 'a.txt'), 'hello\n');
writeFileSync(join(dir, 'b.bin'), Buffer.from([0, 1, 2, 0xff, 0x7f, 0x45, 0x4c, 0x46]));
writeFileSync(join(dir, 'new\nline'), '{"a": 1}\n');
const paths = [join(dir, 'a.txt'), join(dir, 'b.bin'), dir, join(dir, 'missing'), join(dir, 'new\nline'), '/dev/null'];
const q = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

// no silent skip: without file(1) every test here fails with this message
const hasFile = execFileSync('sh', ['-c', 'command -v file || true'], { encoding: 'utf8' }).trim() !== '';

function sh(script: string): string {
  if (!hasFile) throw new Error('file(1) is missing on this machine: apt-get install -y file');
  return execFileSync('sh', ['-c', script], { encoding: 'utf8', cwd: dir, timeout: 20_000 });
}

const program = (keep: boolean, path: string): string =>
  shellProgram('rb_m', [mimeFunction(keep), `printf 'M:'; rb_mime ${q(path)} || echo`, 'return 0']);

describe("stat's file(1) helper (file-magic.ts)", () => {
  const direct = sh(paths.map((p) => `file --mime-type --mime-encoding -- ${q(p)} 2>/dev/null`).join('\n'));

  it('answers every path as a file(1) of its own does, kept or not', () => {
    for (const keep of [true, false]) {
      const out = sh(paths.map((p, i) => framed(program(keep, p), `T${i}`, { inPlace: 'program' })).join(''));
      const lines = out.split('\n').filter((l) => l.startsWith('M:'));
      expect(lines.map((l) => l.slice(2)).join('\n')).toBe(direct.replace(/\n$/, ''));
    }
  });

  it('starts one file(1) for the shell, and the commands after it do not hold its descriptors', () => {
    const asks = paths
      .slice(0, 3)
      .map((p, i) => framed(program(true, p), `A${i}`, { inPlace: 'program' }))
      .join('');
    // the shell's children named file, counted after three programs; then a command's own fds
    const out = sh(
      `${asks}echo "helpers:$(ps -o comm= --ppid $$ | grep -c '^file$')"\n` +
        framed("'/bin/ls' /proc/self/fd", 'L', { inPlace: true }) +
        framed('ls /proc/self/fd', 'S', {}),
    );
    expect(out).toContain('helpers:1\n');
    const fds = out
      .split(/@@RB[LS]:0@@/)
      .slice(0, 2)
      .map((part) => part.split('\n').filter((l) => /^\d+$/.test(l)));
    for (const list of fds) expect(list.filter((fd) => fd === '7' || fd === '8')).toEqual([]);
  });

  it('ends with the shell, leaving no fifo behind', () => {
    const out = sh(
      `${framed(program(true, paths[0]!), 'E', { inPlace: 'program' })}` +
        `echo "pid:$$ helper:$(ps -o pid=,comm= --ppid $$ | awk '$2 == "file" { print $1 }')"`,
    );
    const [, pid, helper] = /pid:(\d+) helper:(\d+)/.exec(out) ?? [];
    expect(helper).toBeDefined();
    const left = execFileSync('sh', ['-c', `ls -a "\${TMPDIR:-/tmp}" | grep -c "^.rb-magic-${pid}" || true`], {
      encoding: 'utf8',
    });
    expect(left.trim()).toBe('0');
    // the helper reads until the shell's end of its input closes: gone once the shell is
    // (waited for up to 10 s on a busy machine)
    const gone = execFileSync(
      'sh',
      [
        '-c',
        `i=0; while kill -0 ${helper} 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done; kill -0 ${helper} 2>/dev/null && echo alive || echo gone`,
      ],
      { encoding: 'utf8', timeout: 20_000 },
    );
    expect(gone.trim()).toBe('gone');
  });
});
