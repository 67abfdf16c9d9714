// putFile's program writes in the shell itself (no subshell): these run it through a real
// /bin/sh on real files, with what a kept shell may meet — a temporary name someone left behind,
// a rename that fails — and check the file, the leftovers and the umask the shell is left with.
import { chmodSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LocalConnection, type Connection, type ExecOptions } from '../../connection/index.js';
import { putFile, type PutRequest } from './put-file.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function scratch(): string {
  const d = mkdtempSync(join(tmpdir(), 'rb-put-'));
  dirs.push(d);
  return d;
}

/** A local connection whose shell runs `before` ahead of each program and `after` behind it. */
function wrapped(before: string, after: string): Connection {
  const local = new LocalConnection('put');
  return new Proxy(local, {
    get(target, key, receiver) {
      if (key === 'exec')
        return (command: string, options?: ExecOptions) =>
          target.exec(`${before}\n${command}\n__rc=$?; ${after}; exit $__rc`, options);
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
}

const request = (dest: string, content: string, mode?: number): PutRequest => ({
  dest,
  content: Buffer.from(content),
  ...(mode !== undefined ? { mode } : {}),
  force: true,
  backup: false,
  check: false,
  wantOld: false,
  parent: 'fail',
});

describe('putFile in the shell itself', () => {
  it("writes through mktemp's name when the shell's own temporary name is taken, leaving that file alone", async () => {
    const dir = scratch();
    const conn = wrapped(`umask 022; printf stale > ${dir}/.rb-put-$$`, `umask > ${dir}/umask.after`);
    const out = await putFile(conn, request(join(dir, 'nova.conf'), 'debug = False\n', 0o640));
    expect(out).toMatchObject({ kind: 'done', wrote: true });
    expect(readFileSync(join(dir, 'nova.conf'), 'utf8')).toBe('debug = False\n');
    expect(statSync(join(dir, 'nova.conf')).mode & 0o7777).toBe(0o640);
    const stale = readdirSync(dir).filter((f) => f.startsWith('.rb-put-'));
    expect(stale).toHaveLength(1);
    expect(readFileSync(join(dir, stale[0] ?? ''), 'utf8')).toBe('stale');
    expect(readFileSync(join(dir, 'umask.after'), 'utf8').trim()).toBe('0022');
  });

  it('removes its temporary file and gives the umask back when the rename fails, the target untouched', async () => {
    const dir = scratch();
    const bin = join(dir, 'bin');
    const target = join(dir, 'nova.conf');
    writeFileSync(target, 'old\n');
    chmodSync(target, 0o600);
    // an mv that fails as a rename does on a full or read-only file system
    const fake = `mkdir -p ${bin}; printf '#!/bin/sh\\necho "mv: cannot move: Read-only file system" >&2; exit 1\\n' > ${bin}/mv; chmod +x ${bin}/mv`;
    const conn = wrapped(`${fake}; PATH=${bin}:$PATH; umask 027`, `umask > ${dir}/umask.after`);
    await expect(putFile(conn, request(target, 'new\n', 0o644))).rejects.toThrow(/Read-only file system/);
    expect(readFileSync(target, 'utf8')).toBe('old\n');
    expect(readdirSync(dir).filter((f) => f.startsWith('.rb-put-'))).toEqual([]);
    expect(readFileSync(join(dir, 'umask.after'), 'utf8').trim()).toBe('0027');
  });

  it('leaves noclobber as the shell had it', async () => {
    const dir = scratch();
    const conn = wrapped('set -C', `case $- in *C*) echo on;; *) echo off;; esac > ${dir}/opts.after`);
    await putFile(conn, request(join(dir, 'a.conf'), 'a\n'));
    expect(readFileSync(join(dir, 'opts.after'), 'utf8').trim()).toBe('on');
    expect(readFileSync(join(dir, 'a.conf'), 'utf8')).toBe('a\n');
  });
});
